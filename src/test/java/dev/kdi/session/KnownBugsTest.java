package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.session.KnownBugs.Bug;
import dev.kdi.session.KnownBugs.Version;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownBugsTest {

    private static final Corefile KUBEADM = CorefileParser.kubeadmDefault();

    private static Corefile corefile(String text) throws Exception {
        return CorefileParser.parse(text, "test");
    }

    private static Version version(String text) {
        return Version.parse(text).orElseThrow();
    }

    private static Optional<String> issues(String release, Corefile corefile) {
        return Optional.of(String.join(" ", KnownBugs.affecting(version(release), corefile).stream()
                .map(Bug::issue).toList())).filter(s -> !s.isEmpty());
    }

    @Test
    void aReleaseInsideARowsRangeHasItsBug() {
        assertThat(issues("1.12.0", KUBEADM)).hasValue("coredns/coredns#7177");
        assertThat(issues("1.11.4", KUBEADM)).hasValue("coredns/coredns#7177");
        assertThat(issues("1.8.3", KUBEADM)).hasValue("coredns/coredns#4594");
        assertThat(issues("1.8.1", KUBEADM)).hasValue("coredns/coredns#4594");
        assertThat(issues("1.8.5", KUBEADM)).hasValue("coredns/coredns#4880");
        assertThat(issues("1.6.7", KUBEADM)).hasValue("coredns/coredns#3900");
    }

    @Test
    void theFixedReleaseAndOneBeforeTheRangeAreQuiet() {
        assertThat(issues("1.12.1", KUBEADM)).isEmpty();
        assertThat(issues("1.11.3", KUBEADM)).isEmpty();
        assertThat(issues("1.8.4", KUBEADM)).isEmpty();
        assertThat(issues("1.8.0", KUBEADM)).isEmpty();
        assertThat(issues("1.8.6", KUBEADM)).isEmpty();
        assertThat(issues("1.7.0", KUBEADM)).isEmpty();
        assertThat(issues("1.6.6", KUBEADM)).isEmpty();
        assertThat(issues("1.14.2", KUBEADM)).isEmpty();
    }

    @Test
    void aRowNeedsWhatItsBugIsIn() throws Exception {
        Corefile verifiedOverTls = corefile("""
                .:53 {
                    kubernetes cluster.local {
                        pods verified
                    }
                    forward . tls://1.1.1.1
                }
                """);
        assertThat(issues("1.11.0", verifiedOverTls)).hasValue("coredns/coredns#7119 coredns/coredns#6255");
        assertThat(issues("1.11.0", KUBEADM)).as("pods insecure, plain forward").isEmpty();
        // No reverse zones, no reload: neither the PTR nor the reload bug can be hit.
        assertThat(issues("1.12.0", verifiedOverTls)).hasValue("coredns/coredns#7119");
        assertThat(issues("1.8.5", verifiedOverTls)).hasValue("coredns/coredns#7119");
        assertThat(issues("1.6.7", corefile(".:53 {\n    kubernetes cluster.local\n}\n"))).isEmpty();
    }

    @Test
    void versionsComeFromBuildInfoOrAnImageTag() {
        assertThat(Version.parse("1.12.0")).hasValue(new Version(1, 12, 0));
        assertThat(Version.parse("v1.8.4")).hasValue(new Version(1, 8, 4));
        assertThat(Version.ofImage("registry.k8s.io/coredns/coredns:v1.12.0")).hasValue(new Version(1, 12, 0));
        assertThat(Version.ofImage("602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.1-eksbuild.4"))
                .hasValue(new Version(1, 11, 1));
        assertThat(Version.ofImage("localhost:5000/coredns:1.8.5@sha256:abc")).hasValue(new Version(1, 8, 5));
        assertThat(Version.ofImage("rancher/mirrored-coredns-coredns:1.10.1")).hasValue(new Version(1, 10, 1));
        assertThat(new Version(1, 10, 0)).isGreaterThan(new Version(1, 9, 4));
    }

    @Test
    void anUnknownVersionIsQuiet() {
        assertThat(Version.parse("")).isEmpty();
        assertThat(Version.parse("latest")).isEmpty();
        assertThat(Version.ofImage("quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:0123")).isEmpty();
        assertThat(Version.ofImage("localhost:5000/coredns")).isEmpty();
        assertThat(Version.ofImage("coredns")).isEmpty();
    }

    @Test
    void everyRowCitesUpstreamAndIsARealRange() {
        for (Bug b : KnownBugs.TABLE) {
            assertThat(b.issue()).matches("coredns/coredns#\\d+");
            assertThat(b.fix()).matches("coredns/coredns#\\d+");
            assertThat(b.from()).isLessThan(b.fixedIn());
            assertThat(b.affects(b.from())).isTrue();
            assertThat(b.affects(b.fixedIn())).isFalse();
        }
    }
}
