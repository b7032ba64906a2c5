package dev.kdi.session;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Room for a large cluster while it loads.
 *
 * <p>The app ships the serial collector with tight free ratios ({@code packaging/jvm.options}),
 * so the heap grows only as far as the cluster needs and gives back what a collection frees.
 * Their price is paid by a large cluster: whenever the old generation grows, the serial collector
 * first collects the whole heap, which stops the window for about 1 ms per MB live; with 10% of
 * room left after each, loading 150,000 pods meant some twenty of them, each longer than the last
 * (the longest 200-370 ms). So while a load is under way and a whole-heap collection finds more
 * live than a small cluster's window holds, the free ratios are raised ({@code MinHeapFreeRatio}
 * and {@code MaxHeapFreeRatio} are manageable: HotSpot reads them at each collection): the next
 * whole-heap collection leaves room for three times what is live, and the rest of the load
 * promotes into it without another (a load that begins with the heap already that large, as when
 * a large cluster is reopened, has them raised at once). When the last load ends they are put back
 * as they were, and a later collection gives the room back. A small cluster (the demo's window
 * holds about 40 MB) never raises them.
 */
public final class LoadingHeadroom {
    /** Live heap after a whole-heap collection from which a load counts as large. */
    static final long LARGE_BYTES = 64L << 20;
    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    /** At least 75% free after a whole-heap collection: room for three times what is live. */
    static final String LOADING_MIN_FREE = "75";
    static final String LOADING_MAX_FREE = "85";

    /** The collector's settings, as HotSpot's diagnostic bean reads and writes them. */
    public interface Flags {
        String get(String name);

        /** @throws IllegalArgumentException when the value is refused */
        void set(String name, String value);
    }

    /** One load; closing it ends it (again, harmlessly). */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final Flags flags;
    private final String minFree;
    private final String maxFree;
    private int loads;
    private boolean raised;
    /** What the last whole-heap collection left live. */
    private long lastLive;

    /** @param flags where the ratios are read and set; null for a JVM that has none to set */
    public LoadingHeadroom(Flags flags) {
        this.flags = flags;
        this.minFree = flags == null ? null : flags.get(MIN_FREE);
        this.maxFree = flags == null ? null : flags.get(MAX_FREE);
    }

    /** Never changes anything: for tests and for a JVM without HotSpot's manageable flags. */
    public static LoadingHeadroom none() {
        return new LoadingHeadroom(null);
    }

    /**
     * For this JVM: HotSpot's ratios, told of every collection by the platform's notifications;
     * {@link #none()} where those are missing ({@code jdk.management} not in the runtime, or
     * another JVM).
     */
    public static LoadingHeadroom forThisJvm() {
        try {
            return HotSpot.attach();
        } catch (LinkageError | RuntimeException e) {
            return none();
        }
    }

    /** A load begins: a session opening and its first view being built. */
    public synchronized Lease loading() {
        loads++;
        // A heap already large (a large cluster open, another about to replace it) has room made at once.
        raiseIfLarge();
        return new Lease() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (LoadingHeadroom.this) {
                    if (!closed) {
                        closed = true;
                        ended();
                    }
                }
            }
        };
    }

    /** Whether a load is under way. */
    public synchronized boolean isLoading() {
        return loads > 0;
    }

    /**
     * After each collection.
     *
     * @param liveHeapBytes the heap in use after it
     * @param wholeHeap whether it collected the whole heap (then what is in use is live)
     */
    public synchronized void collected(long liveHeapBytes, boolean wholeHeap) {
        if (wholeHeap) {
            lastLive = liveHeapBytes;
            raiseIfLarge();
        }
    }

    private void raiseIfLarge() {
        if (flags != null && loads > 0 && !raised && lastLive >= LARGE_BYTES) {
            // Maximum first, so the minimum never exceeds it on the way (HotSpot refuses that).
            raised = set(MAX_FREE, LOADING_MAX_FREE) && set(MIN_FREE, LOADING_MIN_FREE);
        }
    }

    private void ended() {
        loads--;
        if (loads == 0 && raised) {
            raised = false;
            set(MIN_FREE, minFree);
            set(MAX_FREE, maxFree);
        }
    }

    private boolean set(String name, String value) {
        try {
            flags.set(name, value);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            // A collector or launch that fixes the ratios: loading keeps the shipped behaviour.
            return false;
        }
    }

    /** Kept apart so that a runtime without {@code jdk.management} fails here, caught, not at class load. */
    private static final class HotSpot {
        private HotSpot() {
        }

        static LoadingHeadroom attach() {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean == null || !bean.getVMOption(MIN_FREE).isWriteable() || !bean.getVMOption(MAX_FREE).isWriteable()) {
                return none();
            }
            LoadingHeadroom headroom = new LoadingHeadroom(new Flags() {
                @Override
                public String get(String name) {
                    return bean.getVMOption(name).getValue();
                }

                @Override
                public void set(String name, String value) {
                    bean.setVMOption(name, value);
                }
            });
            Set<String> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toUnmodifiableSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener((n, handback) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            GarbageCollectionNotificationInfo info =
                                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                            headroom.collected(inUse(info.getGcInfo().getMemoryUsageAfterGc(), heap),
                                    "end of major GC".equals(info.getGcAction()));
                        }
                    }, null, null);
                }
            }
            return headroom;
        }

        private static long inUse(Map<String, MemoryUsage> pools, Set<String> heap) {
            return pools.entrySet().stream().filter(e -> heap.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed()).sum();
        }
    }
}
