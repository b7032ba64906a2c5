package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.lint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintOrderTest {

    /** Findings of every severity in several namespaces. */
    private static TestCluster mixed() {
        TestCluster c = LintFixtures.seedSubdomain().namespace("shop", "ext", "data")
                .add(svc("shop", "web").clusterIp("10.96.0.50").port("http", 80).selector("app", "web").build())
                .add(svc("shop", "cache").clusterIp("10.96.0.60").port("", 6379).selector("app", "cache").build())
                .add(pod("shop", "web-a").labels("app", "web").ip("10.244.1.5").build())
                .add(pod("shop", "web-c").labels("app", "web").ip("10.244.3.7").notReady().build())
                .add(svc("ext", "byip").externalName("192.0.2.10").build())
                .add(svc("ext", "peers").headless().selector("app", "peer").build())
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "data", "db").labels("app", "db").serviceName("db")
                        .replicas(2).build());
        return c;
    }

    private static ClusterSnapshot reversed(ClusterSnapshot s) {
        return new ClusterSnapshot(s.namespaces(), reverse(s.services()), reverse(s.endpointSlices()),
                reverse(s.endpoints()), reverse(s.pods()), reverse(s.workloads()), s.corefile());
    }

    private static <T> List<T> reverse(List<T> in) {
        List<T> out = new ArrayList<>(in);
        Collections.reverse(out);
        return out;
    }

    @Test
    void findings_areSortedBySeverityThenNamespaceKindNameAndCode() {
        List<Finding> findings = lint(mixed().plainFallingThrough());
        assertThat(findings).isSortedAccordingTo(Lint.ORDER);
        assertThat(findings).extracting(f -> f.code() + " " + f.primary()).containsExactly(
                "sts-service-missing StatefulSet data/db",
                "externalname-is-ip Service ext/byip",
                "headless-no-ready-endpoints Service ext/peers",
                "selector-matches-nothing Service shop/cache",
                "pod-named-by-address Service default/sample-headless",
                "pod-named-by-address Service default/sample-subdomain",
                "unnamed-ports Service shop/cache",
                "pods-not-ready Service shop/web");
    }

    @Test
    void findings_doNotDependOnTheOrderOfTheInput() {
        ClusterSnapshot snapshot = mixed().snapshot();
        DnsModel forward = DnsModel.build(snapshot, TestCluster.corefile(TestCluster.PLAIN_COREFILE));
        DnsModel backward = DnsModel.build(reversed(snapshot), TestCluster.corefile(TestCluster.PLAIN_COREFILE));
        assertThat(lint(backward)).isEqualTo(lint(forward));
    }

    @Test
    void catalogue_codesAreUniqueKebabCaseAndMostSevereFirst() {
        List<Rule> rules = Lint.catalogue();
        assertThat(rules).extracting(Rule::code).allMatch(c -> c.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(new HashSet<>(rules.stream().map(Rule::code).toList())).hasSameSizeAs(rules);
        assertThat(rules).extracting(Rule::severity).isSorted();
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.description()).doesNotContain("\n").endsWith(".").hasSizeLessThanOrEqualTo(110);
            assertThat(Rule.forCode(r.code())).contains(r);
        });
        assertThat(Rule.forCode("no-such-code")).isEmpty();
    }

    @Test
    void catalogue_holdsEveryCodeTheBriefAsksFor() {
        assertThat(Lint.catalogue()).extracting(Rule::code).contains("sts-service-missing", "sts-service-not-selecting",
                "subdomain-service-missing", "subdomain-service-not-selecting", "externalname-is-ip",
                "externalname-invalid", "name-not-dns-label", "fqdn-too-long", "hostname-fqdn-too-long",
                "headless-no-ready-endpoints", "selector-matches-nothing", "sts-service-not-headless",
                "template-hostname", "namespace-not-exposed", "dns-policy-host-network",
                "dns-policy-none-without-config", "dns-config-limits", "pods-not-ready", "publish-not-ready",
                "unnamed-ports", "pod-named-by-address");
    }

    @Test
    void finding_withoutObjects_isRefused() {
        assertThatThrownBy(() -> Finding.of(Rule.UNNAMED_PORTS, List.of(), "m", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unnamed-ports");
    }

    @Test
    void finding_carriesItsRulesSeverityAndCode() {
        Finding f = Finding.of(Rule.STS_SERVICE_MISSING, List.of(ObjectRef.service("a", "b")), "m", "f");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.code()).isEqualTo("sts-service-missing");
        assertThat(f.rule()).contains(Rule.STS_SERVICE_MISSING);
    }
}
