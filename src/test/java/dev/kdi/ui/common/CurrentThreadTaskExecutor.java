package dev.kdi.ui.common;

/**
 * Runs every task at once on the calling thread, so view-model tests are synchronous: when a
 * command returns, its results are in the properties.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> Running execute(BackgroundTask<T> task) {
        T value;
        try {
            value = task.work().run(new BackgroundTask.Context() {
                @Override
                public void progress(String message, double fraction) {
                    task.progressed(message, fraction);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
        } catch (Exception e) {
            task.failed(e);
            return Running.DONE;
        }
        task.succeeded(value);
        return Running.DONE;
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
