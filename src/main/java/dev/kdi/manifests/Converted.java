package dev.kdi.manifests;

import java.util.Objects;

/**
 * The outcome of converting an object the model may or may not use: the record, or why the
 * object was left out (which the caller reports as a note, not an error).
 *
 * @param <T> the record type
 */
public sealed interface Converted<T> permits Converted.Kept, Converted.Skipped {

    /** The object converted into the model's record. */
    record Kept<T>(T value) implements Converted<T> {
        public Kept {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The object is valid but has nothing the model uses; {@code reason} says why. */
    record Skipped<T>(String reason) implements Converted<T> {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Converted<T> kept(T value) {
        return new Kept<>(value);
    }

    static <T> Converted<T> skipped(String reason) {
        return new Skipped<>(reason);
    }
}
