package dev.kdi.records.lint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Small helpers that turn names and selectors into the words of a finding. */
final class Words {
    /** Messages name at most this many objects, then say how many more there are. */
    static final int MAX_NAMED = 3;

    /**
     * Names sorted so that {@code db-2} comes before {@code db-10}: StatefulSet ordinals read in
     * order.
     */
    static final Comparator<String> NATURAL = Words::compareNatural;

    /** Labels that controllers stamp on pods; they say nothing about what a selector should be. */
    private static final Set<String> CONTROLLER_LABELS = Set.of("pod-template-hash", "controller-revision-hash",
            "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index", "pod-template-generation",
            "batch.kubernetes.io/controller-uid", "controller-uid", "batch.kubernetes.io/job-name", "job-name");

    private Words() {
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}, {@code a, b, c and 4 more}. */
    static String list(Collection<String> items) {
        List<String> all = new ArrayList<>(items);
        int n = all.size();
        if (n == 0) {
            return "";
        }
        if (n == 1) {
            return all.get(0);
        }
        if (n <= MAX_NAMED) {
            return String.join(", ", all.subList(0, n - 1)) + " and " + all.get(n - 1);
        }
        return String.join(", ", all.subList(0, MAX_NAMED)) + " and " + (n - MAX_NAMED) + " more";
    }

    /** {@code Pod a} or {@code Pods a and b}. */
    static String pods(Collection<String> names) {
        return (names.size() == 1 ? "Pod " : "Pods ") + list(names);
    }

    static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }

    /** A Service selector as {@code key=value,key=value}, keys sorted. */
    static String selector(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(selector).entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The labels a selector for these pods could use: their labels without controller stamps. */
    static Map<String, String> selectableLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!CONTROLLER_LABELS.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * What pods' labels say about the keys of a selector: {@code app=db and no tier label}.
     */
    static String labelsForKeys(Map<String, String> selector, Map<String, String> labels) {
        List<String> parts = new ArrayList<>();
        for (String key : new TreeMap<>(selector).keySet()) {
            String v = labels.get(key);
            parts.add(v == null ? "no " + key + " label" : key + "=" + v);
        }
        return list(parts);
    }

    /** The DNS name without its trailing dot, as messages print names. */
    static String relative(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    private static int compareNatural(String a, String b) {
        int ia = trailingDigits(a);
        int ib = trailingDigits(b);
        String pa = a.substring(0, ia);
        String pb = b.substring(0, ib);
        int c = pa.compareTo(pb);
        if (c != 0 || ia == a.length() || ib == b.length()) {
            return c != 0 ? c : a.compareTo(b);
        }
        String na = a.substring(ia);
        String nb = b.substring(ib);
        c = Integer.compare(na.length(), nb.length());
        return c != 0 ? c : na.compareTo(nb);
    }

    /** The index where the string's trailing run of digits starts (its length when none). */
    private static int trailingDigits(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
