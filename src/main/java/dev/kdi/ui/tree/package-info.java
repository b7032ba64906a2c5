/**
 * The cluster tree on the left: namespaces, their Services with endpoints, and their pods, each
 * row with its DNS name and lint badge; a search field that filters by name, DNS name or address.
 *
 * <p>Rows are created only when their parent is expanded and the filter index is built and
 * searched off the UI thread, so the tree stays fluid at 150,000 pods. Uses {@code ui.inventory}
 * and {@code ui.common}; JavaFX and ControlsFX.
 */
package dev.kdi.ui.tree;
