package dev.kdi.ui.common;

/** Shows messages the user did not ask for (a failed refresh, a lost connection). */
@FunctionalInterface
public interface Notifier {
    /** Called on the UI thread. */
    void show(UserMessage message);
}
