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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What each step of loading allocates and keeps, in the order a session and the window run them:
 * the model (with the EndpointSlices it derives), the lint, the DNS Service's replicas, the
 * window's inventory and its search index. Allocation is garbage the young collections must sweep;
 * what a step keeps is what they copy, the bulk of a young pause, and what a whole-heap collection
 * must then mark each time the old generation grows: that costs by the object, not the byte (a
 * million small objects cost far more than a few large arrays), so the objects kept are counted
 * too, from the live heap's class histogram before and after the step. {@link UiBenchmark} prints
 * it; {@code java -cp <test class path> dev.kdi.ui.LoadingAllocation} prints it alone, for the
 * generated 2,000-namespace cluster, and with {@code -Dkdi.histogram=N} also the N classes each step
 * keeps most instances of.
 */
final class LoadingAllocation {
    private LoadingAllocation() {
    }

    /**
     * One step: bytes allocated (the least of three tries), and bytes and objects kept once the step
     * is done; {@code classes} is the live-instance count each class gained (or lost).
     */
    record Step(String name, long allocated, long kept, long objects, Map<String, Long> classes) {
    }

    private static void top(Map<String, Long> perClass, int n) {
        perClass.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(n)
                .forEach(c -> System.out.printf("      %,10d %s%n", c.getValue(), c.getKey()));
    }

    /** The live heap as the class histogram counts it: instances and bytes in all, and per class. */
    private record Histogram(long instances, long bytes, Map<String, Long> perClass) {
        Histogram minus(Histogram before) {
            Map<String, Long> gained = new HashMap<>(perClass);
            before.perClass.forEach((name, n) -> gained.merge(name, -n, Long::sum));
            return new Histogram(instances - before.instances, bytes - before.bytes, gained);
        }

        /** Less the first reading's text, alive during the second: a String and its byte[] (Latin-1). */
        Histogram less(String text) {
            Map<String, Long> gained = new HashMap<>(perClass);
            gained.merge("java.lang.String", -1L, Long::sum);
            gained.merge("[B", -1L, Long::sum);
            long textBytes = 24 + ((16 + text.length() + 7) & ~7);
            return new Histogram(instances - 2, bytes - textBytes, gained);
        }
    }

    public static void main(String[] args) {
        System.gc();
        ClusterSnapshot snapshot = dev.kdi.records.lint.LintBenchmark.generate(2000);
        var session = UiBenchmark.session(snapshot, java.time.Clock.systemUTC());
        session.publish(snapshot);
        report(session.current());
    }

    static void report(Inspection inspection) {
        int top = Integer.getInteger("kdi.histogram", 0);
        Histogram start = parse(histogramText());
        System.out.printf("  %-34s %6.1f MB live in %,10d objects%n", "snapshot and session:", start.bytes() / 1e6,
                start.instances());
        top(start.perClass(), top);
        for (Step s : measure(inspection)) {
            System.out.printf("  %-34s allocates %6.1f MB, keeps %6.1f MB in %,10d objects%n", s.name() + ":",
                    s.allocated() / 1e6, s.kept() / 1e6, s.objects());
            top(s.classes(), top);
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
        // Read as text and parsed only after the step: a parsed histogram (a String and a map entry
        // per class) alive across the second reading would count itself as kept.
        String before = histogramText();
        long best = Long.MAX_VALUE;
        T kept = null;
        for (int i = 0; i < 3; i++) {
            kept = null;
            long a = threads.getThreadAllocatedBytes(tid);
            kept = build.get();
            best = Math.min(best, threads.getThreadAllocatedBytes(tid) - a);
        }
        keep.add(kept);
        String after = histogramText();
        Histogram gained = parse(after).minus(parse(before)).less(before);
        out.add(new Step(name, best, gained.bytes(), gained.instances(), gained.perClass()));
        return kept;
    }

    /**
     * The live heap's class histogram, through the DiagnosticCommand MBean ({@code jcmd
     * GC.class_histogram} without a second process): it collects the whole heap first, so what it
     * counts is what is reachable.
     */
    private static String histogramText() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram from the DiagnosticCommand MBean", e);
        }
    }

    private static Histogram parse(String text) {
        // Rows read "  12:   34567   1234560  java.lang.String (java.base@17)"; the last, "Total 123 4567".
        Map<String, Long> perClass = new HashMap<>();
        long instances = -1;
        long bytes = -1;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("Total")) {
                instances = Long.parseLong(f[1]);
                bytes = Long.parseLong(f[2]);
            } else if (f.length >= 4 && f[0].endsWith(":")) {
                perClass.merge(f[3], Long.parseLong(f[1]), Long::sum);
            }
        }
        if (instances < 0) {
            throw new IllegalStateException("class histogram without a Total line: " + text.lines().findFirst());
        }
        return new Histogram(instances, bytes, perClass);
    }
}
