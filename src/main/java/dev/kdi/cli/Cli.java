package dev.kdi.cli;

import dev.kdi.session.Sessions;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

    /**
     * Runs the arguments and returns the exit code.
     *
     * <p>picocli reflects over every option of every command it is given, which took a fifth of
     * the window's start. Arguments that are only the root command's own options (the window, its
     * {@code --demo}, {@code --version}) parse the same without the subcommands, so they get the
     * root command alone; anything else, {@code --help} and every mistake included, gets the whole
     * tree, and so picocli's own answer. {@code --version} alone is answered without picocli.
     */
    public int run(String... args) {
        if (Version.alone(args)) {
            // What picocli prints for it, without loading picocli: scripts and installers call
            // --version and wait for it.
            for (String line : Version.lines()) {
                terminal.out().println(line);
            }
            terminal.out().flush();
            return 0;
        }
        return commandLineFor(args).execute(args);
    }

    /** The command line {@link #run} parses {@code args} with: the root alone, or the whole tree. */
    CommandLine commandLineFor(String... args) {
        CommandLine cl = root();
        if (!rootAlone(cl.getCommandSpec(), args)) {
            KdiCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        configure(cl);
        return cl;
    }

    /** The whole tree, configured as {@link #run} runs it. */
    CommandLine wholeTree() {
        CommandLine cl = root();
        KdiCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
        configure(cl);
        return cl;
    }

    private CommandLine root() {
        IFactory factory = new CommandFactory(terminal);
        try {
            return new CommandLine(factory.create(KdiCommand.class), factory);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the command line", e);
        }
    }

    /**
     * Whether the root command alone parses {@code args} as the whole tree would: every argument is
     * one of its options other than help, or such an option's value (attached with {@code =} or
     * not) that no subcommand is named like and that reads as no option.
     */
    static boolean rootAlone(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            OptionSpec option = root.optionsMap().get(equals < 0 ? arg : arg.substring(0, equals));
            if (option == null || option.usageHelp() || arg.startsWith("@")) {
                return false;
            }
            boolean takesValue = option.arity().max() > 0;
            if (!takesValue && equals >= 0) {
                return false;
            }
            if (takesValue) {
                // picocli refuses a value named like a subcommand, attached or not.
                String value = equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || !plainValue(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean plainValue(String value) {
        if (value.startsWith("-") || value.startsWith("@")) {
            return false;
        }
        for (Class<?> sub : KdiCommand.SUBCOMMANDS) {
            Command command = sub.getAnnotation(Command.class);
            if (command.name().equals(value) || Arrays.asList(command.aliases()).contains(value)) {
                return false;
            }
        }
        return true;
    }

    private void configure(CommandLine cl) {
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
            return Failures.report(ex, root != null && root.global.debug, terminal);
        });
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
