package dev.kdi.manifests;

import dev.kdi.records.names.NameRule;
import io.fabric8.kubernetes.api.model.Namespace;

/** Namespaces: only the name matters, and it must be a DNS-1123 label. */
final class NamespaceConverter {
    private final Interner interner;

    NamespaceConverter(Interner interner) {
        this.interner = interner;
    }

    String convert(Namespace namespace) throws InvalidObjectException {
        String name = Fields.name(namespace, NameRule.DNS1123_LABEL, "a valid namespace name");
        return interner.string(name);
    }
}
