package dev.kdi.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            ContextsCommand.class, LookupCommand.class, CheckCommand.class, DiffCommand.class, WatchCommand.class},
        sortOptions = false,
        usageHelpAutoWidth = true)
final class KdiCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    private final Terminal terminal;

    KdiCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        return WindowLauncher.open(global, terminal);
    }
}
