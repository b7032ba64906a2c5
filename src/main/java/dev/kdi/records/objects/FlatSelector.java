package dev.kdi.records.objects;

import java.util.Map;

/**
 * A Service's plain selector laid out as two arrays, to test many pods against it with no
 * allocation per test: iterating an immutable map's entries makes an iterator and an entry per
 * label, and deriving a large cluster's EndpointSlices tests every pod of a namespace against
 * every Service in it. Answers exactly as {@link LabelSelector#serviceSelects}.
 */
public final class FlatSelector {
    private static final FlatSelector NOTHING = new FlatSelector(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    private FlatSelector(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The selector; a null or empty one selects nothing, as a Service's does. */
    public static FlatSelector of(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return NOTHING;
        }
        String[] k = new String[selector.size()];
        String[] v = new String[selector.size()];
        int i = 0;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            k[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new FlatSelector(k, v);
    }

    /** Whether every label of the selector is on the pod with the same value. */
    public boolean selects(Map<String, String> labels) {
        if (keys.length == 0) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (!values[i].equals(labels.get(keys[i]))) {
                return false;
            }
        }
        return true;
    }
}
