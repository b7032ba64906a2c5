package dev.kdi.cli;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.compare.Verdict;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.searchpath.HostsFile;
import dev.kdi.records.searchpath.Lookup;
import dev.kdi.records.searchpath.NameLookup;
import dev.kdi.records.searchpath.ResolvConf;
import dev.kdi.records.searchpath.Resolver;
import dev.kdi.records.searchpath.SearchPath;
import dev.kdi.records.searchpath.Walk;
import dev.kdi.session.Inspection;
import dev.kdi.session.ReplicaAnswer;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kdi lookup}: ask the cluster's own DNS, through a port-forward to a DNS pod. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = {"Asks the cluster DNS itself: a port-forward to a DNS pod (no local listening socket), DNS over "
                + "TCP. Prints the answer in predict's block format, then ';;' lines with the status, the round trip "
                + "and the replica that answered.",
            "Exit status: 0 whatever the DNS answered, 1 when replicas disagree, 2 when it could not ask."})
final class LookupCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The name to ask about (absolute, as in dig).")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", converter = RecordTypeConverter.class,
            description = "The record type (default A).")
    RrType type;

    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(names = "--replica", paramLabel = "POD", description = "Ask this DNS pod (name or namespace/name).")
        String replica;

        @Option(names = "--all-replicas", description = "Ask every DNS pod and mark disagreements.")
        boolean all;
    }

    @Option(names = "--from-pod", paramLabel = "NS/POD",
            description = "Ask as that pod's resolver would: the search-path queries in order, each with its answer, "
                    + "up to the first that succeeds. NAME is then as the program in the pod spells it.")
    String fromPod;

    @Option(names = "--resolver", paramLabel = "LIBC", defaultValue = "glibc", description = "With --from-pod: glibc or musl.")
    Resolver resolver;

    @Option(names = "--nsswitch", paramLabel = "ORDER", description = "With --from-pod: "
            + SearchPathCommand.NSSWITCH_HELP)
    String nsswitch;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespaces to read one by one when listing across all namespaces is forbidden.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--explain", description = "Add the model's prediction and explanation as ';' lines.")
    boolean explain;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    LookupCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        RrType rrType = type == null ? RrType.A : type;
        try (Session session = CliSessions.openToAsk(terminal.sessions(), root.global, namespaces, terminal)) {
            ReplicaChoice choice = target == null ? ReplicaChoice.any()
                    : target.all ? ReplicaChoice.all() : ReplicaChoice.one(target.replica);
            if (fromPod != null) {
                return fromPod(session, rrType, choice);
            }
            return single(session, new Question(name, rrType), choice);
        }
    }

    private int single(Session session, Question q, ReplicaChoice choice) throws UserError {
        List<ReplicaAnswer> answers = ask(session, q, choice);
        DnsModel model = session.current().model();
        Answer predicted = model.answer(q);
        boolean first = true;
        boolean answeredAny = false;
        List<String> disagreements = new ArrayList<>();
        Answer reference = null;
        for (ReplicaAnswer a : answers) {
            if (!first) {
                terminal.out().println();
            }
            first = false;
            if (a.answer().isEmpty()) {
                terminal.out().println("; QUERY " + q.name() + " " + q.type() + " -> (no answer)");
                terminal.out().println(";; replica " + a.replica() + ": " + a.error().orElse("no answer"));
                continue;
            }
            answeredAny = true;
            Answer live = a.answer().get();
            RecordText.block(terminal.out(), live, false);
            terminal.out().println(";; status " + live.status() + ", " + millis(a) + ", replica " + a.replica());
            if (reference == null) {
                reference = live;
            } else if (!Comparison.compare(reference, live).isAgreement()) {
                disagreements.add(a.replica());
            }
            Verdict v = Comparison.compare(predicted, live);
            if (explain || !v.isAgreement()) {
                terminal.out().println(";; model: " + (v.isAgreement() ? "agrees" : v.summary()));
            }
            if (explain) {
                predicted.explanation().forEach(l -> terminal.out().println(";; " + l));
            }
        }
        session.current().autopathUnseen(q).ifPresent(l -> terminal.out().println(";; " + l));
        if (!answeredAny) {
            throw new UserError("kdi lookup: no replica answered: " + answers.stream()
                    .map(a -> a.error().orElse("")).distinct().reduce((x, y) -> x + "; " + y).orElse(""));
        }
        if (!disagreements.isEmpty()) {
            terminal.out().println(";; replicas disagree: " + String.join(", ", disagreements)
                    + " answered differently from " + answers.get(0).replica());
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }

    /** The pod's resolver's walk, asking the cluster DNS for each query in turn. */
    private int fromPod(Session session, RrType rrType, ReplicaChoice choice) throws UserError {
        Inspection at = session.current();
        int slash = fromPod.indexOf('/');
        if (slash <= 0) {
            throw new UserError("kdi lookup: --from-pod takes NAMESPACE/POD, not \"" + fromPod + "\"");
        }
        String ns = fromPod.substring(0, slash);
        String podName = fromPod.substring(slash + 1);
        Pod pod = at.pod(ns, podName).orElseThrow(() -> new UserError("kdi lookup: no pod " + fromPod + " in the cluster"));
        ResolvConf conf = at.resolvConf(pod);
        Lookup lookup = type == null ? Lookup.addresses() : Lookup.forType(rrType);
        NameLookup names = SearchPathCommand.nameLookup(at.hostsFile(pod), new SearchPath(conf, resolver), nsswitch,
                resolver, "kdi lookup");
        if (!conf.usesClusterDns()) {
            // The hosts file still answers first where the resolver reads it first.
            NameLookup.Resolution local = names.resolve(name, lookup, q -> Status.NXDOMAIN);
            if (local.answeredByHosts() && local.hostsStep().beforeDns()) {
                local.explanation().forEach(l -> terminal.out().println("; " + l));
                printHosts(local.hostsStep());
                return ExitCodes.OK;
            }
            conf.explanation().forEach(l -> terminal.out().println("; " + l));
            terminal.out().println("; this pod does not ask the cluster DNS, so there is nothing to look up here");
            return ExitCodes.OK;
        }
        Map<Question, ReplicaAnswer> asked = new ConcurrentHashMap<>();
        List<UserError> failure = new ArrayList<>();
        NameLookup.Resolution resolution = names.resolve(name, lookup, q -> {
            try {
                ReplicaAnswer a = ask(session, q, choice).get(0);
                asked.put(q, a);
                return a.answer().map(Answer::status).orElse(Status.SERVFAIL);
            } catch (UserError e) {
                failure.add(e);
                return Status.SERVFAIL;
            }
        });
        if (!failure.isEmpty()) {
            throw failure.get(0);
        }
        NameLookup.HostsStep hosts = resolution.hostsStep();
        if (!hosts.found().isEmpty()) {
            resolution.explanation().forEach(l -> terminal.out().println("; " + l));
        }
        if (hosts.answered() && hosts.beforeDns()) {
            printHosts(hosts);
            terminal.out().println("; `" + name + "` from pod " + fromPod + ": answered from /etc/hosts, no DNS query");
            return ExitCodes.OK;
        }
        Walk walk = resolution.walk().orElseThrow();
        walk.explanation().forEach(l -> terminal.out().println("; " + l));
        for (Question q : walk.questions()) {
            ReplicaAnswer a = asked.get(q);
            terminal.out().println();
            if (a == null || a.answer().isEmpty()) {
                terminal.out().println("; QUERY " + q.name() + " " + q.type() + " -> (no answer)");
                continue;
            }
            RecordText.block(terminal.out(), a.answer().get(), false);
            terminal.out().println(";; status " + a.answer().get().status() + ", " + millis(a) + ", replica " + a.replica());
            at.portForwardDifference(pod, q).ifPresent(l -> terminal.out().println(";; not as the pod: " + l));
        }
        if (hosts.answered()) {
            terminal.out().println();
            printHosts(hosts);
        }
        terminal.out().println("; " + walk.amplification().sentence("from pod " + fromPod)
                + (hosts.answered() ? ", then answered from /etc/hosts" : ""));
        return ExitCodes.OK;
    }

    /** The hosts file's answer, as a block like a DNS answer's. */
    private void printHosts(NameLookup.HostsStep hosts) {
        terminal.out().println("; /etc/hosts " + name + " -> answered");
        for (HostsFile.Entry e : hosts.found()) {
            terminal.out().println(name + "\t" + e.address() + "\t; " + e.origin().description());
        }
    }

    private static List<ReplicaAnswer> ask(Session session, Question q, ReplicaChoice choice) throws UserError {
        try {
            return session.ask(q, choice).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new UserError("kdi lookup: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new UserError("kdi lookup: the cluster DNS did not answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("kdi lookup: interrupted");
        }
    }

    private static String millis(ReplicaAnswer a) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", a.roundTrip().toNanos() / 1e6);
    }
}
