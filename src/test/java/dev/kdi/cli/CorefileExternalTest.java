package dev.kdi.cli;

import static dev.kdi.cli.CorefilePluginsTest.assertBlocks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code k8s_external} through {@code kdi predict}: the cases of CoreDNS's
 * {@code plugin/k8s_external/external_test.go} and {@code apex_test.go} rewritten over a cluster
 * with a Service that has external IPs and load-balancer ingresses (shop/web), one whose load
 * balancer has a hostname (shop/lb), a ClusterIP Service and an ExternalName Service.
 */
class CorefileExternalTest {
    @TempDir
    Path dir;

    private String predict(String corefile, String queries, String... extra) throws Exception {
        String input = Path.of(Objects.requireNonNull(getClass().getResource("/corefile/k8s-external.yaml")).toURI()).toString();
        return CorefilePluginsTest.predict(dir, input, corefile, queries, extra);
    }

    private static final String COREFILE = """
            .:53 {
                k8s_external example.com
                kubernetes cluster.local
            }
            """;

    @Test
    void externalIpsThenIngressesUnderTheZoneWithThePluginsTtl() throws Exception {
        String out = predict(COREFILE, """
                web.shop.example.com A
                WEB.shop.example.com AAAA
                anything.web.shop.example.com A
                """, "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.example.com. A -> NOERROR
                web.shop.example.com. 5 IN A 192.0.2.10
                web.shop.example.com. 5 IN A 198.51.100.7
                ; QUERY WEB.shop.example.com. AAAA -> NOERROR
                WEB.shop.example.com. 5 IN AAAA 2001:db8::7
                ; QUERY anything.web.shop.example.com. A -> NOERROR
                anything.web.shop.example.com. 5 IN A 192.0.2.10
                anything.web.shop.example.com. 5 IN A 198.51.100.7
                """);
        assertThat(out).contains("; ANSWERED BY k8s_external in block .:53");
    }

    @Test
    void srvNamesTheServiceUnderTheZoneWithGlue() throws Exception {
        String out = predict(COREFILE, "_http._tcp.web.shop.example.com SRV\n_https._tcp.web.shop.example.com SRV\n");
        assertBlocks(out, """
                ; QUERY _http._tcp.web.shop.example.com. SRV -> NOERROR
                _http._tcp.web.shop.example.com. 5 IN SRV 0 33 80 web.shop.example.com.
                ; ADDITIONAL
                web.shop.example.com. 5 IN A 192.0.2.10
                web.shop.example.com. 5 IN A 198.51.100.7
                web.shop.example.com. 5 IN AAAA 2001:db8::7
                ; QUERY _https._tcp.web.shop.example.com. SRV -> NXDOMAIN
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                """);
    }

    @Test
    void aLoadBalancerHostnameIsACnameFollowedThroughCoreDns() throws Exception {
        String out = predict(COREFILE, "lb.shop.example.com A\n");
        assertBlocks(out, """
                ; QUERY lb.shop.example.com. A -> NOERROR
                lb.shop.example.com. 5 IN CNAME web.shop.svc.cluster.local.
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
    }

    @Test
    void servicesWithoutExternalAddressesAreNxdomainAndANamespaceIsNodata() throws Exception {
        String out = predict(COREFILE, """
                inner.shop.example.com A
                ext.shop.example.com A
                shop.example.com A
                nope.example.com A
                web.shop.example.com TXT
                """);
        assertBlocks(out, """
                ; QUERY inner.shop.example.com. A -> NXDOMAIN
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                ; QUERY ext.shop.example.com. A -> NXDOMAIN
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                ; QUERY shop.example.com. A -> NODATA
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                ; QUERY nope.example.com. A -> NXDOMAIN
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                ; QUERY web.shop.example.com. TXT -> NODATA
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                """);
    }

    @Test
    void theApexAndTheDnsSubApexHaveTheirOwnAnswers() throws Exception {
        String out = predict("""
                .:53 {
                    k8s_external example.com {
                        apex zone
                        ttl 30
                    }
                    kubernetes cluster.local
                }
                """, "example.com SOA\nexample.com A\nzone.example.com A\nns1.zone.example.com AAAA\nx.zone.example.com A\n");
        assertBlocks(out, """
                ; QUERY example.com. SOA -> NOERROR
                example.com. 30 IN SOA ns1.zone.example.com. hostmaster.zone.example.com. 0 7200 1800 86400 30
                ; QUERY example.com. A -> NODATA
                ; AUTHORITY example.com. 30 IN SOA ns1.zone.example.com. hostmaster.zone.example.com. 0 7200 1800 86400 30
                ; QUERY zone.example.com. A -> NODATA
                ; AUTHORITY example.com. 30 IN SOA ns1.zone.example.com. hostmaster.zone.example.com. 0 7200 1800 86400 30
                ; QUERY ns1.zone.example.com. AAAA -> NODATA
                ; AUTHORITY example.com. 30 IN SOA ns1.zone.example.com. hostmaster.zone.example.com. 0 7200 1800 86400 30
                ; QUERY x.zone.example.com. A -> NXDOMAIN
                ; AUTHORITY example.com. 30 IN SOA ns1.zone.example.com. hostmaster.zone.example.com. 0 7200 1800 86400 30
                """);
    }

    @Test
    void fallthroughHandsOnNxdomainButNeverNodata() throws Exception {
        String out = predict("""
                .:53 {
                    k8s_external example.com {
                        fallthrough
                    }
                    kubernetes cluster.local
                    forward . 192.0.2.53
                }
                """, "inner.shop.example.com A\nshop.example.com A\n", "--explain");
        assertBlocks(out, """
                ; QUERY inner.shop.example.com. A -> FORWARDED
                ; QUERY shop.example.com. A -> NODATA
                ; AUTHORITY example.com. 5 IN SOA ns1.dns.example.com. hostmaster.dns.example.com. 0 7200 1800 86400 5
                """);
        assertThat(out).contains("its fallthrough hands the query on");
    }
}
