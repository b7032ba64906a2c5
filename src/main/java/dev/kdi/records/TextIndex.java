package dev.kdi.records;

import java.util.ArrayList;
import java.util.List;

/**
 * A multimap from text (an address) to the objects filed under it, in the order they were filed:
 * open addressing over two arrays, one object kept bare until a second comes. At 150,000 pods
 * it costs some 14 bytes an entry where a {@code HashMap} of lists costs 80. Filled while the
 * model is built, read-only afterwards.
 *
 * @param <T> what is filed
 */
final class TextIndex<T> {
    private final String[] keys;
    /** A T, or an {@code ArrayList<T>} when several share the key. */
    private final Object[] values;
    private final int mask;

    /** An index for at most {@code expected} distinct keys. */
    TextIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected + expected / 3)) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    private int slot(String key) {
        int h = key.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        while (keys[i] != null && !keys[i].equals(key)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    void add(String key, T value) {
        int i = slot(key);
        Object existing = values[i];
        if (existing == null) {
            keys[i] = key;
            values[i] = value;
        } else if (existing instanceof Several<?> several) {
            ((Several<T>) several).add(value);
        } else {
            Several<T> two = new Several<>();
            two.add((T) existing);
            two.add(value);
            values[i] = two;
        }
    }

    /** What is filed under the key, in filing order; empty when nothing is. */
    @SuppressWarnings("unchecked")
    List<T> get(String key) {
        Object o = values[slot(key)];
        if (o == null) {
            return List.of();
        }
        return o instanceof Several<?> several ? (List<T>) several : List.of((T) o);
    }

    /** Its own list type, so that a filed object that is itself a list is never mistaken for one. */
    private static final class Several<T> extends ArrayList<T> {
        Several() {
            super(2);
        }
    }
}
