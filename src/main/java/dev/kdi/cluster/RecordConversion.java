package dev.kdi.cluster;

import dev.kdi.manifests.InvalidObjectException;
import dev.kdi.manifests.ObjectConverter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns listed and watched objects into the model's records, keyed {@code namespace/name}, and
 * remembers those kdi could not read so the load report can name them until they change or go.
 */
final class RecordConversion {
    private final ObjectConverter converter;
    /** By kind/namespace/name; checked once per object, so without the loader's lock. */
    private final Map<String, LoadReport.AccessProblem> unreadable = new ConcurrentHashMap<>();

    /** @param converter owned by this conversion from now on */
    RecordConversion(ObjectConverter converter) {
        this.converter = converter;
    }

    /** Converts one object into {@code into}; objects the model cannot read are reported, never fatal. */
    void convertInto(Map<String, Object> into, ResourceKind kind, HasMetadata item) {
        String key = key(item);
        try {
            Object record = kind.convert(converter, item);
            if (record != null) {
                into.put(key, record);
            } else {
                into.remove(key);
            }
            if (!unreadable.isEmpty()) {
                unreadable.remove(kind.plural + "/" + key);
            }
        } catch (InvalidObjectException | RuntimeException e) {
            // A live object is valid by definition; one we cannot read is reported, not fatal.
            unreadable.put(kind.plural + "/" + key, LoadFailures.unreadable(kind,
                    item.getMetadata() == null || item.getMetadata().getNamespace() == null ? ""
                            : item.getMetadata().getNamespace(), key, e));
        }
    }

    /** Removes a deleted object from {@code from}, and from the unreadable ones. */
    void remove(Map<String, Object> from, ResourceKind kind, HasMetadata item) {
        String key = key(item);
        from.remove(key);
        unreadable.remove(kind.plural + "/" + key);
    }

    /** The objects kdi could not read, keyed {@code invalid/kind/namespace/name}, into {@code report}. */
    void reportInto(Map<String, LoadReport.AccessProblem> report) {
        unreadable.forEach((k, v) -> report.put("invalid/" + k, v));
    }

    private static String key(HasMetadata item) {
        String ns = item.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? item.getMetadata().getName() : ns + "/" + item.getMetadata().getName();
    }
}
