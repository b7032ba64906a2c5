package dev.kdi.records.lint;

import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static dev.kdi.records.lint.LintFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shared examples are the lint's ground truth: what it must say, and what it must not. */
class SeedExamplesLintTest {

    @Test
    @DisplayName("seed-headless is a correct manifest: no finding at all")
    void seedHeadless_noFindings() {
        List<Finding> findings = lint(LintFixtures.seedHeadless().kubeadm());
        assertThat(findings).isEmpty();
    }

    @Test
    @DisplayName("seed-subdomain gives pod-named-by-address info only")
    void seedSubdomain_onlyPodNamedByAddress() {
        List<Finding> findings = lint(LintFixtures.seedSubdomain().kubeadm());
        assertThat(problems(findings)).isEmpty();
        assertThat(codes(findings)).containsExactly("pod-named-by-address");
    }

    @Test
    @DisplayName("seed-subdomain names the StatefulSet's pods by their dashed address under sample-subdomain")
    void seedSubdomain_statefulSetPodsNamedByAddress() {
        List<Finding> findings = LintFixtures.withCode(lint(LintFixtures.seedSubdomain().kubeadm()), Rule.POD_NAMED_BY_ADDRESS);
        Finding f = findings.stream().filter(x -> x.primary().equals(ObjectRef.service("default", "sample-subdomain")))
                .findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.objects()).contains(new ObjectRef("StatefulSet", "default", "sample-statefulset-headless"),
                ObjectRef.pod("default", "sample-statefulset-headless-0"));
        assertThat(f.message())
                .contains("sample-statefulset-headless-0, sample-statefulset-headless-1 and sample-statefulset-headless-2")
                .contains("subdomain sample-headless")
                .contains("10-46-0-1.sample-subdomain.default.svc.cluster.local")
                .contains("sample-statefulset-headless-0.sample-headless.default.svc.cluster.local");
    }

    @Test
    @DisplayName("seed-subdomain: pod sample-subdomain is named by address under sample-headless")
    void seedSubdomain_subdomainPodNamedByAddressInTheOtherService() {
        List<Finding> findings = LintFixtures.withCode(lint(LintFixtures.seedSubdomain().kubeadm()), Rule.POD_NAMED_BY_ADDRESS);
        Finding f = findings.stream().filter(x -> x.primary().equals(ObjectRef.service("default", "sample-headless")))
                .findFirst().orElseThrow();
        assertThat(f.message()).contains("Pod default/sample-subdomain (subdomain sample-subdomain)")
                .contains("10-40-0-3.sample-headless.default.svc.cluster.local")
                .contains("sample-hostname.sample-subdomain.default.svc.cluster.local");
        assertThat(findings).hasSize(2);
    }

    @Test
    @DisplayName("clusterip gives pods-not-ready for web-c and unnamed-ports for cache, nothing else")
    void clusterIp_notReadyAndUnnamedPorts() {
        List<Finding> findings = lint(LintFixtures.clusterIp().plainFallingThrough());
        assertThat(codes(findings)).containsExactly("pods-not-ready", "unnamed-ports");
        Finding notReady = only(findings, Rule.PODS_NOT_READY);
        assertThat(notReady.primary()).isEqualTo(ObjectRef.service("shop", "web"));
        assertThat(notReady.objects()).contains(ObjectRef.pod("shop", "web-c"));
        assertThat(notReady.message()).contains("web-c").contains("10-244-3-7.web.shop.svc.cluster.local");
        Finding unnamed = only(findings, Rule.UNNAMED_PORTS);
        assertThat(unnamed.primary()).isEqualTo(ObjectRef.service("shop", "cache"));
        assertThat(unnamed.message()).contains("6379/TCP").contains("cache.shop.svc.cluster.local");
        assertThat(unnamed.fix()).contains("name: redis");
    }
}
