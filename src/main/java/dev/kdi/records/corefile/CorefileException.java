package dev.kdi.records.corefile;

/** A Corefile that CoreDNS itself would refuse to load; the message names the line. */
public final class CorefileException extends Exception {
    private final int line;
    private final String reason;

    public CorefileException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
        this.reason = message;
    }

    /** What is wrong, without the line. */
    public String reason() {
        return reason;
    }

    /** The 1-based line the problem is on. */
    public int line() {
        return line;
    }
}
