package dev.kdi.ui;

import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.lint.LintBenchmark;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.session.CheckReport;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.common.ClipboardText;
import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.window.WindowModel;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;

/**
 * How the window copes with a large cluster: 2,000 namespaces, 20,000 Services, 150,000 pods,
 * served by a fake session, headless. Prints the time from the snapshot being ready to the tree
 * shown (target 1 s), per filter keystroke (target 100 ms), a live update, and the longest stall
 * of the FX thread while all that happens (target 100 ms). Not a unit test; run it with
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package
 * java -cp "target/kdi.jar:target/test-classes:$(ls ~/.m2/repository/org/testfx/openjfx-monocle/17.0.10/*.jar)" \
 *     dev.kdi.ui.UiBenchmark [namespaces]
 * </pre>
 *
 * <p>With {@code --display} it runs on the real toolkit instead of Monocle.
 */
public final class UiBenchmark {
    private UiBenchmark() {
    }

    /** A fake live session of the generated cluster. */
    static FakeSession session(int namespaces, Clock clock) {
        ClusterSnapshot snapshot = LintBenchmark.generate(namespaces);
        return new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "bench-" + namespaces, "", ""), snapshot,
                CorefileParser.kubeadmDefault(), clock, SeedCluster.healthyReplicas());
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        int namespaces = a.stream().filter(s -> s.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(2000);
        if (!a.contains("--display")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", "1600x1200-32");
        }
        Clock clock = Clock.systemDefaultZone();
        long g0 = System.nanoTime();
        FakeSession session = session(namespaces, clock);
        long g1 = System.nanoTime();
        System.out.printf("cluster: %,d namespaces, %,d Services, %,d pods (generated in %.0f ms)%n",
                session.snapshot().namespaces().size(), session.snapshot().services().size(),
                session.snapshot().pods().size(), (g1 - g0) / 1e6);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Probe probe = new Probe();

        FxTaskExecutor executor = new FxTaskExecutor(3, "bench-ui", ProblemLog.inMemory());
        FakeOpener opener = new FakeOpener(() -> session, List.of("bench"), clock);
        WindowModel[] model = new WindowModel[1];
        MainWindow[] window = new MainWindow[1];
        onFx(() -> {
            model[0] = new WindowModel(executor, opener, m -> System.out.println("message: " + m), clock,
                    ZoneId.systemDefault(), new Reproduction(new Random(1)));
            window[0] = new MainWindow(model[0], ClipboardText.system(), ZoneId.systemDefault());
            Stage stage = new Stage();
            stage.setScene(window[0].scene());
            stage.setWidth(1400);
            stage.setHeight(900);
            stage.show();
        });

        // 1. Opening: from the inspection being ready (the session has read and modelled the
        // cluster) to the tree's rows laid out on screen.
        AtomicLong ready = new AtomicLong();
        AtomicLong shown = new AtomicLong();
        CountDownLatch opened = new CountDownLatch(1);
        onFx(() -> model[0].onViewShown(() -> afterPulse(window[0], () -> {
            shown.set(System.nanoTime());
            opened.countDown();
        })));
        session.subscribe(new dev.kdi.session.SessionListener() {
            @Override
            public void inspectionChanged(dev.kdi.session.Inspection inspection) {
                ready.compareAndSet(0, System.nanoTime());
            }
        });
        probe.start();
        long o0 = System.nanoTime();
        onFx(() -> model[0].start(new WindowModel.Start(false, Optional.empty(), Optional.of("bench"), Optional.empty())));
        opened.await(60, TimeUnit.SECONDS);
        int rows = onFxGet(() -> window[0].tree().tree().getExpandedItemCount());
        System.out.printf("open: session start %.0f ms; snapshot ready -> tree shown %.0f ms (%d rows visible at top)%n",
                (ready.get() - o0) / 1e6, (shown.get() - ready.get()) / 1e6, rows);
        System.out.printf("  longest FX stall while opening: %s%n", probe.take());

        // 2. Expanding a namespace and its pods.
        long e0 = System.nanoTime();
        onFx(() -> {
            TreeItem<Entry> ns = window[0].tree().tree().getRoot().getChildren().get(1);
            ns.setExpanded(true);
            ns.getChildren().get(ns.getChildren().size() - 1).setExpanded(true);
        });
        waitPulse(window[0]);
        System.out.printf("expand a namespace and its pods: %.1f ms (stall %s)%n", (System.nanoTime() - e0) / 1e6,
                probe.take());

        // Let the search index finish before timing keystrokes, as a user's first pause would.
        Thread.sleep(1500);
        probe.take();

        // 3. Filter keystrokes: each from the text changing to the filtered tree laid out.
        String[] typed = {"t", "te", "tea", "team", "team-", "team-1", "team-12", "team-123", "team-1234",
            "10.0.", "10.0.3", "10.0.3.1", "app-3-5d9f3-7", "db-0.db.team-77"};
        List<Double> times = new ArrayList<>();
        for (String text : typed) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong t1 = new AtomicLong();
            onFx(() -> model[0].tree().onFiltered(s -> afterPulse(window[0], () -> {
                t1.set(System.nanoTime());
                done.countDown();
            })));
            long t0 = System.nanoTime();
            onFx(() -> window[0].tree().searchField().setText(text));
            done.await(10, TimeUnit.SECONDS);
            double ms = (t1.get() - t0) / 1e6;
            times.add(ms);
            String matches = onFxGet(() -> model[0].tree().matchText().get());
            System.out.printf("  filter %-18s %6.1f ms  %s%n", "\"" + text + "\"", ms, matches);
        }
        times.sort(Double::compare);
        System.out.printf("filter per keystroke: median %.1f ms, worst %.1f ms (stall %s)%n",
                times.get(times.size() / 2), times.get(times.size() - 1), probe.take());
        CountDownLatch cleared = new CountDownLatch(1);
        onFx(() -> model[0].tree().onFiltered(s -> afterPulse(window[0], cleared::countDown)));
        onFx(() -> window[0].tree().searchField().setText(""));
        cleared.await(10, TimeUnit.SECONDS);
        probe.take();

        // 4. A live update: one more pod; rows merge in place.
        CountDownLatch updated = new CountDownLatch(1);
        onFx(() -> model[0].onViewShown(() -> afterPulse(window[0], updated::countDown)));
        long u0 = System.nanoTime();
        session.publish(SeedCluster.withPod(session.snapshot(), "team-1", "late-pod", "10.250.0.1"));
        updated.await(60, TimeUnit.SECONDS);
        System.out.printf("live update (model, lint and view rebuilt, tree merged): %.0f ms (stall %s)%n",
                (System.nanoTime() - u0) / 1e6, probe.take());

        // 5. The Check view with 500,000 rows: each keystroke of its filter to the table laid out.
        CheckReport big = checkReport(500_000);
        onFx(() -> {
            window[0].showCheck();
            model[0].check().showForMeasurement(big, "cluster.local");
        });
        CountDownLatch listed = new CountDownLatch(1);
        onFx(() -> model[0].check().onFiltered(r -> afterPulse(window[0], listed::countDown)));
        listed.await(60, TimeUnit.SECONDS);
        probe.take();
        String[] checkTyped = {"m", "mi", "mis", "miss", "missing", "", "team-4", "team-42", "team-421", "svc-1",
            "10.9", "10.96.1", ""};
        List<Double> checkTimes = new ArrayList<>();
        for (String text : checkTyped) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong t1 = new AtomicLong();
            int[] shownRows = new int[1];
            onFx(() -> model[0].check().onFiltered(r -> {
                shownRows[0] = r.size();
                afterPulse(window[0], () -> {
                    t1.set(System.nanoTime());
                    done.countDown();
                });
            }));
            long t0 = System.nanoTime();
            onFx(() -> window[0].check().filterField().setText(text));
            done.await(10, TimeUnit.SECONDS);
            double ms = (t1.get() - t0) / 1e6;
            checkTimes.add(ms);
            System.out.printf("  check filter %-12s %6.1f ms  %,d rows%n", "\"" + text + "\"", ms, shownRows[0]);
        }
        checkTimes.sort(Double::compare);
        System.out.printf("check filter per keystroke over %,d rows: median %.1f ms, worst %.1f ms (target 100 ms;"
                + " stall %s)%n", big.items().size() / 2, checkTimes.get(checkTimes.size() / 2),
                checkTimes.get(checkTimes.size() - 1), probe.take());

        System.out.printf("longest FX stall overall: %s%n", probe.overall());
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap in use: %.0f MB (processors: %d)%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.availableProcessors());
        probe.stop();
        onFx(() -> model[0].close());
        executor.close();
        Platform.exit();
        System.exit(0);
    }

    /**
     * A check of {@code rows} names asked of two replicas, one in a hundred missing on the second:
     * what a cluster of the benchmark's size gives. The answers are shared, as they would be
     * between equal names; only the questions differ.
     */
    static CheckReport checkReport(int rows) {
        dev.kdi.records.Question q0 = new dev.kdi.records.Question("svc-0.team-0.svc.cluster.local.",
                dev.kdi.records.RrType.A);
        dev.kdi.records.ResourceRecord a = new dev.kdi.records.ResourceRecord(q0.name(), 30,
                new dev.kdi.records.Rdata.A("10.96.1.1"));
        dev.kdi.records.Answer predicted = new dev.kdi.records.Answer(q0, dev.kdi.records.Status.NOERROR, List.of(a),
                List.of(), null, false, List.of());
        dev.kdi.records.Answer nx = new dev.kdi.records.Answer(q0, dev.kdi.records.Status.NXDOMAIN, List.of(),
                List.of(), null, false, List.of());
        dev.kdi.records.compare.Verdict ok = dev.kdi.records.compare.Comparison.compare(predicted, predicted);
        dev.kdi.records.compare.Verdict missing = dev.kdi.records.compare.Comparison.compare(predicted, nx);
        List<CheckReport.Item> items = new ArrayList<>(rows * 2);
        for (int i = 0; i < rows; i++) {
            dev.kdi.records.Question q = new dev.kdi.records.Question("svc-" + (i % 10) + "-" + i + ".team-" + (i / 250)
                    + ".svc.cluster.local.", dev.kdi.records.RrType.A);
            items.add(new CheckReport.Item(q, "kube-system/coredns-a", ok, null));
            items.add(new CheckReport.Item(q, "kube-system/coredns-b", i % 100 == 7 ? missing : ok, null));
        }
        return new CheckReport(items, List.of(), List.of());
    }

    /** Runs the action after the next layout pass has put the change on screen. */
    private static void afterPulse(MainWindow window, Runnable action) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            window.scene().removePostLayoutPulseListener(self[0]);
            action.run();
        };
        window.scene().addPostLayoutPulseListener(self[0]);
        Platform.requestNextPulse();
    }

    private static void waitPulse(MainWindow window) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        onFx(() -> afterPulse(window, l::countDown));
        l.await(10, TimeUnit.SECONDS);
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                l.countDown();
            }
        });
        l.await();
    }

    private static <T> T onFxGet(java.util.function.Supplier<T> s) throws InterruptedException {
        Object[] out = new Object[1];
        onFx(() -> out[0] = s.get());
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    /**
     * Measures how long the FX thread is unavailable: every 5 ms a task is posted, and the delay
     * until it runs is a stall. On a busy machine a stall also counts time the thread waited for a
     * CPU, so the probe also takes the FX thread's own CPU time between two runs: the work that
     * held it up.
     */
    private static final class Probe {
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong overall = new AtomicLong();
        private final AtomicLong maxBusy = new AtomicLong();
        private final AtomicLong overallBusy = new AtomicLong();
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private volatile boolean running = true;
        private long lastCpu = -1;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    long posted = System.nanoTime();
                    CountDownLatch ran = new CountDownLatch(1);
                    Platform.runLater(() -> {
                        long d = System.nanoTime() - posted;
                        long cpu = threads.getCurrentThreadCpuTime();
                        long busy = lastCpu < 0 ? 0 : cpu - lastCpu;
                        lastCpu = cpu;
                        max.accumulateAndGet(d, Math::max);
                        overall.accumulateAndGet(d, Math::max);
                        maxBusy.accumulateAndGet(busy, Math::max);
                        overallBusy.accumulateAndGet(busy, Math::max);
                        ran.countDown();
                    });
                    try {
                        ran.await();
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fx-stall-probe");
            thread.setDaemon(true);
            thread.start();
        }

        /** {@code 120 ms (FX work 40 ms)}, and starts over. */
        String take() {
            return String.format("%.0f ms (FX work %.0f ms)", max.getAndSet(0) / 1e6, maxBusy.getAndSet(0) / 1e6);
        }

        String overall() {
            return String.format("%.0f ms (FX work %.0f ms)", overall.get() / 1e6, overallBusy.get() / 1e6);
        }

        void stop() {
            running = false;
            thread.interrupt();
        }
    }
}
