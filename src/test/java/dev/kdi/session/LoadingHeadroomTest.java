package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final LoadingHeadroom headroom = new LoadingHeadroom(flags);

    @Test
    void aLargeLiveHeapWhileLoading_raisesTheRatios_untilTheLoadEnds() {
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            headroom.collected(100 * MB, true);
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "75").containsEntry("MaxHeapFreeRatio", "85");
            assertThat(headroom.isLoading()).isTrue();
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "20");
        assertThat(flags.writes).containsExactly("MaxHeapFreeRatio=85", "MinHeapFreeRatio=75", "MinHeapFreeRatio=10",
                "MaxHeapFreeRatio=20");
        assertThat(headroom.isLoading()).isFalse();
    }

    @Test
    void aSmallCluster_aYoungCollection_orNoLoad_changeNothing() {
        headroom.collected(500 * MB, true);
        headroom.collected(LoadingHeadroom.LARGE_BYTES - 1, true);
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            headroom.collected(LoadingHeadroom.LARGE_BYTES - 1, true);
            headroom.collected(500 * MB, false);
        }
        headroom.collected(500 * MB, true);
        assertThat(flags.writes).isEmpty();
    }

    @Test
    void aLoadThatBeginsWithTheHeapAlreadyLarge_hasRoomAtOnce() {
        headroom.collected(200 * MB, true);
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            assertThat(flags.values).containsEntry("MinHeapFreeRatio", "75");
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10");
    }

    @Test
    void overlappingLoads_putTheRatiosBackWhenTheLastEnds_andAClosedLeaseCountsOnce() {
        LoadingHeadroom.Lease first = headroom.loading();
        LoadingHeadroom.Lease second = headroom.loading();
        headroom.collected(100 * MB, true);
        first.close();
        first.close();
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "75");
        second.close();
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "20");
    }

    @Test
    void ratiosAsTheOperatorSetThem_areWhatComesBack() {
        flags.values.putAll(Map.of("MinHeapFreeRatio", "40", "MaxHeapFreeRatio", "90"));
        LoadingHeadroom own = new LoadingHeadroom(flags);
        try (LoadingHeadroom.Lease load = own.loading()) {
            own.collected(100 * MB, true);
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "40").containsEntry("MaxHeapFreeRatio", "90");
    }

    @Test
    void aJvmThatRefusesTheRatios_loadsAsShipped() {
        flags.refuse = true;
        try (LoadingHeadroom.Lease load = headroom.loading()) {
            headroom.collected(100 * MB, true);
        }
        assertThat(flags.values).containsEntry("MinHeapFreeRatio", "10").containsEntry("MaxHeapFreeRatio", "20");
        assertThat(LoadingHeadroom.none().loading()).isNotNull();
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
            // The platform's notification of this whole-heap collection is what raises them.
            System.gc();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!bean.getVMOption("MinHeapFreeRatio").getValue().equals("75") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(bean.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("75");
            assertThat(bean.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("85");
        } finally {
            assertThat(live[live.length - 1]).hasSize(1 << 20);
        }
        assertThat(bean.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(min);
        assertThat(bean.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(max);
    }
}
