package dev.kdi.cli;

import dev.kdi.records.compare.Verdict;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

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
        try (Session session = CliSessions.open(terminal.sessions(), null, root.global, namespaces, terminal)) {
            view = ViewReport.of(session);
            report = session.check(new CheckRequest(Set.copyOf(namespaces), Optional.ofNullable(replica)),
                    dev.kdi.session.Progress.NONE).get();
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
        if (format == OutputFormat.JSON) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("view", view.json());
            Json json = new Json();
            out.putAll(json(report, json));
            terminal.out().println(json.write(out));
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
            if (report.skipped() > 0) {
                terminal.out().println("; skipped " + report.skipped() + " names the cluster DNS forwards upstream");
            }
            terminal.out().println(report.summary());
        }
        return report.allAgree() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** A live check: nothing in it is generated, so {@code json} marks nothing. */
    private static Map<String, Object> json(CheckReport report, Json json) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> items = new ArrayList<>();
        for (CheckReport.Item item : report.items()) {
            if (item.isOk()) {
                continue;
            }
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", item.question().name());
            i.put("type", item.question().type().mnemonic());
            i.put("replica", item.replica());
            i.put("status", item.verdict() == null ? "error" : item.verdict().kind().name().toLowerCase(java.util.Locale.ROOT));
            i.put("summary", item.verdict() == null ? item.error() : item.verdict().summary());
            if (item.verdict() != null) {
                i.put("expected", json.answer(item.verdict().predicted()));
                i.put("actual", json.answer(item.verdict().live()));
            }
            items.add(i);
        }
        m.put("problems", items);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict.Kind k : List.of(Verdict.Kind.OK, Verdict.Kind.MISSING, Verdict.Kind.UNEXPECTED, Verdict.Kind.DIFFERENT)) {
            counts.put(k.name().toLowerCase(java.util.Locale.ROOT), report.count(k));
        }
        counts.put("not_asked", report.failures());
        m.put("counts", counts);
        m.put("skipped", report.skipped());
        m.put("notes", report.notes());
        return m;
    }
}
