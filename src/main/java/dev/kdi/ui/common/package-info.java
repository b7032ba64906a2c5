/**
 * What every view of the window shares: background tasks handed back to the UI thread, the icon
 * set, user messages, the clipboard, and text formatting for names and counts.
 *
 * <p>Uses JavaFX, ControlsFX and Ikonli, and of {@code dev.kdi.session} only its named threads;
 * knows nothing of sessions or the model.
 */
package dev.kdi.ui.common;
