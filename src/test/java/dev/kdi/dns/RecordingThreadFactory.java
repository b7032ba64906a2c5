package dev.kdi.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/** Daemon threads that a test can later check have all ended. */
final class RecordingThreadFactory implements ThreadFactory {
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The threads still alive after waiting up to {@code patience} for each. */
    List<Thread> stillAlive(Duration patience) throws InterruptedException {
        for (Thread t : threads) {
            t.join(patience.toMillis());
        }
        return threads.stream().filter(Thread::isAlive).toList();
    }
}
