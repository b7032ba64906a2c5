package dev.kdi.ui.common;

import dev.kdi.session.NamedThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

/**
 * Runs tasks as JavaFX {@link Task}s on a small pool of named daemon threads; JavaFX delivers
 * their outcome and (coalesced) progress on the FX thread.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService pool;
    private final ProblemLog log;

    /**
     * @param threads how many tasks run at once
     * @param prefix thread names are {@code prefix-1}, {@code prefix-2}, ...
     * @param log where every failed task is logged with its stack trace, before its own
     *     {@code onFailure} says it to the user
     */
    public FxTaskExecutor(int threads, String prefix, ProblemLog log) {
        this.pool = Executors.newFixedThreadPool(threads, NamedThreads.daemon(prefix));
        this.log = log;
    }

    @Override
    public <T> Running execute(BackgroundTask<T> task) {
        Task<T> fx = new Task<>() {
            private final BackgroundTask.Context context = new BackgroundTask.Context() {
                @Override
                public void progress(String message, double fraction) {
                    updateMessage(message);
                    updateProgress(fraction < 0 ? -1 : fraction, fraction < 0 ? -1 : 1);
                }

                @Override
                public boolean isCancelled() {
                    return isCancelled0();
                }
            };

            private boolean isCancelled0() {
                return isCancelled();
            }

            @Override
            protected T call() throws Exception {
                Thread.currentThread().setName(Thread.currentThread().getName().replaceFirst(" \\(.*\\)$", "")
                        + " (" + task.title() + ")");
                try {
                    return task.work().run(context);
                } catch (Exception | Error e) {
                    // Logged here, on the pool: the log touches files, never the FX thread's business.
                    if (!isCancelled()) {
                        log.failure(task.title(), e);
                    }
                    throw e;
                }
            }
        };
        fx.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> task.succeeded(fx.getValue()));
        fx.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> task.failed(fx.getException()));
        fx.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> task.cancelled());
        fx.messageProperty().addListener((o, was, now) -> task.progressed(now, fx.getProgress()));
        pool.execute(fx);
        return new Running() {
            @Override
            public void cancel() {
                fx.cancel(true);
            }

            @Override
            public boolean isDone() {
                return fx.isDone();
            }
        };
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
