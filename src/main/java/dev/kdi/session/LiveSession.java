package dev.kdi.session;

import dev.kdi.cluster.AccessReview;
import dev.kdi.cluster.ClusterException;
import dev.kdi.cluster.ClusterLoader;
import dev.kdi.cluster.DnsFieldsSerialization;
import dev.kdi.cluster.ExecCredentials;
import dev.kdi.cluster.LoadReport;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.RrType;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ClusterSnapshot;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real cluster (or the demo's API server) through fabric8: loads and watches its objects, keeps
 * an {@link Inspection} current, and asks its DNS replicas through in-process port-forwards.
 */
public final class LiveSession implements Session {
    /** Questions in flight per replica during a check: enough to fill the forward, not to flood it. */
    private static final int CHECK_WINDOW = 256;
    private static final long DEBOUNCE_MS = 300;

    private final SessionInfo info;
    private final Config config;
    private final Optional<ExecCredentials> credentials;
    private final LiveOptions options;
    private final Clock clock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;
    private final ThreadFactory dnsThreads;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final AtomicInteger generation = new AtomicInteger();

    private KubernetesClient client;
    private PortForwarder forwarder;
    private ReplicaPool pool;
    private ClusterLoader loader;
    private volatile Inspection current;
    private volatile String detectedDomain;
    private volatile String detectedDomainSource;
    private volatile boolean closed;

    /**
     * @param info what the session is connected to
     * @param config fabric8's client configuration for the context (or the demo)
     * @param namespace the context's namespace, read first when cluster-wide listing is forbidden
     */
    public LiveSession(SessionInfo info, Config config, String namespace, LiveOptions options, Clock clock) {
        this(info, config, Optional.empty(), namespace, options, clock);
    }

    /**
     * @param credentials the kubeconfig user's exec plugin, run when the session starts
     */
    public LiveSession(SessionInfo info, Config config, Optional<ExecCredentials> credentials, String namespace,
                       LiveOptions options, Clock clock) {
        this.info = info;
        this.credentials = credentials;
        this.config = tune(config);
        List<String> ns = new ArrayList<>();
        ns.add(namespace == null || namespace.isEmpty() ? "default" : namespace);
        ns.addAll(options.namespaces());
        this.options = options.withNamespaces(ns);
        this.clock = clock;
        // DNS timeouts, reconnections, relists and access reviews share it; some of those wait on the network.
        this.scheduler = Executors.newScheduledThreadPool(4, named("kdi-session", true));
        this.worker = Executors.newCachedThreadPool(named("kdi-check", true));
        this.dnsThreads = named("kdi-dns", true);
    }

    /** Our own watch and retry handling replace fabric8's, so drops and staleness are visible. */
    private static Config tune(Config original) {
        // A copy: the caller's Config may be shared (the demo's own client uses it).
        Config c = new io.fabric8.kubernetes.client.ConfigBuilder(original).build();
        c.setWatchReconnectLimit(0);
        c.setRequestRetryBackoffLimit(1);
        if (c.getRequestTimeout() <= 0 || c.getRequestTimeout() > 15_000) {
            c.setRequestTimeout(15_000);
        }
        if (c.getConnectionTimeout() <= 0 || c.getConnectionTimeout() > 10_000) {
            c.setConnectionTimeout(10_000);
        }
        return c;
    }

    private static ThreadFactory named(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public void start(Progress progress) throws SessionException, InterruptedException {
        if (credentials.isPresent()) {
            progress.update("Getting credentials from " + credentials.get().plugin().getFileName(), -1);
            try {
                ExecCredentials.Credential c = credentials.get().obtain();
                if (c.token().isPresent()) {
                    config.setOauthTokenProvider(credentials.get());
                } else {
                    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
                    config.setClientCertData(b64.encodeToString(c.clientCertificate().orElseThrow()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    config.setClientKeyData(b64.encodeToString(c.clientKey().orElseThrow()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            } catch (ClusterException e) {
                throw new SessionException(info.name() + ": " + e.getMessage(), e);
            }
        }
        progress.update("Connecting to " + (info.server().isEmpty() ? info.name() : info.server()), -1);
        // This client only reads, and only what DNS needs: it skips the rest while parsing.
        client = new KubernetesClientBuilder().withConfig(config)
                .withKubernetesSerialization(DnsFieldsSerialization.create()).build();
        forwarder = new PortForwarder(client);
        pool = new ReplicaPool(forwarder, new AccessReview(client), dnsThreads, scheduler, options.queryTimeout(),
                this::probe, statuses -> listeners.forEach(l -> l.replicasChanged(statuses)));
        loader = new ClusterLoader(client, new ObjectConverter(new Interner()), options.namespaces(), options.pageSize(),
                scheduler, clock, new ClusterLoader.Listener() {
                    @Override
                    public void progress(String plural, int loaded) {
                        progress.update("Loading " + plural + ": " + String.format("%,d", loaded), -1);
                    }

                    @Override
                    public void changed() {
                        scheduleRebuild();
                    }
                });
        try {
            loader.load();
        } catch (ClusterException e) {
            throw new SessionException(info.name() + ": " + e.getMessage(), e);
        }
        progress.update("Building the DNS model", -1);
        rebuild();
        if (loader.corefile().isEmpty() && corefileForbidden() && options.clusterDomain().isEmpty()
                && options.corefile().isEmpty()) {
            progress.update("Asking the cluster DNS for its zone", -1);
            detectDomain();
            rebuild();
        }
        loader.watch();
    }

    /** The zone's SOA: every CoreDNS replica answers it by itself, at once. */
    private Question probe() {
        Inspection now = current;
        String zone = now == null ? "cluster.local." : now.model().clusterDomain().orElse("cluster.local.");
        return new Question(zone, RrType.SOA);
    }

    private boolean corefileForbidden() {
        return loader.report().problems().stream().anyMatch(p -> p.resource().equals("configmaps"));
    }

    /**
     * The Corefile is unreadable: the DNS Service's cluster IP's PTR names it in the cluster's zone
     * (kube-dns.kube-system.svc.ZONE), so ask a replica for it.
     */
    private void detectDomain() throws InterruptedException {
        Inspection now = current;
        Optional<String> ip = now.dns().service().flatMap(s -> s.clusterIPs().stream().filter(IpAddress::isAddress)
                .findFirst());
        if (ip.isEmpty() || pool.ids().isEmpty()) {
            return;
        }
        Question q = new Question(IpAddress.parse(ip.get()).orElseThrow().reverseName(), RrType.PTR);
        try {
            List<ReplicaAnswer> answers = ask(q, ReplicaChoice.any()).get(options.queryTimeout().toMillis() * 3,
                    TimeUnit.MILLISECONDS);
            for (ReplicaAnswer a : answers) {
                for (var r : a.answer().map(Answer::answer).orElse(List.of())) {
                    if (r.data() instanceof Rdata.Ptr ptr) {
                        String target = ptr.target();
                        int at = target.indexOf(".svc.");
                        if (at > 0) {
                            detectedDomain = target.substring(at + ".svc.".length());
                            detectedDomainSource = "the PTR of " + ip.get() + " (" + target + "), because the Corefile "
                                    + "in ConfigMap kube-system/coredns cannot be read";
                            return;
                        }
                    }
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Fall back below.
        }
    }

    private void scheduleRebuild() {
        if (closed || current == null) {
            return;
        }
        if (rebuildPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                rebuildPending.set(false);
                if (!closed) {
                    rebuild(false);
                }
            }, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void rebuild() {
        rebuild(true);
    }

    /**
     * A new inspection from the loader's current objects.
     *
     * @param force publish even when nothing changed (the first load, a new domain, a refresh);
     *     otherwise an unchanged cluster (a watch replaying what was listed) publishes nothing,
     *     so views are not rebuilt for nothing
     */
    private synchronized void rebuild(boolean force) {
        ClusterSnapshot snapshot = loader.snapshot();
        LoadReport report = loader.report();
        Inspection previous = current;
        if (!force && previous != null && previous.snapshot().equals(snapshot) && previous.report().equals(report)) {
            return;
        }
        List<String> notes = new ArrayList<>();
        Corefile corefile;
        String domainSource;
        try {
            if (options.corefile().isPresent()) {
                corefile = CorefileSource.fromFile(options.corefile().get());
            } else if (snapshot.corefile() != null) {
                corefile = fromConfigMap(snapshot.corefile(), notes);
            } else {
                corefile = CorefileParser.kubeadmDefault();
                notes.add(corefileForbidden()
                        ? "The Corefile (ConfigMap kube-system/coredns) cannot be read: kubeadm's default options are assumed."
                        : "No ConfigMap kube-system/coredns: kubeadm's default Corefile is assumed.");
            }
        } catch (ManifestException e) {
            corefile = CorefileParser.kubeadmDefault();
            notes.add(e.getMessage() + "; kubeadm's default Corefile is assumed instead.");
        }
        domainSource = "the Corefile (" + corefile.origin() + ")";
        if (options.clusterDomain().isPresent()) {
            corefile = corefile.withClusterDomain(options.clusterDomain().get());
            domainSource = "--cluster-domain";
        } else if (detectedDomain != null) {
            corefile = corefile.withClusterDomain(detectedDomain);
            domainSource = detectedDomainSource;
        } else if (snapshot.corefile() == null && corefileForbidden()) {
            domainSource = "the default cluster.local (the Corefile is unreadable and the DNS did not say)";
        }
        // The DNS's notes and the report's problems travel in the inspection on their own.
        Inspection next = Inspections.build(generation.incrementAndGet(), snapshot, corefile, domainSource, report, notes,
                clock.instant());
        current = next;
        pool.update(next.dns().replicas());
        listeners.forEach(l -> l.inspectionChanged(next));
    }

    private static Corefile fromConfigMap(String text, List<String> notes) {
        try {
            return CorefileParser.parse(text, "ConfigMap kube-system/coredns");
        } catch (CorefileException e) {
            notes.add("ConfigMap kube-system/coredns: " + e.getMessage() + "; kubeadm's default Corefile is assumed.");
            return CorefileParser.kubeadmDefault();
        }
    }

    @Override
    public Inspection current() {
        return current;
    }

    @Override
    public AutoCloseable subscribe(SessionListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<ReplicaStatus> replicas() {
        return pool == null ? List.of() : pool.statuses();
    }

    @Override
    public CompletableFuture<List<ReplicaAnswer>> ask(Question question, ReplicaChoice choice) {
        if (pool == null) {
            return CompletableFuture.failedFuture(new SessionException("the session has not started"));
        }
        if (choice instanceof ReplicaChoice.All) {
            List<CompletableFuture<ReplicaAnswer>> all = new ArrayList<>();
            for (String id : pool.ids()) {
                all.add(pool.ask(id, question));
            }
            if (all.isEmpty()) {
                return CompletableFuture.failedFuture(new SessionException(noReplicas()));
            }
            return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
        }
        if (choice instanceof ReplicaChoice.One one) {
            Optional<String> id = pool.resolve(one.replica());
            if (id.isEmpty()) {
                return CompletableFuture.failedFuture(new SessionException("no DNS replica " + one.replica()
                        + "; the replicas are " + String.join(", ", pool.ids())));
            }
            return pool.ask(id.get(), question).thenApply(List::of);
        }
        Optional<String> first = pool.pickUsable(null);
        if (first.isEmpty()) {
            return CompletableFuture.failedFuture(new SessionException(noReplicas()));
        }
        return pool.ask(first.get(), question).thenCompose(a -> {
            if (a.answer().isPresent()) {
                return CompletableFuture.completedFuture(List.of(a));
            }
            // That replica could not answer (gone, forward failing, silent): any other will do.
            Optional<String> other = pool.pickUsable(first.get());
            return other.isEmpty() ? CompletableFuture.completedFuture(List.of(a))
                    : pool.ask(other.get(), question).thenApply(List::of);
        });
    }

    private String noReplicas() {
        Inspection now = current;
        return now == null || now.dns().notes().isEmpty() ? "there is no DNS replica to ask"
                : String.join(" ", now.dns().notes());
    }

    @Override
    public CompletableFuture<CheckReport> check(CheckRequest request, Progress progress) {
        Inspection at = current;
        if (at == null) {
            return CompletableFuture.failedFuture(new SessionException("the session has not started"));
        }
        return CompletableFuture.supplyAsync(() -> runCheck(at, request, progress), worker);
    }

    private CheckReport runCheck(Inspection at, CheckRequest request, Progress progress) {
        DnsModel model = at.model();
        CheckPlan.Plan plan = CheckPlan.plan(model, request.namespaces());
        List<String> targets = new ArrayList<>();
        if (request.replica().isPresent()) {
            pool.resolve(request.replica().get()).ifPresentOrElse(targets::add, () -> {
                throw new java.util.concurrent.CompletionException(new SessionException("no DNS replica "
                        + request.replica().get() + "; the replicas are " + String.join(", ", pool.ids())));
            });
        } else {
            targets.addAll(pool.ids());
        }
        if (targets.isEmpty()) {
            throw new java.util.concurrent.CompletionException(new SessionException(noReplicas()));
        }
        List<CheckReport.Item> items = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> notes = new ArrayList<>();
        int total = plan.asked().size() * targets.size();
        AtomicInteger done = new AtomicInteger();
        for (String replica : targets) {
            int reopenedBefore = pool.reopenings(replica);
            List<Question> left = askAll(plan, replica, plan.asked(), items, done, total, progress);
            int reopened = pool.reopenings(replica) - reopenedBefore;
            if (reopened > 0 && pool.usable(replica)) {
                notes.add("the forward to replica " + replica + " dropped " + (reopened == 1 ? "once" : reopened + " times")
                        + " during the check and was reopened; the questions it took down were asked again");
            }
            if (left.isEmpty()) {
                continue;
            }
            int answered = plan.asked().size() - left.size();
            Optional<String> other = pool.pickUsable(replica);
            if (other.isPresent() && !targets.contains(other.get())) {
                notes.add("replica " + replica + " went away after " + answered + " of " + plan.asked().size()
                        + " questions; the remaining " + left.size() + " were asked of " + other.get());
                askAll(plan, other.get(), left, items, done, total, progress);
            } else if (other.isPresent()) {
                notes.add("replica " + replica + " went away after " + answered + " of " + plan.asked().size()
                        + " questions; " + other.get() + " answered all of them in its own pass");
            } else {
                notes.add("replica " + replica + " went away after " + answered + " of " + plan.asked().size()
                        + " questions and no other replica could take the remaining " + left.size());
                for (Question q : left) {
                    items.add(new CheckReport.Item(q, replica, null, "not asked: the replica went away"));
                }
            }
        }
        // In the plan's order, whichever reply came first: the same cluster gives the same report.
        Map<Question, Integer> index = new java.util.HashMap<>();
        for (Question q : plan.asked()) {
            index.putIfAbsent(q, index.size());
        }
        List<CheckReport.Item> ordered = new ArrayList<>(items);
        ordered.sort(java.util.Comparator.<CheckReport.Item>comparingInt(i -> index.getOrDefault(i.question(), 0))
                .thenComparing(CheckReport.Item::replica));
        return new CheckReport(ordered, plan.skipped(), notes);
    }

    /**
     * Asks one replica every question, pipelined; returns the questions left unanswered because
     * the replica became unusable.
     */
    private List<Question> askAll(CheckPlan.Plan plan, String replica, List<Question> questions,
                                  List<CheckReport.Item> items, AtomicInteger done, int total, Progress progress) {
        Semaphore window = new Semaphore(CHECK_WINDOW);
        List<Question> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Question, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(questions.size());
        for (Question q : questions) {
            if (pool.wentAway(replica)) {
                unanswered.add(q);
                continue;
            }
            try {
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unanswered.add(q);
                continue;
            }
            inFlight.add(pool.ask(replica, q).thenAccept(a -> {
                window.release();
                if (a.answer().isPresent()) {
                    Answer predicted = plan.predicted(q);
                    items.add(new CheckReport.Item(q, replica, Comparison.compare(predicted, a.answer().get()), null));
                } else {
                    failed.put(q, a.error().orElse("no answer"));
                }
                int n = done.incrementAndGet();
                if (n % 100 == 0 || n == total) {
                    progress.update("Checked " + n + " of " + total, (double) n / total);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
        // Decided once the pass is over: a replica whose pod went away meanwhile hands its failures on.
        if (pool.wentAway(replica)) {
            unanswered.addAll(failed.keySet());
        } else {
            failed.forEach((q, error) -> items.add(new CheckReport.Item(q, replica, null, error)));
        }
        return new ArrayList<>(unanswered);
    }

    @Override
    public void refresh(Progress progress) throws SessionException, InterruptedException {
        ClusterLoader old = loader;
        ClusterLoader fresh = new ClusterLoader(client, new ObjectConverter(new Interner()), options.namespaces(),
                options.pageSize(), scheduler, clock, this::scheduleRebuild);
        try {
            fresh.load();
        } catch (ClusterException e) {
            fresh.close();
            throw new SessionException(info.name() + ": " + e.getMessage(), e);
        }
        loader = fresh;
        old.close();
        rebuild();
        fresh.watch();
    }

    @Override
    public void close() {
        closed = true;
        if (loader != null) {
            loader.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (forwarder != null) {
            // Before the client: fabric8 strands forwards whose client closed first.
            forwarder.close();
        }
        if (client != null) {
            client.close();
        }
        scheduler.shutdownNow();
        worker.shutdownNow();
        listeners.clear();
    }

}
