package dev.kdi.ui.common;

import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns a failure into the sentence a person reads: the message the cause carries, never a trace. */
public final class Failures {
    private Failures() {
    }

    /** The innermost meaningful message, or the failure's type in words when there is none. */
    public static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CancellationException) {
            return "cancelled";
        }
        if (t instanceof TimeoutException) {
            return "no answer in time";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(
                    Locale.ROOT) + " (run with --debug for details)";
        }
        return message;
    }

    /**
     * A notification for background work that failed: what failed, why, and what to do next.
     *
     * @param what a few words on what could not be done ("Could not list the records")
     */
    public static UserMessage notice(String what, Throwable failure) {
        return UserMessage.error(what, describe(failure) + "\nTry again; if it keeps failing, use Copy diagnostics"
                + " (the ? menu) and attach it to a report: it holds the log's last lines and where the log is.");
    }

    /** Strips the wrappers futures and executors add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
