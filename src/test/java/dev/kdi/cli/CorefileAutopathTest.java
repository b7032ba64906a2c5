package dev.kdi.cli;

import static dev.kdi.cli.CorefilePluginsTest.assertBlocks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autopath @kubernetes} through {@code kdi predict --as-pod}: the cases of CoreDNS's
 * {@code plugin/autopath/autopath_test.go} rewritten over the clusterip example, where pod
 * shop/web-a (10.244.1.5) has the search list shop.svc.cluster.local, svc.cluster.local,
 * cluster.local and Service shop/web is 10.96.0.50.
 */
class CorefileAutopathTest {
    private static final String VERIFIED = """
            .:53 {
                autopath @kubernetes
                kubernetes cluster.local {
                    pods verified
                }
            }
            """;

    @TempDir
    Path dir;

    private String predict(String corefile, String queries, String... extra) throws Exception {
        return CorefilePluginsTest.predict(dir, CorefilePluginsTest.example("clusterip.yaml"), corefile, queries, extra);
    }

    @Test
    void aSearchListTryIsAnsweredWithTheFirstNameFoundBehindACname() throws Exception {
        // Upstream "search path expansion": b.example.org is NXDOMAIN, b.com answers, the CNAME sits first.
        String out = predict(VERIFIED, "web.shop.shop.svc.cluster.local A\n", "--as-pod", "shop/web-a", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.shop.svc.cluster.local. A -> NOERROR
                web.shop.shop.svc.cluster.local. 5 IN CNAME web.shop.svc.cluster.local.
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
        assertThat(out.indexOf("IN CNAME")).as("the CNAME comes before the records it points to")
                .isLessThan(out.indexOf("IN A 10.96.0.50"));
        assertThat(out).contains("; ANSWERED BY autopath → kubernetes in block .:53")
                .contains("from pod shop/web-a").contains("try 2: web.shop.svc.cluster.local. A → NOERROR");
    }

    @Test
    void aNameFoundAtTheFirstTryAndANameOutsideTheFirstSearchDomainAreAnsweredAsAsked() throws Exception {
        // Upstream "no search path expansion" and TestInSearchPath's names.
        String out = predict(VERIFIED, "web.shop.svc.cluster.local A\ncache.b.svc.cluster.local A\n", "--as-pod",
                "shop/web-a", "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50

                ; QUERY cache.b.svc.cluster.local. A -> NXDOMAIN
                """);
        assertThat(out).doesNotContain("CNAME").contains("; ANSWERED BY kubernetes in block .:53")
                .contains("is not under the client's first search domain shop.svc.cluster.local.");
    }

    @Test
    void theFirstSearchDomainItselfIsAServerFailure() throws Exception {
        String out = predict(VERIFIED, "shop.svc.cluster.local A\n", "--as-pod", "shop/web-a", "--explain");
        assertBlocks(out, "; QUERY shop.svc.cluster.local. A -> SERVFAIL\n");
        assertThat(out).contains("dnsutil.TrimZone fails");
    }

    @Test
    void whenEveryTryIsNxdomainTheFirstAnswerIsSentAndThePodSearchesOn() throws Exception {
        String out = predict(VERIFIED, "nosuch.shop.svc.cluster.local A\n", "--as-pod", "shop/web-a", "--explain");
        assertBlocks(out, "; QUERY nosuch.shop.svc.cluster.local. A -> NXDOMAIN\n");
        assertThat(out).contains("try 3: nosuch.cluster.local. A → NXDOMAIN")
                .contains("search domain of the DNS pods' own /etc/resolv.conf")
                .contains("try 4: nosuch. A → SERVFAIL")
                .contains("no try found the name")
                .contains("; AUTHORITY cluster.local. 5 IN SOA");
    }

    @Test
    void throughThePortForwardTheServerSeesLoopbackAndCannotApplyIt() throws Exception {
        String out = predict(VERIFIED, "web.shop.shop.svc.cluster.local A\n", "--explain");
        assertBlocks(out, "; QUERY web.shop.shop.svc.cluster.local. A -> NXDOMAIN\n");
        assertThat(out).contains("no pod has the query's source address 127.0.0.1")
                .contains("through kdi's port-forward");
    }

    @Test
    void withoutPodsVerifiedTheKubernetesPluginGivesNoSearchList() throws Exception {
        String insecure = VERIFIED.replace("pods verified", "pods insecure");
        String out = predict(insecure, "web.shop.shop.svc.cluster.local A\n", "--as-pod", "shop/web-a", "--explain");
        assertBlocks(out, "; QUERY web.shop.shop.svc.cluster.local. A -> NXDOMAIN\n");
        assertThat(out).contains("without 'pods verified'").contains("corefile-autopath-unverified");
    }

    @Test
    void searchPathAnswersStopAtThePodsFirstQueryAndSayWhy() throws Exception {
        Path corefile = dir.resolve("Corefile");
        java.nio.file.Files.writeString(corefile, VERIFIED);
        var run = CliRun.run("search-path", "-f", CorefilePluginsTest.example("clusterip.yaml"), "--corefile",
                corefile.toString(), "--pod", "shop/web-a", "web.shop", "A", "--answers");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("web.shop.shop.svc.cluster.local. A NOERROR  <- answer")
                .doesNotContain("web.shop.svc.cluster.local. A")
                .contains("; autopath: CoreDNS applied the pod's search list itself and answered "
                        + "web.shop.shop.svc.cluster.local. with web.shop.svc.cluster.local.'s records behind a CNAME");
    }

    @Test
    void aPodWithoutAnAddressOrUnknownIsABadInput() throws Exception {
        var result = CliRun.run("predict", "-f", CorefilePluginsTest.example("clusterip.yaml"), "--as-pod",
                "shop/no-such-pod", "web.shop.svc.cluster.local");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no pod shop/no-such-pod in the input");
    }
}
