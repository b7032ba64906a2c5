package dev.kdi.records.diff;

import dev.kdi.records.objects.ObjectRef;

/**
 * A change the API server would not make by {@code kubectl apply}: an immutable field changed,
 * or a field the server keeps from the live object when the manifest leaves it out. Only deleting
 * and recreating the object makes it.
 *
 * @param object the object
 * @param field the field, as the API server names it ({@code spec.serviceName})
 * @param before the live (old) value, in words
 * @param after the value in the new manifest, in words
 * @param reason what the API server does, in one sentence
 */
public record Rejection(ObjectRef object, String field, String before, String after, String reason) {

    /** {@code StatefulSet db/pg spec.serviceName "pg" → "pg-hs": apply would be rejected ...}. */
    public String text() {
        return object + " " + field + " " + before + " \u2192 " + after + ": " + reason;
    }
}
