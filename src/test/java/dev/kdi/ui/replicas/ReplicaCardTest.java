package dev.kdi.ui.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.session.HealthReport;
import dev.kdi.session.HealthReport.Endpoint;
import dev.kdi.session.HealthReport.EndpointState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** One card's facts: CoreDNS's version from its build info, kube-dns's from its images, with dnsmasq's cache. */
@ExtendWith(ApplicationExtension.class)
class ReplicaCardTest {
    private static final Endpoint SIDECAR_METRICS = new Endpoint("/metrics", 10054, EndpointState.OK, 200,
            "61 series: dnsmasq cache 120 hits, 30 misses (80% hits), 0 evictions of 1000; probe errors: kubedns 0,"
                    + " dnsmasq 0");

    @Test
    @DisplayName("a CoreDNS card shows 'CoreDNS <version>' and no cache row")
    void coreDns() throws Exception {
        HealthReport.Counters c = new HealthReport.Counters("1.12.0", 10, Map.of(), Map.of(), Map.of(), 0, 0, 0,
                "coredns_forward_*", List.of(), 40, List.of());
        Map<String, String> facts = facts(replica(new Endpoint("/health", 8080, EndpointState.OK, 200, "OK"),
                new Endpoint("/metrics", 9153, EndpointState.OK, 200, "40 series"), Optional.of(c), Optional.empty()));
        assertThat(facts).containsEntry("Version", "CoreDNS 1.12.0").containsKeys("Restarts", "Endpoints")
                .doesNotContainKey("Cache");
    }

    @Test
    @DisplayName("a kube-dns card shows 'kube-dns <tag>' and dnsmasq's cache in a row of its own, not 'not CoreDNS'")
    void kubeDns() throws Exception {
        Map<String, String> images = new LinkedHashMap<>();
        images.put("kubedns", "gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.9");
        images.put("dnsmasq", "gke.gcr.io/k8s-dns-dnsmasq-nanny:1.23.0-gke.9");
        images.put("sidecar", "gke.gcr.io/k8s-dns-sidecar:1.23.0-gke.9");
        Map<String, String> facts = facts(kubeDns(new HealthReport.KubeDns(images,
                Optional.of(new HealthReport.DnsmasqCache(12_000, 3_000, 7, 1_000)))));
        assertThat(facts).containsEntry("Version", "kube-dns 1.23.0-gke.9")
                .containsEntry("Cache", "12,000 hits, 3,000 misses (80%) · 7 evictions · size 1,000");

        images.put("dnsmasq", "gke.gcr.io/k8s-dns-dnsmasq-nanny:1.22.28");
        images.put("sidecar", "gke.gcr.io/k8s-dns-sidecar@sha256:0123abcd");
        assertThat(facts(kubeDns(new HealthReport.KubeDns(images, Optional.empty())))).containsEntry("Version",
                "kube-dns kubedns 1.23.0-gke.9, dnsmasq 1.22.28, sidecar gke.gcr.io/k8s-dns-sidecar@sha256:0123abcd")
                .containsEntry("Cache", "unknown (/metrics answered 200)");
    }

    @Test
    @DisplayName("a kube-dns card whose pod and /metrics could not be read says so on both rows")
    void kubeDnsUnknown() throws Exception {
        HealthReport.Replica r = new HealthReport.Replica("kube-system/kube-dns-a", "", new Endpoint(
                "/healthcheck/kubedns", 10054, EndpointState.OK, 200, "{}"), new Endpoint("/readiness", 8081,
                EndpointState.OK, 200, "ok"), new Endpoint("/metrics", 10054, EndpointState.UNREACHABLE, 0,
                "connection refused"), Optional.empty(), Optional.empty(), -1, "",
                Optional.of(new HealthReport.KubeDns(Map.of(), Optional.empty())));
        assertThat(facts(r)).containsEntry("Version", "kube-dns (images unknown: the pod could not be read)")
                .containsEntry("Cache", "unknown (/metrics unreachable)");
    }

    private static HealthReport.Replica kubeDns(HealthReport.KubeDns k) {
        return replica(new Endpoint("/healthcheck/kubedns", 10054, EndpointState.OK, 200, "{}"), SIDECAR_METRICS,
                Optional.empty(), Optional.of(k));
    }

    private static HealthReport.Replica replica(Endpoint health, Endpoint metrics, Optional<HealthReport.Counters> c,
                                                Optional<HealthReport.KubeDns> k) {
        return new HealthReport.Replica("kube-system/dns-a", "node-1", health, new Endpoint("/ready", 8181,
                EndpointState.OK, 200, "OK"), metrics, c, Optional.empty(), 0, "", k);
    }

    /** The card's shown rows, key to value, as laid out after showing {@code r}. */
    private static Map<String, String> facts(HealthReport.Replica r) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            ReplicaCard card = new ReplicaCard();
            card.show(new ReplicasModel.ReplicaView(r, ReplicasModel.Verdict.HEALTHY, List.of(), Optional.empty(),
                    List.of()));
            Map<String, String> out = new LinkedHashMap<>();
            List<Node> cells = ((Parent) card.lookup(".kdi-replica-facts")).getChildrenUnmodifiable().stream()
                    .filter(n -> n.isVisible() && n.isManaged()).toList();
            for (int i = 0; i + 1 < cells.size(); i += 2) {
                Node value = cells.get(i + 1);
                out.put(((Label) cells.get(i)).getText(), value instanceof Label l ? l.getText() : "");
            }
            return out;
        }).get(10, TimeUnit.SECONDS);
    }
}
