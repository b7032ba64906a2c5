package dev.kdi.manifests;

import io.fabric8.kubernetes.api.model.Namespace;

/** Namespaces: only the name matters, and it must be a DNS-1123 label. */
final class NamespaceConverter {
    private final Interner interner;

    NamespaceConverter(Interner interner) {
        this.interner = interner;
    }

    String convert(Namespace namespace) throws InvalidObjectException {
        String name = Fields.name(namespace);
        Fields.checkNamespaceName(name, Fields.NAME);
        return interner.string(name);
    }
}
