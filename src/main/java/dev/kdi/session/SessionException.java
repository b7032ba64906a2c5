package dev.kdi.session;

/** A session could not start or go on; the message says what to do and never holds credentials. */
public final class SessionException extends Exception {
    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
