package dev.kdi.records;

import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import java.util.Arrays;
import java.util.List;

/**
 * Where the ready endpoints of one Service's slices are, by name, for Services with many
 * endpoints: an endpoint query then looks at the few endpoints whose name hashes alike instead
 * of every endpoint of the Service.
 *
 * <p>One sorted {@code long} per ready address: the case-folded hash of its name in the high half,
 * its place (slice, endpoint, address) in the low half, so candidates of one hash come in slice
 * order, the order a scan would find them in. Candidates are only candidates: the caller still
 * compares the names. Built only when every name is ASCII, so that folding ASCII letters is
 * exactly {@link String#equalsIgnoreCase}.
 */
final class EndpointNameIndex {
    /** Below this many ready addresses a scan is as fast and costs no memory. */
    static final int MIN_ADDRESSES = 8;

    private static final int SLICE_BITS = 11;
    private static final int ENDPOINT_BITS = 16;
    private static final int ADDRESS_BITS = 4;

    private final long[] keys;
    /** This index's keys are {@code keys[from, to)}: the model keeps all Services' in one array. */
    private final int from;
    private final int to;

    private EndpointNameIndex(long[] keys) {
        this(keys, 0, keys.length);
    }

    /** Over keys {@link #of} made, copied into {@code keys[from, to)}. */
    EndpointNameIndex(long[] keys, int from, int to) {
        this.keys = keys;
        this.from = from;
        this.to = to;
    }

    /** Copies the keys into {@code into} at {@code at}, for {@link #EndpointNameIndex(long[], int, int)}. */
    int copyKeys(long[] into, int at) {
        System.arraycopy(keys, from, into, at, to - from);
        return to - from;
    }

    /** How many keys it has. */
    int size() {
        return to - from;
    }

    /**
     * The index of the slices' ready endpoints, or null when they are too few, too many to pack,
     * or have a name outside ASCII.
     */
    static EndpointNameIndex of(List<EndpointSlice> slices, boolean podNames) {
        if (slices.size() >= 1 << SLICE_BITS) {
            return null;
        }
        int count = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                count += e.isReady() ? e.addresses().size() : 0;
            }
        }
        if (count < MIN_ADDRESSES) {
            return null;
        }
        long[] keys = new long[count];
        int k = 0;
        for (int si = 0; si < slices.size(); si++) {
            List<Endpoint> endpoints = slices.get(si).endpoints();
            if (endpoints.size() >= 1 << ENDPOINT_BITS) {
                return null;
            }
            for (int ei = 0; ei < endpoints.size(); ei++) {
                Endpoint e = endpoints.get(ei);
                if (!e.isReady()) {
                    continue;
                }
                if (e.addresses().size() >= 1 << ADDRESS_BITS) {
                    return null;
                }
                for (int ai = 0; ai < e.addresses().size(); ai++) {
                    String name = KubernetesBackend.endpointHostname(e.addresses().get(ai), e, podNames);
                    if (!isAscii(name)) {
                        return null;
                    }
                    int place = si << (ENDPOINT_BITS + ADDRESS_BITS) | ei << ADDRESS_BITS | ai;
                    keys[k++] = (long) hash(name) << 32 | place;
                }
            }
        }
        Arrays.sort(keys);
        return new EndpointNameIndex(keys);
    }

    /** Whether lookups by this name are exact: it is ASCII. */
    static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The hash of the name with ASCII letters folded to lower case. */
    static int hash(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        return h;
    }

    /** The first candidate with this hash, or -1. */
    int first(int hash) {
        long lowest = (long) hash << 32;
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < lowest) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < to && (int) (keys[lo] >> 32) == hash ? lo : -1;
    }

    /** The candidate after {@code i} with the same hash, or -1. */
    int next(int i, int hash) {
        return i + 1 < to && (int) (keys[i + 1] >> 32) == hash ? i + 1 : -1;
    }

    int slice(int i) {
        return (int) keys[i] >>> (ENDPOINT_BITS + ADDRESS_BITS);
    }

    int endpoint(int i) {
        return ((int) keys[i] >>> ADDRESS_BITS) & ((1 << ENDPOINT_BITS) - 1);
    }

    int address(int i) {
        return (int) keys[i] & ((1 << ADDRESS_BITS) - 1);
    }
}
