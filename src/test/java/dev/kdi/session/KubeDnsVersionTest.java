package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A kube-dns replica's version from its images: kube-dns has no build info to ask. */
class KubeDnsVersionTest {

    @ParameterizedTest(name = "{0} -> ''{1}''")
    @CsvSource(textBlock = """
            gke.gcr.io/k8s-dns-sidecar:1.23.0-gke.9,                1.23.0-gke.9
            registry.k8s.io/dns/k8s-dns-kube-dns:1.22.28,           1.22.28
            localhost:5000/k8s-dns-kube-dns,                         ''
            k8s-dns-kube-dns@sha256:0123abcd,                        ''
            localhost:5000/k8s-dns-kube-dns:1.22.28@sha256:0123abcd, 1.22.28
            """)
    @DisplayName("an image's tag: after the last colon of the name, not a registry's port nor a digest")
    void tag(String image, String tag) {
        assertThat(HealthReport.KubeDns.tag(image)).isEqualTo(tag);
    }

    @Test
    @DisplayName("one tag when the three images agree; none when they differ, one has none, or none is known")
    void sharedTag() {
        Map<String, String> same = images("1.23.0-gke.9", "1.23.0-gke.9", "1.23.0-gke.9");
        assertThat(new HealthReport.KubeDns(same, Optional.empty()).sharedTag()).contains("1.23.0-gke.9");
        Map<String, String> mixed = images("1.23.0-gke.9", "1.22.28", "1.23.0-gke.9");
        assertThat(new HealthReport.KubeDns(mixed, Optional.empty()).sharedTag()).isEmpty();
        Map<String, String> untagged = new LinkedHashMap<>(same);
        untagged.put("sidecar", "gke.gcr.io/k8s-dns-sidecar@sha256:0123abcd");
        assertThat(new HealthReport.KubeDns(untagged, Optional.empty()).sharedTag()).isEmpty();
        assertThat(new HealthReport.KubeDns(Map.of(), Optional.empty()).sharedTag()).isEmpty();
    }

    @Test
    @DisplayName("kube-dns's three containers count, not GKE's exporter; a pod naming none of them keeps them all")
    void images() {
        Map<String, String> gke = new LinkedHashMap<>(images("1.23.0-gke.9", "1.23.0-gke.9", "1.23.0-gke.9"));
        gke.put("prometheus-to-sd", "gke.gcr.io/prometheus-to-sd:v0.11.12-gke.11");
        assertThat(KubeDnsHealth.images(gke)).containsOnlyKeys("kubedns", "dnsmasq", "sidecar");
        Map<String, String> renamed = Map.of("dns", "example.com/dns:2.0");
        assertThat(KubeDnsHealth.images(renamed)).isEqualTo(renamed);
    }

    private static Map<String, String> images(String kubedns, String dnsmasq, String sidecar) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kubedns", "gke.gcr.io/k8s-dns-kube-dns:" + kubedns);
        m.put("dnsmasq", "gke.gcr.io/k8s-dns-dnsmasq-nanny:" + dnsmasq);
        m.put("sidecar", "gke.gcr.io/k8s-dns-sidecar:" + sidecar);
        return m;
    }
}
