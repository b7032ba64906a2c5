package dev.kdi.session;

import dev.kdi.records.Question;
import java.util.Optional;
import java.util.Set;

/**
 * What a check covers.
 *
 * @param namespaces only names of these namespaces; empty for all
 * @param replica only this replica; empty for every ready one
 * @param only only these questions of the plan (the window's "re-run what failed"); empty for all
 */
public record CheckRequest(Set<String> namespaces, Optional<String> replica, Set<Question> only) {

    public CheckRequest {
        namespaces = Set.copyOf(namespaces);
        only = Set.copyOf(only);
    }

    public CheckRequest(Set<String> namespaces, Optional<String> replica) {
        this(namespaces, replica, Set.of());
    }

    public static CheckRequest everything() {
        return new CheckRequest(Set.of(), Optional.empty());
    }
}
