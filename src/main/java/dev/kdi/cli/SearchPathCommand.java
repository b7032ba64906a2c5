package dev.kdi.cli;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Rdata;
import dev.kdi.records.RrType;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.Status;
import dev.kdi.records.searchpath.HostsFile;
import dev.kdi.records.searchpath.HostsOrder;
import dev.kdi.records.searchpath.Lookup;
import dev.kdi.records.searchpath.NameLookup;
import dev.kdi.records.searchpath.NameLookup.Resolution;
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
            "--answers adds the model's status to each line and marks the query that answers.",
            "An address lookup reads the pod's /etc/hosts too (localhost, the pod's own names, hostAliases), before "
                    + "DNS or after it as the resolver's order says (--nsswitch): a name found there is printed as "
                    + "'/etc/hosts NAME ADDRESS', with the order that was assumed."})
final class SearchPathCommand implements Callable<Integer> {
    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--pod", required = true, paramLabel = "NS/NAME", description = "The pod whose view to take.")
    String pod;

    @Parameters(index = "0", paramLabel = "NAME", description = "The name the program looks up, as it spells it.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE", converter = RecordTypeConverter.class,
            description = "The record type.")
    RrType type;

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

    @Option(names = "--nsswitch", paramLabel = "ORDER", description = NSSWITCH_HELP)
    String nsswitch;

    /** Shared with {@code lookup --from-pod}. */
    static final String NSSWITCH_HELP = "When glibc reads /etc/hosts for an address lookup, as the hosts: line of the "
            + "image's /etc/nsswitch.conf says: files,dns (assumed: Debian, Ubuntu, RHEL/UBI and distroless ship it), "
            + "dns,files, or none (no nsswitch.conf: glibc asks DNS first and reads /etc/hosts only when no DNS server "
            + "can be used). musl always reads /etc/hosts first.";

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
        NameLookup names = nameLookup(at.hostsFile(target), path, nsswitch, resolver, "kdi search-path");
        Resolution resolution = names.resolve(name, lookup, oracle ? q -> at.answerFromPod(target, q).status() : q -> Status.NXDOMAIN);
        Optional<Walk> walk = resolution.walk();
        NameLookup.HostsStep hosts = resolution.hostsStep();
        model.snapshot().provisional().generator(target.ref()).ifPresent(w -> terminal.out().println("; pod "
                + target.ref().qualifiedName() + " is not in the input: generated from " + w + "'s template"));
        if (explain || !conf.complete()) {
            if (dnsIp.isEmpty()) {
                terminal.out().println("; the input has no Service kube-system/kube-dns: its address is shown as "
                        + "kubeadm's default " + Inspection.DEFAULT_DNS_ADDRESS);
            }
            conf.explanation().forEach(l -> terminal.out().println("; " + l));
        }
        if (explain || !conf.complete() || !hosts.found().isEmpty()) {
            // The order is said whenever the hosts file has the name, since it decides the answer.
            resolution.explanation().forEach(l -> terminal.out().println("; " + l));
        }
        if (explain || !conf.complete()) {
            walk.ifPresent(w -> w.explanation().forEach(l -> terminal.out().println("; " + l)));
            if (answers && !conf.usesClusterDns()) {
                terminal.out().println("; this pod does not ask the cluster DNS, so the model cannot say what answers");
            }
        }
        if (hosts.answered() && hosts.beforeDns()) {
            printHosts(hosts);
        }
        walk.ifPresent(w -> printQueries(w, oracle));
        if (oracle) {
            walk.ifPresent(w -> autopathLine(at, target, w));
        }
        if (hosts.answered() && !hosts.beforeDns()) {
            printHosts(hosts);
        }
        String from = "from pod " + target.namespace() + "/" + target.name();
        if (walk.isEmpty()) {
            terminal.out().println("; `" + name + "` " + from + ": answered from /etc/hosts, no DNS query");
        } else if (oracle) {
            terminal.out().println("; " + walk.get().amplification().sentence(from)
                    + (hosts.answered() ? ", then answered from /etc/hosts" : ""));
        }
        return input.exit(ExitCodes.OK);
    }

    private void printQueries(Walk walk, boolean oracle) {
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
    }

    /** Where CoreDNS's autopath answered a query with another name's records, says so: it is why the walk is short. */
    private void autopathLine(Inspection at, Pod pod, Walk walk) {
        for (Step step : walk.steps()) {
            if (!step.sent() || step.verdict() != Step.Verdict.ANSWERED) {
                continue;
            }
            for (Query q : step.queries()) {
                Answer a = at.answerFromPod(pod, q.question());
                if (a.answeredBy() != null && a.answeredBy().chain().contains("autopath") && !a.answer().isEmpty()
                        && a.answer().get(0).data() instanceof Rdata.Cname c) {
                    terminal.out().println("; autopath: CoreDNS applied the pod's search list itself and answered "
                            + q.question().name() + " with " + c.target() + "'s records behind a CNAME, so the resolver "
                            + "asks no further name");
                    return;
                }
            }
        }
    }

    /** {@code /etc/hosts NAME ADDRESS  <- answer}: the file's lines that answer, in its order. */
    private void printHosts(NameLookup.HostsStep hosts) {
        for (HostsFile.Entry e : hosts.found()) {
            terminal.out().println("/etc/hosts " + name + " " + e.address() + "  <- answer");
        }
    }

    /**
     * The pod's lookup stages: its hosts file and DNS, in the order the resolver takes them.
     *
     * @param nsswitch the --nsswitch value, or null for the usual image's order
     */
    static NameLookup nameLookup(HostsFile hosts, SearchPath dns, String nsswitch, Resolver resolver, String command)
            throws UserError {
        if (nsswitch == null) {
            return new NameLookup(hosts, HostsOrder.FILES_DNS, true, dns);
        }
        HostsOrder order = HostsOrder.parse(nsswitch);
        if (order == null) {
            throw new UserError(command + ": --nsswitch takes files,dns, dns,files or none, not \"" + nsswitch + "\"");
        }
        if (resolver == Resolver.MUSL) {
            throw new UserError(command + ": --nsswitch is glibc's: musl has no nsswitch.conf and always reads "
                    + "/etc/hosts first");
        }
        return new NameLookup(hosts, order, false, dns);
    }

    private Lookup lookup() throws UserError {
        if (type == null) {
            return Lookup.addresses();
        }
        return Lookup.forType(type);
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
