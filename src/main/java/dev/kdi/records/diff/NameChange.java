package dev.kdi.records.diff;

import dev.kdi.records.Answer;
import dev.kdi.records.RrType;
import dev.kdi.records.objects.ObjectRef;
import java.util.List;

/**
 * One name and type whose answer a change alters.
 *
 * @param kind whether the name appears, vanishes or answers differently
 * @param name the name in neutral form (lower case; placeholders written as what they stand for)
 * @param type the type asked
 * @param namespace the namespace of the object behind the name; empty for names of the zone itself
 * @param object the object behind the name (a Service where one is), or null when none is
 * @param before the answer before, in words ({@code 10.96.0.50}, {@code NXDOMAIN})
 * @param after the answer after, in words
 * @param beforeAnswer the model's answer before
 * @param afterAnswer the model's answer after
 * @param referredBy the objects that refer to the name (ExternalName targets, container env and
 *     args, ConfigMap values), one phrase each; a heuristic, and non-empty only for a name that is
 *     removed or changed: then the change likely breaks them
 */
public record NameChange(Kind kind, String name, RrType type, String namespace, ObjectRef object, String before,
                         String after, Answer beforeAnswer, Answer afterAnswer, List<String> referredBy) {

    public NameChange {
        referredBy = List.copyOf(referredBy);
    }

    /** How the answer changes. */
    public enum Kind {
        /** The name answers with records after, not before. */
        ADDED("+"),
        /** The name answers with records before, not after. */
        REMOVED("-"),
        /** The name answers differently (other records, TTL, or another negative status). */
        CHANGED("~");

        private final String mark;

        Kind(String mark) {
            this.mark = mark;
        }

        /** {@code +}, {@code -} or {@code ~}. */
        public String mark() {
            return mark;
        }
    }

    /** Whether other objects refer to the name this change removes or alters (a heuristic). */
    public boolean breaking() {
        return !referredBy.isEmpty();
    }
}
