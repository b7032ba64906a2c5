package dev.kdi.cluster;

/** What one list or watch covers: a kind across all namespaces (namespace null) or in one namespace. */
record KindScope(ResourceKind kind, String namespace) {

    /** For messages: {@code pods}, or {@code pods in namespace shop}. */
    String describe() {
        return kind.plural + (namespace == null ? "" : " in namespace " + namespace);
    }

    /** The namespace for access problems: empty for all namespaces. */
    String namespaceOrEmpty() {
        return namespace == null ? "" : namespace;
    }
}
