package dev.kdi.cli;

/**
 * How a command's failure reaches the user: one line on standard error and an exit code. Shared by
 * picocli's execution handler and {@link WindowShortcut}, which opens the window without picocli.
 */
final class Failures {
    private Failures() {
    }

    /** Prints what went wrong (the stack trace too with {@code --debug}) and returns the exit code. */
    static int report(Exception ex, boolean debug, Terminal terminal) {
        if (ex instanceof UserError u) {
            terminal.err().println(u.getMessage());
            if (debug && u.getCause() != null) {
                u.getCause().printStackTrace(terminal.err());
            }
            return u.exitCode();
        }
        terminal.err().println("kdi: unexpected failure: " + ex);
        if (debug) {
            ex.printStackTrace(terminal.err());
        } else {
            terminal.err().println("Run again with --debug for details.");
        }
        return ExitCodes.INPUT;
    }
}
