package dev.kdi.cli;

import dev.kdi.records.diff.ChangeReport;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.ChangeDiffs;
import dev.kdi.session.Deletions;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kdi diff}: which DNS names a change adds, removes or changes, before it is applied. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Shows which DNS names a change adds, removes or changes before it is applied: every name "
                + "check asks about (names with their types, endpoint names, PTRs, SRV), answered by the model "
                + "before and after, and the lint findings that appear or are resolved.",
            "--live -f NEW... [--delete KIND/NS/NAME]...: the current context's cluster before, and after applying "
                    + "NEW as kubectl apply does.",
            "--before-f OLD... -f NEW...: two complete manifest sets (a pull request's base and head); an object only "
                    + "in OLD is deleted. Each side takes its Corefile by the usual precedence from its own set "
                    + "(--before-corefile and --corefile override).",
            "Text output: one line per changed name and type, grouped by namespace and object: + appears, - "
                    + "vanishes, ~ answers change (old -> new); names other objects refer to (ExternalName targets, "
                    + "FQDNs or svc.ns forms in container env, args and ConfigMap values) are marked breaking when "
                    + "removed or changed, a heuristic. Then the findings that appear or are resolved, the changes the "
                    + "API server would refuse (with the effect of deleting and recreating those objects shown "
                    + "separately), and 'N added, N removed, N changed, N new findings, N resolved findings'.",
            "Input is always strict: a file left out would look like names removed, so any problem is bad input.",
            "Exit status: 0 when neither names nor findings change, 1 when either does (or the API server would "
                    + "refuse part of the change), 2 on bad input."})
final class DiffCommand implements Callable<Integer> {
    @Option(names = {"--before-f", "--before-filename"}, paramLabel = "PATH",
            description = "The manifests before the change: a file, a directory (recursive), or - for standard input. "
                    + "Repeatable.")
    List<String> before = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", required = true,
            description = "The manifests after the change, as --before-f. Repeatable.")
    List<String> after = new ArrayList<>();

    @Option(names = "--live",
            description = "Before: the current context's cluster (or the demo with --demo). After: the same with the "
                    + "manifests of -f applied as kubectl apply does: their fields replace the live objects', values "
                    + "the server assigned are kept (cluster IPs, the pods and addresses of unchanged workloads), "
                    + "nothing is deleted unless named with --delete. Objects without a namespace take the context's.")
    boolean live;

    @Option(names = "--delete", paramLabel = "KIND/NS/NAME",
            description = "With --live: an object the change deletes (e.g. service/shop/web, statefulset/db/pg, "
                    + "namespace/old). Repeatable.")
    List<String> deletes = new ArrayList<>();

    @Option(names = "--before-corefile", paramLabel = "FILE",
            description = "The Corefile before; beats ConfigMap kube-system/coredns in the old set, which beats "
                    + "kubeadm's default.")
    Path beforeCorefile;

    @Option(names = "--corefile", paramLabel = "FILE",
            description = "The Corefile after; beats ConfigMap kube-system/coredns in the new set, which beats "
                    + "kubeadm's default.")
    Path corefile;

    @Option(names = "--corefile-dir", paramLabel = "DIR",
            description = "A local folder standing for the Corefile's directory in the DNS pods (/etc/coredns), "
                    + "for both sides.")
    Path corefileDir;

    @Option(names = "--coredns-version", paramLabel = "VERSION",
            description = "Follow this CoreDNS release's plugin order on both sides.")
    String corednsVersion;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = InputOptions.NAMESPACE_WITH_FILES)
    List<String> namespaces = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, or markdown (a compact table for a pull-request comment).")
    DiffOutput.Format format;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    DiffCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        if (live == !before.isEmpty()) {
            throw new UserError("kdi diff: give either --before-f with the manifests before the change, or --live to "
                    + "compare with the current cluster");
        }
        if (!live && !deletes.isEmpty()) {
            throw new UserError("kdi diff: --delete goes with --live; offline, an object only in --before-f is deleted");
        }
        if (live && beforeCorefile != null) {
            throw new UserError("kdi diff: --before-corefile goes with --before-f; live, the Corefile in force is the "
                    + "cluster's");
        }
        List<ObjectRef> deleted = new ArrayList<>();
        for (String d : deletes) {
            deleted.add(deletion(d));
        }
        if (before.stream().filter("-"::equals).count() + after.stream().filter("-"::equals).count() > 1) {
            throw new UserError("kdi diff: standard input (-) can be read once: give it to one side only");
        }
        LiveOptions options = LiveOptions.defaults().withNamespaces(namespaces)
                .withClusterDomain(Optional.ofNullable(root.global.clusterDomain))
                .withCorefileFiles(Optional.ofNullable(corefileDir), Optional.ofNullable(corednsVersion));
        ChangeReport report;
        if (live) {
            // -n names the namespace of objects without one, as kubectl apply -n; the cluster is read whole.
            try (Session session = CliSessions.open(terminal.sessions(), null, root.global, List.of(), terminal)) {
                report = ChangeDiffs.live(session, new ChangeDiffs.Side(after, Optional.ofNullable(corefile)), deleted,
                        options, () -> terminal.in());
            } catch (SessionException e) {
                throw new UserError("kdi diff: " + e.getMessage(), e);
            }
        } else {
            try {
                report = ChangeDiffs.offline(new ChangeDiffs.Side(before, Optional.ofNullable(beforeCorefile)),
                        new ChangeDiffs.Side(after, Optional.ofNullable(corefile)), options, () -> terminal.in());
            } catch (SessionException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        DiffOutput out = new DiffOutput();
        terminal.out().print(switch (format) {
            case TEXT -> out.text(report);
            case JSON -> out.json(report);
            case MARKDOWN -> out.markdown(report);
        });
        return report.changes() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** {@code KIND/NS/NAME} (or {@code namespace/NAME}) with kubectl's kind names and short names. */
    static ObjectRef deletion(String text) throws UserError {
        try {
            return Deletions.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("kdi diff: --delete " + e.getMessage());
        }
    }
}
