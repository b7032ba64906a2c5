package dev.kdi.records.searchpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeletDnsTest {

    private static final KubeletDns KUBELET = KubeletDns.of("cluster.local", "10.96.0.10");
    private static final NodeResolvConf NODE = NodeResolvConf.of(
            List.of("192.168.0.2"), List.of("corp.example.com"), List.of(ResolvOption.of("timeout", "2")));

    private static PodDns pod(DnsPolicy policy, boolean hostNetwork, PodDnsConfig config) {
        return new PodDns(policy, hostNetwork, false, config);
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    @Test
    @DisplayName("A ClusterFirst pod gets the cluster DNS, the three cluster search domains and ndots:5")
    void resolvConf_clusterSearchAndNdots5_clusterFirstPod() {
        ResolvConf conf = KUBELET.resolvConf("shop", PodDns.DEFAULTS);

        assertThat(conf.text()).isEqualTo("""
                search shop.svc.cluster.local svc.cluster.local cluster.local
                nameserver 10.96.0.10
                options ndots:5
                """);
        assertThat(conf.source()).isEqualTo(ResolvConf.Source.CLUSTER_DNS);
        assertThat(conf.complete()).isTrue();
        assertThat(conf.usesClusterDns()).isTrue();
        assertThat(conf.ndots()).isEqualTo(5);
        assertThat(conf.explanation()).anyMatch(l -> l.contains("not known here, so none are assumed"));
    }

    @ParameterizedTest(name = "{0} hostNetwork={1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # policy                      | hostNetwork | source         | nameservers | searches                                                               | options
            CLUSTER_FIRST                 | false       | CLUSTER_DNS    | 10.96.0.10  | shop.svc.cluster.local svc.cluster.local cluster.local corp.example.com | ndots:5
            CLUSTER_FIRST                 | true        | NODE           | 192.168.0.2 | corp.example.com                                                       | timeout:2
            CLUSTER_FIRST_WITH_HOST_NET   | true        | CLUSTER_DNS    | 10.96.0.10  | shop.svc.cluster.local svc.cluster.local cluster.local corp.example.com | ndots:5
            CLUSTER_FIRST_WITH_HOST_NET   | false       | CLUSTER_DNS    | 10.96.0.10  | shop.svc.cluster.local svc.cluster.local cluster.local corp.example.com | ndots:5
            DEFAULT                       | false       | NODE           | 192.168.0.2 | corp.example.com                                                       | timeout:2
            DEFAULT                       | true        | NODE           | 192.168.0.2 | corp.example.com                                                       | timeout:2
            NONE                          | false       | POD_DNS_CONFIG |             |                                                                        |
            NONE                          | true        | POD_DNS_CONFIG |             |                                                                        |
            """)
    void resolvConf_followsPolicyAndHostNetwork_knownNodeFile(DnsPolicy policy, boolean hostNetwork,
            ResolvConf.Source source, String nameservers, String searches, String options) {
        ResolvConf conf = KUBELET.withNode(NODE).resolvConf("shop", pod(policy, hostNetwork, null));

        assertThat(conf.source()).isEqualTo(source);
        assertThat(conf.nameservers()).isEqualTo(words(nameservers));
        assertThat(conf.searches()).isEqualTo(words(searches));
        assertThat(conf.options()).map(ResolvOption::toString).isEqualTo(words(options));
        assertThat(conf.complete()).isTrue();
    }

    @Test
    @DisplayName("ClusterFirst on the host network explains the pitfall and names ClusterFirstWithHostNet")
    void resolvConf_explainsFallbackToNode_clusterFirstOnHostNetwork() {
        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.CLUSTER_FIRST, true, null));

        assertThat(conf.usesClusterDns()).isFalse();
        assertThat(conf.complete()).isFalse();
        assertThat(conf.nameservers()).isEmpty();
        assertThat(conf.explanation())
                .anyMatch(l -> l.contains("treats it as Default") && l.contains("ClusterFirstWithHostNet"))
                .anyMatch(l -> l.contains("not known here"));
    }

    @Test
    @DisplayName("Default with an unknown node file says the pod uses the node's resolver and guesses nothing")
    void resolvConf_isIncomplete_defaultPolicyWithUnknownNode() {
        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.DEFAULT, false,
                new PodDnsConfig(List.of("1.1.1.1"), List.of(), List.of())));

        assertThat(conf.complete()).isFalse();
        assertThat(conf.source()).isEqualTo(ResolvConf.Source.NODE);
        assertThat(conf.nameservers()).containsExactly("1.1.1.1");
        assertThat(conf.searches()).isEmpty();
        assertThat(conf.explanation()).anyMatch(l -> l.contains("uses the node's resolver, not the cluster DNS"));
    }

    @Test
    @DisplayName("dnsConfig appends nameservers and searches without duplicates and overrides options by name")
    void resolvConf_mergesDnsConfig_clusterFirstWithDnsConfig() {
        PodDnsConfig config = new PodDnsConfig(
                List.of("10.96.0.10", "1.1.1.1"),
                List.of("svc.cluster.local", "corp.example"),
                List.of(new PodDnsConfig.Option("ndots", "2"), new PodDnsConfig.Option("single-request", null),
                        new PodDnsConfig.Option("attempts", "")));

        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.CLUSTER_FIRST, false, config));

        assertThat(conf.text()).isEqualTo("""
                search shop.svc.cluster.local svc.cluster.local cluster.local corp.example
                nameserver 10.96.0.10
                nameserver 1.1.1.1
                options ndots:2 single-request attempts
                """);
        assertThat(conf.ndots()).isEqualTo(2);
    }

    @Test
    @DisplayName("None uses only dnsConfig; without ndots the resolvers fall back to ndots:1")
    void resolvConf_onlyDnsConfig_nonePolicy() {
        PodDnsConfig config = new PodDnsConfig(List.of("1.1.1.1"), List.of("a.example"),
                List.of(new PodDnsConfig.Option("timeout", "1")));

        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.NONE, false, config));

        assertThat(conf.text()).isEqualTo("search a.example\nnameserver 1.1.1.1\noptions timeout:1\n");
        assertThat(conf.ndots()).isEqualTo(1);
        assertThat(conf.usesClusterDns()).isFalse();
        assertThat(conf.explanation()).anyMatch(l -> l.contains("resolvers use ndots:1"));
    }

    @Test
    @DisplayName("None without dnsConfig is an empty file, and the explanation says what that means")
    void resolvConf_emptyFile_nonePolicyWithoutDnsConfig() {
        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.NONE, false, null));

        assertThat(conf.text()).isEmpty();
        assertThat(conf.explanation()).anyMatch(l -> l.contains("127.0.0.1"));
    }

    @Test
    @DisplayName("More than 3 nameservers: the kubelet keeps the first 3 and the drop is exposed")
    void resolvConf_dropsFourthNameserver_fourNameservers() {
        PodDnsConfig config = new PodDnsConfig(List.of("1.1.1.1", "8.8.8.8", "9.9.9.9"), List.of(), List.of());

        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.CLUSTER_FIRST, false, config));

        assertThat(conf.nameservers()).containsExactly("10.96.0.10", "1.1.1.1", "8.8.8.8");
        assertThat(conf.droppedNameservers()).containsExactly("9.9.9.9");
        assertThat(conf.explanation()).anyMatch(l -> l.contains("Nameserver limits were exceeded"));
    }

    @Test
    @DisplayName("More than 32 search domains: the kubelet keeps the first 32")
    void resolvConf_keeps32Searches_33Searches() {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            extra.add("d" + i + ".example");
        }
        ResolvConf conf = KUBELET.resolvConf("shop",
                pod(DnsPolicy.CLUSTER_FIRST, false, new PodDnsConfig(List.of(), extra, List.of())));

        assertThat(conf.searches()).hasSize(32).endsWith("d28.example");
        assertThat(conf.droppedSearches()).containsExactly("d29.example");
        assertThat(conf.explanation()).anyMatch(l -> l.contains("Search Line limits were exceeded"));
    }

    @Test
    @DisplayName("A search domain over 253 characters is left out wherever it stands")
    void resolvConf_dropsLongDomain_searchOver253() {
        String longDomain = label(63) + "." + label(63) + "." + label(63) + "." + label(63); // 255 chars
        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.CLUSTER_FIRST, false,
                new PodDnsConfig(List.of(), List.of(longDomain, "corp.example"), List.of())));

        assertThat(conf.searches()).containsExactly(
                "shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example");
        assertThat(conf.droppedSearches()).containsExactly(longDomain);
    }

    @Test
    @DisplayName("A search line over 2048 characters loses domains from its end until it fits")
    void resolvConf_dropsFromEnd_searchLineOver2048() {
        // 54 characters of cluster domains, then eight 250-character domains: 54 + 8 * 251 = 2062.
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            domains.add(i + label(61) + "." + label(62) + "." + label(62) + "." + label(61));
        }
        assertThat(domains.get(0)).hasSize(250);
        ResolvConf conf = KUBELET.resolvConf("shop", pod(DnsPolicy.CLUSTER_FIRST, false,
                new PodDnsConfig(List.of(), domains, List.of())));

        assertThat(conf.searches()).hasSize(10);
        assertThat(conf.searchLine().length() - "search ".length()).isEqualTo(1811);
        assertThat(conf.droppedSearches()).containsExactly(domains.get(7));
    }

    @Test
    @DisplayName("Legacy limits keep 6 search domains")
    void resolvConf_keepsSix_legacyLimits() {
        KubeletDns legacy = KUBELET.withLimits(KubeletLimits.LEGACY)
                .withNode(NodeResolvConf.searchesOnly(List.of("a.example", "b.example", "c.example", "d.example")));

        ResolvConf conf = legacy.resolvConf("shop", PodDns.DEFAULTS);

        assertThat(conf.searches()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local",
                "a.example", "b.example", "c.example");
        assertThat(conf.droppedSearches()).containsExactly("d.example");
    }

    @Test
    @DisplayName("Without a cluster DNS address the kubelet falls back to Default")
    void resolvConf_fallsBackToNode_noClusterDnsAddress() {
        KubeletDns kubelet = new KubeletDns("cluster.local", List.of(), NODE, KubeletLimits.EXPANDED);

        ResolvConf conf = kubelet.resolvConf("shop", PodDns.DEFAULTS);

        assertThat(conf.source()).isEqualTo(ResolvConf.Source.NODE);
        assertThat(conf.nameservers()).containsExactly("192.168.0.2");
        assertThat(conf.explanation()).anyMatch(l -> l.contains("MissingClusterDNS"));
    }

    @Test
    @DisplayName("Without a cluster domain a ClusterFirst pod gets only the node's search domains")
    void resolvConf_onlyNodeSearches_noClusterDomain() {
        KubeletDns kubelet = new KubeletDns("", List.of("10.96.0.10"), NODE, KubeletLimits.EXPANDED);

        ResolvConf conf = kubelet.resolvConf("shop", PodDns.DEFAULTS);

        assertThat(conf.searches()).containsExactly("corp.example.com");
        assertThat(conf.nameservers()).containsExactly("10.96.0.10");
    }

    @Test
    @DisplayName("The cluster domain may be given with a trailing dot; a null policy counts as ClusterFirst")
    void resolvConf_sameSearches_trailingDotDomainAndNullPolicy() {
        ResolvConf conf = KubeletDns.of("example.internal.", "10.0.0.10")
                .resolvConf("ns", new PodDns(null, false, false, null));

        assertThat(conf.searches()).containsExactly("ns.svc.example.internal", "svc.example.internal",
                "example.internal");
    }

    @Test
    @DisplayName("A node file with 'search .' adds nothing to a ClusterFirst pod's list")
    void resolvConf_ignoresRootSearch_nodeSearchDot() {
        NodeResolvConf node = NodeResolvConf.parse("nameserver 127.0.0.53\nsearch .\n");

        ResolvConf conf = KUBELET.withNode(node).resolvConf("shop", PodDns.DEFAULTS);

        assertThat(conf.searches()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(conf.explanation()).anyMatch(l -> l.contains("empty search entry"));
    }

    @Test
    @DisplayName("Node searches repeating the cluster's are not written twice")
    void resolvConf_omitsDuplicates_nodeSearchRepeatsClusterDomain() {
        ResolvConf conf = KUBELET.withNode(NodeResolvConf.searchesOnly(List.of("cluster.local.", "corp.example")))
                .resolvConf("shop", PodDns.DEFAULTS);

        assertThat(conf.searches()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local",
                "corp.example");
    }

    @Test
    void parse_readsAsTheKubeletDoes_nodeFileWithRepeatsAndComments() {
        NodeResolvConf node = NodeResolvConf.parse("""
                # generated
                nameserver 10.0.0.2
                search old.example
                nameserver 10.0.0.3
                options ndots:3
                domain ignored.example
                search a.example. b.example
                options timeout:1 rotate
                """);

        assertThat(node.complete()).isTrue();
        assertThat(node.nameservers()).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(node.searches()).containsExactly("a.example", "b.example");
        assertThat(node.options()).map(ResolvOption::toString).containsExactly("timeout:1", "rotate");
    }

    @ParameterizedTest(name = "options {0} → ndots {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                 | 1
            ndots:5            | 5
            ndots:0            | 0
            ndots:15           | 15
            ndots:16           | 15
            ndots:007          | 7
            ndots:99999999999  | 15
            ndots:x            | 1
            ndots:2 ndots:3    | 3
            """)
    void ndots_readsLastValueCappedAt15_optionsLine(String options, int expected) {
        ResolvConf conf = ResolvConf.of(List.of(), List.of(),
                words(options).stream().map(ResolvOption::parse).toList());

        assertThat(conf.ndots()).isEqualTo(expected);
    }

    static String label(int length) {
        return "a".repeat(length);
    }
}
