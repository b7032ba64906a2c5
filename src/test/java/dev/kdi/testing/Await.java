package dev.kdi.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens on another thread, failing (never hanging) after a deadline. */
public final class Await {
    private Await() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} when {@code timeout} passed. */
    public static void until(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
