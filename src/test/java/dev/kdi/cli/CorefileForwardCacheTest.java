package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forward} and {@code cache} through {@code kdi predict}: cases from CoreDNS's
 * {@code plugin/forward} (setup_test.go, forward.go's {@code match}) and {@code plugin/cache}
 * (cache_test.go's TestComputeTTL, {@code WriteMsg}) rewritten over the clusterip example
 * (web.shop → 10.96.0.50, CoreDNS's default ttl 5).
 */
class CorefileForwardCacheTest {
    @TempDir
    Path dir;

    private String predict(String corefile, String queries, String... extra) throws Exception {
        return predictWith(CorefilePluginsTest.example("clusterip.yaml"), corefile, queries, extra);
    }

    private String predictWith(String input, String corefile, String queries, String... extra) throws IOException {
        return CorefilePluginsTest.predict(dir, input, corefile, queries, extra);
    }

    private static void assertBlocks(String out, String expected) {
        CorefilePluginsTest.assertBlocks(out, expected);
    }

    @Test
    void aStubDomainBlockForwardsItsNamesAndSaysToWhom() throws Exception {
        String out = predict("""
                corp.internal:53 {
                    forward . 10.0.0.53
                }
                .:53 {
                    kubernetes cluster.local
                    forward . /etc/resolv.conf
                }
                """, "db.corp.internal A\nweb.shop.svc.cluster.local A\nexample.com A\n");
        assertBlocks(out, """
                ; QUERY db.corp.internal. A -> FORWARDED
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                ; QUERY example.com. A -> FORWARDED
                """);
        // Shown without --explain: check skips such names, and the reader sees where they go.
        assertThat(out).contains("; FORWARDED to 10.0.0.53 by forward in block corp.internal:53")
                .contains("; FORWARDED to /etc/resolv.conf by forward in block .:53");
    }

    @Test
    void exceptHandsItsZonesOnButNeverTheFromZoneItself() throws Exception {
        // forward.go isAllowedDomain: the FROM name itself is always forwarded, even when excepted.
        String out = predict("""
                example.org:53 {
                    forward example.org 10.0.0.1 {
                        except example.org
                    }
                }
                .:53 {
                    forward . 10.0.0.2 {
                        except internal.example.com
                    }
                }
                """, "example.org A\nwww.example.org A\nwww.example.com A\na.internal.example.com A\n", "--explain");
        assertBlocks(out, """
                ; QUERY example.org. A -> FORWARDED
                ; QUERY www.example.org. A -> SERVFAIL
                ; QUERY www.example.com. A -> FORWARDED
                ; QUERY a.internal.example.com. A -> SERVFAIL
                """);
        assertThat(out).contains("line 2) takes example.org. except example.org., not www.example.org.: "
                + "it hands the query on.");
    }

    @Test
    void severalForwardsInOneBlockTryEachInTurnAndACidrTakesItsFirstZone() throws Exception {
        // setup_test.go: "forward 10.9.3.0/18 127.0.0.1" forwards 0.9.10.in-addr.arpa. only.
        String out = predict("""
                .:53 {
                    forward example.org 10.0.0.1
                    forward 10.9.3.0/18 10.0.0.3
                    forward . 10.0.0.2
                }
                """, "a.example.org A\nb.example.com A\n1.0.9.10.in-addr.arpa PTR\n1.1.9.10.in-addr.arpa PTR\n");
        assertThat(out).contains("; FORWARDED to 10.0.0.1 by forward in block .:53\n", "; QUERY b.example.com. A -> FORWARDED\n"
                + "; FORWARDED to 10.0.0.2 by forward in block .:53\n", "; QUERY 1.0.9.10.in-addr.arpa. PTR -> FORWARDED\n"
                + "; FORWARDED to 10.0.0.3 by forward in block .:53\n", "; QUERY 1.1.9.10.in-addr.arpa. PTR -> FORWARDED\n"
                + "; FORWARDED to 10.0.0.2 by forward in block .:53\n");
    }

    @Test
    void aForwardToTheClusterDnsItselfIsALoop() throws Exception {
        Path input = dir.resolve("dns.yaml");
        Files.writeString(input, """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: kube-system
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: kube-dns
                  namespace: kube-system
                spec:
                  clusterIP: 10.96.0.10
                  clusterIPs: [10.96.0.10]
                  ports:
                  - {name: dns, port: 53, protocol: UDP}
                """);
        String corefile = """
                corp.internal:53 {
                    forward . 10.96.0.10
                }
                lab.internal:53 {
                    forward . 127.0.0.1
                }
                side.internal:53 {
                    forward . 127.0.0.1:5353
                }
                """;
        String out = predictWith(input.toString(), corefile, "a.corp.internal A\na.lab.internal A\na.side.internal A\n",
                "--explain");
        assertBlocks(out, """
                ; QUERY a.corp.internal. A -> SERVFAIL
                ; QUERY a.lab.internal. A -> SERVFAIL
                ; QUERY a.side.internal. A -> FORWARDED
                """);
        assertThat(out).contains("line 2) sends a.corp.internal. to 10.96.0.10, the cluster DNS itself")
                .contains("sends a.lab.internal. to 127.0.0.1, the cluster DNS itself");
    }

    @Test
    void aFirstAnswerCarriesTheLowestTtlRaisedToTheMinimumAndCappedAtTheMaximum() throws Exception {
        // cache_test.go TestComputeTTL: min(max(msgTTL, minTTL), maxTTL), every record set to it. The
        // records keep the answering plugin's TTL (as the project's examples print dns-version under
        // kubeadm's cache 30); the explanation gives the TTL a client sees on a cache miss.
        String out = predict("""
                .:53 {
                    cache {
                        success 1000 20 10
                        denial 1000 2
                    }
                    hosts {
                        10.0.0.1 long.example.org
                        ttl 3600
                        fallthrough
                    }
                    kubernetes cluster.local {
                        ttl 0
                    }
                }
                """, "web.shop.svc.cluster.local A\nlong.example.org A\nnothere.shop.svc.cluster.local A\n", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 0 IN A 10.96.0.50
                ; QUERY long.example.org. A -> NOERROR
                long.example.org. 3600 IN A 10.0.0.1
                ; QUERY nothere.shop.svc.cluster.local. A -> NXDOMAIN
                """);
        assertThat(out).contains("line 2) sends this first answer to clients with the TTL 10 on every record (the "
                        + "success cache's lowest record TTL, at least 10 and at most 20)")
                .contains("sends this first answer to clients with the TTL 20 on every record")
                .contains("sends this first answer to clients with the TTL 2 on every record (the denial cache's");
        String explained = predict("""
                .:53 {
                    cache 30
                    kubernetes cluster.local {
                        ttl 0
                    }
                }
                """, "web.shop.svc.cluster.local A\nnothere.shop.svc.cluster.local A\n", "--explain");
        // ttl 0 from the kubernetes plugin reaches clients as the cache's minimum, 5; the SOA too.
        assertThat(explained).contains("web.shop.svc.cluster.local. 0 IN A 10.96.0.50")
                .contains("line 2) sends this first answer to clients with the TTL 5 on every record (the success")
                .contains("line 2) sends this first answer to clients with the TTL 5 on every record (the denial");
    }

    @Test
    void aCacheForOtherZonesOrAbove30LeavesTheKubernetesTtlAlone() throws Exception {
        String out = predict("""
                .:53 {
                    cache 30 example.org
                    kubernetes cluster.local {
                        ttl 7
                    }
                }
                cluster.local:53 {
                    cache 3600
                    kubernetes cluster.local {
                        ttl 12
                    }
                }
                """, "web.shop.svc.cluster.local A\n", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 12 IN A 10.96.0.50
                """);
        assertThat(out).doesNotContain("sends this first answer to clients");
    }

    @Test
    void cacheOptionsCoreDnsRefusesAreRefused() throws Exception {
        Path file = dir.resolve("Corefile");
        Files.writeString(file, ".:53 {\n    cache 0\n    kubernetes cluster.local\n}\n");
        CliRun run = CliRun.runWithInput("web.shop.svc.cluster.local A\n", java.util.Map.of(), "predict", "-f",
                CorefilePluginsTest.example("clusterip.yaml"), "--corefile", file.toString(), "--queries", "-");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cache TTL can not be zero or negative: 0");
        Files.writeString(file, ".:53 {\n    forward example.org\n}\n");
        run = CliRun.runWithInput("a.example.org A\n", java.util.Map.of(), "predict", "-f",
                CorefilePluginsTest.example("clusterip.yaml"), "--corefile", file.toString(), "--queries", "-");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("plugin/forward: Wrong argument count");
    }
}
