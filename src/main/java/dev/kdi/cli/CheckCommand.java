package dev.kdi.cli;

import dev.kdi.session.CheckJson;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kdi check}: ask every replica about every name and compare with the model. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Asks every ready DNS replica (or one) about every name the cluster DNS should serve (every zone "
                + "owner with its types, the endpoint names of ClusterIP Services, the PTRs, and a few names that must "
                + "not exist), compares each live answer with the model's, and prints one line per answer that is not "
                + "ok, then 'N ok, N missing, N unexpected, N different'.",
            "Names the cluster DNS hands to its upstream resolvers are skipped: the model cannot know their answers.",
            "Exit status: 0 when all agree, 1 when not, 2 when it could not ask."})
final class CheckCommand implements Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only names of this namespace (repeatable).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--replica", paramLabel = "POD", description = "Ask only this DNS pod.")
    String replica;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, or junit (JUnit XML for CI: one testcase per name, type and replica).")
    Format format;

    /** {@code -o}: check alone speaks JUnit, the format CI systems read test results in. */
    enum Format {
        TEXT, JSON, JUNIT
    }

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    CheckCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        CheckReport report;
        ViewReport view;
        String clusterDomain;
        long started;
        long finished;
        try (Session session = CliSessions.openToAsk(terminal.sessions(), root.global, namespaces, terminal)) {
            view = ViewReport.of(session);
            clusterDomain = session.current().clusterDomain();
            started = System.nanoTime();
            report = session.check(new CheckRequest(Set.copyOf(namespaces), Optional.ofNullable(replica)),
                    dev.kdi.session.Progress.NONE).get();
            finished = System.nanoTime();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            throw new UserError("kdi check: " + (cause == null ? e.getMessage() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("kdi check: interrupted");
        }
        if (report.items().isEmpty() || report.items().stream().allMatch(i -> i.verdict() == null)) {
            throw new UserError("kdi check: no replica could be asked: " + report.items().stream()
                    .map(CheckReport.Item::error).filter(java.util.Objects::nonNull).distinct().findFirst()
                    .orElse(String.join("; ", report.notes())));
        }
        if (format == Format.JUNIT) {
            JunitReport.write(report, clusterDomain, (finished - started) / 1e9, terminal.out());
        } else if (format == Format.JSON) {
            terminal.out().println(CheckJson.write(view.json(), report));
        } else {
            for (CheckReport.Item item : report.items()) {
                if (item.isOk()) {
                    continue;
                }
                String status = item.verdict() == null ? "error" : item.verdict().kind().name().toLowerCase(java.util.Locale.ROOT);
                String detail = item.verdict() == null ? item.error() : item.verdict().summary();
                terminal.out().println(status + " " + item.question().name() + " " + item.question().type() + " "
                        + item.replica() + ": " + detail);
                if (item.verdict() != null && item.verdict().predicted().answeredBy() != null) {
                    terminal.out().println(";   predicted by " + item.verdict().predicted().answeredBy().text());
                }
            }
            for (String note : report.notes()) {
                terminal.out().println("; " + note);
            }
            if (!report.forwarded().isEmpty()) {
                terminal.out().println("; skipped " + report.forwarded().size()
                        + " names the cluster DNS forwards upstream");
            }
            if (!report.notModelled().isEmpty()) {
                terminal.out().println("; skipped " + report.notModelled().size() + " questions not modelled for "
                        + "kube-dns, e.g. " + report.notModelled().get(0).question() + ": "
                        + report.notModelled().get(0).reason());
            }
            terminal.out().println(report.summary());
        }
        return report.allAgree() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
