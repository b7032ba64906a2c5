package dev.kdi.session;

import dev.kdi.cluster.DnsPodDetails;
import dev.kdi.cluster.PodHttp;
import dev.kdi.cluster.PodPort;
import dev.kdi.http.HttpResult;
import dev.kdi.metrics.CoreDnsMetrics;
import dev.kdi.metrics.PrometheusText;
import dev.kdi.metrics.Rates;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.Directive;
import dev.kdi.records.corefile.ServerBlock;
import dev.kdi.records.objects.Pod;
import dev.kdi.session.HealthReport.Counters;
import dev.kdi.session.HealthReport.Endpoint;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.session.HealthReport.Finding;
import dev.kdi.session.HealthReport.Severity;
import dev.kdi.session.HealthReport.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One {@code kdi health}: for every DNS replica, its {@code /health}, {@code /ready} and {@code
 * /metrics} (twice, for rates) through port-forwards, its pod's restarts and readiness probe, and
 * the findings all of that adds up to. Replicas are asked side by side, so the interval between
 * readings is spent once.
 */
final class HealthRun {
    /** SERVFAIL share at which a replica is worth a look at all. */
    private static final double SERVFAIL_FLOOR = 0.05;
    /** How much worse than the median of its peers a replica must be to stand out. */
    private static final double OUTLIER_FACTOR = 3;

    private final Inspection inspection;
    private final PodHttp http;
    private final DnsPodDetails details;
    private final ExecutorService workers;

    HealthRun(Inspection inspection, PodHttp http, DnsPodDetails details, ExecutorService workers) {
        this.inspection = inspection;
        this.http = http;
        this.details = details;
        this.workers = workers;
    }

    /** The ports the Corefile serves its endpoints on; empty when the plugin is absent. */
    record Ports(Optional<Integer> health, Optional<Integer> ready, Optional<Integer> metrics, boolean lameduck) {
        static Ports of(Corefile corefile) {
            Optional<Directive> health = first(corefile, "health");
            return new Ports(health.map(d -> port(d, 8080)), first(corefile, "ready").map(d -> port(d, 8181)),
                    first(corefile, "prometheus").map(d -> port(d, 9153)),
                    health.map(d -> d.block().stream().anyMatch(o -> o.name().equals("lameduck"))).orElse(false));
        }

        private static Optional<Directive> first(Corefile corefile, String plugin) {
            for (ServerBlock b : corefile.blocks()) {
                Optional<Directive> d = b.directive(plugin);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }

        /** {@code :8080}, {@code 127.0.0.1:9153}, {@code localhost:8080} or nothing (the default). */
        private static int port(Directive d, int fallback) {
            if (d.args().isEmpty()) {
                return fallback;
            }
            String address = d.args().get(0);
            int colon = address.lastIndexOf(':');
            try {
                return colon < 0 ? fallback : Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    HealthReport run(HealthRequest request, List<ReplicaStatus> replicas, Progress progress)
            throws InterruptedException {
        String source = source();
        List<ReplicaStatus> asked = replicas;
        // With none at all, why there is none answers a request for one by name too.
        if (request.replica().isPresent() && !replicas.isEmpty()) {
            String wanted = request.replica().get();
            asked = replicas.stream().filter(r -> r.id().equals(wanted) || r.pod().equals(wanted)).toList();
            if (asked.isEmpty()) {
                return new HealthReport(source, List.of(), List.of(), List.of("no DNS replica " + wanted
                        + "; the replicas are " + replicas.stream().map(ReplicaStatus::id).collect(Collectors.joining(", "))));
            }
        }
        if (asked.isEmpty()) {
            List<String> notes = new ArrayList<>(inspection.dns().notes());
            if (notes.isEmpty()) {
                notes.add("there is no DNS replica to ask");
            }
            return new HealthReport(source, List.of(), List.of(), notes);
        }
        if (inspection.model().corefile().isKubeDns()) {
            return kubeDns(request, asked, replicas, progress);
        }
        Ports ports = Ports.of(inspection.model().corefile());
        List<Asked> results = askAll(asked, r -> ask(r, ports, request.interval()), progress);
        List<Finding> findings = new ArrayList<>();
        for (Asked a : results) {
            findings.addAll(replicaFindings(a, ports));
            findings.addAll(knownBugs(a, inspection.model().corefile()));
        }
        findings.addAll(outliers(results));
        findings.addAll(clusterFindings(results, ports, replicas));
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::replica)
                .thenComparing(Finding::code));
        return new HealthReport(source, results.stream().map(Asked::replica).toList(), findings, List.of());
    }

    /** How one replica is asked. */
    private interface Asking<T> {
        T ask(ReplicaStatus replica) throws InterruptedException;
    }

    /** Every replica asked side by side, in their order. */
    private <T> List<T> askAll(List<ReplicaStatus> asked, Asking<T> asking, Progress progress)
            throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (ReplicaStatus r : asked) {
            futures.add(workers.submit(() -> asking.ask(r)));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                progress.update("Asked " + results.size() + " of " + asked.size() + " DNS replicas",
                        (double) results.size() / asked.size());
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("asking a replica's health failed unexpectedly", e.getCause());
                }
            }
        } finally {
            // Interrupted (cancelled) or failed: the other replicas' requests are abandoned, not awaited.
            futures.forEach(f -> f.cancel(true));
        }
        progress.update("Asked " + asked.size() + " of " + asked.size() + " DNS replicas", 1);
        return results;
    }

    private String source() {
        String service = inspection.dns().service().map(s -> "Service " + inspection.dns().source())
                .orElse("no cluster DNS Service");
        return service + (inspection.model().corefile().isKubeDns() ? "; configuration from " : "; Corefile from ")
                + inspection.corefileOrigin();
    }

    /** kube-dns's replicas, through what its containers serve ({@link KubeDnsHealth}). */
    private HealthReport kubeDns(HealthRequest request, List<ReplicaStatus> asked, List<ReplicaStatus> all,
                                 Progress progress) throws InterruptedException {
        KubeDnsHealth health = new KubeDnsHealth(http, details, inspection);
        List<HealthReport.Replica> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (KubeDnsHealth.Asked a : askAll(asked, r -> health.ask(r, request.interval()), progress)) {
            results.add(a.replica());
            findings.addAll(a.findings());
        }
        // No health plugin: no lameduck finding; the replica count, nodes and disruption budget still count.
        findings.addAll(clusterFindings(List.of(), new Ports(Optional.empty(), Optional.empty(), Optional.empty(),
                false), all));
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::replica)
                .thenComparing(Finding::code));
        return new HealthReport(source(), results, findings, List.of(KubeDnsHealth.NOTE));
    }

    /** One replica as asked, with what the findings need besides the report's entry. */
    private record Asked(HealthReport.Replica replica, Optional<CoreDnsMetrics> first, Optional<CoreDnsMetrics> last,
                         Optional<Rates> rates, Optional<DnsPodDetails.Pod> pod, String podProblem) {
    }

    private Asked ask(ReplicaStatus r, Ports ports, Duration interval) {
        try {
            Endpoint health = endpoint(r, "/health", ports.health());
            Endpoint ready = endpoint(r, "/ready", ports.ready());
            Metrics first = metrics(r, ports.metrics());
            Metrics last = first;
            Optional<Rates> rates = Optional.empty();
            if (first.parsed().isPresent() && !interval.isZero()) {
                Thread.sleep(interval.toMillis());
                last = metrics(r, ports.metrics());
                if (last.parsed().isPresent()) {
                    rates = Optional.of(Rates.between(first.parsed().get(), last.parsed().get(),
                            Duration.ofNanos(Math.max(1, last.readAt() - first.readAt()))));
                }
            }
            DnsPodDetails.PodRead read = details.pod(r.namespace(), r.pod());
            Optional<DnsPodDetails.Pod> pod = read instanceof DnsPodDetails.PodFound f ? Optional.of(f.pod())
                    : Optional.empty();
            String podProblem = read instanceof DnsPodDetails.PodNotRead n ? n.reason() : "";
            String node = inspection.pod(r.namespace(), r.pod()).map(Pod::nodeName).orElse("");
            HealthReport.Replica replica = new HealthReport.Replica(r.id(), node == null ? "" : node, health, ready,
                    last.endpoint(), last.parsed().map(HealthRun::counters), rates.map(HealthRun::rates),
                    pod.map(DnsPodDetails.Pod::restarts).orElse(-1),
                    pod.map(DnsPodDetails.Pod::lastTermination).orElse(""), Optional.empty());
            return new Asked(replica, first.parsed(), last.parsed(), rates, pod, podProblem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while asking " + r.id());
        }
    }

    private record Metrics(Endpoint endpoint, Optional<CoreDnsMetrics> parsed, long readAt) {
    }

    private Metrics metrics(ReplicaStatus r, Optional<Integer> port) throws InterruptedException {
        if (port.isEmpty()) {
            return new Metrics(notConfigured("/metrics", "prometheus"), Optional.empty(), System.nanoTime());
        }
        HttpResult result = http.get(new PodPort(r.namespace(), r.pod(), port.get()), "/metrics");
        long at = System.nanoTime();
        if (result instanceof HttpResult.Response response && response.ok()) {
            CoreDnsMetrics parsed = CoreDnsMetrics.of(PrometheusText.parse(response.text()));
            return new Metrics(new Endpoint("/metrics", port.get(), EndpointState.OK, response.status(),
                    parsed.series() + " series"), Optional.of(parsed), at);
        }
        return new Metrics(endpoint("/metrics", port.get(), result), Optional.empty(), at);
    }

    private Endpoint endpoint(ReplicaStatus r, String path, Optional<Integer> port) throws InterruptedException {
        if (port.isEmpty()) {
            return notConfigured(path, path.substring(1));
        }
        return endpoint(path, port.get(), http.get(new PodPort(r.namespace(), r.pod(), port.get()), path));
    }

    private static Endpoint notConfigured(String path, String plugin) {
        return new Endpoint(path, 0, EndpointState.NOT_CONFIGURED, 0, "the Corefile has no " + plugin + " plugin");
    }

    static Endpoint endpoint(String path, int port, HttpResult result) {
        if (result instanceof HttpResult.Response response) {
            String firstLine = response.text().lines().findFirst().orElse("").strip();
            if (firstLine.length() > 120) {
                firstLine = firstLine.substring(0, 120) + "…";
            }
            return new Endpoint(path, port, response.ok() ? EndpointState.OK : EndpointState.FAILING,
                    response.status(), firstLine);
        }
        HttpResult.Failure f = (HttpResult.Failure) result;
        EndpointState state = f.kind() == HttpResult.FailureKind.NOT_SERVED ? EndpointState.NOT_SERVED
                : EndpointState.UNREACHABLE;
        return new Endpoint(path, port, state, 0, f.message());
    }

    private static Counters counters(CoreDnsMetrics m) {
        String naming = switch (m.scheme()) {
            case FORWARD -> "coredns_forward_*";
            case PROXY -> "coredns_proxy_*";
            case NONE -> "none";
        };
        return new Counters(m.version(), m.requests(), m.responsesByRcode(), m.responsesByPlugin(), m.cacheHitsByType(),
                m.cacheMisses(), m.panics(), m.reloadFailures(), naming,
                m.upstreams().stream().map(u -> new Upstream(u.to(), u.requests(),
                        u.responsesByRcode().getOrDefault("SERVFAIL", 0.0), u.healthcheckFailures())).toList(),
                m.series(), m.problems());
    }

    private static HealthReport.Rates rates(Rates r) {
        return new HealthReport.Rates(r.seconds(), r.requestsPerSecond(), r.servfailShare(), r.nxdomainShare(),
                r.upstreamHealthcheckFailures(), r.reset());
    }

    private static List<Finding> replicaFindings(Asked a, Ports ports) {
        List<Finding> out = new ArrayList<>();
        HealthReport.Replica r = a.replica();
        String id = r.id();
        if (r.ready().state() == EndpointState.FAILING) {
            out.add(new Finding("REPLICA_NOT_READY", Severity.WARNING, id, "/ready answered " + r.ready().status()
                    + (r.ready().detail().isEmpty() ? "" : " (" + r.ready().detail() + ": the plugins not ready yet)")
                    + ": Kubernetes sends it no traffic while that lasts."));
        }
        if (r.health().state() == EndpointState.FAILING) {
            out.add(new Finding("REPLICA_UNHEALTHY", Severity.WARNING, id, "/health answered " + r.health().status()
                    + ": the process says it is not healthy."));
        }
        for (Endpoint e : List.of(r.health(), r.ready(), r.metrics())) {
            if (e.state() == EndpointState.NOT_SERVED) {
                out.add(new Finding("ENDPOINT_NOT_SERVED", Severity.WARNING, id, "the Corefile serves " + e.path()
                        + " on port " + e.port() + ", but nothing listens there: is the Corefile in force the one"
                        + " this pod loaded?"));
            } else if (e.state() == EndpointState.UNREACHABLE) {
                out.add(new Finding("ENDPOINT_UNREACHABLE", Severity.WARNING, id, e.path() + " could not be asked: "
                        + e.detail()));
            }
        }
        a.last().ifPresent(m -> {
            double panics = a.rates().map(Rates::panics).orElse(m.panics());
            if (m.panics() > 0) {
                out.add(new Finding("REPLICA_PANICS", Severity.WARNING, id, "CoreDNS recovered " + (long) m.panics()
                        + " panic(s)" + (panics > 0 && a.rates().isPresent() ? ", " + (long) panics + " just now" : "")
                        + ": its log has the stack; a plugin is failing on some queries."));
            }
            if (m.reloadFailures() > 0) {
                out.add(new Finding("RELOAD_FAILED", Severity.WARNING, id, "the Corefile failed to reload "
                        + (long) m.reloadFailures() + " time(s): this replica still runs an older Corefile than the"
                        + " ConfigMap's."));
            }
            if (!m.problems().isEmpty()) {
                out.add(new Finding("METRICS_UNREADABLE_LINES", Severity.NOTE, id, m.problems().size()
                        + " line(s) of /metrics could not be read, the first: " + m.problems().get(0)));
            }
        });
        a.rates().ifPresent(rates -> {
            if (rates.upstreamHealthcheckFailures() > 0) {
                out.add(new Finding("UPSTREAM_HEALTHCHECKS_FAILING", Severity.WARNING, id, "its upstream(s) failed "
                        + (long) rates.upstreamHealthcheckFailures() + " health check(s) in the last "
                        + String.format("%.1f", rates.seconds()) + " s: names it forwards get SERVFAIL from this replica"
                        + " (" + upstreamsText(a.last().orElseThrow()) + ")."));
            }
        });
        if (a.pod().isPresent()) {
            DnsPodDetails.Pod pod = a.pod().get();
            if (pod.readinessPath().equals("/health")) {
                out.add(new Finding("READINESS_PROBE_ON_HEALTH", Severity.WARNING, id, "the readiness probe asks /health,"
                        + " which says only that the process runs: a replica that has not synced with the API yet is"
                        + " sent traffic. Probe /ready" + ports.ready().map(p -> " on port " + p).orElse("") + "."));
            }
            if (pod.restarts() > 0) {
                out.add(new Finding("REPLICA_RESTARTED", Severity.NOTE, id, "restarted " + pod.restarts() + " time(s)"
                        + (pod.lastTermination().isEmpty() ? "" : ", last " + pod.lastTermination()) + "."));
            }
        } else if (!a.podProblem().isEmpty()) {
            out.add(new Finding("POD_UNREADABLE", Severity.NOTE, id, a.podProblem()
                    + ": restarts and the readiness probe are unknown."));
        }
        return out;
    }

    /**
     * The known bugs of the release a replica runs, as {@code coredns_build_info} says or else its
     * image's tag; nothing when neither names a release (a vendor's own build, a digest).
     */
    private static List<Finding> knownBugs(Asked a, Corefile corefile) {
        Optional<KnownBugs.Version> fromMetrics = a.last().map(CoreDnsMetrics::version)
                .flatMap(KnownBugs.Version::parse);
        Optional<KnownBugs.Version> version = fromMetrics.or(() -> a.pod().map(DnsPodDetails.Pod::image)
                .flatMap(KnownBugs.Version::ofImage));
        if (version.isEmpty()) {
            return List.of();
        }
        String source = fromMetrics.isPresent() ? "coredns_build_info" : "its image " + a.pod().orElseThrow().image();
        return KnownBugs.affecting(version.get(), corefile).stream().map(b -> new Finding("COREDNS_KNOWN_BUG",
                Severity.WARNING, a.replica().id(), "CoreDNS " + version.get() + " (from " + source + ") has a known"
                        + " bug: " + b.what() + " (" + b.issue() + "); fixed in " + b.fixedIn() + " (" + b.fix()
                        + "). Upgrade to " + b.fixedIn() + " or later.")).toList();
    }

    private static String upstreamsText(CoreDnsMetrics m) {
        return m.upstreams().stream().map(u -> u.to() + ": " + (long) u.healthcheckFailures() + " failed checks")
                .collect(Collectors.joining(", "));
    }

    /** A replica whose SERVFAIL share stands out from its peers'. */
    private static List<Finding> outliers(List<Asked> all) {
        List<Finding> out = new ArrayList<>();
        if (all.size() < 2) {
            return out;
        }
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        for (Asked a : all) {
            Optional<Double> share = a.rates().filter(r -> r.responses() > 0).map(Rates::servfailShare)
                    .or(() -> a.last().filter(m -> m.responses() > 0).map(m -> m.responses("SERVFAIL") / m.responses()));
            share.ifPresent(s -> shares.put(a.replica().id(), s));
        }
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            List<Double> peers = shares.entrySet().stream().filter(o -> !o.getKey().equals(e.getKey()))
                    .map(Map.Entry::getValue).sorted().toList();
            if (peers.isEmpty()) {
                continue;
            }
            double median = peers.get(peers.size() / 2);
            if (e.getValue() >= SERVFAIL_FLOOR && e.getValue() >= OUTLIER_FACTOR * median + 0.01) {
                out.add(new Finding("SERVFAIL_OUTLIER", Severity.WARNING, e.getKey(), String.format(
                        "%.0f%% of its replies are SERVFAIL against %.0f%% for its peers: this replica is sick,"
                                + " look at its log and its upstreams.", 100 * e.getValue(), 100 * median)));
            }
        }
        return out;
    }

    private List<Finding> clusterFindings(List<Asked> asked, Ports ports, List<ReplicaStatus> all) {
        List<Finding> out = new ArrayList<>();
        if (ports.health().isPresent() && !ports.lameduck()) {
            out.add(new Finding("HEALTH_WITHOUT_LAMEDUCK", Severity.WARNING, "", "the health plugin has no lameduck:"
                    + " a replica being replaced stops at once and queries in flight fail during every rollout"
                    + " (kubernetes/kubernetes#129617). Add 'lameduck 5s' inside 'health { }'."));
        }
        if (all.size() < 2) {
            out.add(new Finding("SINGLE_REPLICA", Severity.WARNING, "", "only " + all.size() + " DNS replica:"
                    + " when it restarts, the cluster has no DNS. Run at least two."));
        } else {
            Set<String> nodes = new TreeSet<>();
            all.forEach(r -> inspection.pod(r.namespace(), r.pod()).map(Pod::nodeName).ifPresent(nodes::add));
            if (nodes.size() == 1) {
                out.add(new Finding("REPLICAS_ON_ONE_NODE", Severity.WARNING, "", "every DNS replica runs on node "
                        + nodes.iterator().next() + ": losing that node loses the cluster DNS. Spread them with"
                        + " a topology spread constraint or pod anti-affinity."));
            }
        }
        if (!all.isEmpty()) {
            String namespace = all.get(0).namespace();
            DnsPodDetails.BudgetsRead budgets = details.budgets(namespace);
            if (budgets instanceof DnsPodDetails.BudgetsUnknown u) {
                out.add(new Finding("DISRUPTION_BUDGET_UNKNOWN", Severity.NOTE, "", "whether a PodDisruptionBudget"
                        + " covers the DNS pods is unknown: " + u.reason() + "."));
            } else if (budgets instanceof DnsPodDetails.Budgets b && !covered(b, all)) {
                out.add(new Finding("NO_DISRUPTION_BUDGET", Severity.WARNING, "", "no PodDisruptionBudget in "
                        + namespace + " covers the DNS pods: a node drain may evict every replica at once."));
            }
        }
        return out;
    }

    private boolean covered(DnsPodDetails.Budgets budgets, List<ReplicaStatus> all) {
        for (ReplicaStatus r : all) {
            Optional<Pod> pod = inspection.pod(r.namespace(), r.pod());
            if (pod.isEmpty()) {
                continue;
            }
            Map<String, String> labels = pod.get().labels();
            boolean any = budgets.matchLabels().values().stream()
                    .anyMatch(selector -> !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet()));
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
