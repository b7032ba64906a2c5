package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PodDnsLintTest {

    private static PodDns dns(DnsPolicy policy, boolean hostNetwork, PodDnsConfig config) {
        return new PodDns(policy, hostNetwork, false, config);
    }

    private static PodDnsConfig config(List<String> nameservers, List<String> searches) {
        return new PodDnsConfig(nameservers, searches, List.of());
    }

    private static TestCluster onePod(PodDns dns) {
        return new TestCluster().namespace("shop").add(pod("shop", "agent").ip("10.1.0.1").dns(dns).build());
    }

    /** The cluster DNS Service, so the kubelet's nameserver is known. */
    private static TestCluster withKubeDns(TestCluster c) {
        return c.add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").port("dns", 53).selector("k8s-app", "kube-dns")
                        .build())
                // dnsPolicy Default, as kubeadm's CoreDNS has: under ClusterFirst its resolv.conf would be a loop.
                .add(pod("kube-system", "coredns-1").labels("k8s-app", "kube-dns").ip("10.0.0.2")
                        .dns(new PodDns(DnsPolicy.DEFAULT, false, false, null)).build());
    }

    @Test
    void findings_hostNetworkWithClusterFirst_warnsThatClusterNamesDoNotResolve() {
        Finding f = only(lint(onePod(dns(DnsPolicy.CLUSTER_FIRST, true, null)).plainFallingThrough()), Rule.DNS_POLICY_HOST_NETWORK);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).isEqualTo("Pod shop/agent uses the host network with dnsPolicy ClusterFirst, so the "
                + "kubelet gives it the node's resolv.conf: cluster names such as kubernetes.default.svc.cluster.local "
                + "do not resolve there.");
        assertThat(f.fix()).isEqualTo("Set dnsPolicy: ClusterFirstWithHostNet.");
    }

    @Test
    void findings_hostNetworkWithClusterFirstWithHostNet_isSilent() {
        assertThat(lint(onePod(dns(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, true, null)).plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_hostNetworkDaemonSet_reportsTheDaemonSetOnceNotEachPod() {
        PodDns hostNet = dns(DnsPolicy.CLUSTER_FIRST, true, null);
        TestCluster c = new TestCluster().namespace("infra")
                .add(TestCluster.workload(Kinds.DAEMON_SET, "infra", "agent").labels("app", "agent").dns(hostNet).build());
        for (int i = 0; i < 3; i++) {
            c.add(pod("infra", "agent-" + i).labels("app", "agent").ip("10.0.1." + i).dns(hostNet)
                    .owner(Kinds.DAEMON_SET, "agent").build());
        }
        Finding f = only(lint(c.plainFallingThrough()), Rule.DNS_POLICY_HOST_NETWORK);
        assertThat(f.objects()).containsExactly(new ObjectRef(Kinds.DAEMON_SET, "infra", "agent"));
        assertThat(f.message()).startsWith("The pods of DaemonSet infra/agent use the host network");
    }

    @Test
    void findings_dnsPolicyNoneWithoutNameservers_saysTheApiServerRejectsIt() {
        Finding f = only(lint(onePod(dns(DnsPolicy.NONE, false, null)).plainFallingThrough()), Rule.DNS_POLICY_NONE_WITHOUT_CONFIG);
        assertThat(f.message()).contains("the API server rejects it");
        Finding empty = only(lint(onePod(dns(DnsPolicy.NONE, false, config(List.of(), List.of("example.com")))).plainFallingThrough()),
                Rule.DNS_POLICY_NONE_WITHOUT_CONFIG);
        assertThat(empty.primary()).isEqualTo(ObjectRef.pod("shop", "agent"));
    }

    @Test
    void findings_dnsPolicyNoneWithNameserver_isSilent() {
        assertThat(lint(onePod(dns(DnsPolicy.NONE, false, config(List.of("1.1.1.1"), List.of()))).plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_dnsConfigOverValidationLimits_saysTheApiServerRejectsIt() {
        List<String> searches = IntStream.range(0, 33).mapToObj(i -> "s" + i + ".example.com").toList();
        PodDnsConfig tooMuch = config(List.of("1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"), searches);
        Finding f = only(lint(onePod(dns(DnsPolicy.NONE, false, tooMuch)).plainFallingThrough()), Rule.DNS_CONFIG_LIMITS);
        assertThat(f.message()).isEqualTo("Pod shop/agent has a dnsConfig with 4 nameservers (at most 3) and 33 search "
                + "domains (at most 32): the API server rejects it, so it never runs.");
    }

    @Test
    void findings_dnsConfigSearchLineOver2048Characters_isRejected() {
        List<String> searches = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            searches.add(("d" + i + "x").repeat(80) + ".example");
        }
        Finding f = only(lint(onePod(dns(DnsPolicy.NONE, false, config(List.of("1.1.1.1"), searches))).plainFallingThrough()),
                Rule.DNS_CONFIG_LIMITS);
        assertThat(f.message()).contains("a search list of 2240 characters (at most 2048)");
    }

    @Test
    void findings_dnsConfigCutByTheKubeletAfterMergingWithTheClusterSettings() {
        List<String> searches = IntStream.range(0, 30).mapToObj(i -> "s" + i + ".example.com").toList();
        PodDnsConfig config = config(List.of("1.1.1.1", "1.0.0.1", "8.8.8.8"), searches);
        TestCluster c = withKubeDns(onePod(dns(DnsPolicy.CLUSTER_FIRST, false, config)));
        Finding f = only(lint(c.plainFallingThrough()), Rule.DNS_CONFIG_LIMITS);
        assertThat(f.message()).isEqualTo("Merged with the cluster's own settings, the resolv.conf of Pod shop/agent "
                + "exceeds the kubelet's limits, so it drops nameserver 8.8.8.8 (the cluster DNS and dnsConfig's 3 "
                + "make 4; at most 3) and the search domain s29.example.com (the cluster's 3 and dnsConfig's 30 make "
                + "33; at most 32), with a DNSConfigForming warning event.");
    }

    @Test
    void findings_dnsConfigSearchLineCutByTheKubelet() {
        List<String> searches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            searches.add(("d" + i + "x").repeat(80) + ".example");
        }
        searches.add("a.example");
        TestCluster c = onePod(dns(DnsPolicy.CLUSTER_FIRST, false, config(List.of(), searches)));
        Finding f = only(lint(c.plainFallingThrough()), Rule.DNS_CONFIG_LIMITS);
        // dnsConfig's 8 x 248 + 9 + 8 spaces = 2001 characters pass validation; the cluster's three
        // domains and their spaces (55) push the line to 2056.
        assertThat(String.join(" ", searches)).hasSize(2001);
        assertThat(f.message()).contains("drops the search domain a.example (the search line would be 2056 "
                + "characters; at most 2048)");
    }

    @Test
    void findings_dnsConfigWithinLimits_isSilent() {
        PodDnsConfig config = config(List.of("1.1.1.1", "1.0.0.1"), List.of("corp.example.com"));
        assertThat(lint(withKubeDns(onePod(dns(DnsPolicy.CLUSTER_FIRST, false, config))).plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_setHostnameAsFqdnOver64_isAnError() {
        PodDns fqdn = new PodDns(DnsPolicy.CLUSTER_FIRST, false, true, null);
        TestCluster c = new TestCluster().namespace("shop")
                .add(pod("shop", "box").labels("app", "box").ip("10.1.0.1").hostname("h".repeat(30), "s".repeat(20))
                        .dns(fqdn).build())
                .add(svc("shop", "s".repeat(20)).headless().selector("app", "box").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.HOSTNAME_FQDN_TOO_LONG);
        String name = "h".repeat(30) + "." + "s".repeat(20) + ".shop.svc.cluster.local";
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("the FQDN " + name + " is 74 characters, over the 64")
                .contains("the kubelet refuses to start it");
        assertThat(codes(lint(c.plainFallingThrough()))).containsExactly("hostname-fqdn-too-long");
    }

    @Test
    void findings_setHostnameAsFqdnWithinLimit_orWithoutSubdomain_isSilent() {
        PodDns fqdn = new PodDns(DnsPolicy.CLUSTER_FIRST, false, true, null);
        TestCluster c = new TestCluster().namespace("shop")
                .add(pod("shop", "box").labels("app", "box").ip("10.1.0.1").hostname("box", "boxes").dns(fqdn).build())
                .add(pod("shop", "b".repeat(63)).ip("10.1.0.2").dns(fqdn).build())
                .add(svc("shop", "boxes").headless().selector("app", "box").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_setHostnameAsFqdnOnAStatefulSet_measuresItsLastOrdinal() {
        PodDns fqdn = new PodDns(DnsPolicy.CLUSTER_FIRST, false, true, null);
        String set = "x".repeat(36);
        TestCluster ten = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "shop", set).labels("app", "x").serviceName("db")
                        .replicas(10).dns(fqdn).build());
        // <set>-9.db.shop.svc.cluster.local is exactly 64 characters: allowed.
        assertThat(lint(ten.plainFallingThrough())).extracting(Finding::code).doesNotContain("hostname-fqdn-too-long");
        TestCluster eleven = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "shop", set).labels("app", "x").serviceName("db")
                        .replicas(11).dns(fqdn).build());
        Finding f = only(lint(eleven.plainFallingThrough()), Rule.HOSTNAME_FQDN_TOO_LONG);
        assertThat(f.primary()).isEqualTo(new ObjectRef(Kinds.STATEFUL_SET, "shop", set));
        assertThat(f.message()).contains(set + "-10.db.shop.svc.cluster.local is 65 characters");
    }
}
