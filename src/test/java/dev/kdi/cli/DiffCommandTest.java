package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kdi diff} on the classic mistakes, each one change to a small shop written as it sits in
 * a repository (no addresses, no pods): the names that vanish, the findings that appear, and the
 * changes the API server would refuse.
 */
@DisplayName("kdi diff on the classic mistakes")
class DiffCommandTest {
    @TempDir
    Path dir;
    private Path base;
    private String text;

    @BeforeEach
    void readBase() throws Exception {
        base = Path.of(DiffCommandTest.class.getResource("/diff/base.yaml").toURI());
        text = Files.readString(base, StandardCharsets.UTF_8);
    }

    private Path after(String from, String to) throws Exception {
        assertThat(text).contains(from);
        Path p = dir.resolve("after.yaml");
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
        return p;
    }

    private static CliRun diff(Path before, Path after, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "diff";
        args[1] = "--before-f=" + before;
        args[2] = "-f";
        args[3] = after.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.run(args);
    }

    @Test
    void aSetDiffedWithItselfChangesNothingAndExitsZero() {
        CliRun run = diff(base, base);

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("0 added, 0 removed, 0 changed, 0 new findings, 0 resolved findings\n");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aRenamedHeadlessServiceRemovesItsNamesAndBreaksTheExternalNameThatPointsThere() throws Exception {
        CliRun run = diff(base, after("kind: Service\nmetadata:\n  name: db\n", "kind: Service\nmetadata:\n  name: database\n"));

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("namespace shop\n  Service database\n").contains("\n  Service db\n")
                .contains("    - db.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0], [pod IP of Pod shop/db-1]  (now NXDOMAIN)\n"
                        + "      breaking (heuristic): referred to by ExternalName Service other/shop-db\n")
                .contains("    - db-0.db.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0]  (now NXDOMAIN)\n"
                        + "      breaking (heuristic): referred to by Deployment shop/web "
                        + "spec.template.spec.containers[0].env[0].value\n")
                .contains("  Service database\n")
                .contains("    + database.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0], [pod IP of Pod shop/db-1]\n")
                .contains("  new      ERROR sts-service-missing StatefulSet shop/db:")
                .contains("; breaking is a heuristic")
                .doesNotContain("Service web\n")
                .endsWith("4 added, 4 removed, 2 changed, 2 new findings, 0 resolved findings\n");
    }

    @Test
    void aNarrowedSelectorDropsTheEndpointNamesAndSaysTheSelectorMatchesNothing() throws Exception {
        CliRun run = diff(base, after("  selector:\n    app: web\n", "  selector:\n    app: web\n    track: canary\n"));

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("  Service web\n")
                .contains("    - [pod IP of Pod shop/web-template-1].web.shop.svc.cluster.local. A  "
                        + "[pod IP of Pod shop/web-template-1]  (now NXDOMAIN)\n")
                .contains("  new      WARNING selector-matches-nothing Service shop/web:")
                // The cluster IP stays: web.shop answers as before.
                .doesNotContain(" web.shop.svc.cluster.local. A ")
                .endsWith("0 added, 4 removed, 0 changed, 1 new findings, 0 resolved findings\n");
    }

    @Test
    void removingPublishNotReadyAddressesTakesTheNotReadyPodOutAndChangesTheFinding() throws Exception {
        String notReady = """
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: queue-0
                  namespace: shop
                  labels:
                    app: queue
                spec:
                  hostname: queue-0
                  subdomain: queue
                  containers:
                  - name: rabbit
                    image: rabbitmq:3
                status:
                  phase: Running
                  podIP: 10.244.1.7
                  conditions:
                  - type: Ready
                    status: "False"
                """;
        Path before = dir.resolve("before.yaml");
        Files.writeString(before, text + notReady, StandardCharsets.UTF_8);
        Path after = dir.resolve("after.yaml");
        Files.writeString(after, text.replace("  publishNotReadyAddresses: true\n", "") + notReady, StandardCharsets.UTF_8);

        CliRun run = diff(before, after);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("  Service queue\n")
                .contains("    - queue-0.queue.shop.svc.cluster.local. A  10.244.1.7  (now NXDOMAIN)\n")
                .contains("    - queue.shop.svc.cluster.local. A  10.244.1.7  (now NXDOMAIN)\n")
                .contains("  resolved INFO publish-not-ready Service shop/queue:")
                .contains("      breaking (heuristic): referred to by Deployment other/client "
                        + "spec.template.spec.containers[0].args[1]\n")
                .endsWith("0 added, 4 removed, 0 changed, 0 new findings, 1 resolved findings\n");
    }

    @Test
    void aNarrowedNamespacesOptionRemovesTheOtherNamespaceAndSaysReloadAppliesIt() throws Exception {
        Path after = after("            pods insecure\n", "            pods insecure\n            namespaces shop\n");
        CliRun run = diff(base, after);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("namespace other\n  Service shop-db\n"
                        + "    - shop-db.other.svc.cluster.local. CNAME  db.shop.svc.cluster.local.  (now NXDOMAIN)\n")
                .contains("  new      WARNING namespace-not-exposed Namespace other:")
                .contains("corefile: the Corefile changes; the running Corefile has reload, so CoreDNS applies it by itself");

        Path noReload = dir.resolve("before.yaml");
        Files.writeString(noReload, text.replace("        reload\n", ""), StandardCharsets.UTF_8);
        assertThat(diff(noReload, after).out())
                .contains("the running Corefile has no reload, so CoreDNS serves the change only after its pods restart");
    }

    @Test
    void anotherServiceNameForAStatefulSetIsRejectedAndTheRecreateIsShownApart() throws Exception {
        Path after = after("  serviceName: db\n", "  serviceName: db-hs\n");
        Files.writeString(after, Files.readString(after) + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: db-hs
                  namespace: shop
                spec:
                  clusterIP: None
                  selector:
                    app: db
                  ports:
                  - name: pg
                    port: 5432
                """, StandardCharsets.UTF_8);
        CliRun run = diff(base, after);

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        String out = run.out();
        String applied = out.substring(0, out.indexOf("rejected\n"));
        String recreate = out.substring(out.indexOf("if the rejected objects are deleted and recreated\n"));
        // Applied: the StatefulSet keeps serviceName db, so its pods keep their names; db-hs only adds.
        assertThat(applied).contains("    + db-hs.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0], [pod IP of Pod shop/db-1]\n")
                .doesNotContain("    - db-0.db.shop.svc.cluster.local.");
        assertThat(out).contains("rejected\n  ! StatefulSet shop/db spec.serviceName \"db\" \u2192 \"db-hs\": apply would be "
                + "rejected");
        assertThat(recreate).contains("      - db-0.db.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0]  (now NXDOMAIN)\n"
                        + "        breaking (heuristic): referred to by Deployment shop/web")
                .contains("      + db-0.db-hs.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0]\n");
        assertThat(out).endsWith("4 added, 0 removed, 2 changed, 1 new findings, 0 resolved findings\n");

        JsonNode json = new ObjectMapper().readTree(diff(base, after, "-o", "json").out());
        assertThat(json.get("rejected").get(0).get("field").asText()).isEqualTo("spec.serviceName");
        assertThat(json.get("rejected").get(0).get("object").get("kind").asText()).isEqualTo("StatefulSet");
        assertThat(json.get("recreate").get("removed").toString()).contains("db-0.db.shop.svc.cluster.local.");
    }

    @Test
    void aHeadlessServiceMadeClusterIpStaysHeadlessOnApplyAndTheRecreateGivesItAnAddress() throws Exception {
        CliRun run = diff(base, after("  name: db\n  namespace: shop\nspec:\n  clusterIP: None\n",
                "  name: db\n  namespace: shop\nspec:\n"));

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("rejected\n  ! Service shop/db spec.clusterIP \"None\" \u2192 (not set): apply "
                        + "would keep it headless")
                .contains("      ~ db.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0], [pod IP of Pod shop/db-1] "
                        + "\u2192 [cluster IP of Service shop/db]\n")
                .contains("    new      INFO sts-service-not-headless StatefulSet shop/db:")
                .endsWith("0 added, 0 removed, 0 changed, 0 new findings, 0 resolved findings\n");

        CliRun explicit = diff(base, after("  name: db\n  namespace: shop\nspec:\n  clusterIP: None\n",
                "  name: db\n  namespace: shop\nspec:\n  clusterIP: 10.96.7.7\n"));
        assertThat(explicit.out()).contains("  ! Service shop/db spec.clusterIP \"None\" \u2192 \"10.96.7.7\": apply would be "
                + "rejected (may not change once set): delete and recreate")
                .contains("      ~ db.shop.svc.cluster.local. A  [pod IP of Pod shop/db-0], [pod IP of Pod shop/db-1] "
                        + "\u2192 10.96.7.7\n");
    }

    @Test
    void aChangeInOneNamespaceLeavesThePlaceholdersOfTheOthersAlone() throws Exception {
        CliRun run = diff(base, after("  name: shop-db\n  namespace: other\nspec:\n  type: ExternalName\n"
                        + "  externalName: db.shop.svc.cluster.local\n",
                "  name: shop-db\n  namespace: other\nspec:\n  type: ExternalName\n  externalName: web.shop.svc.cluster.local\n"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                namespace other
                  Service shop-db
                    ~ shop-db.other.svc.cluster.local. CNAME  db.shop.svc.cluster.local. \u2192 web.shop.svc.cluster.local.
                0 added, 0 removed, 1 changed, 0 new findings, 0 resolved findings
                """);
    }

    @Test
    void jsonHasTheIssuesShape() throws Exception {
        CliRun run = diff(base, after("  selector:\n    app: web\n", "  selector:\n    app: web\n    track: canary\n"),
                "-o", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.fieldNames()).toIterable().startsWith("added", "removed", "changed", "findings");
        assertThat(json.has("rejected")).isTrue();
        assertThat(json.get("removed")).hasSize(4);
        JsonNode first = json.get("removed").get(0);
        assertThat(first.get("name").asText()).isEqualTo("[pod IP of Pod shop/web-template-1].in-addr.arpa.");
        assertThat(first.get("type").asText()).isEqualTo("PTR");
        assertThat(first.get("before").asText()).isEqualTo("[pod IP of Pod shop/web-template-1].web.shop.svc.cluster.local.");
        assertThat(json.get("findings").get("new").get(0).get("code").asText()).isEqualTo("selector-matches-nothing");
        assertThat(json.get("findings").get("resolved")).isEmpty();
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void markdownIsATableForAPullRequestComment() throws Exception {
        CliRun run = diff(base, after("kind: Service\nmetadata:\n  name: db\n", "kind: Service\nmetadata:\n  name: database\n"),
                "-o", "markdown");

        assertThat(run.out()).startsWith("**DNS diff** (kdi): ")
                .contains("| | name | type | before | after | object |\n|---|---|---|---|---|---|\n")
                .contains("| - \u26a0 | `db.shop.svc.cluster.local.` | A | `[pod IP of Pod shop/db-0], [pod IP of Pod shop/db-1]` "
                        + "|  | Service shop/db \u2014 breaking: ExternalName Service other/shop-db |\n")
                .contains("- new finding `sts-service-missing` StatefulSet shop/db:")
                .contains("<sub>\u26a0 breaking is a heuristic");
    }

    @Test
    void aFileThatCannotBeReadIsBadInputAndNothingIsCompared() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: eighty\n",
                StandardCharsets.UTF_8);
        CliRun run = CliRun.run("diff", "--before-f", base.toString(), "-f", base.toString(), "-f", broken.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("broken.yaml").contains("spec.ports[0].port")
                .contains("the after set is incomplete (1 file left out)");
    }

    @Test
    void standardInputIsReadForOneSideOnly() {
        CliRun run = CliRun.run("diff", "--before-f", "-", "-f", "-");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("standard input (-) can be read once");
    }
}
