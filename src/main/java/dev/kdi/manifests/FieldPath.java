package dev.kdi.manifests;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a field sits inside an object, printed as Kubernetes prints it: {@code spec.ports[0].port}.
 *
 * @param segments field names and list indexes from the object's root
 */
public record FieldPath(List<Segment> segments) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$-]+");

    /** One step: a field (or map key) or a list index. */
    public sealed interface Segment permits Field, Index {
    }

    /** A field of an object or a key of a map. */
    public record Field(String name) implements Segment {
        public Field {
            Objects.requireNonNull(name, "name");
        }
    }

    /** An index into a list. */
    public record Index(int index) implements Segment {
    }

    public FieldPath {
        segments = segments instanceof Appended ? segments : List.copyOf(segments);
    }

    /** The object itself. */
    public static FieldPath root() {
        return new FieldPath(List.of());
    }

    /** A path of plain field names: {@code of("spec", "ports")}. */
    public static FieldPath of(String... names) {
        FieldPath p = root();
        for (String n : names) {
            p = p.field(n);
        }
        return p;
    }

    public FieldPath field(String name) {
        return append(new Field(name));
    }

    public FieldPath index(int index) {
        return append(new Index(index));
    }

    /** This path followed by another one (for an item of a {@code kind: List}). */
    public FieldPath then(FieldPath rest) {
        List<Segment> all = new ArrayList<>(segments);
        all.addAll(rest.segments);
        return new FieldPath(all);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    private FieldPath append(Segment s) {
        return new FieldPath(new Appended(segments, Objects.requireNonNull(s, "segment")));
    }

    /**
     * An immutable list of its parent's segments and one more, sharing the parent: converters build
     * a path for every field they check, on every object, and use one only when a field is wrong,
     * so appending must not copy. Equal to any list with the same segments, as a list must be.
     */
    private static final class Appended extends AbstractList<Segment> {
        private final List<Segment> parent;
        private final Segment last;
        private final int size;

        Appended(List<Segment> parent, Segment last) {
            this.parent = parent;
            this.last = last;
            this.size = parent.size() + 1;
        }

        @Override
        public Segment get(int index) {
            Objects.checkIndex(index, size);
            return index == size - 1 ? last : parent.get(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * {@code spec.ports[0].port}; map keys that are not plain names (label keys with dots or
     * slashes) are bracketed: {@code metadata.labels[app.kubernetes.io/name]}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Index i) {
                sb.append('[').append(i.index()).append(']');
            } else if (s instanceof Field f) {
                if (!PLAIN_NAME.matcher(f.name()).matches()) {
                    sb.append('[').append(f.name()).append(']');
                } else {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(f.name());
                }
            }
        }
        return sb.toString();
    }
}
