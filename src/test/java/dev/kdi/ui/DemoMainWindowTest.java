package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.HealthReport;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.ui.check.CheckModel;
import dev.kdi.ui.check.CheckRow;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.replicas.ReplicasModel;
import dev.kdi.ui.replicas.ReplicasView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import dev.kdi.ui.details.RecordRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The window against the embedded demo cluster: the same behaviour through the real code paths. */
class DemoMainWindowTest extends MainWindowContract {
    @Override
    protected WindowFixture fixture() {
        return new DemoWindowFixture();
    }

    @Test
    void check_showsTheReplicaThatMissesShopInItsOwnColumn_filtersAndExports(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.interact(() -> window.showCheck());
        robot.clickOn("#check-run");
        waitUntil(() -> !model.check().running().get() && model.check().message().get().startsWith("Asked")
                || model.check().message().get().startsWith("The check failed"));
        assertThat(model.check().message().get()).startsWith("Asked");
        waitUntil(() -> !model.check().rows().isEmpty());

        TableView<CheckRow> table = window.check().table();
        List<Object> replicas = table.getColumns().stream().map(c -> c.getProperties().get("replica")).toList();
        assertThat(replicas).contains("kube-system/" + DemoCluster.STALE_REPLICA, "kube-system/"
                + DemoCluster.HEALTHY_REPLICA);
        assertThat(table.getColumns()).extracting(TableColumn::getText).doesNotContain("Live");
        int stale = replicas.indexOf("kube-system/" + DemoCluster.STALE_REPLICA);
        int healthy = replicas.indexOf("kube-system/" + DemoCluster.HEALTHY_REPLICA);
        String suffix = DemoCluster.STALE_REPLICA.substring(DemoCluster.STALE_REPLICA.lastIndexOf('-'));
        assertThat(((javafx.scene.control.Label) table.getColumns().get(stale).getGraphic()).getText())
                .isEqualTo("…" + suffix);
        CheckRow web = table.getItems().stream()
                .filter(r -> r.question().name().equals("web.shop.svc.cluster.local.") && r.question().type().mnemonic()
                        .equals("A")).findFirst().orElseThrow();
        int at = table.getItems().indexOf(web);
        assertThat(table.getColumns().get(stale).getCellData(at)).isEqualTo("missing: NXDOMAIN");
        assertThat(table.getColumns().get(healthy).getCellData(at)).isEqualTo("ok");
        assertThat(web.namespace()).isEqualTo("shop");

        robot.interact(() -> model.check().show().set(CheckModel.Show.MISSING));
        waitUntil(() -> model.check().shownText().get().contains(" of "));
        assertThat(table.getItems()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.has(CheckRow.Status.MISSING)).isTrue();
            assertThat(r.namespace()).isEqualTo("shop");
        });
        int shown = table.getItems().size();

        // A row's context menu copies its full name, or its lines as the CSV export writes them.
        robot.interact(() -> table.scrollTo(web));
        WaitForAsyncUtils.waitForFxEvents();
        TableRow<?> webRow = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> web.equals(r.getItem())).findFirst().orElseThrow();
        // Monocle does not turn a right click into a context-menu request: opened as that would.
        copied.clear();
        robot.interact(() -> webRow.getContextMenu().show(webRow, javafx.geometry.Side.BOTTOM, 40, 0));
        robot.clickOn("Copy name");
        waitUntil(() -> !copied.isEmpty());
        assertThat(copied).containsExactly("web.shop.svc.cluster.local.");
        robot.interact(() -> webRow.getContextMenu().show(webRow, javafx.geometry.Side.BOTTOM, 40, 0));
        robot.clickOn("Copy row");
        waitUntil(() -> copied.size() == 2);
        assertThat(copied.get(1).split("\n")).hasSize(2)
                .contains("ok,shop,web.shop.svc.cluster.local.,A,kube-system/" + DemoCluster.HEALTHY_REPLICA + ","
                        + web.expected() + "," + web.expected() + ",")
                .anySatisfy(l -> assertThat(l).startsWith("missing,shop,web.shop.svc.cluster.local.,A,kube-system/"
                        + DemoCluster.STALE_REPLICA + "," + web.expected() + ",NXDOMAIN,"));

        Path csv = dir.resolve("check.csv");
        robot.interact(() -> window.check().exportCsv(csv));
        waitUntil(() -> model.check().message().get().startsWith("Wrote"));
        assertThat(model.check().message().get()).isEqualTo("Wrote " + shown + " names as CSV to " + csv + ".");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("status,namespace,name,type,replica,expected,actual,reason");
        assertThat(lines).hasSize(1 + 2 * shown)
                .contains("ok,shop,web.shop.svc.cluster.local.,A,kube-system/" + DemoCluster.HEALTHY_REPLICA + ","
                        + web.expected() + "," + web.expected() + ",")
                .anySatisfy(l -> assertThat(l).startsWith("missing,shop,web.shop.svc.cluster.local.,A,kube-system/"
                        + DemoCluster.STALE_REPLICA + "," + web.expected() + ",NXDOMAIN,"));

        Path json = dir.resolve("check.json");
        robot.interact(() -> window.check().exportJson(json));
        waitUntil(() -> model.check().message().get().startsWith("Wrote the check as JSON"));
        assertThat(Files.readString(json)).contains("\"problems\"", "\"counts\"", "\"view\"",
                "\"replica\" : \"kube-system/" + DemoCluster.STALE_REPLICA + "\"");

        // A row opens its object in the tree.
        robot.interact(() -> model.check().show().set(CheckModel.Show.ALL));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> table.getItems().contains(web));
        robot.interact(() -> {
            table.getSelectionModel().select(web);
            table.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> model.tree().selected().get() != null
                && model.tree().selected().get().key().equals("svc/shop/web"));
    }

    @Test
    void replicasTab_showsEachReplicasStateAndFindings_chartsTheQueriesBetweenRefreshes_andCancels(FxRobot robot)
            throws Exception {
        robot.interact(() -> window.views().getTabs().stream().filter(t -> "tab-replicas".equals(t.getId()))
                .findFirst().ifPresent(t -> window.views().getSelectionModel().select(t)));
        ReplicasView view = robot.lookup("#kdi-replicas").queryAs(ReplicasView.class);
        ReplicasModel replicas = view.model();
        // Showing the tab asks at once; the interval is off so that the test decides when it asks again.
        robot.interact(() -> replicas.every().set(ReplicasModel.Every.OFF));
        waitUntil(() -> replicas.replicas().size() == 2 && !replicas.running().get());
        String healthy = "kube-system/" + DemoCluster.HEALTHY_REPLICA;
        String stale = "kube-system/" + DemoCluster.STALE_REPLICA;
        assertThat(replicas.source().get()).startsWith("Service kube-system/kube-dns");
        assertThat(replicas.clusterFindings()).extracting(HealthReport.Finding::code).contains("NO_DISRUPTION_BUDGET");
        ReplicasModel.ReplicaView sick = view(replicas, stale);
        assertThat(sick.verdict()).isEqualTo(ReplicasModel.Verdict.WARNINGS);
        // The demo's one replica with a dead upstream, and the Deployment's /health readiness probe.
        assertThat(sick.findings()).extracting(HealthReport.Finding::code)
                .contains("UPSTREAM_HEALTHCHECKS_FAILING", "READINESS_PROBE_ON_HEALTH");
        assertThat(view(replicas, healthy).findings()).extracting(HealthReport.Finding::code)
                .doesNotContain("UPSTREAM_HEALTHCHECKS_FAILING");
        assertThat(robot.lookup(".kdi-replica-name").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactlyInAnyOrder(DemoCluster.HEALTHY_REPLICA, DemoCluster.STALE_REPLICA);
        // Each badge counts its replica's warnings; the stale one has the dead upstream on top.
        assertThat(robot.lookup(".kdi-replica-badge").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactlyInAnyOrder(Texts.count(view(replicas, healthy).findings().size(), "warning", "warnings"),
                        Texts.count(sick.findings().size(), "warning", "warnings"));
        assertThat(robot.lookup(".kdi-replica-facts").queryAll()).hasSize(2);
        assertThat(robot.lookup(".kdi-replica-facts .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("CoreDNS 1.12.0", "/health 200", "/ready 200");
        assertThat(robot.lookup(".kdi-replica-endpoint").queryAllAs(Label.class)).hasSize(6)
                .allSatisfy(l -> assertThat(l.getStyleClass()).contains("pill-ok"));

        // Queries the healthy replica really answers show as its rate at the next refresh.
        for (int i = 0; i < 20; i++) {
            model.session().ask(new Question("nope-" + i + ".default.svc.cluster.local.", RrType.A),
                    ReplicaChoice.one(healthy)).get(30, TimeUnit.SECONDS);
        }
        java.time.Instant first = replicas.readAt().get();
        robot.clickOn("#kdi-replicas-refresh");
        waitUntil(() -> !replicas.running().get() && !first.equals(replicas.readAt().get()));
        ReplicasModel.ReplicaView busy = view(replicas, healthy);
        assertThat(busy.history()).hasSize(2);
        assertThat(busy.rates().orElseThrow().requestsPerSecond()).isGreaterThan(0);
        assertThat(busy.history().get(1).nxdomainPercent()).isGreaterThan(50);
        waitUntil(() -> robot.lookup(".kdi-replica-chart").queryAll().size() == 4);
        List<XYChart<?, ?>> charts = robot.lookup(".kdi-replica-chart").queryAll().stream()
                .<XYChart<?, ?>>map(n -> (XYChart<?, ?>) n).toList();
        assertThat(charts).anySatisfy(c -> assertThat(c.getData().get(0).getData()).hasSize(2));

        // A refresh cancelled in flight turns the interval off and keeps the last reading.
        robot.interact(() -> replicas.every().set(ReplicasModel.Every.TWO_SECONDS));
        robot.interact(replicas::refresh);
        assertThat(replicas.running().get()).isTrue();
        robot.clickOn("#kdi-replicas-cancel");
        waitUntil(() -> !replicas.running().get());
        assertThat(replicas.message().get()).isEqualTo("Cancelled; refreshing is off. The replicas show the last"
                + " reading.");
        assertThat(replicas.every().get()).isEqualTo(ReplicasModel.Every.OFF);
        assertThat(replicas.replicas()).hasSize(2);

        // Forwards refused: each replica is shown unreachable, with why.
        fixture.failReplica();
        robot.interact(replicas::refresh);
        waitUntil(() -> !replicas.running().get() && replicas.replicas().stream()
                .allMatch(r -> r.verdict() == ReplicasModel.Verdict.UNREACHABLE));
        assertThat(robot.lookup(".kdi-replica-badge").queryAllAs(Label.class)).extracting(Label::getText)
                .containsOnly("Unreachable");
    }

    private static ReplicasModel.ReplicaView view(ReplicasModel replicas, String id) {
        return replicas.replicas().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aManifestOpenedAsAChange_marksTheTreeFiltersShowsBeforeAndAfter_andDrops(FxRobot robot, @TempDir Path dir)
            throws Exception {
        // web's pods move to a new Service, storefront: its names appear, web's endpoint names vanish.
        Path rename = dir.resolve("rename.yaml");
        Files.writeString(rename, """
                apiVersion: v1
                kind: Service
                metadata: {name: storefront, namespace: shop}
                spec:
                  selector: {app: web}
                  ports: [{name: http, protocol: TCP, port: 80, targetPort: 8080}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {app: web, track: retired}
                  ports:
                  - {name: http, protocol: TCP, port: 80, targetPort: 8080}
                  - {name: metrics, protocol: TCP, port: 9090, targetPort: 9090}
                """, StandardCharsets.UTF_8);
        var overlay = model.overlay();
        robot.interact(() -> window.openChange(List.of(rename)));
        waitUntil(() -> overlay.report().get() != null || !overlay.problem().get().isEmpty());
        assertThat(overlay.problem().get()).isEmpty();
        var diff = overlay.report().get().diff();
        assertThat(diff.count(dev.kdi.records.diff.NameChange.Kind.ADDED)).isPositive();
        assertThat(diff.count(dev.kdi.records.diff.NameChange.Kind.REMOVED)).isPositive();
        assertThat(robot.lookup("#change-summary").queryAs(Label.class).getText()).isEqualTo(diff.summary())
                .matches("\\d+ added, \\d+ removed, \\d+ changed, \\d+ new findings, \\d+ resolved findings");
        assertThat(robot.lookup("#change-bar").query().isVisible()).isTrue();
        // The Changes tab lists every change; the added ones have rows too.
        assertThat(window.views().getTabs()).extracting(javafx.scene.control.Tab::getId).contains("tab-changes");
        assertThat(window.overlay().list().getItems()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(dev.kdi.records.diff.NameChange.Kind.ADDED);
            assertThat(c.name()).isEqualTo("storefront.shop.svc.cluster.local.");
        });

        expand(robot, "ns/shop");
        expand(robot, "svc/shop/web");
        String gone = "ep/shop/web/10.244.1.10";
        waitUntil(() -> cell(gone) != null);
        // Its name vanishes (its address's PTR names storefront's endpoint now): the row goes.
        assertThat(mark(gone)).isEqualTo("\u2212 removed");
        assertThat(mark("ns/shop")).isEqualTo("~ changed");
        assertThat(mark("svc/shop/web")).as("web keeps its name; its endpoint names go").isEqualTo("~ changed");
        assertThat(mark("ns/default")).isNull();

        // storefront is only in the change: it has a row of its own, marked added, with web's pods under it.
        waitUntil(() -> cell("svc/shop/storefront") != null);
        assertThat(mark("svc/shop/storefront")).isEqualTo("+ added");
        expand(robot, "svc/shop/storefront");
        waitUntil(() -> cell("ep/shop/storefront/10.244.1.10") != null);
        assertThat(mark("ep/shop/storefront/10.244.1.10")).isEqualTo("+ added");

        robot.clickOn("#change-only");
        waitUntil(() -> cell("ns/default") == null && cell("ns/shop") != null);
        assertThat(cell("svc/shop/cache")).isNull();
        assertThat(cell("svc/shop/storefront")).as("an added row is a change").isNotNull();

        // Its details answer as the cluster after the change: its own name's A record, and before/after.
        robot.interact(() -> window.tree().select(cell("svc/shop/storefront").getItem()));
        waitUntil(() -> window.overlay().comparison().isVisible());
        assertThat(window.overlay().comparison().lookupAll(".label")).extracting(n -> ((Label) n).getText())
                .contains("storefront.shop.svc.cluster.local.", "(nothing: it appears)", "+ appears");
        waitUntil(() -> model.details().rows().stream().anyMatch(
                r -> r.question().name().startsWith("storefront.shop.svc") && r.kind() == RecordRow.Kind.PREDICTED));

        // The details show what the name answers before and after.
        robot.interact(() -> window.tree().select(cell(gone).getItem()));
        waitUntil(() -> window.overlay().comparison().isVisible());
        assertThat(window.overlay().comparison().lookupAll(".label")).extracting(n -> ((Label) n).getText())
                .contains("10-244-1-10.web.shop.svc.cluster.local.", "10.244.1.10", "(nothing: it vanishes)",
                        "\u2212 vanishes");

        robot.clickOn("#change-drop");
        waitUntil(() -> overlay.report().get() == null && cell("ns/default") != null);
        assertThat(robot.lookup("#change-bar").query().isVisible()).isFalse();
        assertThat(window.views().getTabs()).extracting(javafx.scene.control.Tab::getId).doesNotContain("tab-changes");
        assertThat(mark("ns/shop")).isNull();
        waitUntil(() -> cell("svc/shop/storefront") == null);
        assertThat(window.overlay().comparison().isVisible()).isFalse();

        // kdi diff --delete's objects, in the window: the Service deleted, its names marked removed.
        robot.interact(() -> window.openChange(new dev.kdi.ui.diff.OverlayModel.Request(List.of(dir),
                List.of(dev.kdi.records.objects.ObjectRef.service("shop", "cache")))));
        // The report comes first; the rows' marks with the tree's next redraw.
        waitUntil(() -> overlay.report().get() != null && mark("svc/shop/cache") != null
                && mark("svc/shop/storefront") != null);
        assertThat(mark("svc/shop/cache")).isEqualTo("\u2212 removed");
        assertThat(mark("svc/shop/storefront")).isEqualTo("+ added");
        // The files change on disk: the window says so, and reloading compares them as they are now.
        Files.writeString(rename, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes, namespace: shop}\n",
                StandardCharsets.UTF_8);
        waitUntil(() -> !overlay.stale().get().isEmpty() && robot.lookup("#change-reload").query().getParent().isVisible());
        assertThat(robot.lookup("#change-stale").queryAs(Label.class).getText()).contains("rename.yaml changed on disk");
        robot.clickOn("#change-reload");
        waitUntil(() -> overlay.stale().get().isEmpty() && !overlay.busy().get()
                && cell("svc/shop/storefront") == null && mark("svc/shop/cache") != null);
        assertThat(mark("svc/shop/cache")).isEqualTo("\u2212 removed");
        assertThat(mark("svc/shop/web")).isNull();
        robot.clickOn("#change-drop");
        waitUntil(() -> overlay.report().get() == null);

        // A bad file: the message names file, document and field; nothing else changes.
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: v1
                kind: Service
                metadata: {name: storefront, namespace: shop}
                spec:
                  ports: [{name: http, port: eighty}]
                """, StandardCharsets.UTF_8);
        robot.interact(() -> window.openChange(List.of(bad)));
        waitUntil(() -> !overlay.problem().get().isEmpty());
        assertThat(robot.lookup("#change-problem").queryAs(Label.class).getText())
                .startsWith("Could not open the change (the overlay is unchanged): ").contains(bad.toString())
                .contains("port");
        assertThat(overlay.report().get()).isNull();
        robot.clickOn("#change-dismiss");
        waitUntil(() -> !robot.lookup("#change-bar").query().isVisible());
        assertThat(cell("ns/default")).isNotNull();
    }

    /** The change mark a row shows, or null when it shows none. */
    private String mark(String key) throws TimeoutException {
        waitUntil(() -> cell(key) != null);
        Label mark = (Label) cell(key).lookup(".change-mark");
        return mark.isVisible() ? mark.getText() : null;
    }
}
