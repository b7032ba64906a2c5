package dev.kdi.ui;

import dev.kdi.ui.window.WindowModel;
import java.io.PrintStream;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.util.Duration;

/**
 * {@code kdi --demo --smoke-test}: proves that a built or installed copy works end to end. The
 * real window opens on the demo; once the demo is shown, the name of the demo's headless Service
 * goes into the lookup field and the field's own action (Enter) runs the lookup; the test passes
 * when the window shows the answer's four A records, and fails (exit 1) when any step does not
 * happen within the time limit or the demo cannot open.
 *
 * <p>It reads what the window shows (the answer's labels), not the view-model, so a window that
 * cannot render its answer fails too.
 */
final class SmokeTest {
    static final String NAME = "sample-headless.default.svc.cluster.local";
    static final int ADDRESSES = 4;

    private final WindowModel model;
    private final MainWindow window;
    private final PrintStream out;
    private final IntConsumer done;
    private final long limitMillis;
    private final long started = System.nanoTime();
    private final Timeline poll = new Timeline();
    private boolean asked;

    /**
     * @param done called once on the FX thread with 0 (passed) or 1 (failed)
     */
    SmokeTest(WindowModel model, MainWindow window, PrintStream out, IntConsumer done, long limitMillis) {
        this.model = model;
        this.window = window;
        this.out = out;
        this.done = done;
        this.limitMillis = limitMillis;
    }

    /** Starts polling the window on the FX thread; call after the stage is shown. */
    void start() {
        poll.getKeyFrames().setAll(new KeyFrame(Duration.millis(100), e -> step()));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
    }

    private void step() {
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        if (elapsed > limitMillis) {
            finish(1, "smoke test: failed: " + (asked ? "the window showed no answer with " + ADDRESSES
                    + " A records for " + NAME : "the demo did not open") + " within " + limitMillis / 1000 + " s");
            return;
        }
        if (!asked) {
            WindowModel.Phase phase = model.phase().get();
            if (phase == WindowModel.Phase.WELCOME && !model.welcomeProblem().get().isEmpty()) {
                finish(1, "smoke test: failed: " + model.welcomeProblem().get());
            } else if (phase == WindowModel.Phase.READY) {
                out.println("smoke test: the demo is open after " + elapsed + " ms; looking up " + NAME);
                window.lookup().nameField().setText(NAME);
                window.lookup().nameField().fireEvent(new ActionEvent());
                asked = true;
            }
            return;
        }
        List<String> shown = window.scene().getRoot().lookupAll(".answer-records").stream()
                .filter(Node::isVisible).filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
        if (!shown.isEmpty() && shown.stream().allMatch(text -> text.lines().count() == ADDRESSES)) {
            out.println("smoke test: the window shows " + ADDRESSES + " A records for " + NAME + ":");
            shown.get(0).lines().forEach(line -> out.println("  " + line));
            finish(0, "smoke test: passed after " + elapsed + " ms");
        }
    }

    private void finish(int code, String message) {
        poll.stop();
        out.println(message);
        done.accept(code);
    }
}
