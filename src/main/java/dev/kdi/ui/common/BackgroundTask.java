package dev.kdi.ui.common;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A piece of slow work and what to do with its outcome, written as one fluent chain:
 * {@code BackgroundTask.of("Loading", ctx -> load()).onSuccess(this::show).onFailure(this::tell).runOnce(executor)}.
 *
 * <p>The work runs on a worker thread; every callback runs on the UI thread.
 *
 * @param <T> what the work produces
 */
public final class BackgroundTask<T> {

    /** The work itself; it may report progress and should stop early when cancelled. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Context context) throws Exception;
    }

    /** What the work sees of its task. */
    public interface Context {
        /** Reports progress; {@code fraction} is 0..1, or negative when unknown. */
        void progress(String message, double fraction);

        boolean isCancelled();

        /** For work that runs inline and never reports anything. */
        Context NONE = new Context() {
            @Override
            public void progress(String message, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = t -> {
    };
    /** Required: a failure nobody handles would vanish (the executor also logs it). */
    private Consumer<Throwable> onFailure;
    private BiConsumer<String, Double> onProgress = (m, f) -> {
    };
    private Runnable onFinished = () -> {
    };

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    /**
     * @param title names the task in thread dumps and progress displays
     */
    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** Progress as the work reports it; the window coalesces rapid reports. */
    public BackgroundTask<T> onProgress(BiConsumer<String, Double> action) {
        this.onProgress = Objects.requireNonNull(action);
        return this;
    }

    /** After success, failure or cancellation, on the UI thread. */
    public BackgroundTask<T> onFinished(Runnable action) {
        this.onFinished = Objects.requireNonNull(action);
        return this;
    }

    /**
     * @throws IllegalStateException when no {@link #onFailure} was given: every task says what
     *     its failure does to the view, so that nothing fails silently
     */
    public TaskExecutor.Running runOnce(TaskExecutor executor) {
        if (onFailure == null) {
            throw new IllegalStateException("the task '" + title + "' says nothing about its failure: give it onFailure");
        }
        return executor.execute(this);
    }

    public String title() {
        return title;
    }

    public Work<T> work() {
        return work;
    }

    /** For executors: hand over the outcome. */
    public void succeeded(T value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    /** For executors: hand over the failure. */
    public void failed(Throwable error) {
        try {
            onFailure.accept(error);
        } finally {
            onFinished.run();
        }
    }

    /** For executors: the task was cancelled. */
    public void cancelled() {
        onFinished.run();
    }

    /** For executors: hand over progress. */
    public void progressed(String message, double fraction) {
        onProgress.accept(message, fraction);
    }
}
