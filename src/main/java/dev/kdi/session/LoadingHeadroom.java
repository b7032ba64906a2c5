package dev.kdi.session;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.kdi.records.objects.ClusterSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.LongSupplier;
import javax.management.NotificationEmitter;

/**
 * Room for a large cluster while it loads, and for its next rebuild while it is open.
 *
 * <p>The app ships the serial collector with tight free ratios ({@code packaging/jvm.options}),
 * so the heap grows only as far as the cluster needs and gives back what a collection frees.
 * Their price is paid by a large cluster: whenever the old generation grows, the serial collector
 * first collects the whole heap, which stops the window for about 1 ms per MB live; with 10% of
 * room left after each, loading 150,000 pods meant some twenty of them, each longer than the last
 * (the longest 200-370 ms). So while a load is under way and a whole-heap collection finds more
 * live than a small cluster's window holds, the free ratios are raised ({@code MinHeapFreeRatio}
 * and {@code MaxHeapFreeRatio} are manageable: HotSpot reads them at each collection): the next
 * whole-heap collection leaves room for four times what is live, and the rest of the load
 * promotes into it without another (a load that begins with the heap already that large, as when
 * a large cluster is reopened, has them raised at once).
 *
 * <p>When the last load ends, a large cluster keeps room for one rebuild as large as itself:
 * reopening it, or a live update, builds a new model, lint and view while the current ones are
 * still live, and with the shipped ratios that meant a whole-heap collection of the whole window
 * in the middle of every rebuild (100-140 ms at 150,000 pods). A small cluster, the demo among
 * them, gets the operator's or the shipped ratios back, and a later collection gives the room back.
 */
public final class LoadingHeadroom {
    /**
     * Live heap after a whole-heap collection from which a load counts as large: the demo's window
     * holds up to 49 MB while it opens (its last whole-heap collection before the view is built
     * leaves 48-49 MB), the generated 150,000-pod cluster about 75 MB before its model is built and
     * 140 MB once shown. A load that raised the ratios for the demo would leave it a heap several
     * times its size to fill with what young collections promote.
     */
    static final long LARGE_BYTES = 64L << 20;
    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    /** At least 80% free after a whole-heap collection: room for four times what is live. */
    static final int LOADING_MIN_FREE = 80;
    static final int LOADING_MAX_FREE = 90;
    /**
     * Pods and Services from which an open cluster is large: its window holds some 10 MB and more,
     * where a rebuild's whole-heap collection starts to be felt (the demo has a few dozen).
     */
    static final int LARGE_CLUSTER_OBJECTS = 10_000;
    /** At least half free after a whole-heap collection while a large cluster is open: room for its rebuild. */
    static final int OPEN_MIN_FREE = 50;
    /** Shrunk only when more than 70% is free, so that the room outlives the next collection. */
    static final int OPEN_MAX_FREE = 70;

    /** The collector's settings, as HotSpot's diagnostic bean reads and writes them. */
    public interface Flags {
        String get(String name);

        /** @throws IllegalArgumentException when the value is refused */
        void set(String name, String value);
    }

    /** One load; closing it ends it (again, harmlessly). */
    public interface Lease extends AutoCloseable {
        /**
         * What the load opened, once it has: whether a large cluster is now open. A load that ends
         * without saying (one that failed) leaves the cluster open before it as it was.
         */
        void opened(ClusterSnapshot snapshot);

        @Override
        void close();
    }

    private Flags flags;
    private LongSupplier liveHeap;
    /** The operator's or the shipped ratios, as the JVM started; -1 where unknown. */
    private int ownMin;
    private int ownMax;
    /** Whether this JVM's collector is still to be reached, at the first load. */
    private boolean attachAtFirstLoad;
    private int loads;
    private boolean raised;
    /** Whether the cluster the last successful load opened is large. */
    private boolean largeOpen;
    /** The ratios as last set here (or read), so that each change is made in an order HotSpot accepts. */
    private int currentMin;
    private int currentMax;

    /**
     * @param flags where the ratios are read and set; null for a JVM that has none to set
     * @param liveHeap what the last whole-heap collection left live in the heap
     */
    public LoadingHeadroom(Flags flags, LongSupplier liveHeap) {
        use(flags, liveHeap);
    }

    private void use(Flags with, LongSupplier live) {
        this.flags = with;
        this.liveHeap = live;
        this.ownMin = with == null ? -1 : percent(with.get(MIN_FREE));
        this.ownMax = with == null ? -1 : percent(with.get(MAX_FREE));
        this.currentMin = ownMin;
        this.currentMax = ownMax;
    }

    private static int percent(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Never changes anything: for tests and for a JVM without HotSpot's manageable flags. */
    public static LoadingHeadroom none() {
        return new LoadingHeadroom(null, () -> 0);
    }

    /**
     * For this JVM: HotSpot's ratios, and the heap pools' collection-usage thresholds to learn when
     * a collection leaves a large heap; nothing changes where those are missing ({@code
     * jdk.management} not in the runtime, or another JVM). They are reached at the first load, on
     * its thread: made with the window, their 60-odd classes loaded on the UI thread while it built.
     */
    public static LoadingHeadroom forThisJvm() {
        LoadingHeadroom headroom = none();
        headroom.attachAtFirstLoad = true;
        return headroom;
    }

    /** A load begins: a session opening and its first view being built. */
    public synchronized Lease loading() {
        if (attachAtFirstLoad) {
            attachAtFirstLoad = false;
            try {
                HotSpot.attach(this);
            } catch (LinkageError | RuntimeException e) {
                // No collector to reach: loads keep the shipped behaviour.
            }
        }
        loads++;
        // A heap already large (a large cluster open, another about to replace it) has room made at once.
        raiseIfLarge(liveHeap.getAsLong());
        return new Lease() {
            private boolean closed;

            @Override
            public void opened(ClusterSnapshot snapshot) {
                synchronized (LoadingHeadroom.this) {
                    if (!closed) {
                        largeOpen = snapshot.pods().size() + snapshot.services().size() >= LARGE_CLUSTER_OBJECTS;
                    }
                }
            }

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

    /** Whether the last cluster a load opened is large, so that the heap keeps room for its rebuild. */
    public synchronized boolean isLargeOpen() {
        return largeOpen;
    }

    /** A whole-heap collection has left at least {@link #LARGE_BYTES} live. */
    public synchronized void largeHeapCollected(long liveHeapBytes) {
        raiseIfLarge(liveHeapBytes);
    }

    /** The JVM's notification: the old generation's collection usage reached {@link #LARGE_BYTES}. */
    private synchronized void thresholdCrossed() {
        raiseIfLarge(liveHeap.getAsLong());
    }

    private void raiseIfLarge(long liveHeapBytes) {
        if (flags != null && loads > 0 && !raised && liveHeapBytes >= LARGE_BYTES) {
            raised = ratios(Math.max(LOADING_MIN_FREE, ownMin), Math.max(LOADING_MAX_FREE, ownMax));
        }
    }

    private void ended() {
        loads--;
        if (loads > 0) {
            return;
        }
        raised = false;
        if (largeOpen) {
            // Never less room than the operator's own ratios give.
            ratios(Math.max(OPEN_MIN_FREE, ownMin), Math.max(OPEN_MAX_FREE, ownMax));
        } else {
            ratios(ownMin, ownMax);
        }
    }

    /**
     * Sets both ratios, in the order that keeps the minimum at or below the maximum on the way
     * (HotSpot refuses anything else): the maximum first when the new minimum lies above the
     * current maximum, else the minimum first.
     */
    private boolean ratios(int min, int max) {
        if (flags == null || ownMin < 0 || ownMax < 0) {
            return false;
        }
        if (min == currentMin && max == currentMax) {
            return true;
        }
        return min > currentMax
                ? set(MAX_FREE, max) && set(MIN_FREE, min)
                : set(MIN_FREE, min) && set(MAX_FREE, max);
    }

    private boolean set(String name, int value) {
        try {
            flags.set(name, Integer.toString(value));
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            // A collector or launch that fixes the ratios: loading keeps the shipped behaviour.
            return false;
        }
        if (name.equals(MIN_FREE)) {
            currentMin = value;
        } else {
            currentMax = value;
        }
        return true;
    }

    /** Kept apart so that a runtime without {@code jdk.management} fails here, caught, not at class load. */
    private static final class HotSpot {
        private HotSpot() {
        }

        /**
         * The collector tells of a large heap through the platform's low-memory detection: a
         * collection-usage threshold on the heap's pools is checked by the JVM after each
         * collection, and only a collection that leaves more than it in use (in the old
         * generation, only a whole-heap one) sends a notification; nothing is made per collection.
         */
        static void attach(LoadingHeadroom headroom) {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean == null || !bean.getVMOption(MIN_FREE).isWriteable() || !bean.getVMOption(MAX_FREE).isWriteable()) {
                return;
            }
            // The pools that can hold that much: a young generation's are capped below it (and refuse
            // such a threshold), and only the old generation keeps what a large cluster is made of.
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                    .filter(p -> p.getUsage().getMax() < 0 || p.getUsage().getMax() >= LARGE_BYTES).toList();
            headroom.use(new Flags() {
                @Override
                public String get(String name) {
                    return bean.getVMOption(name).getValue();
                }

                @Override
                public void set(String name, String value) {
                    bean.setVMOption(name, value);
                }
            }, () -> pools.stream().map(MemoryPoolMXBean::getCollectionUsage).filter(u -> u != null)
                    .mapToLong(MemoryUsage::getUsed).max().orElse(0));
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(
                    (n, handback) -> headroom.thresholdCrossed(),
                    n -> MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType()), null);
            pools.forEach(p -> p.setCollectionUsageThreshold(LARGE_BYTES));
        }
    }
}
