package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.lint.LintBenchmark;
import dev.kdi.records.objects.ClusterSnapshot;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadingHeadroomTest {
    private static final long MB = 1L << 20;

    /** HotSpot's two ratios as it checks them: the minimum never above the maximum. */
    private static final class FakeFlags implements LoadingHeadroom.Flags {
        final Map<String, String> values = new HashMap<>(Map.of(LoadingHeadroom.MIN_FREE, "10",
                LoadingHeadroom.MAX_FREE, "20"));
        final List<String> writes = new ArrayList<>();
        boolean refuse;

        @Override
        public String get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, String value) {
            if (refuse) {
                throw new IllegalArgumentException("not writeable");
            }
            Map<String, String> next = new HashMap<>(values);
            next.put(name, value);
            if (Integer.parseInt(next.get(LoadingHeadroom.MIN_FREE)) > Integer.parseInt(next.get(LoadingHeadroom.MAX_FREE))) {
                throw new IllegalArgumentException(name + "=" + value + " would put the minimum above the maximum");
            }
            values.putAll(next);
            writes.add(name + "=" + value);
        }
    }

    private final FakeFlags flags = new FakeFlags();
    /** What the last whole-heap collection left live. */
    private final AtomicLong live = new AtomicLong(30 * MB);
    private final LoadingHeadroom headroom = new LoadingHeadroom(flags, live::get);

    @Test
    void aLargeLiveHeapWhileLoading_raisesTheRatios_untilTheLoadEnds() {
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            assertThat(flags.writes).isEmpty();
            headroom.largeHeapCollected(100 * MB);
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "80").containsEntry("MaxHeapFreeRatio", "90");
            assertThat(headroom.isLoading()).isTrue();
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "20");
        assertThat(flags.writes).containsExactly("MaxHeapFreeRatio=90", "MinHeapFreeRatio=80", "MinHeapFreeRatio=10",
                "MaxHeapFreeRatio=20");
        assertThat(headroom.isLoading()).isFalse();
    }

    /** 120 namespaces of 75 pods and 10 Services: just over {@link LoadingHeadroom#LARGE_CLUSTER_OBJECTS}. */
    private static final ClusterSnapshot LARGE = LintBenchmark.generate(120);
    private static final ClusterSnapshot SMALL = LintBenchmark.generate(2);

    @Test
    void theClustersOnEitherSideOfLarge() {
        assertThat(LARGE.pods().size() + LARGE.services().size()).isBetween(LoadingHeadroom.LARGE_CLUSTER_OBJECTS,
                LoadingHeadroom.LARGE_CLUSTER_OBJECTS + 500);
        assertThat(SMALL.pods().size() + SMALL.services().size()).isLessThan(LoadingHeadroom.LARGE_CLUSTER_OBJECTS);
    }

    @Test
    void aLargeClusterOpened_keepsRoomForItsRebuild_untilASmallOneIsOpened() {
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            headroom.largeHeapCollected(100 * MB);
            load.opened(LARGE);
        }
        assertThat(headroom.isLargeOpen()).isTrue();
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "50").containsEntry("MaxHeapFreeRatio", "70");
        // Each change in an order HotSpot accepts: from 80/90 down, the minimum first.
        assertThat(flags.writes).containsExactly("MaxHeapFreeRatio=90", "MinHeapFreeRatio=80", "MinHeapFreeRatio=50",
                "MaxHeapFreeRatio=70");

        // Reopening it: the heap is large at once, and back up from 50/70 the maximum goes first.
        flags.writes.clear();
        live.set(200 * MB);
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "80").containsEntry("MaxHeapFreeRatio", "90");
            load.opened(SMALL);
        }
        assertThat(flags.writes).containsExactly("MaxHeapFreeRatio=90", "MinHeapFreeRatio=80", "MinHeapFreeRatio=10",
                "MaxHeapFreeRatio=20");
        assertThat(headroom.isLargeOpen()).isFalse();
    }

    @Test
    void aLargeClusterOpenedWithoutALargeHeap_stillKeepsRoom() {
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            load.opened(LARGE);
        }
        assertThat(flags.writes).containsExactly("MaxHeapFreeRatio=70", "MinHeapFreeRatio=50");
    }

    @Test
    void aLoadThatFails_leavesTheOpenClusterAsItWas() {
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            load.opened(LARGE);
        }
        live.set(200 * MB);
        try (LoadingHeadroom.Lease failed = headroom.loading()) {
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "80");
        }
        assertThat(headroom.isLargeOpen()).isTrue();
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "50").containsEntry("MaxHeapFreeRatio", "70");
    }

    @Test
    void aClosedLease_isToldNothingMore() {
        LoadingHeadroom.Lease load = headroom.loading();
        load.close();
        load.opened(LARGE);
        assertThat(headroom.isLargeOpen()).isFalse();
        assertThat(flags.writes).isEmpty();
    }

    @Test
    void theOperatorsOwnLargerRatios_areNeverLowered() {
        flags.values.putAll(Map.of("MinHeapFreeRatio", "60", "MaxHeapFreeRatio", "95"));
        LoadingHeadroom own = new LoadingHeadroom(flags, live::get);
        try (LoadingHeadroom.Lease load = own.loading()) {
            own.largeHeapCollected(100 * MB);
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "80").containsEntry("MaxHeapFreeRatio", "95");
            load.opened(LARGE);
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "60").containsEntry("MaxHeapFreeRatio", "95");
    }

    @Test
    void aSmallHeap_orALargeOneWithNoLoad_changeNothing() {
        headroom.largeHeapCollected(500 * MB);
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            headroom.largeHeapCollected(LoadingHeadroom.LARGE_BYTES - 1);
        }
        headroom.largeHeapCollected(500 * MB);
        assertThat(flags.writes).isEmpty();
    }

    @Test
    void aLoadThatBeginsWithTheHeapAlreadyLarge_hasRoomAtOnce() {
        live.set(200 * MB);
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "80");
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10");
    }

    @Test
    void overlappingLoads_putTheRatiosBackWhenTheLastEnds_andAClosedLeaseCountsOnce() {
        LoadingHeadroom.Lease first = headroom.loading();
        LoadingHeadroom.Lease second = headroom.loading();
        headroom.largeHeapCollected(100 * MB);
        first.close();
        first.close();
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "80");
        second.close();
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "20");
    }

    @Test
    void ratiosAsTheOperatorSetThem_areWhatComesBack() {
        flags.values.putAll(Map.of("MinHeapFreeRatio", "40", "MaxHeapFreeRatio", "70"));
        LoadingHeadroom own = new LoadingHeadroom(flags, live::get);
        try (LoadingHeadroom.Lease load = own.loading()) {
            own.largeHeapCollected(100 * MB);
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "40").containsEntry("MaxHeapFreeRatio", "70");
    }

    @Test
    void aJvmThatRefusesTheRatios_loadsAsShipped() {
        flags.refuse = true;
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            headroom.largeHeapCollected(100 * MB);
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "20");
        assertThat(LoadingHeadroom.none().loading()).isNotNull();
    }

    @Test
    void theShippedCollector_tellsOfALargeHeapDuringALoad() throws Exception {
        // A JVM of its own, with the serial collector and ratios the app ships, whose heap is
        // small when the load begins: only the JVM's notification can raise the ratios there.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xms16m", "-Xmn8m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
                "-cp", System.getProperty("java.class.path"), LoadInAJvmOfItsOwn.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("before: 10/20", "while loading a large heap: 80/90", "after: 10/20");
    }

    /** The load {@link #theShippedCollector_tellsOfALargeHeapDuringALoad} runs. */
    static final class LoadInAJvmOfItsOwn {
        public static void main(String[] args) throws InterruptedException {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            LoadingHeadroom headroom = LoadingHeadroom.forThisJvm();
            System.gc();
            System.out.println("before: " + ratios(bean));
            byte[][] live = new byte[100][];
            try (LoadingHeadroom.Lease load = headroom.loading()) {
                if (!ratios(bean).equals("10/20")) {
                    throw new IllegalStateException("raised before the heap was large: " + ratios(bean));
                }
                for (int i = 0; i < live.length; i++) {
                    live[i] = new byte[1 << 20];
                }
                System.gc();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!ratios(bean).equals("80/90") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                System.out.println("while loading a large heap: " + ratios(bean) + " (" + live.length + " MB)");
            }
            System.out.println("after: " + ratios(bean));
        }

        private static String ratios(com.sun.management.HotSpotDiagnosticMXBean bean) {
            return bean.getVMOption("MinHeapFreeRatio").getValue() + "/" + bean.getVMOption("MaxHeapFreeRatio").getValue();
        }
    }

    @Test
    void withTheShippedOptions_aLargeLoadTakesFewWholeHeapCollections() throws Exception {
        // The same 150 MB added to a heap of 70 MB (above LARGE_BYTES, as when a large cluster is
        // open) in two JVMs started with the collector and heap lines of packaging/jvm.options:
        // one with no load under way, one within a load. (Below it, the JVM's notification is what
        // raises the ratios; in a JVM that fills its heap this fast it came only once the filling
        // stopped: theShippedCollector_tellsOfALargeHeapDuringALoad waits for it.)
        long without = wholeHeapCollectionsGrowing(false);
        long within = wholeHeapCollectionsGrowing(true);
        assertThat(within).as("within a load, against %d without", without).isBetween(0L, 2L);
        assertThat(within * 4).as("within a load, against %d without", without).isLessThan(without);
    }

    private static long wholeHeapCollectionsGrowing(boolean withinALoad) throws Exception {
        return wholeHeapCollectionsInAJvmOfItsOwn(GrowInAJvmOfItsOwn.class, Boolean.toString(withinALoad));
    }

    /** Runs {@code main} in a JVM with the collector and heap lines of packaging/jvm.options; what it counted. */
    private static long wholeHeapCollectionsInAJvmOfItsOwn(Class<?> main, String argument) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.nio.file.Files.readAllLines(Path.of("packaging/jvm.options")).stream().map(String::strip)
                .filter(l -> l.startsWith("-XX:") || l.startsWith("-Xm")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), argument));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("whole-heap collections: ")).findFirst().orElseThrow(
                () -> new AssertionError("no count in: " + out));
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
    }

    /** What {@link #withTheShippedOptions_aLargeLoadTakesFewWholeHeapCollections} runs. */
    static final class GrowInAJvmOfItsOwn {
        public static void main(String[] args) {
            LoadingHeadroom headroom = LoadingHeadroom.forThisJvm();
            List<byte[]> base = new ArrayList<>();
            fill(base, 70);
            System.gc();
            List<byte[]> more = new ArrayList<>();
            long before = wholeHeapCollections();
            try (LoadingHeadroom.Lease load = Boolean.parseBoolean(args[0]) ? headroom.loading() : null) {
                fill(more, 150);
            }
            System.out.println("whole-heap collections: " + (wholeHeapCollections() - before));
            System.out.println(base.size() + more.size());
        }

        private static void fill(List<byte[]> into, int megabytes) {
            for (int i = 0; i < megabytes * 4; i++) {
                into.add(new byte[256 << 10]);
            }
        }

        private static long wholeHeapCollections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(g -> !g.getName().equals("Copy"))
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
        }
    }

    @Test
    void withTheShippedOptions_aLargeClusterOpen_isRebuiltWithoutAWholeHeapCollection() throws Exception {
        // After the load and a later whole-heap collection, a rebuild makes as much again as is
        // live while the old is still held: with room kept for it, against the shipped ratios back.
        long kept = wholeHeapCollectionsRebuilding(LARGE_CLUSTER);
        long given = wholeHeapCollectionsRebuilding(SMALL_CLUSTER);
        assertThat(kept).as("with room kept, against %d with the shipped ratios back", given).isZero();
        assertThat(given).as("with the shipped ratios back").isPositive();
    }

    private static final String LARGE_CLUSTER = "large";
    private static final String SMALL_CLUSTER = "small";

    private static long wholeHeapCollectionsRebuilding(String cluster) throws Exception {
        return wholeHeapCollectionsInAJvmOfItsOwn(RebuildInAJvmOfItsOwn.class, cluster);
    }

    /** What {@link #withTheShippedOptions_aLargeClusterOpen_isRebuiltWithoutAWholeHeapCollection} runs. */
    static final class RebuildInAJvmOfItsOwn {
        public static void main(String[] args) {
            LoadingHeadroom headroom = LoadingHeadroom.forThisJvm();
            List<byte[]> view = new ArrayList<>();
            try (LoadingHeadroom.Lease load = headroom.loading()) {
                GrowInAJvmOfItsOwn.fill(view, 100);
                load.opened(args[0].equals(LARGE_CLUSTER) ? LARGE : SMALL);
            }
            // Later whole-heap collections: with the shipped ratios back, the serial collector gives
            // the room back in steps (none of it at the first, then 10%, 40% and all of the excess).
            for (int i = 0; i < 4; i++) {
                System.gc();
            }
            long before = GrowInAJvmOfItsOwn.wholeHeapCollections();
            List<byte[]> rebuilt = new ArrayList<>();
            GrowInAJvmOfItsOwn.fill(rebuilt, 80);
            long during = GrowInAJvmOfItsOwn.wholeHeapCollections() - before;
            view = rebuilt;
            System.out.println("whole-heap collections: " + during);
            System.out.println(view.size());
        }
    }

    @Test
    void thisJvm_raisesTheRatiosWhenAWholeHeapCollectionFindsALargeHeap() throws InterruptedException {
        var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        String min = bean.getVMOption("MinHeapFreeRatio").getValue();
        String max = bean.getVMOption("MaxHeapFreeRatio").getValue();
        LoadingHeadroom real = LoadingHeadroom.forThisJvm();
        byte[][] live = new byte[80][];
        try (LoadingHeadroom.Lease load = real.loading()) {
            for (int i = 0; i < live.length; i++) {
                live[i] = new byte[1 << 20];
            }
            // The JVM's check of this whole-heap collection against the pools' threshold raises them
            // (or the heap was large already when the load began).
            System.gc();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!bean.getVMOption("MinHeapFreeRatio").getValue().equals("80") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(bean.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("80");
            assertThat(bean.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("90");
        } finally {
            assertThat(live[live.length - 1]).hasSize(1 << 20);
        }
        assertThat(bean.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(min);
        assertThat(bean.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(max);
    }
}
