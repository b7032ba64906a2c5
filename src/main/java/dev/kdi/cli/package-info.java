/**
 * The command line: {@code kdi records}, {@code predict}, {@code lint}, {@code search-path},
 * {@code contexts}, {@code lookup}, {@code check}; text and JSON output; exit codes.
 *
 * <p>Built on picocli, with Jackson for JSON. Uses only {@code dev.kdi.session} and
 * {@code dev.kdi.records}; never JavaFX (the window is started by name, so the command line runs
 * without a display). Standard
 * output carries results only; messages go to standard error.
 */
package dev.kdi.cli;
