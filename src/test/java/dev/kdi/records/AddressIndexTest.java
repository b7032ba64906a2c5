package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressIndexTest {

    private static EndpointSlice slice(String name) {
        return new EndpointSlice("ns", name, "svc", IpFamily.IPV4, List.of(), List.of(), EndpointSlice.Origin.GIVEN);
    }

    @Test
    void onlyEndpoint_oneSliceOneEndpoint_isKnown() {
        AddressIndex index = new AddressIndex(4);
        EndpointSlice a = slice("a");
        index.add("10.0.0.1", a, 7);
        index.add("10.0.0.1", a, 7);
        assertThat(index.slices("10.0.0.1")).containsExactly(a);
        assertThat(index.onlyEndpoint("10.0.0.1")).isEqualTo(7);
        assertThat(index.slices("10.0.0.2")).isEmpty();
        assertThat(index.onlyEndpoint("10.0.0.2")).isEqualTo(-1);
    }

    @Test
    void onlyEndpoint_twoEndpointsOrTwoSlices_meansScan() {
        AddressIndex index = new AddressIndex(4);
        EndpointSlice a = slice("a");
        EndpointSlice b = slice("b");
        index.add("10.0.0.1", a, 1);
        index.add("10.0.0.1", a, 2);
        index.add("10.0.0.2", a, 3);
        index.add("10.0.0.2", b, 0);
        index.add("10.0.0.2", a, 5);
        assertThat(index.onlyEndpoint("10.0.0.1")).isEqualTo(-1);
        assertThat(index.slices("10.0.0.1")).containsExactly(a);
        assertThat(index.onlyEndpoint("10.0.0.2")).isEqualTo(-1);
        assertThat(index.slices("10.0.0.2")).containsExactly(a, b);
    }

    @Test
    void slices_manyAddresses_allFound() {
        AddressIndex index = new AddressIndex(10_000);
        EndpointSlice a = slice("a");
        for (int i = 0; i < 10_000; i++) {
            index.add("10.1." + (i >> 8) + "." + (i & 0xff), a, i % 100);
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(index.onlyEndpoint("10.1." + (i >> 8) + "." + (i & 0xff))).isEqualTo(i % 100);
        }
        assertThat(index.slices("10.2.0.0")).isEmpty();
    }
}
