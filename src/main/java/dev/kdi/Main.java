package dev.kdi;

import dev.kdi.cli.Cli;
import dev.kdi.cli.Version;
import dev.kdi.cli.WindowShortcut;
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
        if (Version.alone(args)) {
            // Answered here, before the command line's classes load: loading them looks picocli and
            // the session's classes up through the class path, and the logging setup scans it.
            for (String line : Version.lines()) {
                System.out.println(line);
            }
            return;
        }
        run(args);
    }

    private static void run(String[] args) {
        LogSetup.configure(Arrays.asList(args).contains("--debug"));
        if (WindowShortcut.applies(args)) {
            System.exit(WindowShortcut.open(args, System.in, System.out, System.err, System.getenv(),
                    Sessions.forThisUser()));
        }
        System.exit(new Cli(System.in, System.out, System.err, System.getenv(), Sessions.forThisUser()).run(args));
    }
}
