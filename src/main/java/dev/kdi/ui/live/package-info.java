/**
 * Asking the cluster DNS through the session and holding each answer against the model in force:
 * one question, many, or a whole namespace (the session's check); plus the reproduction command
 * an operator pastes into a terminal.
 *
 * <p>Uses {@code dev.kdi.session}, {@code dev.kdi.records} and the plain comparison of
 * {@code dev.kdi.dns} ({@code Comparison}, {@code Verdict}: no dnsjava); no JavaFX.
 */
package dev.kdi.ui.live;
