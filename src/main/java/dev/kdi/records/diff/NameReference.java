package dev.kdi.records.diff;

import dev.kdi.records.objects.ObjectRef;
import java.util.Objects;

/**
 * Text in an object that may name a DNS name of the cluster: a container's env value or argument,
 * a ConfigMap value. {@link Referrers} looks in it for FQDNs and {@code svc.ns} forms.
 *
 * @param from the object holding the text
 * @param field where in the object, e.g. {@code spec.template.spec.containers[0].env[2].value}
 * @param text the text as written
 */
public record NameReference(ObjectRef from, String field, String text) {
    public NameReference {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
    }
}
