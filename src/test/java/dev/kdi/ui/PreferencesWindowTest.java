package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.MemoryPreferences;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.UiPreferences;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.window.WindowModel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.Preferences;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** What the window remembers survives closing it and opening it again; Reset forgets it. */
@ExtendWith(ApplicationExtension.class)
class PreferencesWindowTest {
    private final Clock clock = Clock.systemUTC();
    /** Never the user's own preferences. */
    private final Preferences root = new MemoryPreferences();
    private final FxTaskExecutor executor = new FxTaskExecutor(2, "test-ui", ProblemLog.inMemory());
    private WindowModel model;
    private MainWindow window;
    private Stage stage;

    @AfterEach
    void close() throws TimeoutException {
        executor.close();
        FxToolkit.cleanupStages();
    }

    private void open() throws Exception {
        FakeOpener opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()),
                List.of("kind-kdi-test", "prod-eu"), clock);
        FxToolkit.setupStage(s -> {
            stage = s;
            model = new WindowModel(executor, opener, m -> {
            }, clock, ZoneOffset.UTC, new Reproduction(new Random(1)), new UiPreferences(root));
            window = new MainWindow(model, t -> {
            }, ZoneOffset.UTC);
            s.setScene(window.scene());
            s.setWidth(1400);
            s.setHeight(900);
            window.remember(s);
            // As the application does: the window's state is saved as it closes.
            s.setOnHidden(e -> {
                window.close();
                model.close();
            });
            s.show();
            model.start(new WindowModel.Start(false, Optional.empty(), Optional.empty(), Optional.empty()));
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.phase().get() == WindowModel.Phase.READY);
    }

    private void closeWindow(FxRobot robot) {
        robot.interact(() -> stage.hide());
    }

    private static double divider(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(SplitPane.class).getDividerPositions()[0];
    }

    @Test
    void sizeSplitsThemeNamespacesAndLookups_surviveClosingAndReopening(FxRobot robot) throws Exception {
        open();
        robot.interact(() -> {
            stage.setWidth(1100);
            stage.setHeight(760);
        });
        // Laid out at the new size first: the tree keeps its width as the window resizes.
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#split-tree").queryAs(SplitPane.class).setDividerPositions(0.25);
            robot.lookup("#split-lookup").queryAs(SplitPane.class).setDividerPositions(0.5);
            window.toggleTheme();
            model.toolbar().chosenNamespaces().add("shop");
            model.lookup().prepare("web.shop.svc.cluster.local", dev.kdi.records.RrType.SRV);
            model.lookup().lookup();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.lookup().busy().get());
        closeWindow(robot);

        open();

        assertThat(stage.getWidth()).isEqualTo(1100);
        assertThat(stage.getHeight()).isEqualTo(760);
        assertThat(divider(robot, "#split-tree")).isCloseTo(0.25, within(0.02));
        assertThat(divider(robot, "#split-lookup")).isCloseTo(0.5, within(0.02));
        assertThat(window.theme()).isEqualTo(Theme.DARK);
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
        assertThat(model.toolbar().context().get()).isEqualTo("kind-kdi-test");
        assertThat(model.toolbar().chosenNamespaces()).containsExactly("shop");
        assertThat(model.lookup().recent()).containsExactly("web.shop.svc.cluster.local SRV");
        robot.clickOn("#lookup-recent");
        robot.clickOn("web.shop.svc.cluster.local SRV");
        assertThat(model.lookup().name().get()).isEqualTo("web.shop.svc.cluster.local");
        assertThat(model.lookup().type().get()).isEqualTo(dev.kdi.records.RrType.SRV);

        // The lookup panel collapses to its form, giving the height to the tree; a lookup opens it again.
        double open = window.lookup().getHeight();
        robot.clickOn("#lookup-collapse");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.lookup().collapsed().get()).isTrue();
        assertThat(window.lookup().getHeight()).isLessThan(open / 2);
        assertThat(window.tree().getHeight()).isGreaterThan(500);
        robot.interact(() -> model.lookup().lookup());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.lookup().busy().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.lookup().collapsed().get()).isFalse();
        assertThat(window.lookup().getHeight()).isCloseTo(open, within(20.0));

        robot.clickOn("#help-menu");
        robot.clickOn("Reset preferences");
        assertThat(window.theme()).isEqualTo(Theme.LIGHT);
        assertThat(model.lookup().recent()).isEmpty();
        closeWindow(robot);

        open();

        assertThat(stage.getWidth()).isEqualTo(1400);
        assertThat(window.theme()).isEqualTo(Theme.LIGHT);
        assertThat(divider(robot, "#split-tree")).isCloseTo(0.4, within(0.02));
        assertThat(model.toolbar().chosenNamespaces()).isEmpty();
        assertThat(model.lookup().recent()).isEmpty();
    }

    @Test
    void aFoldedLookupPanel_opensFolded_andUnfoldsToTheHeightItHad(FxRobot robot) throws Exception {
        open();
        robot.interact(() -> robot.lookup("#split-lookup").queryAs(SplitPane.class).setDividerPositions(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        double unfolded = window.lookup().getHeight();
        robot.clickOn("#lookup-collapse");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.lookup().collapsed().get()).isTrue();
        closeWindow(robot);

        open();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.lookup().collapsed().get()).isTrue();
        assertThat(window.lookup().getHeight()).isLessThan(unfolded / 2);
        assertThat(window.tree().getHeight()).isGreaterThan(500);
        robot.clickOn("#lookup-collapse");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.lookup().collapsed().get()).isFalse();
        assertThat(divider(robot, "#split-lookup")).isCloseTo(0.5, within(0.02));
        assertThat(window.lookup().getHeight()).isCloseTo(unfolded, within(20.0));

        // Unfolded when it closes: it opens unfolded.
        closeWindow(robot);
        open();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.lookup().collapsed().get()).isFalse();
        assertThat(divider(robot, "#split-lookup")).isCloseTo(0.5, within(0.02));
    }
}
