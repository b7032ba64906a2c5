/**
 * Asking the cluster DNS through the session and holding each answer against the model in force:
 * one question, many, or a whole namespace (the session's check); plus the reproduction command
 * an operator pastes into a terminal.
 *
 * <p>Uses {@code dev.kdi.session}, {@code dev.kdi.records} (with its comparison,
 * {@code records.compare}) and {@code ui.common}'s task context; no JavaFX.
 */
package dev.kdi.ui.live;
