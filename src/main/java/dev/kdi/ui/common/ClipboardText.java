package dev.kdi.ui.common;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts text on the clipboard; an interface so tests can read what was copied. */
@FunctionalInterface
public interface ClipboardText {
    /** Called on the UI thread. */
    void copy(String text);

    /** The system clipboard. */
    static ClipboardText system() {
        return text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        };
    }
}
