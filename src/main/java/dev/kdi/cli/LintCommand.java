package dev.kdi.cli;

import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.Severity;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kdi lint}: why names the user expects will not resolve. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Finds DNS misconfigurations: names you evidently expect that cannot resolve (errors), names "
                + "that resolve but not as you likely think (warnings), and what is worth knowing (info).",
            "Text output is one finding per line, most severe first: SEVERITY code Kind namespace/name: what "
                    + "happens - fix.",
            "Exit status: 0 when nothing is worse than info, 1 when a warning or an error is found, 2 on bad input."})
final class LintCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = InputOptions.NAMESPACE_WITH_FILES + " Live: namespaces to read one by one when listing "
                    + "across all namespaces is forbidden.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    LintCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        List<Finding> findings;
        Json json;
        try (Session session = CliSessions.open(terminal.sessions(), input, root.global, namespaces, terminal)) {
            findings = session.current().findings();
            json = new Json(session.current().model().snapshot().provisional());
        }
        if (format == OutputFormat.JSON) {
            List<Object> list = new ArrayList<>();
            for (Finding f : findings) {
                list.add(json.finding(f));
            }
            // An array of findings, as scripts expect; a partial view is said on stderr.
            terminal.out().println(json.write(list));
        } else {
            for (Finding f : findings) {
                terminal.out().println(line(f));
            }
        }
        boolean serious = findings.stream().anyMatch(f -> f.severity() != Severity.INFO);
        return input.exit(serious ? ExitCodes.FINDINGS : ExitCodes.OK);
    }

    /** {@code SEVERITY code Kind namespace/name: what happens — fix}. */
    static String line(Finding f) {
        ObjectRef primary = f.objects().get(0);
        return f.severity() + " " + f.code() + " " + primary + ": " + f.message() + " \u2014 " + f.fix();
    }
}
