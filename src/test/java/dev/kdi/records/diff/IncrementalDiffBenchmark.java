package dev.kdi.records.diff;

import dev.kdi.bench.Rounds;
import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.gen.ScaleGenerator;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A one-object change on the cluster at the Kubernetes scalability limit (2,000 namespaces,
 * 20,000 Services, 150,000 pods) diffed incrementally, next to a full model build of the same
 * cluster measured in the same run: target ≤ 0.1×. Two changes: a Service's selector narrowed
 * (its endpoints drop out) and one pod deleted. Wall and thread-CPU medians both, since other
 * processes on a shared machine move the wall clock.
 *
 * <p>Run with {@code ./mvnw -q -B -o -Pbench -Dbench=IncrementalDiff}; {@code -Dbench.seed=N}
 * picks another cluster.
 */
public final class IncrementalDiffBenchmark {
    private static final double TARGET = 0.1;

    private IncrementalDiffBenchmark() {
    }

    public static void main(String[] args) {
        long seed = Long.getLong("bench.seed", 1);
        ClusterSnapshot before = ScaleGenerator.generate(ScaleGenerator.Scale.KUBERNETES_LIMIT, seed);
        Corefile corefile = CorefileParser.kubeadmDefault();
        System.out.printf(Locale.ROOT, "cluster: %,d namespaces, %,d Services, %,d pods (seed %d); %s; %d processors, "
                        + "load average %.1f%n", before.namespaces().size(), before.services().size(), before.pods().size(),
                seed, System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        IncrementalDiff base = IncrementalDiff.of(before, corefile);
        Map<String, ClusterSnapshot> changes = new java.util.LinkedHashMap<>();
        changes.put("a Service's selector narrowed", narrowSelector(before));
        changes.put("one pod deleted", deletePod(before));
        List<Supplier<?>> works = new ArrayList<>();
        works.add(() -> DnsModel.build(before, corefile));
        works.add(() -> IncrementalDiff.of(before, corefile));
        for (ClusterSnapshot after : changes.values()) {
            // The referrers are part of the work: kdi diff finds them on every change.
            works.add(() -> base.compare(after, corefile, Referrers.of(after, "cluster.local.", List.of())));
        }
        // Rounds take each in turn, so a burst of load from other processes falls on all alike.
        double[][][] runs = rounds(3, 11, works);
        double[][] build = runs[0];

        System.out.println();
        System.out.println("figure                                  wall median   CPU median   wall ratio  CPU ratio  target");
        row("full model build (DnsModel.build)", build, build);
        row("prepare the before side (once per model)", runs[1], build);
        int w = 2;
        for (Map.Entry<String, ClusterSnapshot> e : changes.entrySet()) {
            ClusterSnapshot after = e.getValue();
            double[][] inc = runs[w++];
            IncrementalDiff.Result r = base.compare(after, corefile, Referrers.of(after, "cluster.local.", List.of()));
            row("incremental diff: " + e.getKey(), inc, build, "<= 0.1x");
            System.out.printf(Locale.ROOT, "    %s; recomputed %d of %,d namespaces %s, modelled %d; %s%n",
                    r.diff().summary(), r.recomputed().size(), after.namespaces().size(), r.recomputed(),
                    r.modelled().size(), Rounds.median(inc[0]) / Rounds.median(build[0]) <= TARGET
                            && Rounds.median(inc[1]) / Rounds.median(build[1]) <= TARGET ? "MET" : "MISSED");
        }

        // One full diff of the first change, as the diff was made before: the same result, at what cost.
        ClusterSnapshot after = changes.values().iterator().next();
        Referrers referrers = Referrers.of(after, "cluster.local.", List.of());
        double[][] full = time(0, 1, () -> ModelDiff.compare(side(before, corefile), side(after, corefile),
                ModelDiff.Scope.ALL, referrers));
        DnsDiff fullDiff = ModelDiff.compare(side(before, corefile), side(after, corefile), ModelDiff.Scope.ALL, referrers);
        boolean same = IncrementalDiffPropertiesTest.lines(fullDiff)
                .equals(IncrementalDiffPropertiesTest.lines(base.compare(after, corefile, referrers).diff()));
        row("full diff (both models, lint, every question)", full, build);
        System.out.println("    the incremental diff equals the full diff: " + (same ? "yes" : "NO"));
        System.out.printf(Locale.ROOT, "%nbuild runs (ms): wall %s; CPU %s%n", Rounds.each(build[0]), Rounds.each(build[1]));
        System.out.printf(Locale.ROOT, "incremental runs (ms, first change): wall %s; CPU %s%n", Rounds.each(runs[2][0]),
                Rounds.each(runs[2][1]));
        System.out.println("CPU is this thread's: the garbage collector's threads are not counted, for either side.");
        System.out.printf(Locale.ROOT, "load average at the end %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!same) {
            System.exit(1);
        }
    }

    private static ModelDiff.Side side(ClusterSnapshot s, Corefile c) {
        DnsModel m = DnsModel.build(s, c);
        return new ModelDiff.Side(m, Lint.findings(m));
    }

    /** The first ClusterIP Service with pods (outside kube-system) selecting nothing any more. */
    private static ClusterSnapshot narrowSelector(ClusterSnapshot s) {
        List<Service> services = new ArrayList<>(s.services());
        for (int i = services.size() / 2; i < services.size(); i++) {
            Service svc = services.get(i);
            if (svc.type() == ServiceType.CLUSTER_IP && !svc.isHeadless() && svc.hasSelector()
                    && !svc.namespace().equals("kube-system")) {
                Map<String, String> narrowed = new HashMap<>(svc.selector());
                narrowed.put("track", "canary");
                services.set(i, new Service(svc.namespace(), svc.name(), svc.type(), svc.clusterIPs(), svc.externalName(),
                        svc.ports(), narrowed, svc.publishNotReadyAddresses(), svc.ipFamilies(), svc.labels(),
                        svc.tolerateUnreadyAnnotation()));
                return new ClusterSnapshot(s.namespaces(), services, s.endpointSlices(), s.endpoints(), s.pods(),
                        s.workloads(), s.corefile(), s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
            }
        }
        throw new IllegalStateException("no ClusterIP Service to change");
    }

    /** A pod in the middle of the list gone: every pod after it moves up one place. */
    private static ClusterSnapshot deletePod(ClusterSnapshot s) {
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.remove(pods.size() / 2);
        return new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(), pods, s.workloads(),
                s.corefile(), s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
    }

    private static void row(String what, double[][] runs, double[][] base) {
        row(what, runs, base, runs == base ? "(baseline)" : "none");
    }

    private static void row(String what, double[][] runs, double[][] base, String target) {
        double wall = Rounds.median(runs[0]);
        double cpu = Rounds.median(runs[1]);
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms  %8.1f ms  %8.3fx  %8.3fx  %s%n", what, wall, cpu,
                wall / Rounds.median(base[0]), cpu / Rounds.median(base[1]), target);
    }

    /** For each work, wall and thread-CPU milliseconds of each round, after the warm-up rounds. */
    private static double[][][] rounds(int warmups, int rounds, List<Supplier<?>> works) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][][] out = new double[works.size()][2][rounds];
        for (int r = -warmups; r < rounds; r++) {
            for (int k = 0; k < works.size(); k++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Object result = works.get(k).get();
                if (r >= 0) {
                    out[k][0][r] = (System.nanoTime() - start) / 1e6;
                    out[k][1][r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
                }
                if (result == null) {
                    System.out.println("(no result)");
                }
            }
        }
        return out;
    }

    /** Wall and thread-CPU milliseconds of each run, after the warm-ups. */
    private static double[][] time(int warmups, int runs, Supplier<?> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmups; i++) {
            work.get();
        }
        double[][] out = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Object result = work.get();
            out[0][i] = (System.nanoTime() - start) / 1e6;
            out[1][i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            if (result == null) {
                System.out.println("(no result)");
            }
        }
        return out;
    }


}
