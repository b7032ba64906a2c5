/**
 * The window's change overlay: "Open manifests as a change…" compares the open cluster with new
 * manifests applied as {@code kdi diff --live -f} does, off the UI thread, and keeps the result
 * for the tree's marks, the "Changes only" filter, the summary bar and the before/after pane until
 * the change is dropped.
 *
 * <p>Uses {@code dev.kdi.session} and {@code dev.kdi.records} for the diff itself, and
 * {@code ui.inventory} and {@code ui.common}; never another view package (the window wires the
 * tree's hooks).
 */
package dev.kdi.ui.diff;
