package dev.kdi.cli;

/**
 * A failure the user can act on: one line on standard error, no stack trace, and an exit code
 * (2 for bad input or usage, unless a command documents otherwise).
 */
final class UserError extends Exception {
    private final int exitCode;

    UserError(String message) {
        this(message, ExitCodes.INPUT);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = ExitCodes.INPUT;
    }

    int exitCode() {
        return exitCode;
    }
}
