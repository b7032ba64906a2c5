package dev.kdi.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** The process's standard streams and environment, injected into commands. */
record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
}
