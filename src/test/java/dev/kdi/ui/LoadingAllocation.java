package dev.kdi.ui;

import dev.kdi.cluster.DnsServers;
import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.session.ClusterDns;
import dev.kdi.session.Inspection;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.tree.FilterIndex;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each step of loading allocates and keeps, in the order a session and the window run them:
 * the model (with the EndpointSlices it derives), the lint, the DNS Service's replicas, the
 * window's inventory and its search index. Allocation is garbage the young collections must sweep;
 * what a step keeps is what they copy, the bulk of a young pause. {@link UiBenchmark} prints it;
 * {@code java -cp <test class path> dev.kdi.ui.LoadingAllocation} prints it alone, for the
 * generated 2,000-namespace cluster.
 */
final class LoadingAllocation {
    private LoadingAllocation() {
    }

    /** One step: bytes allocated (the least of three tries) and bytes kept once the step is done. */
    record Step(String name, long allocated, long kept) {
    }

    public static void main(String[] args) {
        System.gc();
        ClusterSnapshot snapshot = dev.kdi.records.lint.LintBenchmark.generate(2000);
        var session = UiBenchmark.session(snapshot, java.time.Clock.systemUTC());
        session.publish(snapshot);
        report(session.current());
    }

    static void report(Inspection inspection) {
        for (Step s : measure(inspection)) {
            System.out.printf("  %-34s allocates %6.1f MB, keeps %6.1f MB%n", s.name() + ":", s.allocated() / 1e6,
                    s.kept() / 1e6);
        }
    }

    static List<Step> measure(Inspection inspection) {
        ClusterSnapshot snapshot = inspection.snapshot();
        List<Step> out = new ArrayList<>();
        List<Object> keep = new ArrayList<>();
        DnsModel model = step(out, keep, "model (DnsModel.build)",
                () -> DnsModel.build(snapshot, CorefileParser.kubeadmDefault()));
        List<Finding> findings = step(out, keep, "lint (Lint.findings)", () -> Lint.findings(model));
        step(out, keep, "DNS Service replicas", () -> {
            ClusterSnapshot withSlices = new ClusterSnapshot(snapshot.namespaces(), snapshot.services(),
                    model.endpointSlices(), snapshot.endpoints(), snapshot.pods(), snapshot.workloads(),
                    snapshot.corefile(), true);
            return ClusterDns.of(DnsServers.locate(withSlices));
        });
        Inventory inventory = step(out, keep, "window inventory (Inventory.build)",
                () -> Inventory.build(inspection, Optional.empty()));
        step(out, keep, "tree search index (FilterIndex)", () -> FilterIndex.build(inventory));
        keep.clear();
        return out;
    }

    private static <T> T step(List<Step> out, List<Object> keep, String name, Supplier<T> build) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = usedAfterGc();
        long best = Long.MAX_VALUE;
        T kept = null;
        for (int i = 0; i < 3; i++) {
            kept = null;
            long a = threads.getThreadAllocatedBytes(tid);
            kept = build.get();
            best = Math.min(best, threads.getThreadAllocatedBytes(tid) - a);
        }
        keep.add(kept);
        out.add(new Step(name, best, usedAfterGc() - before));
        return kept;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
