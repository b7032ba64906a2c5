package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.objects.Kinds;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The shared examples (shared/examples/*.yaml) built in code, and helpers to read findings. */
final class LintFixtures {
    private LintFixtures() {
    }

    /** seed-headless.yaml: headless Service sample-headless and its three-pod StatefulSet. */
    static TestCluster seedHeadless() {
        TestCluster c = new TestCluster()
                .add(svc("default", "sample-headless").headless().port("http-port", 80).selector("app", "sample-app").build())
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "default", "sample-statefulset-headless")
                        .labels("app", "sample-app").serviceName("sample-headless").replicas(3).build());
        String[] ips = {"10.46.0.1", "10.40.0.2", "10.46.0.2"};
        for (int i = 0; i < 3; i++) {
            String name = "sample-statefulset-headless-" + i;
            c.add(pod("default", name).labels("app", "sample-app").ip(ips[i]).hostname(name, "sample-headless")
                    .owner(Kinds.STATEFUL_SET, "sample-statefulset-headless").build());
        }
        return c;
    }

    /** seed-subdomain.yaml: seed-headless plus pod sample-subdomain and headless Service sample-subdomain. */
    static TestCluster seedSubdomain() {
        return seedHeadless()
                .add(pod("default", "sample-subdomain").labels("app", "sample-app").ip("10.40.0.3")
                        .hostname("sample-hostname", "sample-subdomain").build())
                .add(svc("default", "sample-subdomain").headless().selector("app", "sample-app").build());
    }

    /** clusterip.yaml: ClusterIP Services web (named ports, pod web-c not ready) and cache (unnamed port). */
    static TestCluster clusterIp() {
        return new TestCluster().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.50").port("http", 80, 8080).port("metrics", 9090)
                        .selector("app", "web").build())
                .add(svc("shop", "cache").clusterIp("10.96.0.60").port("", 6379).selector("app", "cache").build())
                .add(pod("shop", "web-a").labels("app", "web").ip("10.244.1.5").build())
                .add(pod("shop", "web-b").labels("app", "web").ip("10.244.2.6").build())
                .add(pod("shop", "web-c").labels("app", "web").ip("10.244.3.7").notReady().build())
                .add(pod("shop", "cache-0").labels("app", "cache").ip("10.244.1.9").build());
    }

    /** {@link TestCluster#withOptions} with reverse names handed on, as kubeadm's Corefile does. */
    static Corefile withOptions(String options) {
        return TestCluster.withOptions(options + "\n  fallthrough in-addr.arpa ip6.arpa");
    }

    static List<Finding> lint(DnsModel model) {
        return Lint.findings(model);
    }

    /** The distinct codes of the findings, sorted. */
    static Set<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<Finding> withCode(List<Finding> findings, Rule rule) {
        return findings.stream().filter(f -> f.code().equals(rule.code())).toList();
    }

    /** The one finding of a rule; fails when there is none or more than one. */
    static Finding only(List<Finding> findings, Rule rule) {
        List<Finding> matching = withCode(findings, rule);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + rule.code() + " finding, got " + matching + " among " + findings);
        }
        return matching.get(0);
    }

    /** The findings at warning or error level. */
    static List<Finding> problems(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
    }
}
