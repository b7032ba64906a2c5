package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.window.WindowModel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The window's keyboard: copy the selected name, resolve all, the command palette, the shortcuts sheet. */
@ExtendWith(ApplicationExtension.class)
class ShortcutsWindowTest {
    private final Clock clock = Clock.systemUTC();
    private final FakeOpener opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()),
            List.of("kind-kdi-test"), clock);
    private final List<String> copied = new CopyOnWriteArrayList<>();
    private FxTaskExecutor executor;
    private WindowModel model;
    private MainWindow window;

    @BeforeEach
    void open() throws TimeoutException {
        executor = new FxTaskExecutor(2, "test-ui", ProblemLog.inMemory());
        FxToolkit.setupStage(stage -> {
            model = new WindowModel(executor, opener, m -> {
            }, clock, ZoneOffset.UTC, new Reproduction(new Random(1)));
            window = new MainWindow(model, copied::add, ZoneOffset.UTC);
            stage.setScene(window.scene());
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            model.start(new WindowModel.Start(false, Optional.empty(), Optional.empty(), Optional.empty()));
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.phase().get() == WindowModel.Phase.READY
                && model.view().get() != null);
    }

    @AfterEach
    void close() throws TimeoutException {
        WaitForAsyncUtils.asyncFx(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        executor.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void ctrlShiftC_copiesTheSelectedName_andCtrlEnterResolvesAll(FxRobot robot) throws TimeoutException {
        Entry web = model.view().get().services("default").get(0);
        robot.interact(() -> window.tree().select(web));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.details().rows().isEmpty());

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(copied).containsExactly(web.fqdn());

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.details().busy().get()
                && model.details().message().get().startsWith("All "));
    }

    @Test
    void ctrlK_runsACommandByName_andF1ShowsEveryShortcut(FxRobot robot) throws TimeoutException {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#command-palette").tryQuery()).isPresent();
        robot.write("show the check").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.views().getSelectionModel().getSelectedItem().getText()).isEqualTo("Check");

        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#shortcuts-sheet").tryQuery()).isPresent();
        assertThat(robot.lookup(".shortcut-key").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText).contains("Ctrl+K", "Ctrl+Shift+C", "Ctrl+Enter", "F1");
    }
}
