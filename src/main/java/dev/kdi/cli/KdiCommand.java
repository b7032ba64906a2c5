package dev.kdi.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The root command: without a subcommand it opens the window.
 *
 * <p>Its subcommands are listed in {@link #SUBCOMMANDS}, not in {@code @Command}, so that the
 * window and {@code --version} start without picocli reflecting over every command (see
 * {@link Cli#run}).
 */
@Command(name = "kdi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Kubernetes DNS Inspector: the DNS names your cluster should serve, what its DNS really answers, and why "
                    + "they differ.",
            "",
            "Without a command, opens the window (on the embedded demo cluster with --demo)."},
        sortOptions = false,
        usageHelpAutoWidth = true)
final class KdiCommand implements Callable<Integer> {
    /** Every subcommand, in the order {@code kdi --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(RecordsCommand.class, PredictCommand.class, LintCommand.class,
            SearchPathCommand.class, ContextsCommand.class, LookupCommand.class, CheckCommand.class, DiffCommand.class,
            HealthCommand.class, WatchCommand.class);

    @Mixin
    GlobalOptions global = new GlobalOptions();

    /** For CI and packagers: see dev.kdi.ui.SmokeTest. Hidden: not something an operator runs. */
    @Option(names = "--smoke-test", hidden = true,
            description = "Open the window, look a demo name up through it, close it; exit 1 if that fails.")
    boolean smokeTest;

    private final Terminal terminal;

    KdiCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        return WindowLauncher.open(global, smokeTest, terminal);
    }
}
