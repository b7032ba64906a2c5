/**
 * The Replicas tab: every DNS replica side by side, each with its health and readiness, version,
 * restarts, findings and a chart of its request rate and SERVFAIL/NXDOMAIN shares over the
 * session, refreshed on the interval the user sets while the tab shows.
 *
 * <p>Uses {@code session} for the asking ({@code Session.health}, what {@code kdi health} runs),
 * {@code ui.common} for background tasks and texts, and JavaFX; never another view.
 */
package dev.kdi.ui.replicas;
