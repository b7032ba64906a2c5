package dev.kdi.ui.common;

/**
 * Runs {@link BackgroundTask}s away from the UI thread and hands their results back to it.
 *
 * <p>The window uses {@link FxTaskExecutor}; view-model tests use one that runs everything on the
 * calling thread, so they are synchronous and deterministic.
 */
public interface TaskExecutor {

    /** Starts the task; its callbacks run on the UI thread. */
    <T> Running execute(BackgroundTask<T> task);

    /** Runs the action on the UI thread: now when already there, soon otherwise. */
    void onUiThread(Runnable action);

    /** A started task. */
    interface Running {
        /** Stops the task: its success and failure callbacks no longer run. */
        void cancel();

        boolean isDone();

        /** A handle for work that never started or already ended. */
        Running DONE = new Running() {
            @Override
            public void cancel() {
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }
}
