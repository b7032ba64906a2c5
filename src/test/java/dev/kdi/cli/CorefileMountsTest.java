package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the Corefile reads, resolved as the DNS pod sees them: through the CoreDNS workload's
 * ConfigMap volumes ({@code items}, {@code subPath}) offline from {@code -f}, or through
 * {@code --corefile-dir}. Manifests shaped like k3s and AKS.
 */
class CorefileMountsTest {

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(CorefileMountsTest.class.getResource("/corefile-mounts/" + name)).toURI())
                .toString();
    }

    private static CliRun predict(String queries, String... args) {
        List<String> all = new ArrayList<>(List.of("predict", "--queries", "-"));
        all.addAll(List.of(args));
        return CliRun.runWithInput(queries, Map.of(), all.toArray(String[]::new));
    }

    private static void assertBlocks(CliRun run, String expected) {
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(ExpectedBlocks.parse(run.out())).isEqualTo(ExpectedBlocks.parse(expected));
    }

    @Test
    void k3sNodeHostsAndTheCustomImports() throws Exception {
        CliRun run = predict("""
                k3d-server-0 A
                2.0.18.172.in-addr.arpa PTR
                db.example.com A
                intranet.corp.example A
                web.shop.svc.cluster.local A
                """, "-f", fixture("k3s.yaml"), "-f", fixture("k3s-custom.yaml"), "-f", CorefilePluginsTest.example("clusterip.yaml"),
                "-o", "json");
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("\"data\" : \"172.18.0.2\"").contains("\"ttl\" : 60")
                .contains("\"data\" : \"k3d-server-0.\"")
                .contains("\"owner\" : \"db.example.com.\"").contains("\"data\" : \"10.96.0.50\"")
                .contains("\"data\" : \"10.1.1.1\"")
                .contains("\"source\" : \"ConfigMap kube-system/coredns key NodeHosts line 1\"")
                .contains("\"source\" : \"ConfigMap kube-system/coredns-custom key db.override line 2\"")
                .contains("\"chain\" : [ \"rewrite\", \"kubernetes\" ]")
                .contains("\"block\" : \"corp.example:53\"");
    }

    @Test
    void k3sWithoutTheOptionalCustomConfigMapSaysItsFilesAreUnknown() throws Exception {
        CliRun run = predict("k3d-agent-0 A\ndb.example.com A\n", "-f", fixture("k3s.yaml"), "--explain");
        assertBlocks(run, """
                ; QUERY k3d-agent-0. A -> NOERROR
                k3d-agent-0. 60 IN A 172.18.0.3
                ; QUERY db.example.com. A -> FORWARDED
                """);
        // Not given is not empty: the cluster may well have it.
        assertThat(run.out()).contains("; NOTE import /etc/coredns/custom/*.server (ConfigMap kube-system/coredns line 22): "
                + "ConfigMap kube-system/coredns-custom (mounted at /etc/coredns/custom, optional) was not read: not among "
                + "the objects given, or not readable; what it would add is not part of the prediction");
    }

    @Test
    void theImageTagChoosesTheReleaseAndTheFlagOverridesIt() throws Exception {
        // Wildcards in hosts files arrived in CoreDNS v1.14.6; the k3s image here is 1.12.0.
        assertBlocks(predict("x.apps.example A\n", "-f", fixture("k3s.yaml")), """
                ; QUERY x.apps.example. A -> FORWARDED
                """);
        assertBlocks(predict("x.apps.example A\n", "-f", fixture("k3s.yaml"), "--coredns-version", "v1.14.7"), """
                ; QUERY x.apps.example. A -> NOERROR
                x.apps.example. 60 IN A 172.18.0.9
                """);
    }

    @Test
    void aksServerAndOverrideKeys() throws Exception {
        CliRun run = predict("""
                web.corp.internal A
                host.legacy.example A
                """, "-f", fixture("aks.yaml"), "-f", CorefilePluginsTest.example("clusterip.yaml"), "--explain");
        assertBlocks(run, """
                ; QUERY web.corp.internal. A -> NOERROR
                web.corp.internal. 5 IN A 10.96.0.50
                ; QUERY host.legacy.example. A -> NOERROR
                host.legacy.example. 30 IN A 10.20.30.40
                """);
        assertThat(run.out()).contains("; ANSWERED BY rewrite → kubernetes in block .:53 "
                        + "(ConfigMap kube-system/coredns-custom key test.override line 1)")
                .contains("; ANSWERED BY template in block legacy.example:53 "
                        + "(ConfigMap kube-system/coredns-custom key test.server line 3)");
    }

    @Test
    void aSubPathMountOfAnItemsKey() throws Exception {
        assertBlocks(predict("build-box A\n", "-f", fixture("subpath.yaml")), """
                ; QUERY build-box. A -> NOERROR
                build-box. 3600 IN A 192.168.5.10
                """);
    }

    @Test
    void corefileDirStandsForTheCorefilesDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("custom"));
        Files.writeString(dir.resolve("custom/a.override"), "rewrite name db.example.com web.shop.svc.cluster.local\n");
        Files.writeString(dir.resolve("NodeHosts"), "10.9.9.9 node-a\n");
        Path corefile = dir.resolve("Corefile");
        Files.writeString(corefile, """
                .:53 {
                    hosts /etc/coredns/NodeHosts {
                        fallthrough
                    }
                    kubernetes cluster.local
                    import custom/*.override
                }
                """);
        assertBlocks(predict("node-a A\ndb.example.com A\n", "-f", CorefilePluginsTest.example("clusterip.yaml"),
                "--corefile", corefile.toString(), "--corefile-dir", dir.toString()), """
                ; QUERY node-a. A -> NOERROR
                node-a. 3600 IN A 10.9.9.9
                ; QUERY db.example.com. A -> NOERROR
                db.example.com. 5 IN A 10.96.0.50
                """);
    }
}
