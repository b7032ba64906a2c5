package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Corefile's plugins through {@code kdi predict}: cases from CoreDNS's own tests
 * ({@code plugin/hosts}, {@code plugin/rewrite}, {@code plugin/template}, {@code core/dnsserver}),
 * rewritten as inputs and expected blocks over the clusterip example (web.shop → 10.96.0.50).
 */
class CorefilePluginsTest {
    @TempDir
    Path dir;

    private String predict(String corefile, String queries, String... extra) throws IOException, URISyntaxException {
        return predict(dir, example("clusterip.yaml"), corefile, queries, extra);
    }

    /** {@code kdi predict} of {@code input} under {@code corefile} (written into {@code dir}); it must succeed quietly. */
    static String predict(Path dir, String input, String corefile, String queries, String... extra) throws IOException {
        Path file = dir.resolve("Corefile");
        Files.writeString(file, corefile);
        String[] base = {"predict", "-f", input, "--corefile", file.toString(), "--queries", "-"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun run = CliRun.runWithInput(queries, java.util.Map.of(), args);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        return run.out();
    }

    static void assertBlocks(String out, String expected) {
        assertThat(ExpectedBlocks.parse(out)).isEqualTo(ExpectedBlocks.parse(expected));
    }

    static String example(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CorefilePluginsTest.class.getResource("/examples/" + name)).toURI()).toString();
    }

    @Test
    void theMostSpecificZoneOnThePortAnswersAndNoZoneIsRefused() throws Exception {
        String out = predict("""
                example.org:53 {
                    template IN A {
                        answer "{{ .Name }} 60 IN A 192.0.2.1"
                    }
                }
                sub.example.org:53 {
                    template IN A {
                        answer "{{ .Name }} 60 IN A 192.0.2.2"
                    }
                }
                cluster.local:53 {
                    kubernetes
                }
                """, "a.sub.example.org A\nb.example.org A\nweb.shop.svc.cluster.local A\nexample.com A\n");
        assertBlocks(out, """
                ; QUERY a.sub.example.org. A -> NOERROR
                a.sub.example.org. 60 IN A 192.0.2.2
                ; QUERY b.example.org. A -> NOERROR
                b.example.org. 60 IN A 192.0.2.1
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                ; QUERY example.com. A -> REFUSED
                """);
    }

    @Test
    void pluginsRunInPluginCfgOrderNotTheWrittenOne() throws Exception {
        // Written after kubernetes, hosts still runs first: without fallthrough it kills cluster names (coredns#3276).
        String out = predict("""
                .:53 {
                    kubernetes cluster.local
                    hosts {
                        10.0.0.1 db.example.org
                    }
                }
                """, "web.shop.svc.cluster.local A\ndb.example.org A\n", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> SERVFAIL
                ; QUERY db.example.org. A -> NOERROR
                db.example.org. 3600 IN A 10.0.0.1
                """);
        assertThat(out).contains("; ANSWERED BY hosts in block .:53");
    }

    @Test
    void hostsFromCoreDnsTests() throws Exception {
        // plugin/hosts/hosts_test.go: inline entries, TTL, generated PTRs, NODATA for the other family.
        String out = predict("""
                .:53 {
                    hosts {
                        10.0.0.1 example.org
                        ::1 example.org
                        10.0.0.2 example.org
                        10.0.0.3 other.example.org
                        ttl 300
                        fallthrough
                    }
                    kubernetes cluster.local in-addr.arpa
                }
                """, """
                example.org A
                EXAMPLE.org AAAA
                other.example.org AAAA
                1.0.0.10.in-addr.arpa PTR
                missing.example.org A
                web.shop.svc.cluster.local A
                """);
        assertBlocks(out, """
                ; QUERY example.org. A -> NOERROR
                example.org. 300 IN A 10.0.0.1
                example.org. 300 IN A 10.0.0.2
                ; QUERY EXAMPLE.org. AAAA -> NOERROR
                example.org. 300 IN AAAA ::1
                ; QUERY other.example.org. AAAA -> NODATA
                ; QUERY 1.0.0.10.in-addr.arpa. PTR -> NOERROR
                1.0.0.10.in-addr.arpa. 300 IN PTR example.org.
                ; QUERY missing.example.org. A -> SERVFAIL
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
    }

    @Test
    void hostsWithoutFallthroughAnswersServfailNotNxdomain() throws Exception {
        String out = predict("""
                .:53 {
                    hosts {
                        10.0.0.1 example.org
                    }
                    kubernetes cluster.local
                }
                """, "nope.example.org A\n", "--explain");
        assertBlocks(out, "; QUERY nope.example.org. A -> SERVFAIL\n");
        assertThat(out).contains("no 'fallthrough'");
    }

    @Test
    void hostsFileThatCannotBeResolvedIsNamedAndAssumedEmpty() throws Exception {
        String out = predict("""
                .:53 {
                    hosts /etc/coredns/NodeHosts {
                        fallthrough
                    }
                    kubernetes cluster.local
                }
                """, "web.shop.svc.cluster.local A\n", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
        assertThat(out).contains("; NOTE hosts /etc/coredns/NodeHosts (--corefile " + dir.resolve("Corefile")
                + " line 2): no files of the DNS pods are known").contains("assumed to hold no entries");
    }

    @Test
    void rewriteNameExactAnswersWithTheAskedName() throws Exception {
        // An exact rule always restores the name in the answer (name.go: exact rules are "auto").
        String out = predict("""
                .:53 {
                    rewrite name db.example.com web.shop.svc.cluster.local
                    kubernetes cluster.local
                }
                """, "db.example.com A\n", "--explain");
        assertBlocks(out, """
                ; QUERY db.example.com. A -> NOERROR
                db.example.com. 5 IN A 10.96.0.50
                """);
        assertThat(out).contains("; ANSWERED BY rewrite → kubernetes in block .:53 (--corefile " + dir.resolve("Corefile")
                + " line 2)");
    }

    @Test
    void rewriteSuffixWithoutAnswerAutoKeepsTheRewrittenOwner() throws Exception {
        String out = predict("""
                .:53 {
                    rewrite name suffix .corp.example. .svc.cluster.local.
                    kubernetes cluster.local
                }
                """, "web.shop.corp.example A\n", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.corp.example. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
        assertThat(out).contains("coredns#1788");
    }

    @Test
    void rewriteSuffixAndRegexWithAnswerRules() throws Exception {
        String out = predict("""
                .:53 {
                    rewrite name suffix .corp.example. .svc.cluster.local. answer auto
                    rewrite name regex (.*)\\.alias\\.example\\. {1}.shop.svc.cluster.local. answer name (.*)\\.shop\\.svc\\.cluster\\.local\\. {1}.alias.example.
                    kubernetes cluster.local
                }
                """, "web.shop.corp.example A\nweb.alias.example A\n");
        assertBlocks(out, """
                ; QUERY web.shop.corp.example. A -> NOERROR
                web.shop.corp.example. 5 IN A 10.96.0.50
                ; QUERY web.alias.example. A -> NOERROR
                web.alias.example. 5 IN A 10.96.0.50
                """);
    }

    @Test
    void rewriteStopsAtTheFirstMatchUnlessContinue() throws Exception {
        // rewrite_test.go: the default mode is stop; continue goes on with the rewritten name.
        String corefile = """
                .:53 {
                    rewrite %s name prefix a. web.
                    rewrite name substring .b. .shop.
                    kubernetes cluster.local
                }
                """;
        assertBlocks(predict(corefile.formatted("stop"), "a.b.svc.cluster.local A\n"), """
                ; QUERY a.b.svc.cluster.local. A -> NXDOMAIN
                """);
        assertBlocks(predict(corefile.formatted("continue"), "a.b.svc.cluster.local A\n"), """
                ; QUERY a.b.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
    }

    @Test
    void rewriteTypeAsksForAnotherType() throws Exception {
        String out = predict("""
                .:53 {
                    rewrite type AAAA A
                    kubernetes cluster.local
                }
                """, "web.shop.svc.cluster.local AAAA\n");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. AAAA -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
    }

    @Test
    void templateFromCoreDnsTests() throws Exception {
        // plugin/template/template_test.go: match groups, index, rcode NXDOMAIN with an authority.
        String out = predict("""
                .:53 {
                    template IN A example {
                        match "^ip-(?P<a>[0-9]*)-(?P<b>[0-9]*)-(?P<c>[0-9]*)-(?P<d>[0-9]*)[.]example[.]$"
                        answer "{{ .Name }} 60 IN A {{ .Group.a }}.{{ .Group.b }}.{{ .Group.c }}.{{ .Group.d }}"
                        fallthrough
                    }
                    template IN A example {
                        match "^(nx)[.]example[.]$"
                        rcode NXDOMAIN
                        authority "{{ .Zone }} 60 IN SOA ns.{{ index .Match 1 }}.example. hostmaster.example. (1 60 60 60 60)"
                    }
                    template IN TXT example {
                        answer "{{ .Name }} 60 IN TXT \\"{{ .Type }} {{ .Class }} {{ .Remote }}\\""
                    }
                    kubernetes cluster.local
                }
                """, "ip-10-1-2-3.example A\nnx.example A\nwhat.example TXT\nweb.shop.svc.cluster.local A\n", "-o", "json");
        assertThat(out).contains("\"status\" : \"NOERROR\"").contains("10.1.2.3").contains("\"status\" : \"NXDOMAIN\"")
                .contains("\"data\" : \"\\\"TXT IN 127.0.0.1\\\"\"").contains("10.96.0.50");
    }

    @Test
    void templateWithoutAMatchingPatternOrFallthroughIsServfail() throws Exception {
        String out = predict("""
                .:53 {
                    template IN A example {
                        match "^ip-.*"
                    }
                    kubernetes cluster.local
                }
                """, "other.example A\n");
        assertBlocks(out, "; QUERY other.example. A -> SERVFAIL\n");
    }

    @Test
    void templateActionsOutsideTheModelledSubsetSayNotModelled() throws Exception {
        String out = predict("""
                .:53 {
                    template IN A example {
                        answer "{{ .Name }} 60 IN A {{ .Meta \\"geoip/city/name\\" }}"
                    }
                }
                """, "x.example A\n", "--explain");
        assertThat(out).contains("-> FORWARDED").contains("which kdi does not model");
    }

    @Test
    void snippetsAndUnresolvedFileImports() throws Exception {
        String out = predict("""
                (cluster) {
                    kubernetes cluster.local
                }
                import custom/*.server
                .:53 {
                    import cluster
                    forward . /etc/resolv.conf
                }
                """, "web.shop.svc.cluster.local A\nexample.com A\n", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                ; QUERY example.com. A -> FORWARDED
                """);
        assertThat(out).contains("; FORWARDED to /etc/resolv.conf by forward in block .:53")
                .contains("; NOTE import custom/*.server (--corefile " + dir.resolve("Corefile") + " line 4)");
    }
}
