package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod named with one 66-character label is valid (a pod name is a DNS-1123 subdomain, limited
 * in total length only) and loads like any other; CoreDNS just gives it no pod-name endpoint
 * name, since its {@code targetRef} name of 64 characters or more cannot be a label.
 */
class LongPodNameTest {
    private static final String LONG = "a".repeat(66);

    private static Path cluster(Path dir, String podName) throws IOException {
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: h, namespace: shop}
                spec:
                  clusterIP: None
                  selector: {app: web}
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: shop, labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
                status: {phase: Running, podIP: 10.244.1.1, conditions: [{type: Ready, status: "True"}]}
                """.formatted(podName));
        return file;
    }

    private static Path corefile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("Corefile"),
                ".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n        endpoint_pod_names\n    }\n}\n");
    }

    @Test
    void records_podNamedWithOne66CharacterLabel_loadsAndIsNamedByItsAddress(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.run("records", "-f", cluster(dir, LONG).toString(), "--corefile", corefile(dir).toString(),
                "-n", "shop");
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("10-244-1-1.h.shop.svc.cluster.local. 5 IN A 10.244.1.1")
                .contains("_http._tcp.h.shop.svc.cluster.local. 5 IN SRV 0 100 80 10-244-1-1.h.shop.svc.cluster.local.")
                .doesNotContain(LONG);
    }

    @Test
    void records_podNamedWith63Characters_keepsItsPodNameEndpoint(@TempDir Path dir) throws IOException {
        String name = "a".repeat(63);
        CliRun run = CliRun.run("records", "-f", cluster(dir, name).toString(), "--corefile", corefile(dir).toString(),
                "-n", "shop");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(name + ".h.shop.svc.cluster.local. 5 IN A 10.244.1.1")
                .doesNotContain("10-244-1-1.h.shop");
    }

    @Test
    void records_podNameOver253Characters_isStillBadInput(@TempDir Path dir) throws IOException {
        String name = ("a".repeat(60) + ".").repeat(4) + "a".repeat(10);
        CliRun run = CliRun.run("records", "-f", cluster(dir, name).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("document 3 (Pod shop/" + name + "): metadata.name: \"" + name
                + "\" is not a valid name (lower-case letters, digits, '-' and '.', at most 253 characters) (line 15)");
    }
}
