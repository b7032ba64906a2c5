package dev.kdi.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The root command: without a subcommand it opens the window. */
@Command(name = "kdi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Kubernetes DNS Inspector: the DNS names your cluster should serve, what its DNS really answers, and why "
                    + "they differ.",
            "",
            "Without a command, opens the window (on the embedded demo cluster with --demo)."},
        subcommands = {RecordsCommand.class, PredictCommand.class, LintCommand.class, SearchPathCommand.class,
            ContextsCommand.class, LookupCommand.class, CheckCommand.class, DiffCommand.class,
            HealthCommand.class, WatchCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true)
final class KdiCommand implements Callable<Integer> {
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
