package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.MiddleElision.ElidedLabel;
import dev.kdi.ui.common.UserMessage;
import dev.kdi.ui.details.LiveMark;
import dev.kdi.ui.details.RecordRow;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.lookup.LookupResult;
import dev.kdi.ui.watch.WatchView;
import dev.kdi.ui.window.WindowModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window driven as an operator would, against whatever cluster {@link #fixture()} provides:
 * the seed in {@code default}, the broken StatefulSet in {@code shop}. Headless on Monocle.
 */
@ExtendWith(ApplicationExtension.class)
abstract class MainWindowContract {
    private static final String SEED_POD_NAME = "sample-statefulset-headless-0.sample-headless.default.svc.cluster.local";

    protected final List<String> copied = new CopyOnWriteArrayList<>();
    protected final List<UserMessage> messages = new CopyOnWriteArrayList<>();
    protected WindowFixture fixture;
    protected WindowModel model;
    protected MainWindow window;
    private FxTaskExecutor executor;

    /** The cluster behind the window; a new one per test. */
    protected abstract WindowFixture fixture();

    /** Set up here rather than in a {@code @Start} method, which TestFX looks for in the concrete class only. */
    @BeforeEach
    void openTheWindow() throws TimeoutException {
        FxToolkit.setupStage(this::start);
        waitUntil(() -> model.phase().get() == WindowModel.Phase.READY && cell("ns/default") != null);
    }

    private void start(Stage stage) {
        fixture = fixture();
        executor = new FxTaskExecutor(2, "test-ui", ProblemLog.inMemory());
        model = new WindowModel(executor, fixture.opener(), messages::add, Clock.systemUTC(), ZoneOffset.UTC,
                new Reproduction(new Random(1)));
        window = new MainWindow(model, copied::add, ZoneOffset.UTC);
        stage.setScene(window.scene());
        stage.setWidth(1400);
        stage.setHeight(900);
        stage.show();
        model.start(fixture.start());
    }

    @AfterEach
    void close() throws TimeoutException {
        if (model != null) {
            WaitForAsyncUtils.asyncFx(model::close);
            WaitForAsyncUtils.waitForFxEvents();
            executor.close();
            fixture.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    @DisplayName("closing the window ends the Replicas tab's refresh threads and timer")
    void closingTheWindow_endsTheReplicasTabsThreads(FxRobot robot) throws Exception {
        java.util.Set<Thread> before = replicasThreads();
        robot.interact(() -> window.views().getTabs().stream().filter(t -> t.getText().equals("Replicas")).findFirst()
                .ifPresent(t -> window.views().getSelectionModel().select(t)));
        // Showing the tab refreshes it on its pool and schedules the next refresh on its timer.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> replicasThreads().stream()
                .filter(t -> !before.contains(t)).map(Thread::getName).anyMatch(n -> n.startsWith("kdi-replicas-timer"))
                && replicasThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                        .anyMatch(n -> !n.startsWith("kdi-replicas-timer")));
        java.util.Set<Thread> started = new java.util.HashSet<>(replicasThreads());
        started.removeAll(before);
        robot.interact(window::close);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> started.stream().noneMatch(Thread::isAlive));
    }

    private static java.util.Set<Thread> replicasThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("kdi-replicas") && t.isAlive()) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void watchingAName_drawsALinePerReplicaShowsTheAnswersOnHoverAndItsRecordingReopens(FxRobot robot,
            @TempDir Path dir) throws Exception {
        robot.interact(() -> window.views().getTabs().stream().filter(t -> t.getText().equals("Watch")).findFirst()
                .ifPresent(t -> window.views().getSelectionModel().select(t)));
        WatchView view = robot.lookup("#kdi-watch").queryAs(WatchView.class);
        robot.interact(() -> view.model().typed().set("web.shop.svc.cluster.local"));
        robot.clickOn("#kdi-watch-add");
        robot.interact(() -> view.model().interval().set("200ms"));
        robot.clickOn("#kdi-watch-start");
        waitUntil(() -> view.model().timeline().asked() >= 6 && !robot.lookup(".kdi-watch-chart").queryAll().isEmpty()
                && !robot.lookup(".kdi-watch-chart").queryAs(LineChart.class).getData().isEmpty());
        Node drawnFirst = ((XYChart.Series<?, ?>) robot.lookup(".kdi-watch-chart").queryAs(LineChart.class).getData()
                .get(0)).getData().get(0).getNode();
        robot.clickOn("#kdi-watch-start");
        waitUntil(() -> !view.model().running().get());
        // The last redraw follows the last answer by a moment; hover what it drew.
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = (LineChart<Number, Number>) robot.lookup(".kdi-watch-chart").query();
        assertThat(chart.getTitle()).isEqualTo("web.shop.svc.cluster.local. A");
        assertThat(chart.getData()).hasSize(2).allSatisfy(s -> assertThat(s.getData()).isNotEmpty());
        assertThat(chart.getData()).extracting(XYChart.Series::getName).allMatch(n -> n.startsWith("coredns-"));
        Node point = chart.getData().get(0).getData().get(0).getNode();
        assertThat(point.getStyleClass()).contains("kdi-watch-point", "change");
        // Redraws add what is new: a point drawn once keeps its node.
        assertThat(point).isSameAs(drawnFirst);
        // Hovering a point puts its exact answer in the chart's tooltip (whether the popup itself
        // opens is the toolkit's business, and headless it may not).
        robot.moveTo(point);
        Tooltip tip = (Tooltip) point.getProperties().get("javafx.scene.control.Tooltip");
        waitUntil(() -> tip.getText() != null && tip.getText().contains("kube-system/coredns-")
                && tip.getText().matches("(?s).*\\n(NOERROR\\n  A \\S+|NXDOMAIN)\\n[0-9.]+ ms, .*"));

        long asked = view.model().timeline().asked();
        Path saved = dir.resolve("watch.ndjson");
        robot.interact(() -> view.model().save(saved));
        waitUntil(() -> view.model().message().get().startsWith("Saved the recording to "));
        assertThat(Files.readAllLines(saved)).hasSize((int) asked)
                .allMatch(l -> l.startsWith("{\"time\":") && l.contains("\"name\":\"web.shop.svc.cluster.local.\""));
        robot.interact(() -> view.model().open(saved));
        waitUntil(() -> view.model().message().get().startsWith("Opened " + saved));
        assertThat(view.model().timeline().asked()).isEqualTo(asked);
        waitUntil(() -> !robot.lookup(".kdi-watch-chart").queryAll().isEmpty());
    }

    @Test
    void expandingAHeadlessService_showsEachPodsOwnName(FxRobot robot) throws TimeoutException {
        expand(robot, "ns/default");
        expand(robot, "svc/default/sample-headless");
        waitUntil(() -> cell("ep/default/sample-headless/10.46.0.1") != null);
        TreeCell<Entry> endpoint = cell("ep/default/sample-headless/10.46.0.1");
        ElidedLabel fqdn = (ElidedLabel) endpoint.lookup(".entry-fqdn");
        assertThat(fqdn.getFullText()).isEqualTo(SEED_POD_NAME);
        assertThat(fqdn.getText()).endsWith("cluster.local");
    }

    @Test
    void resolveAllOnANamespace_confirmsEveryRecord(FxRobot robot) throws TimeoutException {
        robot.clickOn(cell("ns/default"));
        waitUntil(() -> !model.details().rows().isEmpty());
        robot.clickOn("#resolve-all");
        waitUntil(() -> !model.details().busy().get() && model.details().message().get().startsWith("All "));
        TableView<RecordRow> table = robot.lookup("#records").queryTableView();
        assertThat(table.getItems()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.live()).as(r.text()).isInstanceOf(LiveMark.Same.class));
        // The cells restyle on the next pulse after the rows change.
        waitUntil(() -> !robot.lookup(".live-same").queryAll().isEmpty());
        assertThat(robot.lookup(".live-differs").queryAll()).isEmpty();
    }

    @Test
    void lookingUpAHeadlessService_showsItsFourAddresses(FxRobot robot) throws TimeoutException {
        // Typing forty characters one by one only slows the test; the field's own Enter is what counts.
        robot.interact(() -> window.lookup().nameField().setText("sample-headless.default.svc.cluster.local"));
        robot.clickOn("#lookup-name").type(KeyCode.ENTER);
        waitUntil(() -> model.lookup().history().size() == 1);
        LookupResult.Direct d = (LookupResult.Direct) model.lookup().history().get(0);
        assertThat(d.predicted().answer()).hasSize(4);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = robot.lookup(".answer-records").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(shown).isNotEmpty().allSatisfy(text -> assertThat(text.lines()).hasSize(4)
                .allMatch(l -> l.startsWith("sample-headless.default.svc.cluster.local. 30 IN A "))
                .anyMatch(l -> l.endsWith(" 10.40.0.3")));
    }

    @Test
    void brokenStatefulSet_carriesErrorBadgesOnItsPodsServiceAndNamespace(FxRobot robot) throws TimeoutException {
        assertThat(badge("ns/shop")).isEqualTo("badge-error");
        expand(robot, "ns/shop");
        expand(robot, "pods/shop");
        waitUntil(() -> cell("pod/shop/db-1") != null);
        assertThat(badge("pod/shop/db-0")).isEqualTo("badge-error");
        assertThat(badge("pod/shop/db-1")).isEqualTo("badge-error");
        assertThat(badge("svc/shop/db-headless")).isEqualTo("badge-error");
        assertThat(badge("svc/shop/web")).isNull();
        assertThat(badge("ns/default")).isNull();
    }

    @Test
    void filteringByAnAddress_leavesTheRowsWithIt(FxRobot robot) throws TimeoutException {
        robot.clickOn("#tree-search").write("10.40.0.3");
        waitUntil(() -> "3 matches".equals(model.tree().matchText().get()));
        WaitForAsyncUtils.waitForFxEvents();
        // lookup() returns a set: order the cells as the tree shows them.
        List<String> keys = robot.lookup(".entry-cell").queryAll().stream().map(n -> (TreeCell<?>) n)
                .sorted(java.util.Comparator.comparingInt(TreeCell::getIndex)).map(MainWindowContract::cellKey)
                .filter(k -> k != null).toList();
        assertThat(keys).containsExactly("ns/default", "svc/default/sample-headless",
                "ep/default/sample-headless/10.40.0.3", "svc/default/sample-subdomain",
                "ep/default/sample-subdomain/10.40.0.3", "pods/default", "pod/default/sample-subdomain");
    }

    @Test
    void liveUpdate_keepsExpansionAndSelection(FxRobot robot) throws Exception {
        expand(robot, "ns/default");
        expand(robot, "svc/default/sample-headless");
        waitUntil(() -> cell("ep/default/sample-headless/10.40.0.2") != null);
        robot.clickOn(cell("ep/default/sample-headless/10.40.0.2"));
        waitUntil(() -> model.details().title().get().equals("default/sample-statefulset-headless-1"));
        TreeItem<Entry> service = cell("svc/default/sample-headless").getTreeItem();

        fixture.addSeedPod("sample-late", "10.40.0.9");

        waitUntil(() -> cell("ep/default/sample-headless/10.40.0.9") != null);
        assertThat(cell("svc/default/sample-headless").getTreeItem()).isSameAs(service);
        assertThat(service.isExpanded()).isTrue();
        assertThat(cell("ns/default").getTreeItem().isExpanded()).isTrue();
        TreeItem<Entry> selected = window.tree().tree().getSelectionModel().getSelectedItem();
        assertThat(selected.getValue().key()).isEqualTo("ep/default/sample-headless/10.40.0.2");
        assertThat(model.details().title().get()).isEqualTo("default/sample-statefulset-headless-1");
        assertThat(model.status().counts().get()).endsWith((fixture.pods() + 1) + " pods");
    }

    @Test
    void clearingTheFilter_bringsBackWhatWasOpen(FxRobot robot) throws TimeoutException {
        expand(robot, "ns/shop");
        robot.clickOn("#tree-search").write("10.40");
        waitUntil(() -> model.tree().matchText().get().endsWith("matches"));
        robot.interact(() -> window.tree().searchField().clear());
        waitUntil(() -> model.tree().matchText().get().isEmpty() && cell("ns/shop") != null);
        assertThat(cell("ns/shop").getTreeItem().isExpanded()).isTrue();
        assertThat(cell("ns/default").getTreeItem().isExpanded()).isFalse();
    }

    @Test
    void failedReplica_showsFailedWithItsReasonInTheStatusBar() throws Exception {
        WindowFixture.FailedReplica failed = fixture.failReplica();
        String pod = failed.pod();
        String reason = failed.reason();
        // The status bar draws its replicas anew on each report: the label judged is the one the
        // wait saw, not one looked up again after a redraw may have replaced it.
        Label[] seen = new Label[1];
        waitUntil(() -> {
            Node n = window.root().lookup("#replica-" + pod);
            if (n instanceof Label l && l.getText().contains("failed")) {
                seen[0] = l;
                return true;
            }
            return false;
        });
        Label replica = seen[0];
        assertThat(replica.getText()).isEqualTo(pod + " failed");
        assertThat(replica.getTooltip().getText()).contains(reason);
    }

    @Test
    void copyingTheReproductionCommand_putsAKubectlOneLinerOnTheClipboard(FxRobot robot) throws TimeoutException {
        expand(robot, "ns/default");
        robot.clickOn(cell("svc/default/sample-headless"));
        waitUntil(() -> !model.details().rows().isEmpty());
        TableView<RecordRow> table = robot.lookup("#records").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#copy-menu").clickOn("Copy reproduction command");
        assertThat(copied).singleElement().asString()
                .startsWith(fixture.kubectlPrefix())
                .endsWith("-- dig +tcp sample-headless.default.svc.cluster.local. A");
    }

    @Test
    void overview_listsTheClustersErrors_andShowsEachOnesObjectInTheTree(FxRobot robot) throws TimeoutException {
        assertThat(robot.lookup("#overview-problems").queryAs(Label.class).getText()).isEqualTo(fixture.problemCount());
        robot.clickOn("Show pod db-0");
        waitUntil(() -> model.details().title().get().equals("shop/db-0"));
        TreeItem<Entry> selected = window.tree().tree().getSelectionModel().getSelectedItem();
        assertThat(selected.getValue().key()).isEqualTo("pod/shop/db-0");
        assertThat(selected.getParent().isExpanded()).isTrue();
        assertThat(robot.lookup("#details-fqdn-broken").query().isVisible()).isTrue();
    }

    @Test
    void treeRowMenu_copiesTheRowsDnsName(FxRobot robot) throws TimeoutException {
        expand(robot, "ns/default");
        waitUntil(() -> cell("svc/default/sample-headless") != null);
        // Monocle does not turn a right click into a context-menu request, so the menu is opened
        // as that request would open it.
        TreeCell<Entry> row = cell("svc/default/sample-headless");
        robot.interact(() -> row.getContextMenu().show(row, javafx.geometry.Side.BOTTOM, 40, 0));
        robot.clickOn("Copy DNS name");
        assertThat(copied).containsExactly("sample-headless.default.svc.cluster.local");
    }

    // helpers

    protected void expand(FxRobot robot, String key) throws TimeoutException {
        waitUntil(() -> cell(key) != null);
        robot.interact(() -> cell(key).getTreeItem().setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The visible cell showing the entry, or null. */
    @SuppressWarnings("unchecked")
    protected TreeCell<Entry> cell(String key) {
        for (Node n : window.tree().tree().lookupAll(".entry-cell")) {
            TreeCell<Entry> c = (TreeCell<Entry>) n;
            if (c.getItem() != null && !c.isEmpty() && c.getItem().key().equals(key)) {
                return c;
            }
        }
        return null;
    }

    private static String cellKey(TreeCell<?> c) {
        return c.isEmpty() || c.getItem() == null ? null : ((Entry) c.getItem()).key();
    }

    /** The style of the row's badge when it shows one, else null. */
    private String badge(String key) throws TimeoutException {
        waitUntil(() -> cell(key) != null);
        Node badge = cell(key).lookup(".entry-badge");
        if (badge == null || !badge.isVisible()) {
            return null;
        }
        return badge.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("error")) ? "badge-error"
                : badge.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("warning"))
                ? "badge-warning" : "other";
    }

    /**
     * Waits for the window to reach a state. The bound only decides how long a broken window takes to
     * fail: the demo starts in 2 s on an idle 2-core machine but in over 20 s when other builds share
     * it, so it is generous rather than tight.
     */
    protected static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            Boolean[] ok = new Boolean[1];
            WaitForAsyncUtils.asyncFx(() -> {
                try {
                    ok[0] = condition.call();
                } catch (Exception e) {
                    ok[0] = false;
                }
            }).get();
            return ok[0];
        });
    }
}
