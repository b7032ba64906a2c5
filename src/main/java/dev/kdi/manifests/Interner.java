package dev.kdi.manifests;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool that hands out one shared instance per distinct value while objects are converted.
 *
 * <p>Pods of one template carry equal label maps, owner references, port lists and DNS settings;
 * sharing one instance of each is what keeps 150,000 pods small. The pool only grows: use one per
 * load (or per resync of a live cluster) and drop it with the snapshot it served. Not
 * thread-safe: confine it to the thread that converts.
 */
public final class Interner {
    private final Map<Object, Object> pool = new HashMap<>();

    /** The shared instance of a string, or null. */
    public String string(String s) {
        return s == null ? null : shared(s);
    }

    /**
     * The shared immutable copy of a map of labels (or a selector), its keys and values shared
     * too. A null value becomes the empty string, as Go decodes a JSON null into a string.
     */
    public Map<String, String> labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Map.of();
        }
        // Most label maps repeat one already pooled (pods of one template): find it without copying.
        // Maps are equal across implementations, so the pooled copy matches the caller's map.
        Object pooled = pool.get(labels);
        if (pooled instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, String> shared = (Map<String, String>) pooled;
            return shared;
        }
        Map<String, String> copy = new LinkedHashMap<>(labels.size() * 2);
        for (Map.Entry<String, String> e : labels.entrySet()) {
            copy.put(string(e.getKey()), string(e.getValue() == null ? "" : e.getValue()));
        }
        return shared(Map.copyOf(copy));
    }

    /** The shared immutable copy of a list of values (themselves already shared or records). */
    public <T> List<T> list(List<T> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        return shared(List.copyOf(values));
    }

    /** The shared instance of an immutable value with value equality (a record). */
    public <T> T value(T value) {
        return value == null ? null : shared(value);
    }

    /** How many distinct values the pool holds. */
    public int size() {
        return pool.size();
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        Object existing = pool.putIfAbsent(value, value);
        return existing == null ? value : (T) existing;
    }
}
