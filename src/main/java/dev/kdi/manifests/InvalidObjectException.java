package dev.kdi.manifests;

import java.util.Objects;

/**
 * A Kubernetes object the API server would refuse, or one the model cannot use: names the field
 * and says what is wrong with it.
 *
 * <p>{@link #getMessage()} is {@code spec.ports[0].port: "eighty" is not a number}, or
 * {@code metadata.name is missing}; callers prefix it with the file and object.
 */
public final class InvalidObjectException extends Exception {
    private final FieldPath path;
    private final String problem;
    private final boolean missing;

    private InvalidObjectException(FieldPath path, String problem, boolean missing) {
        super(message(path, problem, missing));
        this.path = Objects.requireNonNull(path, "path");
        this.problem = problem;
        this.missing = missing;
    }

    private static String message(FieldPath path, String problem, boolean missing) {
        if (path.isRoot()) {
            return problem;
        }
        return missing ? path + " is missing" : path + ": " + problem;
    }

    /** A field whose value is wrong; {@code problem} quotes the value. */
    public static InvalidObjectException invalid(FieldPath path, String problem) {
        return new InvalidObjectException(path, problem, false);
    }

    /** A required field that is absent. */
    public static InvalidObjectException missing(FieldPath path) {
        return new InvalidObjectException(path, "is missing", true);
    }

    /** The same problem, one level down (an item of a {@code kind: List}). */
    public InvalidObjectException under(FieldPath prefix) {
        return new InvalidObjectException(prefix.then(path), problem, missing);
    }

    /** The field the problem is in. */
    public FieldPath path() {
        return path;
    }

    /** What is wrong, without the field path. */
    public String problem() {
        return problem;
    }
}
