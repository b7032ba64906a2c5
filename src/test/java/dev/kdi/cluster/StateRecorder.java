package dev.kdi.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Records what a stream's listener was told; listeners are told on another thread, so tests wait. */
final class StateRecorder implements Consumer<ForwardState> {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<ForwardState> states = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void accept(ForwardState state) {
        states.add(state);
        notifyAll();
    }

    /** The states told so far, once the last one is final. */
    List<ForwardState> untilFinal() throws InterruptedException {
        return until(told -> !told.isEmpty() && told.get(told.size() - 1).isFinal());
    }

    /** The states told so far, once {@code count} have been told. */
    List<ForwardState> untilCount(int count) throws InterruptedException {
        return until(told -> told.size() >= count);
    }

    private synchronized List<ForwardState> until(Predicate<List<ForwardState>> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(states)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the listener was told only " + states + " within " + WAIT);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(states);
    }
}
