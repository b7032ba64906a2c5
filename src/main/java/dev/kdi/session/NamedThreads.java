package dev.kdi.session;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code prefix-N}, so a thread dump says whose they are. */
public final class NamedThreads {
    private NamedThreads() {
    }

    /** A factory of daemon threads {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
