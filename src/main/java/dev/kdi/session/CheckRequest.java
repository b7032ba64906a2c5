package dev.kdi.session;

import java.util.Optional;
import java.util.Set;

/**
 * What a check covers.
 *
 * @param namespaces only names of these namespaces; empty for all
 * @param replica only this replica; empty for every ready one
 */
public record CheckRequest(Set<String> namespaces, Optional<String> replica) {

    public CheckRequest {
        namespaces = Set.copyOf(namespaces);
    }

    public static CheckRequest everything() {
        return new CheckRequest(Set.of(), Optional.empty());
    }
}
