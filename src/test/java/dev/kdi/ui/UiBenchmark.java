package dev.kdi.ui;

import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.lint.LintBenchmark;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.session.CheckReport;
import dev.kdi.session.LoadingHeadroom;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.check.CheckResult;
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
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;

/**
 * How the window copes with a large cluster: 2,000 namespaces, 20,000 Services, 150,000 pods,
 * served by a fake session, headless, and a check of 500,000 names. Five runs, each in a fresh
 * window of the same JVM; prints the median of each figure beside its target: snapshot ready to
 * tree shown (1 s), the longest wall-clock stall of the FX thread while loading (100 ms), the FX
 * work in the longest pulse (50 ms), expanding a namespace, per filter keystroke of the tree and
 * of the check's 500,000 rows (100 ms), and the longest stalls while the check's rows show and
 * while they are filtered (100 ms). The loading figures are measured twice: in this JVM (the
 * bench profile's 6 GB G1 heap) and in a second JVM started with the options the app ships in
 * {@code packaging/jvm.options} (its collector and heap settings, read at run time), each the
 * median of five runs, the second also as a ratio of the first. Before the runs it prints what
 * each step of loading allocates and keeps ({@link LoadingAllocation}): what young collections
 * sweep and copy while the window waits. On a machine shared with other work the stalls include
 * waiting for a CPU; the load average is printed with the figures. Not a unit test; run it with
 * {@code ./mvnw -q -B -o -Pbench -Dbench=Ui}, or
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

    /** Five runs give the medians the issue asks for; {@code -Dkdi.bench.runs=1} gives a quick look. */
    private static final int RUNS = Integer.getInteger("kdi.bench.runs", 5);

    /** A fake live session of the generated cluster. */
    static FakeSession session(ClusterSnapshot snapshot, Clock clock) {
        return new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "bench", "", ""), snapshot,
                CorefileParser.kubeadmDefault(), clock, SeedCluster.healthyReplicas());
    }

    /** What one run measured; times in milliseconds. */
    record Figures(double treeShown, double stall, double workLongest, double workMedian, double expand,
                   double filter, double liveUpdate, double checkFilter, double checkFilterWorst,
                   double checkShown, double checkStall) {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        int namespaces = a.stream().filter(s -> s.matches("\\d+")).findFirst().map(Integer::parseInt).orElse(2000);
        if (!a.contains("--display")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // What the Linux launcher adds where it renders in software (no GPU device node).
            System.setProperty("prism.disableRegionCaching", "true");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", "1600x1200-32");
        }
        boolean loadingOnly = a.contains(LOADING_ONLY);
        Clock clock = Clock.systemDefaultZone();
        long g0 = System.nanoTime();
        ClusterSnapshot snapshot = LintBenchmark.generate(namespaces);
        long g1 = System.nanoTime();
        System.out.printf("cluster: %,d namespaces, %,d Services, %,d pods (generated in %.0f ms)%n",
                snapshot.namespaces().size(), snapshot.services().size(), snapshot.pods().size(), (g1 - g0) / 1e6);
        CheckResult big = null;
        if (!loadingOnly) {
            FakeSession measured = session(snapshot, clock);
            measured.publish(snapshot);
            System.out.println("what each step of loading allocates and keeps (least of 3 tries):");
            LoadingAllocation.report(measured.current());
            measured = null;
            CheckReport bigReport = checkReport(500_000);
            // Built here, as a check builds it on its worker: what is timed is the view showing it.
            big = CheckResult.of(bigReport, "cluster.local");
            System.out.printf("check: %,d names asked of two replicas%n", big.rows().size());
        }
        System.out.printf("load average at start: %.1f on %d processors%n", loadAverage(),
                Runtime.getRuntime().availableProcessors());

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // Each run closes its window; the toolkit must outlive the last one.
        Platform.setImplicitExit(false);
        Probe probe = new Probe();
        onFx(probe::start);
        LoadingHeadroom headroom = LoadingHeadroom.forThisJvm();
        List<Figures> runs = new ArrayList<>();
        List<java.lang.ref.WeakReference<Object>> closed = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) {
            System.out.printf("--- run %d of %d ---%n", i, RUNS);
            // Each run opens the cluster in a fresh window, as the app opens it again: the run
            // before (its 500,000-row table among it) is neither left for this run's loading to
            // collect nor still live through it, and the heap has what room the app keeps for a
            // large cluster (session.LoadingHeadroom). The first run is the JVM's first load: its
            // figures include the compiler's warm-up and the heap's growth.
            awaitReleased(closed);
            System.gc();
            runs.add(run(snapshot, big, clock, probe, headroom, closed));
        }
        if (loadingOnly) {
            // What the parent reads: one line per run.
            for (Figures f : runs) {
                System.out.printf(java.util.Locale.ROOT, "%s %f %f %f %f%n", FIGURES_LINE, f.treeShown(), f.stall(),
                        f.workLongest(), f.workMedian());
            }
            onFx(probe::stop);
            Platform.exit();
            System.exit(0);
        }
        double load = loadAverage();
        // The window as installed: the same loading in a JVM with the options the app ships.
        onFx(probe::stop);
        Shipped shipped = shipped(namespaces);
        System.out.printf("%nmedian of %d runs (load average %.1f after the runs, on %d processors):%n", RUNS,
                load, Runtime.getRuntime().availableProcessors());
        System.out.printf("  in this JVM (%s; heap up to %.1f GB):%n", java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans().stream().map(java.lang.management.GarbageCollectorMXBean::getName)
                .collect(java.util.stream.Collectors.joining(", ")), Runtime.getRuntime().maxMemory() / 1e9);
        report("snapshot ready -> tree shown", runs, Figures::treeShown, 1000);
        report("longest wall-clock FX stall while loading", runs, Figures::stall, 100);
        report("FX work in the longest pulse while loading", runs, Figures::workLongest, 50);
        report("FX work in the median pulse while loading", runs, Figures::workMedian, 50);
        report("expand a namespace and its pods", runs, Figures::expand, -1);
        report("tree filter per keystroke (median)", runs, Figures::filter, 100);
        report("live update, tree merged", runs, Figures::liveUpdate, -1);
        if (shipped.runs().isEmpty()) {
            System.out.println("  (not measured with the shipped JVM options: " + shipped.why() + ")");
        } else {
            System.out.printf("  with the shipped JVM options (%s), load average %.1f after its runs:%n",
                    shipped.gcOptions(), shipped.load());
            shippedRow("snapshot ready -> tree shown", runs, shipped.runs(), Figures::treeShown, 1000);
            shippedRow("longest wall-clock FX stall while loading", runs, shipped.runs(), Figures::stall, 100);
            shippedRow("FX work in the longest pulse while loading", runs, shipped.runs(), Figures::workLongest, 50);
        }
        report("check filter per keystroke over 500,000 rows (median)", runs, Figures::checkFilter, 100);
        report("check filter per keystroke over 500,000 rows (worst)", runs, Figures::checkFilterWorst, 100);
        report("longest FX stall while the check's 500,000 rows show", runs, Figures::checkShown, 100);
        report("longest FX stall while filtering the check", runs, Figures::checkStall, 100);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap in use: %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
        onFx(probe::stop);
        Platform.exit();
        System.exit(0);
    }

    private static void report(String what, List<Figures> runs, java.util.function.ToDoubleFunction<Figures> f,
                               double target) {
        double m = median(runs.stream().mapToDouble(f).boxed().toList());
        String runsText = runs.stream().map(r -> String.format("%.0f", f.applyAsDouble(r)))
                .collect(java.util.stream.Collectors.joining(", "));
        System.out.printf("  %-55s %8.1f ms  %s  [runs: %s]%n", what, m,
                target < 0 ? "(no target)" : String.format("target <= %.0f ms: %s", target, m <= target ? "PASS"
                        : "FAIL"), runsText);
    }

    /** A loading figure measured with the shipped options, against the same under this JVM's G1. */
    private static void shippedRow(String what, List<Figures> g1, List<Figures> shipped,
                                   java.util.function.ToDoubleFunction<Figures> f, double target) {
        double m = median(shipped.stream().mapToDouble(f).boxed().toList());
        double base = median(g1.stream().mapToDouble(f).boxed().toList());
        String runsText = shipped.stream().map(r -> String.format("%.0f", f.applyAsDouble(r)))
                .collect(java.util.stream.Collectors.joining(", "));
        System.out.printf("    %-53s %8.1f ms  target <= %.0f ms: %s  %.2fx of G1's %.1f ms  [runs: %s]%n", what, m,
                target, m <= target ? "PASS" : "FAIL", m / base, base, runsText);
    }

    static final String LOADING_ONLY = "--loading-only";
    private static final String FIGURES_LINE = "loading-figures:";

    /** What the loading runs under the shipped options gave, or why there are none. */
    record Shipped(List<Figures> runs, String gcOptions, double load, String why) {
    }

    /**
     * Runs the loading part again in a JVM started with the options in {@code packaging/jvm.options}
     * (read now, so a change of collector there is measured as it ships) instead of this JVM's
     * 6 GB G1 heap. Its lines are shown indented.
     */
    private static Shipped shipped(int namespaces) throws java.io.IOException, InterruptedException {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("kdi.jvmOptions", "packaging/jvm.options"));
        if (!java.nio.file.Files.isRegularFile(file)) {
            return new Shipped(List.of(), "", 0, file.toAbsolutePath() + " not found; run from the project's root");
        }
        List<String> options = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            String t = line.strip();
            // The module options name JavaFX's modules, which this class path does not have as modules.
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("--add-")) {
                options.add(t);
            }
        }
        String gc = String.join(" ", options);
        System.out.printf("%n--- the same loading with the shipped JVM options of %s: %s ---%n", file, gc);
        List<String> command = new ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-Dkdi.bench.runs=" + RUNS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UiBenchmark.class.getName());
        command.add(LOADING_ONLY);
        command.add(Integer.toString(namespaces));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Figures> runs = new ArrayList<>();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(FIGURES_LINE)) {
                    String[] v = line.substring(FIGURES_LINE.length()).trim().split(" ");
                    runs.add(new Figures(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                            Double.parseDouble(v[3]), 0, 0, 0, 0, 0, 0, 0));
                } else {
                    System.out.println("  | " + line);
                }
            }
        }
        int code = p.waitFor();
        if (code != 0 || runs.size() != RUNS) {
            return new Shipped(List.of(), gc, loadAverage(), "its JVM exited with " + code + " after " + runs.size()
                    + " runs");
        }
        return new Shipped(runs, gc, loadAverage(), "");
    }

    /**
     * Closes a run's window. Monocle's window manager holds the last focused window until another
     * takes the focus, which kept the closed window, and the whole cluster in it, live through
     * the next run's loading (a desktop's toolkit lets it go); an empty stage shown after it takes
     * the focus instead. The run's pool is shut down and waited for.
     */
    private static void close(Stage stage, WindowModel model, FxTaskExecutor executor) throws InterruptedException {
        onFx(() -> {
            stage.close();
            model.close();
            Stage focus = new Stage();
            focus.setScene(new javafx.scene.Scene(new javafx.scene.Group(), 1, 1));
            focus.show();
            focus.requestFocus();
            focus.close();
        });
        executor.close();
    }

    /**
     * Waits until the closed runs' windows are collected, giving the toolkit's queued events time to
     * let go of them (up to 10 s; then it says which are still held, as the next run starts with them).
     */
    private static void awaitReleased(List<java.lang.ref.WeakReference<Object>> closed) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (closed.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
            onFx(() -> {
            });
            System.gc();
            Thread.sleep(100);
        }
        long held = closed.stream().filter(r -> r.get() != null).count();
        if (held > 0) {
            System.out.printf("note: %d closed window(s) still held after 10 s; this run starts with them live%n", held);
        }
        closed.removeIf(r -> r.get() == null);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** One run: a fresh window opens the cluster, expands, filters, updates, then shows a big check. */
    private static Figures run(ClusterSnapshot snapshot, CheckResult big, Clock clock, Probe probe,
                               LoadingHeadroom headroom, List<java.lang.ref.WeakReference<Object>> closed)
            throws Exception {
        // The app's pool, made per run as the app makes it per window: no task of the run before
        // (an index still being built for a closed window) runs on into this one.
        FxTaskExecutor executor = new FxTaskExecutor(3, "bench-ui", ProblemLog.inMemory());
        FakeSession session = session(snapshot, clock);
        FakeOpener opener = new FakeOpener(() -> session, List.of("bench"), clock);
        WindowModel[] model = new WindowModel[1];
        MainWindow[] window = new MainWindow[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            // As the app's own window is made, with this JVM's loading headroom.
            model[0] = new WindowModel(executor, opener, m -> System.out.println("message: " + m), clock,
                    ZoneId.systemDefault(), new Reproduction(new Random(1)), dev.kdi.ui.common.UiPreferences.inMemory(),
                    headroom);
            window[0] = new MainWindow(model[0], ClipboardText.system(), ZoneId.systemDefault());
            stage[0] = new Stage();
            stage[0].setScene(window[0].scene());
            stage[0].setWidth(1400);
            stage[0].setHeight(900);
            stage[0].show();
        });
        waitPulse(window[0]);

        // 1. Opening: from the inspection being ready (the session has read and modelled the
        // cluster) to the tree's rows laid out on screen; the stall and the FX work per pulse count
        // from the start to a second after the tree is shown, when loading's background work
        // (search index) lands too.
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
        probe.take();
        long o0 = System.nanoTime();
        onFx(() -> model[0].start(new WindowModel.Start(false, Optional.empty(), Optional.of("bench"), Optional.empty())));
        if (!opened.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the tree was not shown within 5 minutes");
        }
        Thread.sleep(1000);
        Probe.Window loading = probe.take();
        double treeShown = (shown.get() - ready.get()) / 1e6;
        int rows = onFxGet(() -> window[0].tree().tree().getExpandedItemCount());
        System.out.printf("open: session start %.0f ms; snapshot ready -> tree shown %.0f ms (%d rows visible at top);"
                + " while loading %s%n", (ready.get() - o0) / 1e6, treeShown, rows, loading);
        if (big == null) {
            closed.add(new java.lang.ref.WeakReference<>(window[0]));
            close(stage[0], model[0], executor);
            return new Figures(treeShown, loading.stall(), loading.workLongest(), loading.workMedian(), 0, 0, 0, 0, 0,
                    0, 0);
        }

        // 2. Expanding a namespace and its pods.
        long e0 = System.nanoTime();
        onFx(() -> {
            TreeItem<Entry> ns = window[0].tree().tree().getRoot().getChildren().get(1);
            ns.setExpanded(true);
            ns.getChildren().get(ns.getChildren().size() - 1).setExpanded(true);
        });
        waitPulse(window[0]);
        double expand = (System.nanoTime() - e0) / 1e6;
        System.out.printf("expand a namespace and its pods: %.1f ms (%s)%n", expand, probe.take());

        // Let the search index finish before timing keystrokes, as a user's first pause would.
        Thread.sleep(500);
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
            times.add((t1.get() - t0) / 1e6);
        }
        double filter = median(times);
        System.out.printf("tree filter per keystroke: median %.1f ms, worst %.1f ms (%s)%n", filter,
                times.stream().mapToDouble(Double::doubleValue).max().orElse(0), probe.take());
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
        double live = (System.nanoTime() - u0) / 1e6;
        System.out.printf("live update (model, lint and view rebuilt, tree merged): %.0f ms (%s)%n", live,
                probe.take());

        // 5. The Check view with 500,000 rows: each keystroke of its filter to the table laid out.
        CountDownLatch listed = new CountDownLatch(1);
        onFx(() -> model[0].check().onFiltered(r -> afterPulse(window[0], listed::countDown)));
        onFx(() -> {
            window[0].showCheck();
            model[0].check().showForMeasurement(big);
        });
        listed.await(60, TimeUnit.SECONDS);
        // The rows are set; the table lays out its cells in the pulses after. Measured on their
        // own, and over before the first keystroke, as a user's first look would be.
        Thread.sleep(500);
        Probe.Window shownWindow = probe.take();
        System.out.printf("check shown with %,d rows (%s)%n", big.rows().size(), shownWindow);
        String[] checkTyped = {"m", "mi", "mis", "miss", "missing", "", "team-4", "team-42", "team-421", "svc-1",
            "10.9", "10.96.1", ""};
        List<Double> checkTimes = new ArrayList<>();
        for (String text : checkTyped) {
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong t1 = new AtomicLong();
            onFx(() -> model[0].check().onFiltered(r -> afterPulse(window[0], () -> {
                t1.set(System.nanoTime());
                done.countDown();
            })));
            long t0 = System.nanoTime();
            onFx(() -> window[0].check().filterField().setText(text));
            done.await(10, TimeUnit.SECONDS);
            checkTimes.add((t1.get() - t0) / 1e6);
        }
        Probe.Window checkWindow = probe.take();
        double checkWorst = checkTimes.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("check filter per keystroke over %,d rows: median %.1f ms, worst %.1f ms (%s)%n",
                big.rows().size(), median(checkTimes), checkWorst, checkWindow);

        closed.add(new java.lang.ref.WeakReference<>(window[0]));
        close(stage[0], model[0], executor);
        return new Figures(treeShown, loading.stall(), loading.workLongest(), loading.workMedian(), expand, filter,
                live, median(checkTimes), checkWorst, shownWindow.stall(), checkWindow.stall());
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
     * Watches the FX thread from inside it: an {@link AnimationTimer} runs once at the start of
     * every pulse, so the wall-clock gap between two of its calls is how long the window could not
     * repaint (a stall: FX work, GC pauses, or waiting for a CPU on a busy machine), and the FX
     * thread's own CPU time between them is the FX work done in that pulse and the tasks posted
     * before it. Only touched on the FX thread.
     */
    private static final class Probe {
        /**
         * What a stretch of pulses showed: longest gap, and the longest and median pulse's FX work;
         * of the longest gap, how much was the FX thread's own work and how much collections
         * stopping every thread (the rest is waiting for a processor).
         */
        record Window(double stall, double workLongest, double workMedian, int pulses, double stallWork,
                      double stallGc) {
            @Override
            public String toString() {
                return String.format("longest stall %.0f ms (FX work %.0f ms, collections %.0f ms); FX work per pulse:"
                        + " longest %.1f ms, median %.2f ms over %,d pulses", stall, stallWork, stallGc, workLongest,
                        workMedian, pulses);
            }
        }

        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final List<java.lang.management.GarbageCollectorMXBean> collectors =
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();
        private final List<Long> gaps = new ArrayList<>();
        private final List<Long> work = new ArrayList<>();
        private final List<Long> collected = new ArrayList<>();
        private long lastWall = -1;
        private long lastCpu = -1;
        private long lastGc = -1;
        private final AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long gc = collectors.stream().mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                        .sum();
                if (lastWall >= 0) {
                    gaps.add(wall - lastWall);
                    work.add(cpu - lastCpu);
                    collected.add(gc - lastGc);
                }
                lastWall = wall;
                lastCpu = cpu;
                lastGc = gc;
            }
        };

        void start() {
            timer.start();
        }

        void stop() {
            timer.stop();
        }

        /** The pulses since the last call, and starts over. */
        Window take() throws InterruptedException {
            Window[] out = new Window[1];
            onFx(() -> {
                List<Long> w = new ArrayList<>(work);
                w.sort(Long::compare);
                int longest = 0;
                for (int i = 1; i < gaps.size(); i++) {
                    longest = gaps.get(i) > gaps.get(longest) ? i : longest;
                }
                boolean none = gaps.isEmpty();
                out[0] = new Window(none ? 0 : gaps.get(longest) / 1e6, w.isEmpty() ? 0 : w.get(w.size() - 1) / 1e6,
                        w.isEmpty() ? 0 : w.get(w.size() / 2) / 1e6, w.size(), none ? 0 : work.get(longest) / 1e6,
                        none ? 0 : collected.get(longest));
                gaps.clear();
                work.clear();
                collected.clear();
            });
            return out[0];
        }
    }
}
