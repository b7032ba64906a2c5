package dev.kdi.cluster;

import java.util.Objects;

/**
 * Where a port-forward stands, as a person watching it should see it.
 *
 * <p>A single {@link PortForwardStream} moves {@code Connecting → Ready → Failed | Closed} or
 * {@code Connecting → Failed | Closed}; {@code Failed} and {@code Closed} are final. {@link
 * Reconnecting} is never produced by one stream: it is for a manager that replaces failed streams.
 */
public sealed interface ForwardState {

    /** The upgrade request is on its way to the API server. */
    record Connecting() implements ForwardState {
    }

    /**
     * The API server accepted the upgrade and fabric8 is pumping bytes: writes now reach the pod.
     * See {@link PortForwardStream} for exactly which signal this is.
     */
    record Ready() implements ForwardState {
    }

    /**
     * A manager is opening a new stream after a failure.
     *
     * @param attempt 1 for the first reconnection
     * @param lastError why the previous stream ended
     */
    record Reconnecting(int attempt, Failed lastError) implements ForwardState {

        public Reconnecting {
            Objects.requireNonNull(lastError, "lastError");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
            }
        }
    }

    /**
     * The forward ended without being asked to.
     *
     * @param kind what kind of failure, so a manager can tell whether trying again can help
     * @param reason a sentence a person can act on
     */
    record Failed(FailureKind kind, String reason) implements ForwardState {

        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The owner closed the forward. */
    record Closed() implements ForwardState {
    }

    /** Kinds of failure; the ones that say {@code retryable} may go away by themselves. */
    enum FailureKind {
        /** The pod does not exist (HTTP 404): retrying the same pod will not help. */
        POD_NOT_FOUND(false),
        /** RBAC forbids the forward (HTTP 403). */
        FORBIDDEN(false),
        /** The credentials were rejected (HTTP 401). */
        UNAUTHORIZED(false),
        /** The API server refused the upgrade with another HTTP status. */
        REFUSED(true),
        /** The API server could not be reached, or the upgrade failed below HTTP. */
        API_SERVER_UNREACHABLE(true),
        /** No answer to the upgrade within the connect timeout. */
        CONNECT_TIMEOUT(true),
        /** The kubelet reported an error on the error channel (for example, nothing listens on the port). */
        KUBELET_ERROR(true),
        /** The API server (or something between) ended an open forward without an error. */
        CLOSED_BY_SERVER(true),
        /** The connection to the API server broke while the forward was open. */
        CONNECTION_LOST(true),
        /** The server broke the port-forward protocol. */
        PROTOCOL_ERROR(true),
        /** Moving bytes inside this process failed. */
        LOCAL_ERROR(true);

        private final boolean retryable;

        FailureKind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** True for states a stream never leaves. */
    default boolean isFinal() {
        return this instanceof Failed || this instanceof Closed;
    }

    /** A short phrase for status bars and logs. */
    default String describe() {
        if (this instanceof Connecting) {
            return "connecting";
        } else if (this instanceof Ready) {
            return "ready";
        } else if (this instanceof Reconnecting r) {
            return "reconnecting (attempt " + r.attempt() + ") after: " + r.lastError().reason();
        } else if (this instanceof Failed f) {
            return "failed: " + f.reason();
        } else {
            return "closed";
        }
    }
}
