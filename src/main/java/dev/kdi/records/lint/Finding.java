package dev.kdi.records.lint;

import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One lint finding.
 *
 * @param severity how much it matters (always the severity its {@link Rule} declares)
 * @param code the rule's stable kebab-case code, e.g. {@code sts-service-missing}
 * @param objects the objects involved, the primary one first (never empty)
 * @param message one sentence on what happens in DNS, naming the exact names
 * @param fix one sentence on what to change
 */
public record Finding(Severity severity, String code, List<ObjectRef> objects, String message, String fix) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        objects = List.copyOf(objects);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("a finding names at least one object: " + code);
        }
    }

    /** A finding of the given rule, with the rule's severity and code. */
    public static Finding of(Rule rule, List<ObjectRef> objects, String message, String fix) {
        return new Finding(rule.severity(), rule.code(), objects, message, fix);
    }

    /** The object the finding is about. */
    public ObjectRef primary() {
        return objects.get(0);
    }

    /** The catalogue rule of this finding's code; empty for a code the catalogue does not know. */
    public Optional<Rule> rule() {
        return Rule.forCode(code);
    }
}
