package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static dev.kdi.records.lint.LintFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.PodDns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Corefile plugin lint codes: each fires on the mistake and stays quiet on the fix. */
class CorefilePluginLintTest {

    private static DnsModel model(String corefile) {
        TestCluster c = LintFixtures.seedHeadless().namespace("kube-system")
                .add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").port("dns", 53).build());
        return c.model(corefile);
    }

    @Test
    void hostsWithoutFallthroughInTheClusterBlockFiresAndWithItStaysQuiet() {
        Finding f = only(lint(model(".:53 {\n hosts {\n  10.0.0.1 db.example.org\n }\n kubernetes cluster.local\n}\n")),
                Rule.COREFILE_HOSTS_NO_FALLTHROUGH);
        assertThat(f.message()).contains("line 2) in block .:53 has no fallthrough for cluster.local.")
                .contains("SERVFAIL");
        assertThat(withCode(lint(model(".:53 {\n hosts {\n  10.0.0.1 db.example.org\n  fallthrough\n }\n"
                + " kubernetes cluster.local\n}\n")), Rule.COREFILE_HOSTS_NO_FALLTHROUGH)).isEmpty();
    }

    @Test
    void hostsWithoutFallthroughInAZoneOfItsOwnFiresForThatZoneOnly() {
        // The demo's custom zone story: unlisted names of the zone fail, cluster names are unharmed.
        Finding f = only(lint(model("corp.example:53 {\n hosts {\n  10.0.0.1 db.corp.example\n }\n}\n"
                + ".:53 {\n kubernetes cluster.local\n}\n")), Rule.COREFILE_HOSTS_NO_FALLTHROUGH);
        assertThat(f.message()).contains("line 2) in block corp.example:53 has no fallthrough: every name under "
                + "corp.example. that it does not list is SERVFAIL").contains("Cluster names never reach this block");
        assertThat(withCode(lint(model("corp.example:53 {\n hosts {\n  10.0.0.1 db.corp.example\n  fallthrough\n }\n}\n"
                + ".:53 {\n kubernetes cluster.local\n}\n")), Rule.COREFILE_HOSTS_NO_FALLTHROUGH)).isEmpty();
        // Fallthrough for the zone it serves is enough; for another zone it is not.
        assertThat(withCode(lint(model("corp.example:53 {\n hosts {\n  10.0.0.1 db.corp.example\n"
                + "  fallthrough corp.example\n }\n}\n.:53 {\n kubernetes cluster.local\n}\n")),
                Rule.COREFILE_HOSTS_NO_FALLTHROUGH)).isEmpty();
        assertThat(withCode(lint(model("corp.example:53 {\n hosts {\n  10.0.0.1 db.corp.example\n"
                + "  fallthrough other.example\n }\n}\n.:53 {\n kubernetes cluster.local\n}\n")),
                Rule.COREFILE_HOSTS_NO_FALLTHROUGH)).hasSize(1);
    }

    @Test
    void aCorefileFindingPointsAtTheConfigMapItsLineIsWrittenIn() throws Exception {
        String text = "lab.example:53 {\n hosts {\n  10.0.0.1 scanner.lab.example\n }\n}\n"
                + ".:53 {\n kubernetes cluster.local\n}\n";
        // OpenShift's DNS pods load their Corefile from their own ConfigMap, not kubeadm's.
        DnsModel openShift = DnsModel.build(LintFixtures.seedHeadless().snapshot(),
                CorefileParser.parse(text, "ConfigMap openshift-dns/dns-default key Corefile"));
        assertThat(only(lint(openShift), Rule.COREFILE_HOSTS_NO_FALLTHROUGH).objects())
                .containsExactly(new ObjectRef(Kinds.CONFIG_MAP, "openshift-dns", "dns-default"));
        // An imported file names its own ConfigMap (k3s's coredns-custom).
        assertThat(ClusterFacts.corefileObject("ConfigMap kube-system/coredns-custom key lab.server"))
                .isEqualTo(new ObjectRef(Kinds.CONFIG_MAP, "kube-system", "coredns-custom"));
        // Text from no ConfigMap (a file, kubeadm's default) points where kubeadm keeps it.
        assertThat(only(lint(model(text)), Rule.COREFILE_HOSTS_NO_FALLTHROUGH).objects())
                .containsExactly(ClusterFacts.COREFILE);
    }

    @Test
    void rewriteNameWithoutAnAnswerRuleFiresAndWithAnswerAutoStaysQuiet() {
        Finding f = only(lint(model(".:53 {\n rewrite name suffix .corp.example. .default.svc.cluster.local.\n"
                + " kubernetes cluster.local\n}\n")), Rule.COREFILE_REWRITE_NO_ANSWER);
        assertThat(f.message()).contains("line 2) asks for .default.svc.cluster.local.").contains("coredns#1788");
        assertThat(withCode(lint(model(".:53 {\n rewrite name suffix .corp.example. .default.svc.cluster.local. answer auto\n"
                + " kubernetes cluster.local\n}\n")), Rule.COREFILE_REWRITE_NO_ANSWER)).isEmpty();
        // An exact rule always restores the name it matched.
        assertThat(withCode(lint(model(".:53 {\n rewrite name db.example.com web.default.svc.cluster.local\n"
                + " kubernetes cluster.local\n}\n")), Rule.COREFILE_REWRITE_NO_ANSWER)).isEmpty();
    }

    @Test
    void forwardToTheDnsServiceOrOwnLoopbackFiresAndToAnUpstreamStaysQuiet() {
        Finding f = only(lint(model("corp.internal:53 {\n forward . 10.96.0.10\n}\n.:53 {\n kubernetes cluster.local\n}\n")),
                Rule.COREFILE_FORWARD_LOOP);
        assertThat(f.message()).contains("line 2) sends . to 10.96.0.10, the cluster DNS Service");
        assertThat(only(lint(model(".:53 {\n kubernetes cluster.local\n forward . 127.0.0.1\n}\n")),
                Rule.COREFILE_FORWARD_LOOP).message()).contains("the DNS pod's own loopback");
        assertThat(withCode(lint(model(".:53 {\n kubernetes cluster.local\n forward . 10.0.0.53 127.0.0.1:5353\n}\n")),
                Rule.COREFILE_FORWARD_LOOP)).isEmpty();
    }

    @Test
    void forwardToResolvConfFromADnsPodThatResolvesThroughTheClusterFiresAndWithDefaultStaysQuiet() {
        // coredns#2087: the pod's resolv.conf is the kubelet's, which names the cluster DNS under ClusterFirst.
        String corefile = ".:53 {\n kubernetes cluster.local\n forward . /etc/resolv.conf\n}\n";
        Finding f = only(lint(dnsPod(DnsPolicy.CLUSTER_FIRST, false).model(corefile)), Rule.COREFILE_FORWARD_LOOP);
        assertThat(f.message()).contains("line 3) sends . to /etc/resolv.conf, but DNS pod kube-system/coredns-abc has "
                + "dnsPolicy ClusterFirst, so its /etc/resolv.conf names the cluster DNS Service").contains("coredns#2087");
        assertThat(f.fix()).contains("dnsPolicy: Default");
        assertThat(withCode(lint(dnsPod(DnsPolicy.DEFAULT, false).model(corefile)), Rule.COREFILE_FORWARD_LOOP)).isEmpty();
        // On the host network ClusterFirst falls back to the node's resolver; ClusterFirstWithHostNet does not.
        assertThat(withCode(lint(dnsPod(DnsPolicy.CLUSTER_FIRST, true).model(corefile)), Rule.COREFILE_FORWARD_LOOP))
                .isEmpty();
        assertThat(withCode(lint(dnsPod(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, true).model(corefile)),
                Rule.COREFILE_FORWARD_LOOP)).hasSize(1);
    }

    private static TestCluster dnsPod(DnsPolicy policy, boolean hostNetwork) {
        return LintFixtures.seedHeadless().namespace("kube-system")
                .add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").port("dns", 53).build())
                .add(TestCluster.pod("kube-system", "coredns-abc").labels("k8s-app", "kube-dns").ip("10.244.0.2")
                        .dns(new PodDns(policy, hostNetwork, false, null, List.of())).build());
    }

    @Test
    void theSameZoneTwiceOnOnePortFiresAndOnAnotherPortStaysQuiet() {
        Finding f = only(lint(model(".:53 {\n kubernetes cluster.local\n}\n.:53 {\n forward . 10.0.0.53\n}\n")),
                Rule.COREFILE_ZONE_TWICE);
        assertThat(f.message()).contains("line 1 and line 4 both serve . on port 53");
        assertThat(withCode(lint(model(".:53 {\n kubernetes cluster.local\n}\n.:5353 {\n forward . 10.0.0.53\n}\n")),
                Rule.COREFILE_ZONE_TWICE)).isEmpty();
    }

    @Test
    void autopathWithoutPodsVerifiedFiresAndWithItStaysQuiet() {
        only(lint(model(".:53 {\n autopath @kubernetes\n kubernetes cluster.local {\n  pods insecure\n }\n}\n")),
                Rule.COREFILE_AUTOPATH_UNVERIFIED);
        assertThat(withCode(lint(model(".:53 {\n autopath @kubernetes\n kubernetes cluster.local {\n  pods verified\n }\n}\n")),
                Rule.COREFILE_AUTOPATH_UNVERIFIED)).isEmpty();
    }

    @Test
    void serveStaleOverTheClusterZoneFiresAndOverAnotherZoneStaysQuiet() {
        only(lint(model(".:53 {\n kubernetes cluster.local\n cache 30 {\n  serve_stale\n }\n}\n")),
                Rule.COREFILE_SERVE_STALE_CLUSTER);
        assertThat(withCode(lint(model(".:53 {\n kubernetes cluster.local\n cache 30 example.org {\n  serve_stale\n }\n}\n")),
                Rule.COREFILE_SERVE_STALE_CLUSTER)).isEmpty();
    }
}
