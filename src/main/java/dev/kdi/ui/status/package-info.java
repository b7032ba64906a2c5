/**
 * The status bar: which cluster, the API connection, each DNS replica's port-forward state with
 * its reason on hover, object counts, the last update, and warnings when the view is partial or
 * stale.
 *
 * <p>Uses {@code dev.kdi.session}, {@code ui.inventory} and {@code ui.common}; JavaFX and ControlsFX.
 */
package dev.kdi.ui.status;
