package dev.kdi.cli;

/** {@code -o}: human-readable text or JSON. */
enum OutputFormat {
    TEXT, JSON
}
