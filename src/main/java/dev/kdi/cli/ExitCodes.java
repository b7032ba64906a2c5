package dev.kdi.cli;

/** The exit codes scripts rely on. */
final class ExitCodes {
    /** Success, whatever the DNS said. */
    static final int OK = 0;
    /** A finding at warning level or above (lint), or disagreement (check, lookup across replicas). */
    static final int FINDINGS = 1;
    /** Bad usage or input, or the cluster could not be asked. */
    static final int INPUT = 2;

    private ExitCodes() {
    }
}
