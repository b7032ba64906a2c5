package dev.kdi.cli;

import static dev.kdi.cli.CorefilePluginsTest.assertBlocks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code acl} through {@code kdi predict}: the cases of CoreDNS's {@code plugin/acl/acl_test.go}
 * rewritten over the clusterip example (web.shop → 10.96.0.50). Every query of {@code predict}
 * arrives as a query through kdi's port-forward does: from 127.0.0.1.
 */
class CorefileAclTest {
    @TempDir
    Path dir;

    private String predict(String acl, String queries, String... extra) throws Exception {
        String corefile = ".:53 {\n" + acl + "\n    kubernetes cluster.local\n}\n";
        return CorefilePluginsTest.predict(dir, CorefilePluginsTest.example("clusterip.yaml"), corefile, queries, extra);
    }

    @Test
    void blockIsRefusedFilterIsEmptyDropHasNoReply() throws Exception {
        String out = predict("""
                    acl cluster.local {
                        block type A net 127.0.0.0/8
                        filter type AAAA
                        drop type SRV net 127.0.0.1
                    }
                """, """
                web.shop.svc.cluster.local A
                web.shop.svc.cluster.local AAAA
                web.shop.svc.cluster.local SRV
                web.shop.svc.cluster.local TXT
                """, "--explain");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> REFUSED
                ; QUERY web.shop.svc.cluster.local. AAAA -> NODATA
                ; QUERY web.shop.svc.cluster.local. SRV -> DROPPED
                ; QUERY web.shop.svc.cluster.local. TXT -> NODATA
                """);
        assertThat(out).contains("; ANSWERED BY acl in block .:53").contains("writes no reply and the client times out")
                .contains("from 127.0.0.1");
    }

    @Test
    void anAllowEndsEveryLaterRuleAndOtherSourcesAreNotTaken() throws Exception {
        String out = predict("""
                    acl {
                        allow net 127.0.0.1
                    }
                    acl cluster.local {
                        block
                    }
                    acl svc.cluster.local {
                        block net 192.168.0.0/16 10.0.0.0/8
                    }
                """, "web.shop.svc.cluster.local A\n");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
        String blocked = predict("""
                    acl svc.cluster.local {
                        block net 192.168.0.0/16 10.0.0.0/8
                        allow type AAAA
                    }
                    acl {
                        block type A
                    }
                """, "web.shop.svc.cluster.local A\nweb.shop.svc.cluster.local AAAA\n");
        assertBlocks(blocked, """
                ; QUERY web.shop.svc.cluster.local. A -> REFUSED
                ; QUERY web.shop.svc.cluster.local. AAAA -> NODATA
                """);
    }

    @Test
    void netStarTakesEveryAddressEvenAfterNarrowerNetworks() throws Exception {
        String out = predict("""
                    acl {
                        block net 192.0.2.0/24 *
                    }
                """, "web.shop.svc.cluster.local A\n");
        assertBlocks(out, "; QUERY web.shop.svc.cluster.local. A -> REFUSED\n");
    }

    @Test
    void aNameOutsideTheRulesZonesPassesUnjudged() throws Exception {
        String out = predict("""
                    acl example.org {
                        block
                    }
                """, "web.shop.svc.cluster.local A\n");
        assertBlocks(out, """
                ; QUERY web.shop.svc.cluster.local. A -> NOERROR
                web.shop.svc.cluster.local. 5 IN A 10.96.0.50
                """);
    }

    @Test
    void searchPathAnswersJudgeThePodsOwnAddress() throws Exception {
        java.nio.file.Path corefile = dir.resolve("acl.Corefile");
        java.nio.file.Files.writeString(corefile, """
                .:53 {
                    acl cluster.local {
                        block type A net 10.244.1.5
                    }
                    kubernetes cluster.local
                }
                """);
        String input = CorefilePluginsTest.example("clusterip.yaml");
        CliRun blocked = CliRun.run("search-path", "-f", input, "--corefile", corefile.toString(), "--pod", "shop/web-a",
                "--answers", "web.shop.svc.cluster.local");
        CliRun other = CliRun.run("search-path", "-f", input, "--corefile", corefile.toString(), "--pod", "shop/web-b",
                "--answers", "web.shop.svc.cluster.local");
        assertThat(blocked.exit()).isZero();
        assertThat(blocked.out()).contains("web.shop.svc.cluster.local. A REFUSED").doesNotContain("<- answer");
        assertThat(other.out()).contains("web.shop.svc.cluster.local. A NOERROR  <- answer");
    }
}
