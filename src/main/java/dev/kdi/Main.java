package dev.kdi;

import dev.kdi.cli.Cli;
import dev.kdi.session.Sessions;
import java.util.Arrays;

/**
 * Starts kdi: with a subcommand the command line runs, without one the window opens.
 *
 * <p>The command line never loads JavaFX, so {@code kdi records ...} works on servers without a
 * display.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (!Cli.versionAlone(args)) {
            // Setting java.util.logging up scans every jar for logging providers: not for --version.
            LogSetup.configure(Arrays.asList(args).contains("--debug"));
        }
        System.exit(new Cli(System.in, System.out, System.err, System.getenv(), Sessions.forThisUser()).run(args));
    }
}
