package dev.kdi.cluster;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one list or watch covers: a kind across all namespaces (namespace null) or in one
 * namespace, and there, when the scope is selective, only the objects with these labels or this
 * name. Selective scopes read the cluster DNS where it lives for a user who may not list its
 * namespace's kind there as a whole view would ({@code pods labelled k8s-app=kube-dns in
 * kube-system}); RBAC that names resources lets such a user list and watch by {@code metadata.name}.
 *
 * @param labels the label selector as key=value pairs, empty for every object
 * @param name the one object's name ({@code fieldSelector=metadata.name=...}), or null
 */
record KindScope(ResourceKind kind, String namespace, Map<String, String> labels, String name) {

    KindScope {
        labels = labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    KindScope(ResourceKind kind, String namespace) {
        this(kind, namespace, Map.of(), null);
    }

    /** Only the objects with these labels in {@code namespace}. */
    static KindScope labelled(ResourceKind kind, String namespace, Map<String, String> labels) {
        return new KindScope(kind, namespace, labels, null);
    }

    /** Only the object of this name in {@code namespace}. */
    static KindScope named(ResourceKind kind, String namespace, String name) {
        return new KindScope(kind, namespace, Map.of(), name);
    }

    /** Whether the scope holds only some objects of its namespace. */
    boolean selective() {
        return !labels.isEmpty() || name != null;
    }

    /** {@code k8s-app=kube-dns,app=x}, or null for none. */
    String labelSelector() {
        return labels.isEmpty() ? null : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** {@code metadata.name=kube-dns}, or null for none. */
    String fieldSelector() {
        return name == null ? null : "metadata.name=" + name;
    }

    /** For messages: {@code pods}, {@code pods in namespace shop}, {@code pods labelled k8s-app=kube-dns in namespace kube-system}. */
    String describe() {
        String what = name != null ? kind.plural + " named " + name
                : labels.isEmpty() ? kind.plural : kind.plural + " labelled " + labelSelector();
        return what + (namespace == null ? "" : " in namespace " + namespace);
    }

    /** The namespace for access problems: empty for all namespaces. */
    String namespaceOrEmpty() {
        return namespace == null ? "" : namespace;
    }
}
