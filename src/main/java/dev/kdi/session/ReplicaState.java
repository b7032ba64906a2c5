package dev.kdi.session;

/**
 * Where the port-forward to one DNS replica stands. A dead forward is never shown as alive.
 */
public sealed interface ReplicaState {

    /** Not opened yet: forwards open on demand. */
    record Idle() implements ReplicaState {
    }

    /** The forward is being opened. */
    record Connecting() implements ReplicaState {
    }

    /** The forward is up: questions reach the pod. */
    record Ready() implements ReplicaState {
    }

    /**
     * The forward failed and is being reopened with backoff.
     *
     * @param attempt 1 for the first reopening
     * @param reason why the previous forward ended
     */
    record Reconnecting(int attempt, String reason) implements ReplicaState {
    }

    /**
     * The forward cannot be used; {@code reason} says what to do (e.g. the missing permission).
     */
    record Failed(String reason) implements ReplicaState {
    }

    /** A short phrase for the status bar. */
    default String label() {
        if (this instanceof Idle) {
            return "idle";
        } else if (this instanceof Connecting) {
            return "connecting";
        } else if (this instanceof Ready) {
            return "ready";
        } else if (this instanceof Reconnecting) {
            return "reconnecting";
        }
        return "failed";
    }

    /** The longer explanation for a tooltip. */
    default String detail() {
        if (this instanceof Idle) {
            return "Not connected yet: the forward opens when the first question is asked.";
        } else if (this instanceof Connecting) {
            return "Opening a port-forward through the API server.";
        } else if (this instanceof Ready) {
            return "Port-forward open: questions go straight to this DNS pod.";
        } else if (this instanceof Reconnecting r) {
            return "Reopening (attempt " + r.attempt() + ") after: " + r.reason();
        }
        return ((Failed) this).reason();
    }
}
