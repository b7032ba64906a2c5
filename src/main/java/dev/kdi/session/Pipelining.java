package dev.kdi.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Asks many questions through a bounded window: enough in flight to keep a forward busy, never so
 * many that a slow replica piles up thousands of waiting queries.
 */
public final class Pipelining {
    private Pipelining() {
    }

    /**
     * Starts {@code start} for each item in order, with at most {@code window} unfinished at once,
     * and waits until every started one has finished. Each future handles its own outcome (its
     * callbacks record answers and failures); a callback that throws fails the whole run.
     *
     * @param stop checked before each item; once it holds, the items left are not started
     * @return the items not started because {@code stop} held, in order
     * @throws InterruptedException when interrupted while waiting; the unfinished are cancelled
     */
    public static <T> List<T> run(List<T> items, int window, BooleanSupplier stop,
                                  Function<T, CompletableFuture<?>> start) throws InterruptedException {
        Semaphore slots = new Semaphore(window);
        List<T> notStarted = new ArrayList<>();
        List<CompletableFuture<?>> started = new ArrayList<>(items.size());
        try {
            for (T item : items) {
                if (stop.getAsBoolean()) {
                    notStarted.add(item);
                    continue;
                }
                slots.acquire();
                CompletableFuture<?> f = start.apply(item);
                started.add(f);
                f.whenComplete((r, e) -> slots.release());
            }
            CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0])).get();
        } catch (InterruptedException e) {
            started.forEach(f -> f.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
        return notStarted;
    }
}
