package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** search-path reads the pod's /etc/hosts where its resolver reads it. */
class SearchPathHostsTest {
    private static String fixture() {
        try {
            return Path.of(SearchPathHostsTest.class.getResource("/manifests/as-kubectl/hostaliases.yaml").toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun searchPath(String pod, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "search-path";
        args[1] = "-f";
        args[2] = fixture();
        args[3] = "--pod";
        args[4] = pod;
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRun.run(args);
    }

    private static java.util.List<String> queries(CliRun run) {
        return run.out().lines().filter(l -> !l.startsWith(";")).toList();
    }

    @Test
    void hostAliasesAnswerBeforeAnyQuery_forGlibcWithNsswitchAndForMusl() {
        for (String resolver : new String[] {"glibc", "musl"}) {
            CliRun run = searchPath("default/hostaliases-pod", "--answers", "foo.local", "--resolver", resolver);
            assertThat(run.exit()).isZero();
            assertThat(queries(run)).as(resolver).containsExactly("/etc/hosts foo.local 10.1.2.3  <- answer");
        }
        assertThat(searchPath("default/hostaliases-pod", "--answers", "foo.local").out())
                .contains("; glibc follows nsswitch.conf: hosts: files dns (assumed");
    }

    @Test
    void thePodsOwnHostnameAndFqdnAnswerFromTheHostsFile() {
        assertThat(queries(searchPath("default/hostaliases-pod", "box")))
                .containsExactly("/etc/hosts box 10.244.0.7  <- answer");
        assertThat(queries(searchPath("default/hostaliases-pod", "--answers", "box.sub.default.svc.cluster.local")))
                .containsExactly("/etc/hosts box.sub.default.svc.cluster.local 10.244.0.7  <- answer");
    }

    @Test
    void withoutNsswitchConf_glibcAsksDnsAndTheDnsAnswerStands() {
        CliRun run = searchPath("default/hostaliases-pod", "--answers", "web", "--nsswitch", "none");

        assertThat(queries(run)).first().isEqualTo("web.default.svc.cluster.local. A NOERROR  <- answer");
        assertThat(run.out()).contains("without /etc/nsswitch.conf glibc reads the file only when no DNS server can"
                + " be used");
    }

    @Test
    void dnsFirst_readsTheHostsFileAfterDnsFindsNothing() {
        CliRun run = searchPath("default/hostaliases-pod", "--answers", "bar.local", "--nsswitch", "dns,files");

        // bar.local. is forwarded upstream: what it answers decides, so the file is not said to answer.
        assertThat(queries(run)).hasSize(8).last().isEqualTo("bar.local. AAAA FORWARDED");
        // A name the cluster DNS says does not exist: then the file is read, after every query.
        CliRun legacy = searchPath("default/hostaliases-pod", "--answers", "legacy.default.svc.cluster.local",
                "--nsswitch", "dns,files", "A");
        assertThat(queries(legacy)).hasSize(5).last()
                .isEqualTo("/etc/hosts legacy.default.svc.cluster.local 10.1.2.5  <- answer");
        assertThat(legacy.out()).contains("4 queries and no such name, then answered from /etc/hosts");
    }

    @Test
    void aHostNetworkPod_hasItsHostAliases_butNoHostnameLine() {
        assertThat(queries(searchPath("default/node-agent", "registry.internal")))
                .containsExactly("/etc/hosts registry.internal 10.9.9.9  <- answer");
        CliRun own = searchPath("default/node-agent", "node-agent");
        assertThat(queries(own)).first().isEqualTo("node-agent.default.svc.cluster.local. A");
    }

    @Test
    void resSearchLookupsNeverReadTheHostsFile_andNsswitchIsGlibcs() {
        assertThat(queries(searchPath("default/hostaliases-pod", "foo.local", "SRV"))).hasSize(4);
        CliRun musl = searchPath("default/hostaliases-pod", "foo.local", "--resolver", "musl", "--nsswitch", "none");
        assertThat(musl.exit()).isEqualTo(2);
        assertThat(musl.err()).contains("musl has no nsswitch.conf");
    }
}
