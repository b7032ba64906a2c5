/**
 * The window's state as a whole: which session is open (or the welcome), loading with progress
 * and cancel, the view built from each new inspection, the toolbar's choices (context,
 * namespaces, cluster domain, replica), and the view-models of the tree, details, lookup and
 * status bar wired to them.
 *
 * <p>Talks to the cluster only through {@code dev.kdi.session}; no controls here, only JavaFX
 * properties.
 */
package dev.kdi.ui.window;
