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

    /** Strips the wrappers futures and executors add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
