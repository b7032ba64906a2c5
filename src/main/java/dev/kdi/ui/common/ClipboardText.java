package dev.kdi.ui.common;

/** Puts text on the clipboard; an interface so tests can read what was copied. */
@FunctionalInterface
public interface ClipboardText {
    /** Called on the UI thread. */
    void copy(String text);

    /** The system clipboard. */
    static ClipboardText system() {
        return text -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        };
    }
}
