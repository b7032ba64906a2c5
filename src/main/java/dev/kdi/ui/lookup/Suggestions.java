package dev.kdi.ui.lookup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Completion over a large set of names: a sorted list searched by prefix (a binary search and a
 * short walk), then, when that finds few, one scan for names containing the text.
 *
 * <p>The names are lower-cased (DNS names compare without case), encoded as UTF-8 and packed back
 * to back in one byte array, in sorted order (by code point), with an array of where each begins.
 * A cluster has many: 150,000 pods give about 390,000 names for the lookup field, which as Strings
 * were 780,000 objects that every whole-heap collection traced while the window loaded; packed,
 * they are two arrays the collector moves in one piece.
 */
public final class Suggestions {
    private static final Suggestions EMPTY = new Suggestions(new byte[0], new int[] {0});

    /** The names, sorted, back to back. */
    private final byte[] text;
    /** Where each name begins; one more than there are names, the last being {@code text.length}. */
    private final int[] starts;

    private Suggestions(byte[] text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    /** Sorts and de-duplicates the names; empty ones are left out. */
    public static Suggestions of(Collection<String> names) {
        Builder b = builder();
        names.forEach(b::add);
        return b.build();
    }

    public static Suggestions empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return starts.length - 1;
    }

    /** Up to {@code limit} names starting with the text, then names containing it. */
    public List<String> complete(String text, int limit) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>(Math.min(limit, 64));
        if (t.isEmpty() || limit <= 0) {
            return out;
        }
        byte[] wanted = t.getBytes(StandardCharsets.UTF_8);
        for (int i = firstNotBefore(wanted); i < size() && out.size() < limit && startsWith(i, wanted); i++) {
            out.add(name(i));
        }
        if (out.size() < limit && t.length() >= 2) {
            addContaining(wanted, limit, out);
        }
        return out;
    }

    /**
     * Names that contain the text past their start, in sorted order: one pass over the packed
     * bytes, a hit mapped to its name by a binary search over where names begin.
     */
    private void addContaining(byte[] wanted, int limit, List<String> out) {
        byte first = wanted[0];
        int last = text.length - wanted.length;
        for (int at = 0; at <= last && out.size() < limit; at++) {
            if (text[at] != first || !Arrays.equals(text, at, at + wanted.length, wanted, 0, wanted.length)) {
                continue;
            }
            int i = nameAt(at);
            if (at + wanted.length <= starts[i + 1] && !startsWith(i, wanted)) {
                out.add(name(i));
            }
            // One entry per name, and none for a hit that runs on into the next name.
            at = at + wanted.length <= starts[i + 1] ? starts[i + 1] - 1 : at;
        }
    }

    /** The index of the name whose bytes hold the position. */
    private int nameAt(int position) {
        int i = Arrays.binarySearch(starts, 0, starts.length - 1, position);
        return i >= 0 ? i : -i - 2;
    }

    /** The first name not sorting before the bytes. */
    private int firstNotBefore(byte[] wanted) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(text, starts[mid], starts[mid + 1], wanted, 0, wanted.length) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean startsWith(int i, byte[] wanted) {
        int from = starts[i];
        return starts[i + 1] - from >= wanted.length
                && Arrays.equals(text, from, from + wanted.length, wanted, 0, wanted.length);
    }

    private String name(int i) {
        return new String(text, starts[i], starts[i + 1] - starts[i], StandardCharsets.UTF_8);
    }

    /**
     * Gathers names one by one without keeping a String for any of them: each is lower-cased and
     * appended to a growing byte array as it comes.
     */
    public static final class Builder {
        private byte[] text = new byte[4096];
        private int length;
        private int[] starts = new int[256];
        private int count;

        private Builder() {
        }

        /** Adds a name; an empty one is left out. */
        public Builder add(String name) {
            if (name.isEmpty()) {
                return this;
            }
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = length;
            if (isAscii(name)) {
                ensure(name.length());
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    text[length++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
                }
            } else {
                byte[] utf8 = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, text, length, utf8.length);
                length += utf8.length;
            }
            starts[count] = length;
            return this;
        }

        /** Sorts, drops duplicates and packs the names into arrays of their exact size. */
        public Suggestions build() {
            if (count == 0) {
                return EMPTY;
            }
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            sort(order, new int[count], 0, count);
            int kept = 0;
            int bytes = 0;
            for (int k = 0; k < count; k++) {
                // Sorted, so duplicates sit together: keep the first of each run.
                if (k == 0 || compare(order[k], order[kept - 1]) != 0) {
                    order[kept++] = order[k];
                    bytes += starts[order[k] + 1] - starts[order[k]];
                }
            }
            byte[] packed = new byte[bytes];
            int[] packedStarts = new int[kept + 1];
            int at = 0;
            for (int k = 0; k < kept; k++) {
                int from = starts[order[k]];
                int len = starts[order[k] + 1] - from;
                packedStarts[k] = at;
                System.arraycopy(text, from, packed, at, len);
                at += len;
            }
            packedStarts[kept] = at;
            return new Suggestions(packed, packedStarts);
        }

        private static boolean isAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        private void ensure(int more) {
            if (length + more > text.length) {
                text = Arrays.copyOf(text, Math.max(text.length * 2, length + more));
            }
        }

        private int compare(int a, int b) {
            return Arrays.compareUnsigned(text, starts[a], starts[a + 1], text, starts[b], starts[b + 1]);
        }

        /**
         * A merge sort of name indices by their bytes: sorting boxed indices with a comparator
         * would make an object per name, which is what the packing is for avoiding.
         */
        private void sort(int[] a, int[] scratch, int from, int to) {
            if (to - from <= 12) {
                for (int i = from + 1; i < to; i++) {
                    int v = a[i];
                    int j = i - 1;
                    while (j >= from && compare(a[j], v) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            sort(a, scratch, from, mid);
            sort(a, scratch, mid, to);
            if (compare(a[mid - 1], a[mid]) <= 0) {
                return;
            }
            System.arraycopy(a, from, scratch, from, to - from);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                if (j >= to || (i < mid && compare(scratch[i], scratch[j]) <= 0)) {
                    a[k] = scratch[i++];
                } else {
                    a[k] = scratch[j++];
                }
            }
        }
    }
}
