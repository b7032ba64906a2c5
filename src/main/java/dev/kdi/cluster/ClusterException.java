package dev.kdi.cluster;

/**
 * A failure to reach or read the cluster that the user can act on; the message names the context
 * (or file) and says what to do. Never carries credentials.
 */
public final class ClusterException extends Exception {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
