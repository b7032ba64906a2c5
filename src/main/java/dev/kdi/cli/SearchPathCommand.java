package dev.kdi.cli;

import dev.kdi.records.DnsModel;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.searchpath.Lookup;
import dev.kdi.records.searchpath.Query;
import dev.kdi.records.searchpath.ResolvConf;
import dev.kdi.records.searchpath.Resolver;
import dev.kdi.records.searchpath.SearchPath;
import dev.kdi.records.searchpath.Step;
import dev.kdi.records.searchpath.Walk;
import dev.kdi.session.Inspection;
import dev.kdi.session.Session;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kdi search-path}: the queries a pod's resolver sends for a name. */
@Command(name = "search-path", mixinStandardHelpOptions = true,
        description = {"Lists, in order, the DNS queries a pod's resolver sends when a program in it looks a name up: "
                + "the resolv.conf the kubelet writes for the pod (dnsPolicy, dnsConfig, ndots, search list) applied "
                + "as glibc does, or musl (Alpine) with --resolver musl.",
            "One line per query: '<name> <TYPE>'. Without TYPE the lookup is getaddrinfo's: A and AAAA for each name "
                    + "tried; TYPE A or AAAA asks one family; any other TYPE is a res_search lookup (as host or an "
                    + "SRV client does).",
            "--answers adds the model's status to each line and marks the query that answers."})
final class SearchPathCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--pod", required = true, paramLabel = "NS/NAME", description = "The pod whose view to take.")
    String pod;

    @Parameters(index = "0", paramLabel = "NAME", description = "The name the program looks up, as it spells it.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", description = "The record type.")
    String type;

    @Option(names = "--resolver", paramLabel = "LIBC", defaultValue = "glibc",
            description = "glibc (Debian, Ubuntu, RHEL, distroless...) or musl (Alpine).")
    Resolver resolver;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = InputOptions.NAMESPACE_WITH_FILES + " Live: namespaces to read one by one when listing "
                    + "across all namespaces is forbidden.")
    List<String> namespaces = new java.util.ArrayList<>();

    @Option(names = "--answers", description = "Show each query's answer status and mark the one that answers.")
    boolean answers;

    @Option(names = "--explain", description = "Add ';' lines about the pod's resolv.conf and the resolver's rules.")
    boolean explain;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    SearchPathCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        Lookup lookup = lookup();
        Inspection at;
        try (Session session = CliSessions.open(terminal.sessions(), input, root.global, namespaces, terminal)) {
            at = session.current();
        }
        DnsModel model = at.model();
        Pod target = findPod(at);
        Optional<String> dnsIp = at.clusterDnsAddress();
        ResolvConf conf = at.resolvConf(target);
        SearchPath path = new SearchPath(conf, resolver);
        boolean oracle = answers && conf.usesClusterDns();
        Walk walk = oracle ? path.walk(name, lookup, q -> model.answer(q).status()) : path.fullWalk(name, lookup);
        if (explain || !conf.complete()) {
            if (dnsIp.isEmpty()) {
                terminal.out().println("; the input has no Service kube-system/kube-dns: its address is shown as "
                        + "kubeadm's default " + Inspection.DEFAULT_DNS_ADDRESS);
            }
            conf.explanation().forEach(l -> terminal.out().println("; " + l));
            walk.explanation().forEach(l -> terminal.out().println("; " + l));
            if (answers && !conf.usesClusterDns()) {
                terminal.out().println("; this pod does not ask the cluster DNS, so the model cannot say what answers");
            }
        }
        for (Step step : walk.steps()) {
            if (!step.sent()) {
                continue;
            }
            for (Query q : step.queries()) {
                StringBuilder line = new StringBuilder(q.question().name()).append(' ').append(q.question().type());
                if (oracle) {
                    line.append(' ').append(q.status());
                    if (step.verdict() == Step.Verdict.ANSWERED && q.status().isSuccess()) {
                        line.append("  <- answer");
                    }
                }
                terminal.out().println(line);
            }
        }
        if (oracle) {
            terminal.out().println("; " + walk.amplification().sentence("from pod " + target.namespace() + "/" + target.name()));
        }
        return input.exit(ExitCodes.OK);
    }

    private Lookup lookup() throws UserError {
        if (type == null) {
            return Lookup.addresses();
        }
        return Lookup.forType(PredictCommand.parseType(type, "TYPE"));
    }

    private Pod findPod(Inspection at) throws UserError {
        int slash = pod.indexOf('/');
        if (slash <= 0 || slash == pod.length() - 1) {
            throw new UserError("kdi search-path: --pod takes NAMESPACE/NAME, not \"" + pod + "\"");
        }
        String ns = pod.substring(0, slash);
        String podName = pod.substring(slash + 1);
        return at.pod(ns, podName).orElseThrow(() -> new UserError("kdi search-path: no pod " + ns + "/" + podName
                + " in the input"));
    }
}
