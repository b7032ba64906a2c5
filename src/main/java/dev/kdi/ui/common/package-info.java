/**
 * What every view of the window shares: background tasks handed back to the UI thread, the icon
 * set, user messages, the clipboard, text formatting for names and counts, and what the window
 * remembers between runs ({@code java.util.prefs}, injected so tests never touch the user's).
 *
 * <p>Uses JavaFX, ControlsFX and Ikonli, and of {@code dev.kdi.session} only its named threads;
 * knows nothing of sessions or the model.
 */
package dev.kdi.ui.common;
