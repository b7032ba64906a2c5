package dev.kdi.dns;

import java.util.Objects;

/**
 * Why a query got no usable answer, with a message a person can act on.
 *
 * <p>Queries complete exceptionally with this; it is never thrown out of {@link DnsConnection}'s
 * methods.
 */
public final class DnsException extends Exception {

    /** What went wrong, for callers that react differently (retry, reconnect, report). */
    public enum Kind {
        /** No reply within the query's timeout; the connection stays open. */
        TIMEOUT,
        /** The stream ended or was closed, before or while the query was in flight. */
        CLOSED,
        /** The peer sent bytes that are no DNS reply; the connection is closed. */
        GARBLED,
        /** The reply has the TC bit set: the answer did not fit; the connection stays open. */
        TRUNCATED,
        /** A reply carries an ID no query waits for: the stream is out of step and is closed. */
        WRONG_ID,
        /** A reply's ID matches a query but its question does not: out of step, closed. */
        MISMATCHED_QUESTION,
        /** Reading or writing the stream failed; the connection is closed. */
        IO,
        /** The question cannot be put on the wire (a label over 63 bytes, say); nothing was sent. */
        INVALID_QUESTION,
        /** Every message ID is taken by a query in flight; nothing was sent. */
        TOO_MANY_IN_FLIGHT
    }

    private final Kind kind;

    public DnsException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public DnsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
