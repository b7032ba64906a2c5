package dev.kdi.cli;

import dev.kdi.session.Sessions;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The process's standard streams and environment, injected into commands, with the sessions that
 * environment opens (its KUBECONFIG, its HOME, its PATH for exec plugins).
 */
record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Sessions sessions) {}
