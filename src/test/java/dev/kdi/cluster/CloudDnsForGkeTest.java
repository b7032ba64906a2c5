package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ObjectConverter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When Cloud DNS for GKE answers a cluster's DNS, and when a kube-dns Service without pods is
 * something else: a sick or scaled-down DNS of another cluster, which kdi reports as such.
 */
class CloudDnsForGkeTest {
    @TempDir
    Path dir;

    /** The GKE Autopilot layout with {@code from} replaced by {@code to}, as the DNS finds it. */
    DnsServers.Found locate(String from, String to, String extra) throws Exception {
        String yaml;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/layouts/gke-autopilot.yaml"))) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = Files.writeString(dir.resolve("cluster.yaml"), yaml.replace(from, to) + extra);
        return DnsServers.locate(new ManifestReader(() -> {
            throw new AssertionError("no stdin");
        }, new ObjectConverter(new Interner())).read(List.of(file.toString())).snapshot());
    }

    @Test
    @DisplayName("GKE Autopilot: kube-dns with nothing behind it on gk3- nodes is Cloud DNS, said in one note")
    void autopilot_isCloudDns() throws Exception {
        DnsServers.Found found = locate("", "", "");
        assertThat(found.source()).isEqualTo("kube-system/kube-dns (Cloud DNS for GKE Autopilot)");
        assertThat(found.replicas()).isEmpty();
        assertThat(found.notes()).containsExactly(CloudDnsForGke.NOTE);
        // The kube-dns Deployment GKE left at 0 replicas is not the server: the model's rules hold.
        assertThat(found.flavor()).isEqualTo(DnsServers.Flavor.COREDNS);
    }

    @Test
    @DisplayName("GKE Standard with Cloud DNS: the same on gke- nodes")
    void standard_isCloudDns() throws Exception {
        DnsServers.Found found = locate("gk3-autopilot-1-pool-2", "gke-std-1-default-pool", "");
        assertThat(found.source()).isEqualTo("kube-system/kube-dns (Cloud DNS for GKE)");
        assertThat(found.notes()).containsExactly(CloudDnsForGke.NOTE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not on GKE's nodes                          | gk3-autopilot-1-pool-2-3f2a9c1e-x7k2 | worker-1
            kube-dns's Deployment wants replicas        | 'replicas: 0'                        | 'replicas: 2'
            """)
    void otherwise_notCloudDns(String why, String from, String to) throws Exception {
        DnsServers.Found found = locate(from, to, "");
        // Whichever layout it is then, it is not Cloud DNS.
        assertThat(found.source()).as(why).startsWith("kube-system/kube-dns (").doesNotContain("Cloud DNS");
        assertThat(found.notes()).as(why).doesNotContain(CloudDnsForGke.NOTE);
    }

    @Test
    @DisplayName("a kube-dns pod that exists but is not ready is a sick kube-dns, not Cloud DNS")
    void aPodBehindTheService_isNotCloudDns() throws Exception {
        DnsServers.Found found = locate("", "", """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: kube-dns-5c8d7b6f9-abcde, namespace: kube-system, labels: {k8s-app: kube-dns}}
                spec:
                  nodeName: gk3-autopilot-1-pool-2-3f2a9c1e-x7k2
                  containers: [{name: kubedns, image: gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.9}]
                status: {phase: Running, podIP: 10.27.0.2, conditions: [{type: Ready, status: "False"}]}
                """);
        assertThat(found.source()).startsWith("kube-system/kube-dns (").doesNotContain("Cloud DNS");
        assertThat(found.replicas()).isEmpty();
        assertThat(found.notes()).doesNotContain(CloudDnsForGke.NOTE);
    }
}
