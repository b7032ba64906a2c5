/**
 * The bottom panel: ask the cluster DNS about any name, of any type, on one replica or all,
 * optionally as a chosen pod's resolver would (its search path walked query by query), with the
 * model's prediction and plain-words explanation beside each answer and a history of lookups.
 *
 * <p>Uses {@code ui.inventory}, {@code ui.live}, {@code ui.common} and {@code records.searchpath};
 * JavaFX and ControlsFX.
 */
package dev.kdi.ui.lookup;
