package dev.kdi.records.corefile;

/** A Corefile that CoreDNS itself would refuse to load; the message names the line. */
public final class CorefileException extends Exception {
    private final int line;

    public CorefileException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line the problem is on. */
    public int line() {
        return line;
    }
}
