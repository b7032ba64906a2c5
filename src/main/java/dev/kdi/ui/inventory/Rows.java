package dev.kdi.ui.inventory;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of rows that is a range of a larger array: the rows under each of 20,000
 * Services (and each namespace's pods) as ranges of a few shared arrays, where a list each was a
 * list object and an array, 40,000 objects kept while the view is shown.
 *
 * @param <T> the kind of row
 */
final class Rows<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] array;
    private final int from;
    private final int size;

    private Rows(Object[] array, int from, int size) {
        this.array = array;
        this.from = from;
        this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) array[from + index];
    }

    @Override
    public int size() {
        return size;
    }

    /** Hands out ranges of arrays of {@value #CHUNK} rows. Not thread-safe: one per build. */
    static final class Store {
        private static final int CHUNK = 4096;
        private Object[] chunk = new Object[0];
        private int used;

        /**
         * The rows, in order, as an immutable list: a list of none or one as {@link List#copyOf}
         * makes it (no array to share), else a range of this store's arrays.
         */
        <T> List<T> of(List<? extends T> rows) {
            int n = rows.size();
            if (n <= 1) {
                return List.copyOf(rows);
            }
            if (used + n > chunk.length) {
                chunk = new Object[Math.max(CHUNK, n)];
                used = 0;
            }
            int from = used;
            for (int i = 0; i < n; i++) {
                chunk[from + i] = Objects.requireNonNull(rows.get(i), "row");
            }
            used += n;
            return new Rows<>(chunk, from, n);
        }
    }
}
