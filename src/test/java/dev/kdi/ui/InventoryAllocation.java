package dev.kdi.ui;

import dev.kdi.session.Inspection;
import dev.kdi.ui.inventory.Inventory;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * What {@link Inventory#build} allocates and keeps for one inspection: the part of loading's
 * garbage (and of what a young collection copies) that the window's own view adds.
 */
final class InventoryAllocation {
    private InventoryAllocation() {
    }

    static void report(Inspection inspection) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        Inventory kept = null;
        for (int i = 0; i < 3; i++) {
            kept = null;
            long before = threads.getThreadAllocatedBytes(tid);
            kept = Inventory.build(inspection, Optional.empty());
            best = Math.min(best, threads.getThreadAllocatedBytes(tid) - before);
        }
        long with = usedAfterGc();
        int rows = kept.podCount() + kept.endpointCount();
        kept = null;
        long without = usedAfterGc();
        System.out.printf("Inventory.build: allocates %.1f MB, keeps %.1f MB (%,d pod and endpoint rows)%n",
                best / 1e6, (with - without) / 1e6, rows);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
