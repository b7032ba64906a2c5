/**
 * Kubernetes DNS Inspector's entry point: {@link dev.kdi.Main} quiets library logging, then runs the
 * command line, which opens the window when no command is given.
 */
package dev.kdi;
