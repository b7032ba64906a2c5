package dev.kdi.manifests;

/**
 * Manifests or a Corefile that cannot be used. {@link #getMessage()} is the single line a user
 * sees: file, document, object, field, what is wrong and the line, e.g.
 * {@code web.yaml: document 2 (Service default/web): spec.ports[0].port: "eighty" is not a number (line 14)}.
 */
public final class ManifestException extends Exception {

    public ManifestException(String message) {
        super(message);
    }

    /** Keeps the cause for {@code --debug}; the message alone must still say everything. */
    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
