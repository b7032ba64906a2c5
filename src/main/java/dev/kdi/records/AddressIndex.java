package dev.kdi.records;

import dev.kdi.records.objects.EndpointSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The slices whose ready endpoints hold an address, CoreDNS's reverse endpoint index; for an
 * address held by one endpoint only (nearly all of them), also which endpoint, so that a PTR
 * query reads that endpoint instead of scanning its slice.
 *
 * <p>Open addressing over three parallel arrays: at 150,000 addresses about 17 bytes each, where
 * a {@code HashMap} spends 40. Filled while the model is built, read-only afterwards.
 */
final class AddressIndex {
    private static final char UNKNOWN = Character.MAX_VALUE;
    private static final List<EndpointSlice> NONE = List.of();

    private final String[] keys;
    /** An EndpointSlice, or a {@code List<EndpointSlice>} when several slices hold the address. */
    private final Object[] slices;
    /** The index of the one endpoint holding the address in its one slice, or {@link #UNKNOWN}. */
    private final char[] endpoints;
    private final int mask;

    /** An index for at most {@code expected} distinct addresses. */
    AddressIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected + expected / 3)) << 1;
        keys = new String[capacity];
        slices = new Object[capacity];
        endpoints = new char[capacity];
        mask = capacity - 1;
    }

    private int slot(String address) {
        int h = address.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        while (keys[i] != null && !keys[i].equals(address)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Notes that ready endpoint {@code endpoint} of {@code slice} holds the address. */
    @SuppressWarnings("unchecked")
    void add(String address, EndpointSlice slice, int endpoint) {
        int i = slot(address);
        Object existing = slices[i];
        if (existing == null) {
            keys[i] = address;
            slices[i] = slice;
            endpoints[i] = endpoint < UNKNOWN ? (char) endpoint : UNKNOWN;
        } else if (existing instanceof EndpointSlice one) {
            if (one != slice) {
                List<EndpointSlice> two = new ArrayList<>(2);
                two.add(one);
                two.add(slice);
                slices[i] = two;
                endpoints[i] = UNKNOWN;
            } else if (endpoints[i] != endpoint) {
                endpoints[i] = UNKNOWN;
            }
        } else {
            List<EndpointSlice> many = (List<EndpointSlice>) existing;
            if (!many.contains(slice)) {
                many.add(slice);
            }
        }
    }

    /** The slices holding the address in a ready endpoint, in the order they were added. */
    @SuppressWarnings("unchecked")
    List<EndpointSlice> slices(String address) {
        Object o = slices[slot(address)];
        if (o == null) {
            return NONE;
        }
        return o instanceof EndpointSlice one ? List.of(one) : (List<EndpointSlice>) o;
    }

    /**
     * The index of the only ready endpoint holding the address, when exactly one slice holds it;
     * -1 when the slices must be scanned.
     */
    int onlyEndpoint(String address) {
        int i = slot(address);
        return slices[i] instanceof EndpointSlice && endpoints[i] != UNKNOWN ? endpoints[i] : -1;
    }
}
