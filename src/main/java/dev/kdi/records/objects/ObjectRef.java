package dev.kdi.records.objects;

import java.util.Objects;

/**
 * Names one Kubernetes object, for provenance ("this record comes from ...") and findings.
 *
 * @param kind the object's kind as Kubernetes spells it ({@code Service}, {@code Pod}, ...)
 * @param namespace the namespace, or the empty string for cluster-scoped objects
 * @param name the object's name
 */
public record ObjectRef(String kind, String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    public static ObjectRef namespace(String name) {
        return new ObjectRef(Kinds.NAMESPACE, "", name);
    }

    public static ObjectRef service(String namespace, String name) {
        return new ObjectRef(Kinds.SERVICE, namespace, name);
    }

    public static ObjectRef pod(String namespace, String name) {
        return new ObjectRef(Kinds.POD, namespace, name);
    }

    public static ObjectRef endpointSlice(String namespace, String name) {
        return new ObjectRef(Kinds.ENDPOINT_SLICE, namespace, name);
    }

    /** {@code Kind namespace/name}, or {@code Kind name} for cluster-scoped objects. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + " " + name : kind + " " + namespace + "/" + name;
    }

    /** {@code namespace/name}, or the name alone for cluster-scoped objects. */
    public String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
