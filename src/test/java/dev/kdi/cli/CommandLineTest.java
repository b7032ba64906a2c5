package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: outputs, exit codes and one-line errors. */
class CommandLineTest {
    static String example(String file) throws Exception {
        return SharedExamplesTest.examples().resolve(file).toString();
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() throws Exception {
        CliRun before = CliRun.run("--cluster-domain", "corp.internal", "predict", "-f", example("clusterip.yaml"),
                "--corefile", example("plain.Corefile"), "web.shop.svc.corp.internal");
        CliRun after = CliRun.run("predict", "-f", example("clusterip.yaml"), "--corefile", example("plain.Corefile"),
                "web.shop.svc.corp.internal", "--cluster-domain", "corp.internal");
        assertThat(before.out()).contains("web.shop.svc.corp.internal. 5 IN A 10.96.0.50");
        assertThat(after.out()).isEqualTo(before.out());
    }

    @Test
    void badInputIsOneLineOnStderrAndExit2(@TempDir Path dir) throws IOException {
        Path web = dir.resolve("web.yaml");
        Files.writeString(web, "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Service\n"
                + "metadata: {name: web, namespace: default}\nspec:\n  ports:\n  - port: eighty\n");
        CliRun run = CliRun.run("records", "-f", web.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo(web + ": document 2 (Service default/web): spec.ports[0].port: "
                + "\"eighty\" is not a number (line 10)");
    }

    @Test
    void stackTracesOnlyWithDebug() {
        assertThat(CliRun.run("records", "-f", "/nonexistent.yaml").err()).doesNotContain("\tat ");
        assertThat(CliRun.run("records", "-f", "/nonexistent.yaml", "--debug").err()).contains("\tat ");
    }

    @Test
    void predictReadsQuestionsFromStandardInputAndPrintsJson() throws Exception {
        CliRun run = CliRun.runWithInput("web.shop.svc.cluster.local SRV\n; comment\n\nnope.shop.svc.cluster.local\n",
                Map.of(), "predict", "-f", example("clusterip.yaml"), "--corefile", example("plain.Corefile"),
                "--queries", "-", "-o", "json");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"status\" : \"NOERROR\"").contains("\"status\" : \"NXDOMAIN\"")
                .contains("\"type\" : \"SRV\"");
    }

    @Test
    void explainAddsCommentLinesOnly() throws Exception {
        // A name with answer and additional records: every one must come through --explain unchanged.
        String[] ask = {"predict", "-f", example("clusterip.yaml"), "--corefile", example("plain.Corefile"),
            "web.shop.svc.cluster.local", "SRV"};
        CliRun plain = CliRun.run(ask);
        String[] explained = Arrays.copyOf(ask, ask.length + 1);
        explained[ask.length] = "--explain";
        CliRun run = CliRun.run(explained);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("; Service shop/web answers with its cluster IP 10.96.0.50")
                .contains(";   from Service shop/web");
        List<String> records = run.out().lines().filter(l -> !l.startsWith(";")).toList();
        assertThat(records).contains("web.shop.svc.cluster.local. 5 IN SRV 0 50 80 web.shop.svc.cluster.local.",
                        "web.shop.svc.cluster.local. 5 IN A 10.96.0.50")
                .isEqualTo(plain.out().lines().filter(l -> !l.startsWith(";")).toList());
        assertThat(run.out().lines().filter(l -> l.startsWith(";")).count()).as("explanations added")
                .isGreaterThan(plain.out().lines().filter(l -> l.startsWith(";")).count());
    }

    @Test
    void explainSaysWhyANameDoesNotExist() throws Exception {
        CliRun run = CliRun.run("predict", "-f", example("clusterip.yaml"), "--corefile", example("plain.Corefile"),
                "nope.shop.svc.cluster.local", "--explain");
        assertThat(run.out()).contains("; QUERY nope.shop.svc.cluster.local. A -> NXDOMAIN")
                .contains("; There is no Service nope in namespace shop.");
    }

    @Test
    void unknownTypeAndMissingInputAreUsageErrors(@TempDir Path home) throws Exception {
        assertThat(CliRun.run("predict", "-f", example("clusterip.yaml"), "x", "BOGUS").exit()).isEqualTo(2);
        CliRun noInput = CliRun.runWithInput("", Map.of("HOME", home.toString()), "predict", "x");
        assertThat(noInput.exit()).isEqualTo(2);
        assertThat(noInput.err()).contains("--kubeconfig").contains("--demo");
        assertThat(CliRun.run("records", "--no-such-option").exit()).isEqualTo(2);
    }

    @Test
    @DisplayName("lint exits 0 on info only, 1 on a warning, and prints SEVERITY code Kind ns/name: what - fix")
    void lintExitCodes(@TempDir Path dir) throws Exception {
        CliRun clean = CliRun.run("lint", "-f", example("seed-headless.yaml"));
        assertThat(clean.exit()).isZero();
        assertThat(clean.out()).isEmpty();
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                apiVersion: v1
                kind: Service
                metadata: {name: db-headless, namespace: shop}
                spec: {clusterIP: None, selector: {app: db}}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: shop}
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: pg, image: postgres}]}
                """);
        CliRun run = CliRun.run("lint", "-f", broken.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().findFirst().orElseThrow()).startsWith("ERROR sts-service-missing StatefulSet shop/db: ")
                .contains(" \u2014 ");
    }

    @Test
    void searchPathListsTheQueriesInOrder() throws Exception {
        CliRun run = CliRun.run("search-path", "-f", example("seed-subdomain.yaml"), "--pod", "default/sample-subdomain",
                "web", "A");
        assertThat(run.out().lines().toList()).containsExactly(
                "web.default.svc.cluster.local. A", "web.svc.cluster.local. A", "web.cluster.local. A", "web. A");
        CliRun musl = CliRun.run("search-path", "-f", example("seed-subdomain.yaml"), "--pod", "default/sample-subdomain",
                "a.b.c.d.e.example.com", "--resolver", "musl");
        assertThat(musl.out().lines().toList()).containsExactly("a.b.c.d.e.example.com. A", "a.b.c.d.e.example.com. AAAA");
    }

    @Test
    void searchPathMarksTheAnswer() throws Exception {
        CliRun run = CliRun.run("search-path", "-f", example("seed-subdomain.yaml"), "--pod", "default/sample-subdomain",
                "sample-headless", "A", "--answers");
        assertThat(run.out().lines().findFirst().orElseThrow())
                .isEqualTo("sample-headless.default.svc.cluster.local. A NOERROR  <- answer");
        assertThat(CliRun.run("search-path", "-f", example("seed-subdomain.yaml"), "--pod", "default/nope", "x").exit())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("without a display the window says so in one line and exits 2")
    void windowWithoutDisplay() {
        CliRun run = CliRun.runWithInput("", Map.of("HOME", "/nonexistent"), "--demo");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("no display");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void lintJsonIsAnArrayOfFindings() throws Exception {
        CliRun run = CliRun.run("lint", "-f", example("clusterip.yaml"), "--corefile", example("plain.Corefile"), "-o", "json");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).isNotEmpty().allSatisfy(f -> assertThat(f.fieldNames()).toIterable()
                .containsExactly("severity", "code", "objects", "message", "fix"));
        // plain.Corefile keeps reverse names from its forward: the one warning, before the objects' infos.
        assertThat(json.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(json.get(0).get("code").asText()).isEqualTo("corefile-reverse-no-fallthrough");
        assertThat(json.get(json.size() - 1).get("severity").asText()).isEqualTo("info");
    }
}
