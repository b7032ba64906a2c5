package dev.kdi.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Notices the window's first frame: the first pulse that lays the shown scene out, and then the
 * FX thread's next turn, after that pulse has handed its frame to the renderer. The start-up
 * benchmark (packaging/benchmark-startup) and the smoke test read the time from process start to
 * here; the benchmark's empty-window floor measures the same moment the same way.
 */
final class FirstFrame {
    /** Set to {@code first-frame} to have the window print when its first frame is drawn. */
    static final String PROBE_VARIABLE = "KDI_PROBE";

    private FirstFrame() {
    }

    /** Calls {@code then} once, on the FX thread, with milliseconds since the process started. */
    static void after(Scene scene, LongConsumer then) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> then.accept(sinceProcessStart()));
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Processor time the process has used so far, in milliseconds: steadier than wall time on a busy machine. */
    static long processorTime() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
    }
}
