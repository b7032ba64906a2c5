package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kdi diff --live} against the demo's API server (fabric8's mock server in CRUD mode)
 * through a kubeconfig whose context's namespace is {@code shop}: new manifests merged into the
 * live objects as {@code kubectl apply} merges them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@DisplayName("kdi diff --live against the demo's API server")
class LiveDiffTest {
    Path home;
    DemoCluster demo;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        home = dir;
        demo = DemoCluster.start(DemoCluster.Variant.standard());
        String config = new ConfigFile().tokenContext("ops", demo.url(), "operator-token").text()
                .replace("user: ops}}", "user: ops, namespace: shop}}");
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), config, StandardCharsets.UTF_8);
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private CliRun kdi(String manifest, String... more) throws Exception {
        Path file = Files.createTempFile(home, "new", ".yaml");
        Files.writeString(file, manifest, StandardCharsets.UTF_8);
        String[] args = new String[4 + more.length];
        args[0] = "diff";
        args[1] = "--live";
        args[2] = "-f";
        args[3] = file.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.runWithInput("", Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"), args);
    }

    @Test
    void aNewServiceAddsItsNamesWhileAServiceAppliedWithoutItsClusterIpKeepsIt() throws Exception {
        // No namespace: the context's (shop). web as its manifest is written: no clusterIP.
        CliRun run = kdi("""
                apiVersion: v1
                kind: Service
                metadata: {name: extra}
                spec:
                  selector: {app: web}
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports:
                  - {name: http, protocol: TCP, port: 80, targetPort: 8080}
                  - {name: metrics, protocol: TCP, port: 9090, targetPort: 9090}
                """);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("namespace shop\n  Service extra\n")
                .contains("    + extra.shop.svc.cluster.local. A  [cluster IP of Service shop/extra]\n")
                .contains("    + 10-244-1-10.extra.shop.svc.cluster.local. A  10.244.1.10\n")
                .contains("    ~ 10.1.244.10.in-addr.arpa. PTR  10-244-1-10.web.shop.svc.cluster.local. \u2192 "
                        + "10-244-1-10.extra.shop.svc.cluster.local., 10-244-1-10.web.shop.svc.cluster.local.\n")
                .doesNotContain(" web.shop.svc.cluster.local. A")
                .doesNotContain("namespace default")
                .endsWith("6 added, 0 removed, 2 changed, 0 new findings, 0 resolved findings\n");
    }

    @Test
    void fixingTheStatefulSetsServiceNameIsRejectedAndTheRecreateGivesThePodsTheirNames() throws Exception {
        CliRun run = kdi("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: shop}
                spec:
                  serviceName: db-headless
                  replicas: 2
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: postgres, image: postgres:16}]}
                """);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("rejected\n  ! StatefulSet shop/db spec.serviceName \"db\" \u2192 \"db-headless\": "
                        + "apply would be rejected")
                .contains("if the rejected objects are deleted and recreated\n")
                .contains("      + db-0.db-headless.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0]\n")
                .contains("    resolved ERROR sts-service-missing StatefulSet shop/db:")
                .endsWith("0 added, 0 removed, 0 changed, 0 new findings, 0 resolved findings\n");
    }

    @Test
    void deleteRemovesTheNamesOfWhatItNamesAndNothingElse() throws Exception {
        String unchanged = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                """;
        CliRun none = kdi(unchanged);
        assertThat(none.out()).as(none.err()).isEqualTo("0 added, 0 removed, 0 changed, 0 new findings, 0 resolved findings\n");
        assertThat(none.exit()).isZero();

        CliRun run = kdi(unchanged, "--delete", "svc/shop/cache");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("namespace shop\n  Service cache\n")
                .contains("    - cache.shop.svc.cluster.local. A  10.96.10.30  (now NXDOMAIN)\n")
                .doesNotContain("Service web");

        CliRun missing = kdi(unchanged, "--delete", "service/shop/nope");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--delete Service/shop/nope: not found in the cluster");
        assertThat(missing.out()).isEmpty();
    }
}
