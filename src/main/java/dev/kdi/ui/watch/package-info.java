/**
 * The Watch tab: pick names (typed, or the tree's selection), start and stop a watch of every DNS
 * replica, see a timeline per name and replica with the API's events as markers, and save or open
 * a recording (the same NDJSON {@code kdi watch -o json} writes).
 *
 * <p>Uses {@code session.watch} for the watching, {@code ui.inventory} for the tree's entries, and
 * JavaFX; never another view.
 */
package dev.kdi.ui.watch;
