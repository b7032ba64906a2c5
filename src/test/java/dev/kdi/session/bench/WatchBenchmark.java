package dev.kdi.session.bench;

import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.session.DemoSession;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.NamedThreads;
import dev.kdi.session.Progress;
import dev.kdi.session.watch.Watch;
import dev.kdi.session.watch.WatchRequest;
import dev.kdi.session.watch.WatchTimeline;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a long watch stays flat: 50 names of the demo watched on both replicas at the default
 * interval (1 s, so 100 questions a second), every event kept in the bounded timeline as the
 * window and {@code kdi watch} keep them. Prints the heap after a full GC and the process's CPU
 * time each minute; the figure is minute 10 against minute 1 (target: within 10%), the baseline
 * being minute 1 of the same run (class loading, JIT and the forwards are settled by then).
 *
 * <p>Run: {@code ./mvnw -q -Pbench -Dbench=Watch} (10 minutes); {@code -Dkdi.bench.watchMinutes=3}
 * for a short look. The raw window is the timeline's standard two minutes, so the run must last
 * past minute 3 for the aggregation to be what is measured.
 */
public final class WatchBenchmark {
    private static final double TARGET = 1.10;
    private static final int NAMES = 50;

    private WatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("kdi.bench.watchMinutes", "10"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("bench-watch"));
        try (DemoSession demo = new DemoSession(LiveOptions.defaults(), Clock.systemUTC())) {
            demo.start(Progress.NONE);
            List<Question> questions = names(demo);
            WatchTimeline timeline = WatchTimeline.standard();
            AtomicLong answers = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            Watch watch = new Watch(demo, new WatchRequest(questions, WatchRequest.DEFAULT_INTERVAL), Clock.systemUTC(),
                    scheduler, (e, change) -> {
                        timeline.add(e);
                        if (e.isAnswer()) {
                            answers.incrementAndGet();
                            if (e.isFailure()) {
                                failures.incrementAndGet();
                            }
                        }
                    });
            System.out.printf(Locale.ROOT, "watching %d names on %d replicas every 1s for %.1f min; %d CPUs, "
                            + "max heap %,d MB%n", questions.size(), demo.replicas().size(), minutes,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "%8s %10s %12s %10s %14s%n", "minute", "heap MB", "answers", "failed",
                    "CPU s/minute");
            watch.start();
            long start = System.nanoTime();
            long cpuBefore = os.getProcessCpuTime();
            List<Double> heap = new ArrayList<>();
            int samples = (int) Math.floor(minutes);
            for (int m = 1; m <= samples; m++) {
                long wait = start + TimeUnit.MINUTES.toNanos(m) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long cpu = os.getProcessCpuTime();
                double mb = heapAfterGc(memory);
                heap.add(mb);
                System.out.printf(Locale.ROOT, "%8d %10.1f %,12d %,10d %14.2f%n", m, mb, answers.get(), failures.get(),
                        (cpu - cpuBefore) / 1e9);
                cpuBefore = cpu;
            }
            watch.close();
            if (heap.size() < 2) {
                System.out.println("too short to compare: raise kdi.bench.watchMinutes to 2 or more");
                return;
            }
            double first = heap.get(0);
            double last = heap.get(heap.size() - 1);
            double ratio = last / first;
            System.out.printf(Locale.ROOT, "heap after GC: minute 1 %.1f MB, minute %d %.1f MB, ratio %.3f (target <= %.2f)"
                    + " %s; %,d answers, %,d failed, %d series%n", first, heap.size(), last, ratio, TARGET,
                    ratio <= TARGET ? "MET" : "MISSED", answers.get(), failures.get(), timeline.summary().size());
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** The demo's A names, then names it does not have, to make up fifty. */
    private static List<Question> names(DemoSession demo) {
        Set<Question> out = new LinkedHashSet<>();
        for (ResourceRecord r : demo.current().model().zone()) {
            if (r.type().equals(RrType.A) && out.size() < NAMES) {
                out.add(new Question(r.owner(), RrType.A));
            }
        }
        for (int i = 0; out.size() < NAMES; i++) {
            out.add(new Question("absent-" + i + ".default.svc.cluster.local.", RrType.A));
        }
        return new ArrayList<>(out);
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
