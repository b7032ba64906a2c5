package dev.kdi.ui.common;

import java.util.Objects;

/**
 * Something the user should read: what happened and what to do about it. Never a stack trace.
 *
 * @param level how loud to be
 * @param title a few words ("Could not reach the cluster")
 * @param text what happened and what to do, in whole sentences
 */
public record UserMessage(Level level, String title, String text) {

    /** How loud a message is. */
    public enum Level { INFO, WARNING, ERROR }

    public UserMessage {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    public static UserMessage info(String title, String text) {
        return new UserMessage(Level.INFO, title, text);
    }

    public static UserMessage warning(String title, String text) {
        return new UserMessage(Level.WARNING, title, text);
    }

    public static UserMessage error(String title, String text) {
        return new UserMessage(Level.ERROR, title, text);
    }
}
