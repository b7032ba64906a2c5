package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** kube-dns's ConfigMap read as kube-dns reads and validates it (kubernetes/dns pkg/dns/config). */
class KubeDnsConfigMapTest {
    static final String ORIGIN = "ConfigMap kube-system/kube-dns";

    KubeDnsConfigMap.Parsed parse(Map<String, String> data) {
        return KubeDnsConfigMap.parse(ORIGIN, data);
    }

    @Test
    @DisplayName("stub domains keep their order and ports; upstreams as given")
    void valid() {
        KubeDnsConfigMap.Parsed p = parse(Map.of("stubDomains",
                "{\"b.example\": [\"10.0.0.2\"], \"a.example\": [\"10.0.0.1:5353\", \"fd00::1\"]}",
                "upstreamNameservers", "[\"8.8.8.8\", \"1.1.1.1:53\"]"));
        assertThat(p.problems()).isEmpty();
        assertThat(p.config().stubDomains()).containsExactly(Map.entry("b.example", List.of("10.0.0.2")),
                Map.entry("a.example", List.of("10.0.0.1:5353", "fd00::1")));
        assertThat(p.config().upstreamNameservers()).containsExactly("8.8.8.8", "1.1.1.1:53");
        assertThat(p.config().federations()).isFalse();
        assertThat(p.config().corefileText("cluster.local.")).contains("a.example:53 {")
                .contains("forward . 10.0.0.1:5353 fd00::1").contains("forward . 8.8.8.8 1.1.1.1:53")
                .contains("kubernetes cluster.local in-addr.arpa ip6.arpa {");
    }

    @Test
    @DisplayName("no ConfigMap, or empty keys: no stub domains, the node's resolv.conf")
    void absent() {
        for (Map<String, String> data : java.util.Arrays.asList(null, Map.<String, String>of(),
                Map.of("stubDomains", " ", "upstreamNameservers", ""))) {
            KubeDnsConfigMap.Parsed p = parse(data);
            assertThat(p.problems()).isEmpty();
            assertThat(p.config().stubDomains()).isEmpty();
            assertThat(p.config().corefileText("cluster.local")).contains("forward . /etc/resolv.conf");
        }
    }

    @Test
    @DisplayName("each refused key is one line naming the ConfigMap and the key, and is taken as absent")
    void refused() {
        assertThat(parse(Map.of("stubDomains", "{\"a.example\": [")).problems()).singleElement().asString()
                .startsWith(ORIGIN + " key stubDomains: is not JSON (").doesNotContain("\n")
                .endsWith("kube-dns refuses it, so kdi predicts with no stub domains");
        assertThat(parse(Map.of("stubDomains", "[\"10.0.0.1\"]")).problems()).singleElement().asString()
                .isEqualTo(ORIGIN + " key stubDomains: is not a JSON object of domain to nameservers; kube-dns "
                        + "refuses it, so kdi predicts with no stub domains");
        assertThat(parse(Map.of("stubDomains", "{\"Bad_Domain\": [\"10.0.0.1\"]}")).problems()).singleElement()
                .asString().contains("'Bad_Domain' is not a domain name");
        assertThat(parse(Map.of("stubDomains", "{\"a.example\": [\"ns.a.example\"]}")).problems()).singleElement()
                .asString().contains("'ns.a.example' is not an IP address");
        assertThat(parse(Map.of("stubDomains", "{\"a.example\": []}")).problems()).singleElement()
                .asString().contains("stub domain a.example has no nameserver");
        KubeDnsConfigMap.Parsed four = parse(Map.of("upstreamNameservers",
                "[\"1.1.1.1\", \"1.0.0.1\", \"8.8.8.8\", \"8.8.4.4\"]", "stubDomains", "{\"a.example\": [\"10.0.0.1\"]}"));
        assertThat(four.problems()).singleElement().asString().isEqualTo(ORIGIN + " key upstreamNameservers: names 4 "
                + "upstream nameservers; kube-dns takes at most 3; kube-dns refuses it, so kdi predicts with the "
                + "node's resolv.conf upstream");
        assertThat(four.config().upstreamNameservers()).isEmpty();
        assertThat(four.config().stubDomains()).containsKey("a.example");
        assertThat(parse(Map.of("upstreamNameservers", "[\"8.8.8.8:99999\"]")).problems()).hasSize(1);
    }

    @Test
    @DisplayName("federations named: kept as a flag the rules read")
    void federations() {
        assertThat(parse(Map.of("federations", "{\"myfed\": \"example.com\"}")).config().federations()).isTrue();
        assertThat(parse(Map.of("federations", "{}")).config().federations()).isFalse();
    }
}
