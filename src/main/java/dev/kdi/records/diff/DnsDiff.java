package dev.kdi.records.diff;

import dev.kdi.records.lint.Finding;
import java.util.List;

/**
 * What a change does to DNS: the names and types whose answers change, and the lint findings that
 * appear or are resolved.
 *
 * @param changes the changed names, by namespace, object, name and type
 * @param newFindings findings after that were not there before
 * @param resolvedFindings findings before that are gone after
 */
public record DnsDiff(List<NameChange> changes, List<Finding> newFindings, List<Finding> resolvedFindings) {

    public DnsDiff {
        changes = List.copyOf(changes);
        newFindings = List.copyOf(newFindings);
        resolvedFindings = List.copyOf(resolvedFindings);
    }

    /** Nothing changes: no name and no finding. */
    public boolean isEmpty() {
        return changes.isEmpty() && newFindings.isEmpty() && resolvedFindings.isEmpty();
    }

    public long count(NameChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** {@code N added, N removed, N changed, N new findings, N resolved findings}. */
    public String summary() {
        return count(NameChange.Kind.ADDED) + " added, " + count(NameChange.Kind.REMOVED) + " removed, "
                + count(NameChange.Kind.CHANGED) + " changed, " + newFindings.size() + " new findings, "
                + resolvedFindings.size() + " resolved findings";
    }
}
