package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.session.SessionRequest;
import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.UserMessage;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.window.WindowModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A background task that fails leaves a line in the log file and a notification saying what to do. */
@ExtendWith(ApplicationExtension.class)
class FailureNoticeWindowTest {
    private final Clock clock = Clock.systemUTC();
    private final FakeOpener opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()),
            List.of("kind-kdi-test"), clock);
    private final List<UserMessage> shown = new CopyOnWriteArrayList<>();
    private final List<String> copied = new CopyOnWriteArrayList<>();
    private FxTaskExecutor executor;
    private WindowModel model;

    @AfterEach
    void close() throws TimeoutException {
        WaitForAsyncUtils.asyncFx(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        executor.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void aFailingOpen_leavesALogLineANotificationAndDiagnostics(FxRobot robot, @TempDir Path state) throws Exception {
        ProblemLog log = new ProblemLog(state, 1 << 20, 3, clock, null);
        executor = new FxTaskExecutor(2, "test-ui", log);
        FxToolkit.setupStage(stage -> {
            FxNotifier corner = new FxNotifier(() -> stage);
            model = new WindowModel(executor, opener, m -> {
                shown.add(m);
                corner.show(m);
            }, clock, ZoneOffset.UTC, new Reproduction(new Random(1)));
            MainWindow window = new MainWindow(model, copied::add, ZoneOffset.UTC, log);
            stage.setScene(window.scene());
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            model.start(new WindowModel.Start(false, Optional.empty(), Optional.empty(), Optional.empty()));
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.phase().get() == WindowModel.Phase.READY);

        opener.failLive("connection refused: kind-kdi-test.example:6443");
        WaitForAsyncUtils.asyncFx(() -> model.open(new SessionRequest.Live(Optional.empty(), Optional.of("other"))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !shown.isEmpty());

        UserMessage notice = shown.get(0);
        assertThat(notice.level()).isEqualTo(UserMessage.Level.ERROR);
        assertThat(notice.title()).startsWith("Could not open");
        assertThat(notice.text()).contains("connection refused", "Try again", "Copy diagnostics");
        String written = Files.readString(state.resolve("kdi.log"));
        assertThat(written).contains("ERROR Opening", "connection refused: kind-kdi-test.example:6443",
                "dev.kdi.session.SessionException");
        // The window stays on the cluster it had.
        assertThat(model.phase().get()).isEqualTo(WindowModel.Phase.READY);

        robot.clickOn("#help-menu").clickOn("Copy diagnostics");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(copied).hasSize(1);
        assertThat(copied.get(0)).contains("kdi ", "Java ", "Open: live kind-kdi-test", "Log: " + state.resolve("kdi.log"),
                "connection refused");
    }
}
