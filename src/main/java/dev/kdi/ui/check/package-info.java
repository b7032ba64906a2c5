/**
 * The Check view: every name of the cluster (or of the chosen namespaces) asked of every DNS
 * replica through the same session code as {@code kdi check}, with progress and cancel, a
 * summary bar, a table filterable by status, namespace, type and text, one column per replica
 * where replicas disagree, "re-run what failed", and export as CSV or the JSON of
 * {@code kdi check -o json}.
 *
 * <p>Uses {@code dev.kdi.session} and {@code dev.kdi.records} for the check itself and
 * {@code ui.common} for tasks; never another view package.
 */
package dev.kdi.ui.check;
