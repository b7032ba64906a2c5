package dev.kdi.cli;

import dev.kdi.session.Sessions;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code kdi} and {@code kdi --demo}, the ways the desktop entry and the README open the window,
 * opened without picocli. Even the root command alone makes picocli load about 170 of its classes
 * and reflect over the command's annotations before the window can draw its first frame (README
 * "Install"); these two argument lists need none of that. Any other arguments, {@code --help} and
 * every mistake included, go through {@link Cli} and picocli as before. This class must not touch
 * picocli: {@code Main} calls it before anything loads picocli.
 */
public final class WindowShortcut {
    private WindowShortcut() {
    }

    /** Whether {@code args} are the window's and nothing else that picocli would have to read. */
    public static boolean applies(String[] args) {
        return args.length == 0 || args.length == 1 && args[0].equals("--demo");
    }

    /** The options picocli's root command would give for {@code args}, which {@link #applies}. */
    static GlobalOptions options(String[] args) {
        if (!applies(args)) {
            throw new IllegalArgumentException("not the window's arguments alone: " + String.join(" ", args));
        }
        GlobalOptions global = new GlobalOptions();
        global.demo = args.length == 1;
        return global;
    }

    /** Opens the window as the root command would, and returns the exit code it would. */
    public static int open(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                           Sessions sessions) {
        Terminal terminal = new Terminal(in, out, err, env, sessions);
        GlobalOptions global = options(args);
        try {
            return WindowLauncher.open(global, false, terminal);
        } catch (UserError | RuntimeException e) {
            return Failures.report(e, global.debug, terminal);
        }
    }
}
