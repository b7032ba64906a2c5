/**
 * A live answer held against the model's prediction for the same question: {@link
 * dev.kdi.records.compare.Comparison} gives the {@link dev.kdi.records.compare.Verdict} that
 * {@code kdi check}, {@code kdi lookup} and the window show.
 *
 * <p>Pure: JDK and {@code dev.kdi.records} only, so both faces read verdicts without reaching the
 * DNS transport.
 */
package dev.kdi.records.compare;
