package dev.kdi.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When to try a scope's watch or list again: at once after a 410 (only a relist can catch up),
 * otherwise with exponential backoff from 250 ms to 30 s per scope, reset by the first event that
 * arrives. Nothing runs once the owner's scheduler shuts down.
 */
final class WatchRetries {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler;
    // Guarded by this.
    private final Map<Object, Integer> failedAttempts = new HashMap<>();

    WatchRetries(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code task} after the next backoff delay of {@code scope} (a {@link KindScope}, or any watch's own key). */
    void later(Object scope, Runnable task) {
        int attempt;
        synchronized (this) {
            attempt = failedAttempts.merge(scope, 1, Integer::sum);
        }
        long delay = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(attempt - 1, 8));
        try {
            scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The owner is shutting down.
        }
    }

    /** Runs {@code task} as soon as the scheduler can. */
    void now(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // The owner is shutting down.
        }
    }

    /** The scope's watch works again: its next failure starts from the shortest delay. */
    synchronized void succeeded(Object scope) {
        failedAttempts.remove(scope);
    }
}
