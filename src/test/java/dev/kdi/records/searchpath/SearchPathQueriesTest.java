package dev.kdi.records.searchpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The full list of queries a pod's resolver sends when no name tried exists. */
class SearchPathQueriesTest {

    static final KubeletDns KUBELET = KubeletDns.of("cluster.local", "10.96.0.10");

    /** A ClusterFirst pod in namespace shop, with ndots set through dnsConfig when given. */
    static ResolvConf shopPod(Integer ndots) {
        PodDnsConfig config = ndots == null ? null
                : new PodDnsConfig(List.of(), List.of(), List.of(new PodDnsConfig.Option("ndots", ndots.toString())));
        return KUBELET.resolvConf("shop", new PodDns(DnsPolicy.CLUSTER_FIRST, false, false, config));
    }

    static String queries(SearchPath path, String name, Lookup lookup) {
        return path.queries(name, lookup).stream().map(Question::toString).collect(Collectors.joining(", "));
    }

    @ParameterizedTest(name = "{0} ndots {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "default", textBlock = """
            # resolver | ndots   | name             | queries (A only), in order
            GLIBC      | default | web              | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A
            GLIBC      | default | web.shop         | web.shop.shop.svc.cluster.local. A, web.shop.svc.cluster.local. A, web.shop.cluster.local. A, web.shop. A
            GLIBC      | default | a.b.c            | a.b.c.shop.svc.cluster.local. A, a.b.c.svc.cluster.local. A, a.b.c.cluster.local. A, a.b.c. A
            GLIBC      | default | a.b.c.d          | a.b.c.d.shop.svc.cluster.local. A, a.b.c.d.svc.cluster.local. A, a.b.c.d.cluster.local. A, a.b.c.d. A
            GLIBC      | default | a.b.c.d.e        | a.b.c.d.e.shop.svc.cluster.local. A, a.b.c.d.e.svc.cluster.local. A, a.b.c.d.e.cluster.local. A, a.b.c.d.e. A
            GLIBC      | default | a.b.c.d.e.f      | a.b.c.d.e.f. A, a.b.c.d.e.f.shop.svc.cluster.local. A, a.b.c.d.e.f.svc.cluster.local. A, a.b.c.d.e.f.cluster.local. A
            GLIBC      | default | web.             | web. A
            GLIBC      | default | api.example.com. | api.example.com. A
            GLIBC      | 1       | web              | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A
            GLIBC      | 1       | web.shop         | web.shop. A, web.shop.shop.svc.cluster.local. A, web.shop.svc.cluster.local. A, web.shop.cluster.local. A
            GLIBC      | 2       | web.shop         | web.shop.shop.svc.cluster.local. A, web.shop.svc.cluster.local. A, web.shop.cluster.local. A, web.shop. A
            GLIBC      | 2       | api.example.com  | api.example.com. A, api.example.com.shop.svc.cluster.local. A, api.example.com.svc.cluster.local. A, api.example.com.cluster.local. A
            GLIBC      | 0       | web              | web. A, web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A
            MUSL       | default | web              | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A
            MUSL       | default | web.shop         | web.shop.shop.svc.cluster.local. A, web.shop.svc.cluster.local. A, web.shop.cluster.local. A, web.shop. A
            MUSL       | default | a.b.c            | a.b.c.shop.svc.cluster.local. A, a.b.c.svc.cluster.local. A, a.b.c.cluster.local. A, a.b.c. A
            MUSL       | default | a.b.c.d          | a.b.c.d.shop.svc.cluster.local. A, a.b.c.d.svc.cluster.local. A, a.b.c.d.cluster.local. A, a.b.c.d. A
            MUSL       | default | a.b.c.d.e        | a.b.c.d.e.shop.svc.cluster.local. A, a.b.c.d.e.svc.cluster.local. A, a.b.c.d.e.cluster.local. A, a.b.c.d.e. A
            MUSL       | default | a.b.c.d.e.f      | a.b.c.d.e.f. A
            MUSL       | default | web.             | web. A
            MUSL       | default | api.example.com. | api.example.com. A
            MUSL       | 1       | web              | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A
            MUSL       | 1       | web.shop         | web.shop. A
            MUSL       | 2       | web.shop         | web.shop.shop.svc.cluster.local. A, web.shop.svc.cluster.local. A, web.shop.cluster.local. A, web.shop. A
            MUSL       | 2       | api.example.com  | api.example.com. A
            MUSL       | 0       | web              | web. A
            """)
    void queries_followDotsAndNdots_clusterFirstPodInShop(Resolver resolver, Integer ndots, String name,
            String expected) {
        SearchPath path = new SearchPath(shopPod(ndots), resolver);

        assertThat(queries(path, name, Lookup.ipv4())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA
            MUSL  | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA
            """)
    @DisplayName("getaddrinfo asks A then AAAA for every name tried")
    void queries_askAandAaaaForEachName_defaultAddressLookup(Resolver resolver, String expected) {
        SearchPath path = new SearchPath(shopPod(null), resolver);

        assertThat(queries(path, "web", Lookup.addresses())).isEqualTo(expected);
        assertThat(path.fullWalk("web", Lookup.addresses()).explanation())
                .anyMatch(l -> l.contains("A and AAAA together"));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | web             | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web.corp.example. A, web. A
            MUSL  | web             | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web.corp.example. A, web. A
            GLIBC | a.b.c.d.e.f     | a.b.c.d.e.f. A, a.b.c.d.e.f.shop.svc.cluster.local. A, a.b.c.d.e.f.svc.cluster.local. A, a.b.c.d.e.f.cluster.local. A, a.b.c.d.e.f.corp.example. A
            """)
    @DisplayName("dnsConfig searches come after the cluster's")
    void queries_includeDnsConfigSearches_clusterFirstWithSearches(Resolver resolver, String name, String expected) {
        ResolvConf conf = KUBELET.resolvConf("shop", new PodDns(DnsPolicy.CLUSTER_FIRST, false, false,
                new PodDnsConfig(List.of(), List.of("corp.example"), List.of())));

        assertThat(queries(new SearchPath(conf, resolver), name, Lookup.ipv4())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | web             | web.a.example. A, web. A
            GLIBC | api.example.com | api.example.com. A, api.example.com.a.example. A
            MUSL  | web             | web.a.example. A, web. A
            MUSL  | api.example.com | api.example.com. A
            """)
    @DisplayName("dnsPolicy None: only dnsConfig, and ndots falls back to 1")
    void queries_useOnlyDnsConfigWithNdots1_nonePolicy(Resolver resolver, String name, String expected) {
        ResolvConf conf = KUBELET.resolvConf("shop", new PodDns(DnsPolicy.NONE, false, false,
                new PodDnsConfig(List.of("1.1.1.1"), List.of("a.example"), List.of())));

        assertThat(queries(new SearchPath(conf, resolver), name, Lookup.ipv4())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resolver.class)
    @DisplayName("A host-network ClusterFirst pod resolves as the node does; ClusterFirstWithHostNet uses the cluster")
    void queries_nodeResolverVersusCluster_hostNetworkPods(Resolver resolver) {
        ResolvConf clusterFirst = KUBELET.resolvConf("shop", new PodDns(DnsPolicy.CLUSTER_FIRST, true, false, null));
        ResolvConf withHostNet = KUBELET.resolvConf("shop",
                new PodDns(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, true, false, null));

        Walk nodeWalk = new SearchPath(clusterFirst, resolver).fullWalk("web", Lookup.ipv4());
        assertThat(nodeWalk.result()).isEqualTo(Walk.Result.NODE_RESOLVER);
        assertThat(nodeWalk.steps()).isEmpty();
        assertThat(nodeWalk.explanation()).singleElement().asString().contains("not to the cluster DNS");
        assertThat(queries(new SearchPath(withHostNet, resolver), "web", Lookup.ipv4())).isEqualTo(
                "web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | web             | web.corp.example.com. A, web. A
            GLIBC | api.example.com | api.example.com. A, api.example.com.corp.example.com. A
            MUSL  | api.example.com | api.example.com. A
            """)
    @DisplayName("dnsPolicy Default with a known node file follows the node's search list and ndots")
    void queries_followNodeFile_defaultPolicyKnownNode(Resolver resolver, String name, String expected) {
        KubeletDns kubelet = KUBELET.withNode(NodeResolvConf.parse(
                "nameserver 192.168.0.2\nsearch corp.example.com\noptions ndots:2\n"));
        ResolvConf conf = kubelet.resolvConf("shop", new PodDns(DnsPolicy.DEFAULT, false, false, null));

        assertThat(queries(new SearchPath(conf, resolver), name, Lookup.ipv4())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resolver.class)
    @DisplayName("dnsPolicy Default with an unknown node file lists no queries")
    void queries_none_defaultPolicyUnknownNode(Resolver resolver) {
        ResolvConf conf = KUBELET.resolvConf("shop", new PodDns(DnsPolicy.DEFAULT, false, false, null));

        assertThat(new SearchPath(conf, resolver).queries("web", Lookup.addresses())).isEmpty();
    }

    @Test
    @DisplayName("glibc never asks a search domain the kubelet dropped")
    void queries_skipDroppedDomain_33Searches() {
        List<String> extra = IntStream.range(0, 30).mapToObj(i -> "d" + i + ".example").toList();
        ResolvConf conf = KUBELET.resolvConf("shop",
                new PodDns(DnsPolicy.CLUSTER_FIRST, false, false, new PodDnsConfig(List.of(), extra, List.of())));

        List<Question> queries = new SearchPath(conf, Resolver.GLIBC).queries("web", Lookup.ipv4());

        assertThat(queries).hasSize(33).doesNotContain(new Question("web.d29.example.", RrType.A));
        assertThat(queries.get(31)).isEqualTo(new Question("web.d28.example.", RrType.A));
    }

    @ParameterizedTest(name = "search list of {0} characters: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            247 | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web.LONG. A, web. A
            248 | web. A
            """)
    @DisplayName("musl ignores a search line longer than 255 characters with its newline; glibc does not")
    void queries_searchLineIgnoredByMuslOnly_longSearchLine(int joinedLength, String muslExpected) {
        // 54 characters of cluster domains and a space, then one long domain.
        String longDomain = "e".repeat(joinedLength - 55 - 191) + "." + "b".repeat(63) + "." + "c".repeat(63)
                + "." + "d".repeat(62);
        ResolvConf conf = KUBELET.resolvConf("shop", new PodDns(DnsPolicy.CLUSTER_FIRST, false, false,
                new PodDnsConfig(List.of(), List.of(longDomain), List.of())));
        assertThat(String.join(" ", conf.searches())).hasSize(joinedLength);

        SearchPath musl = new SearchPath(conf, Resolver.MUSL);
        SearchPath glibc = new SearchPath(conf, Resolver.GLIBC);

        assertThat(queries(musl, "web", Lookup.ipv4())).isEqualTo(muslExpected.replace("LONG", longDomain));
        assertThat(glibc.queries("web", Lookup.ipv4())).hasSize(5);
        if (joinedLength > 247) {
            assertThat(musl.fullWalk("web", Lookup.ipv4()).explanation())
                    .anyMatch(l -> l.contains("musl ignores the search line"));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | 20  | 15
            MUSL  | 20  | 15
            GLIBC | 3   | 3
            MUSL  | 3   | 3
            GLIBC | -1  | 15
            MUSL  | -1  | 1
            GLIBC | 2x  | 2
            MUSL  | 2x  | 2
            """)
    @DisplayName("Each library reads ndots its own way, and both cap it at 15")
    void ndots_readAsEachLibraryDoes_unusualValues(Resolver resolver, String value, int expected) {
        ResolvConf conf = ResolvConf.of(List.of("10.96.0.10"), List.of(), List.of(ResolvOption.of("ndots", value)));

        assertThat(new SearchPath(conf, resolver).ndots()).isEqualTo(expected);
    }
}
