/**
 * The window's state as a whole: which session is open (or the welcome), loading with progress
 * and cancel, the inventory built from each new inspection, and the view-models of the toolbar,
 * tree, details, lookup and status bar wired to them. The only {@code ui} package that uses
 * the view packages.
 *
 * <p>Talks to the cluster only through {@code dev.kdi.session}; no controls here, only JavaFX
 * properties.
 */
package dev.kdi.ui.window;
