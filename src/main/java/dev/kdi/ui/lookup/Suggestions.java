package dev.kdi.ui.lookup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Completion over a large set of names: a sorted array searched by prefix (a binary search and a
 * short walk), then, when that finds few, a bounded scan for names containing the text.
 */
public final class Suggestions {
    private final String[] sorted;

    private Suggestions(String[] sorted) {
        this.sorted = sorted;
    }

    /** Sorts and de-duplicates the names (lower-cased: DNS names compare without case). */
    public static Suggestions of(Collection<String> names) {
        String[] all = new String[names.size()];
        int n = 0;
        for (String name : names) {
            if (!name.isEmpty()) {
                all[n++] = name.toLowerCase(Locale.ROOT);
            }
        }
        Arrays.sort(all, 0, n);
        // Sorted, so duplicates sit together: keep the first of each run.
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (kept == 0 || !all[i].equals(all[kept - 1])) {
                all[kept++] = all[i];
            }
        }
        return new Suggestions(Arrays.copyOf(all, kept));
    }

    public static Suggestions empty() {
        return new Suggestions(new String[0]);
    }

    public int size() {
        return sorted.length;
    }

    /** Up to {@code limit} names starting with the text, then names containing it. */
    public List<String> complete(String text, int limit) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>(limit);
        if (t.isEmpty()) {
            return out;
        }
        int i = Arrays.binarySearch(sorted, t);
        if (i < 0) {
            i = -i - 1;
        }
        for (; i < sorted.length && out.size() < limit && sorted[i].startsWith(t); i++) {
            out.add(sorted[i]);
        }
        if (out.size() < limit && t.length() >= 2) {
            for (String s : sorted) {
                if (out.size() >= limit) {
                    break;
                }
                if (!s.startsWith(t) && s.contains(t)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
