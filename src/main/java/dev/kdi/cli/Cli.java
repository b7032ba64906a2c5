package dev.kdi.cli;

import dev.kdi.session.Sessions;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Runs one kdi invocation: parses the arguments, runs the command, maps failures to one line on
 * standard error and an exit code. Streams and environment are injected so tests run it in
 * process.
 */
public final class Cli {
    private final Terminal terminal;

    public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Sessions sessions) {
        this.terminal = new Terminal(in, out, err, env, sessions);
    }

    /** Runs the arguments and returns the exit code. */
    public int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    CommandLine commandLine() {
        IFactory factory = new CommandFactory(terminal);
        CommandLine cl;
        try {
            cl = new CommandLine(factory.create(KdiCommand.class), factory);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the command line", e);
        }
        cl.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8));
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INPUT);
        cl.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INPUT);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INPUT);
            sub.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INPUT);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            KdiCommand root = commandLine.getCommandSpec().root().userObject() instanceof KdiCommand k ? k : null;
            boolean debug = root != null && root.global.debug;
            if (ex instanceof UserError u) {
                terminal.err().println(u.getMessage());
                if (debug && u.getCause() != null) {
                    u.getCause().printStackTrace(terminal.err());
                }
                return u.exitCode();
            }
            terminal.err().println("kdi: unexpected failure: " + ex);
            if (debug) {
                ex.printStackTrace(terminal.err());
            } else {
                terminal.err().println("Run again with --debug for details.");
            }
            return ExitCodes.INPUT;
        });
        return cl;
    }

    /** Gives every command the terminal through its constructor: no statics, testable. */
    private record CommandFactory(Terminal terminal) implements IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Terminal.class).newInstance(terminal);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
