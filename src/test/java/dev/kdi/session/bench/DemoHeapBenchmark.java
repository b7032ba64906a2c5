package dev.kdi.session.bench;

import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.session.DemoSession;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.Progress;
import dev.kdi.session.ReplicaChoice;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the demo leaks as it runs: the demo cluster answering lookups, as the window's lookup
 * box and the tree ask them, at a steady pace for a long while, with the heap after a full GC
 * printed at intervals. The baseline is the first sample, taken one interval in (class loading,
 * JIT and the first forwards are done by then); the figure is the last sample against it (target:
 * flat within 10% over 30 minutes).
 *
 * <p>Every lookup asks both DNS replicas through their port-forwards, cycling through every name
 * and type of the demo's zone. Every {@code kdi.bench.refreshSeconds} the session reloads the
 * cluster, as the refresh button does, so the API server serves lists as well as forwards.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -Dbench=DemoHeap} (30 minutes); {@code -Dkdi.bench.minutes=3}
 * for a short run. Other settings: {@code kdi.bench.lookupsPerSecond} (default 200),
 * {@code kdi.bench.sampleSeconds} (default 60), {@code kdi.bench.refreshSeconds} (default 10).
 */
public final class DemoHeapBenchmark {
    private static final double TARGET = 1.10;

    private DemoHeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(System.getProperty("kdi.bench.minutes", "30"));
        int perSecond = Integer.getInteger("kdi.bench.lookupsPerSecond", 200);
        int sampleSeconds = Integer.getInteger("kdi.bench.sampleSeconds", 60);
        int refreshSeconds = Integer.getInteger("kdi.bench.refreshSeconds", 10);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        try (DemoSession demo = new DemoSession(LiveOptions.defaults(), Clock.systemUTC())) {
            demo.start(Progress.NONE);
            List<Question> questions = questions(demo);
            System.out.printf(Locale.ROOT, "demo answering %d lookups/s (both replicas each, %d distinct questions), "
                            + "a refresh every %d s, heap after GC every %d s for %.1f min; %d CPUs, max heap %,d MB%n",
                    perSecond, questions.size(), refreshSeconds, sampleSeconds, minutes,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "%8s %12s %12s %10s %9s%n", "minute", "heap MB", "lookups", "failed", "refreshes");

            AtomicLong lookups = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long refreshes = 0;
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            long nextLookup = start;
            long nextSample = start + TimeUnit.SECONDS.toNanos(sampleSeconds);
            long nextRefresh = start + TimeUnit.SECONDS.toNanos(refreshSeconds);
            List<Double> samples = new ArrayList<>();
            CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
            int i = 0;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                if (now >= nextRefresh) {
                    inFlight.join();
                    demo.refresh(Progress.NONE);
                    refreshes++;
                    // From the end of this one: a refresh slower than the period must not starve the lookups.
                    nextRefresh = System.nanoTime() + TimeUnit.SECONDS.toNanos(refreshSeconds);
                }
                if (now >= nextSample) {
                    inFlight.join();
                    double mb = heapAfterGc(memory);
                    samples.add(mb);
                    System.out.printf(Locale.ROOT, "%8.1f %12.1f %,12d %,10d %9d%n", (now - start) / 60e9, mb,
                            lookups.get(), failed.get(), refreshes);
                    nextSample += TimeUnit.SECONDS.toNanos(sampleSeconds);
                }
                Question q = questions.get(i++ % questions.size());
                inFlight = demo.ask(q, ReplicaChoice.all()).whenComplete((answers, error) -> {
                    lookups.incrementAndGet();
                    if (error != null || answers.stream().anyMatch(a -> a.error().isPresent())) {
                        failed.incrementAndGet();
                    }
                });
                nextLookup += periodNanos;
                long wait = nextLookup - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else {
                    // Behind: never let questions pile up faster than the forwards answer them.
                    inFlight.join();
                    nextLookup = System.nanoTime();
                }
            }
            inFlight.join();
            if (samples.size() < 2) {
                System.out.println("too short to compare: raise kdi.bench.minutes or lower kdi.bench.sampleSeconds");
                return;
            }
            double first = samples.get(0);
            double last = samples.get(samples.size() - 1);
            double ratio = last / first;
            System.out.printf(Locale.ROOT, "heap after GC: first %.1f MB, last %.1f MB, ratio last/first %.3f "
                            + "(target <= %.2f over 30 min) %s; %,d lookups, %,d failed%n", first, last, ratio, TARGET,
                    ratio <= TARGET ? "MET" : "MISSED", lookups.get(), failed.get());
        }
    }

    /** Every owner name and type of the demo's zone, as questions. */
    private static List<Question> questions(DemoSession demo) {
        Set<Question> out = new LinkedHashSet<>();
        for (ResourceRecord r : demo.current().model().zone()) {
            out.add(new Question(r.owner(), r.type()));
        }
        return new ArrayList<>(out);
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        // Twice: the first full collection may only queue finalizable and weakly reachable objects.
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
