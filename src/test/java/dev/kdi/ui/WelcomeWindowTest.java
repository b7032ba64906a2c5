package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.Icons;
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
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Without a kubeconfig the window says what it does and opens the demo in one click. */
@ExtendWith(ApplicationExtension.class)
class WelcomeWindowTest {
    private final Clock clock = Clock.systemUTC();
    private final FakeOpener opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()),
            List.of(), clock);
    private FxTaskExecutor executor;
    private WindowModel model;

    @BeforeEach
    void open() throws TimeoutException {
        executor = new FxTaskExecutor(2, "test-ui", ProblemLog.inMemory());
        FxToolkit.setupStage(stage -> {
            model = new WindowModel(executor, opener, m -> {
            }, clock, ZoneOffset.UTC, new Reproduction(new Random(1)));
            MainWindow window = new MainWindow(model, text -> {
            }, ZoneOffset.UTC);
            stage.setScene(window.scene());
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            model.start(new WindowModel.Start(false, Optional.empty(), Optional.empty(), Optional.empty()));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws TimeoutException {
        WaitForAsyncUtils.asyncFx(model::close);
        WaitForAsyncUtils.waitForFxEvents();
        executor.close();
        FxToolkit.cleanupStages();
    }

    @Test
    void welcome_explainsTheTool_andOpensTheDemoInOneClick(FxRobot robot) throws TimeoutException {
        Node welcome = robot.lookup("#welcome").query();
        // Its viewport is drawn afresh, never kept as an image that the hidden view would hold all session.
        assertThat(welcome.lookup(".viewport").isCache()).isFalse();
        assertThat(welcome.isVisible()).isTrue();
        assertThat(robot.lookup(".welcome-lead").queryAs(Label.class).getText())
                .startsWith("See every DNS name your cluster should serve");
        assertThat(robot.lookup(".welcome-command").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("kdi --context my-cluster");
        assertThat(robot.lookup("#welcome-demo-note").queryAs(Label.class).getText())
                .contains("a rewrite (db.example.com), a stub domain (corp.example)").contains("(lab.example)");

        robot.clickOn("#open-demo");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.phase().get() == WindowModel.Phase.READY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(welcome.isVisible()).isFalse();
        assertThat(robot.lookup("#demo-pill").query().isVisible()).isTrue();
        assertThat(robot.lookup("#demo-banner").query().isVisible()).isTrue();
        assertThat(robot.lookup("#status-source").queryAs(Label.class).getText()).isEqualTo("DEMO cluster");
    }

    @Test
    void everyIcon_existsInTheIconPack() {
        for (Icons icon : Icons.values()) {
            Ikon resolved = icon.create().getIconCode();
            assertThat(resolved.getDescription()).as(icon.name()).isEqualTo(icon.code());
            assertThat(resolved.getCode()).as(icon.name() + "'s glyph").isPositive();
        }
        // What a misspelt code in the enum would do: fail here, not show an empty square.
        assertThatThrownBy(() -> new FontIcon("mdi2d-dns-no-such-icon")).isInstanceOf(RuntimeException.class);
    }
}
