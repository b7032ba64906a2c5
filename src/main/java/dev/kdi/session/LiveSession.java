package dev.kdi.session;

import dev.kdi.cluster.ClusterConnection;
import dev.kdi.cluster.ClusterException;
import dev.kdi.cluster.ClusterLoader;
import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.PodHttp;
import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.ManifestException;
import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.RrType;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileFiles;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ClusterSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real cluster (or the demo's API server) through fabric8: loads and watches its objects, keeps
 * an {@link Inspection} current, and asks its DNS replicas through in-process port-forwards.
 */
public final class LiveSession implements Session {
    private static final long DEBOUNCE_MS = 300;

    private final SessionInfo info;
    private final ContextTarget target;
    private final LiveOptions options;
    private final Clock clock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    /** How long opening a forward, then one HTTP exchange with a DNS pod, may each take. */
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;
    private final ThreadFactory dnsThreads;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final AtomicInteger generation = new AtomicInteger();

    private ClusterConnection connection;
    private ReplicaPool pool;
    private ClusterLoader loader;
    private volatile Inspection current;
    private volatile String detectedDomain;
    private volatile String detectedDomainSource;
    private volatile boolean closed;

    /**
     * @param info what the session is connected to
     * @param target the context (or the demo): its API server, credentials and namespace, which is
     *     read first when cluster-wide listing is forbidden
     */
    public LiveSession(SessionInfo info, ContextTarget target, LiveOptions options, Clock clock) {
        this.info = info;
        this.target = target;
        List<String> ns = new ArrayList<>();
        ns.add(target.namespace() == null || target.namespace().isEmpty() ? "default" : target.namespace());
        ns.addAll(options.namespaces());
        this.options = options.withNamespaces(ns);
        this.clock = clock;
        // DNS timeouts, reconnections, relists and access reviews share it; some of those wait on the network.
        this.scheduler = Executors.newScheduledThreadPool(4, NamedThreads.daemon("kdi-session"));
        this.worker = Executors.newCachedThreadPool(NamedThreads.daemon("kdi-check"));
        this.dnsThreads = NamedThreads.daemon("kdi-dns");
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public void start(Progress progress) throws SessionException, InterruptedException {
        try {
            connection = ClusterConnection.open(target, step -> progress.update(step, -1));
        } catch (ClusterException e) {
            throw new SessionException(info.name() + ": " + e.getMessage(), e);
        }
        pool = new ReplicaPool(connection.forwarder(), connection.access(), dnsThreads, scheduler,
                options.queryTimeout(), this::probe, statuses -> listeners.forEach(l -> l.replicasChanged(statuses)));
        loader = connection.loader(options.namespaces(), options.pageSize(), scheduler, clock,
                new ClusterLoader.Listener() {
                    @Override
                    public void progress(String plural, int loaded) {
                        progress.update("Loading " + plural + ": " + String.format("%,d", loaded), -1);
                    }

                    @Override
                    public void changed() {
                        scheduleRebuild();
                    }
                }, options.dnsService());
        try {
            loader.load();
        } catch (ClusterException e) {
            throw new SessionException(info.name() + ": " + e.getMessage(), e);
        }
        progress.update("Building the DNS model", -1);
        rebuild();
        if (options.dnsService().isPresent() && current.dns().service().isEmpty()) {
            throw new SessionException(givenServiceMissing(options.dnsService().get()));
        }
        if (loader.corefile().isEmpty() && corefileForbidden() && options.clusterDomain().isEmpty()
                && options.corefile().isEmpty()
                && loader.locateDns(loader.snapshot()).flavor() != DnsServers.Flavor.KUBE_DNS) {
            progress.update("Asking the cluster DNS for its zone", -1);
            detectDomain();
            rebuild();
        }
        loader.watch();
    }

    /** Why the Service named with --dns-service is not there: absent, or not readable by this user. */
    private String givenServiceMissing(DnsServers.ServiceRef given) {
        String refused = loader.report().problems().stream()
                .filter(p -> p.resource().equals("services") && p.namespace().equals(given.namespace()))
                .map(p -> "; " + p.describe()).findFirst().orElse("");
        return "--dns-service " + given.id() + ": " + (refused.isEmpty()
                ? "there is no Service " + given.id() + " in " + info.name()
                : "Service " + given.id() + " could not be read" + refused);
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
        Optional<String> ip = now.dns().address();
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
                                    + "in " + loader.corefileOrigin() + " cannot be read";
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
        LoadSummary report = LoadSummary.of(loader.report());
        Inspection previous = current;
        if (!force && previous != null && previous.snapshot().equals(snapshot) && previous.report().equals(report)) {
            return;
        }
        List<String> notes = new ArrayList<>();
        Corefile corefile;
        String domainSource;
        DnsServers.Found dns = loader.locateDns(snapshot);
        try {
            if (options.corefile().isEmpty() && dns.flavor() == DnsServers.Flavor.KUBE_DNS) {
                corefile = KubeDnsSetup.corefile(snapshot, notes);
            } else if (options.corefile().isPresent()) {
                corefile = CorefileSource.fromFile(options.corefile().get());
            } else if (snapshot.corefile() != null) {
                corefile = fromConfigMap(snapshot.corefile(), loader.corefileOrigin(),
                        CorefileSource.files(snapshot, options.corefileDir()), notes);
            } else {
                corefile = CorefileParser.kubeadmDefault();
                if (dns.cloudDns()) {
                    notes.add("Cloud DNS for GKE has no Corefile: kdi predicts with the rules of kubeadm's default "
                            + "Corefile.");
                } else if (!corefileForbidden()) {
                    // A forbidden ConfigMap is already one of the report's warnings, which says this.
                    notes.add("No " + loader.corefileOrigin() + ": kubeadm's default Corefile is assumed.");
                }
            }
        } catch (ManifestException e) {
            corefile = CorefileParser.kubeadmDefault();
            notes.add(e.getMessage() + "; kubeadm's default Corefile is assumed instead.");
        }
        if (!corefile.isKubeDns()) {
            // kube-dns's image version is not a CoreDNS release: its routing keeps the default order.
            corefile = corefile.withOrder(CorefileSource.order(snapshot, options.corednsVersion()));
        }
        domainSource = corefile.isKubeDns() ? KubeDnsSetup.DOMAIN_SOURCE : "the Corefile (" + corefile.origin() + ")";
        if (options.clusterDomain().isPresent()) {
            corefile = corefile.withClusterDomain(options.clusterDomain().get());
            domainSource = "--cluster-domain";
        } else if (detectedDomain != null) {
            corefile = corefile.withClusterDomain(detectedDomain);
            domainSource = detectedDomainSource;
        } else if (!corefile.isKubeDns() && snapshot.corefile() == null && corefileForbidden()) {
            domainSource = "the default cluster.local (the Corefile is unreadable and the DNS did not say)";
        }
        // The DNS's notes and the report's problems travel in the inspection on their own.
        Inspection next = Inspections.build(generation.incrementAndGet(), snapshot, corefile, domainSource, dns, report,
                notes, clock.instant());
        current = next;
        pool.update(dns.replicas());
        listeners.forEach(l -> l.inspectionChanged(next));
    }

    private static Corefile fromConfigMap(String text, String origin, CorefileFiles files, List<String> notes) {
        try {
            return CorefileParser.parse(text, origin, files);
        } catch (CorefileException e) {
            notes.add(origin + ": " + e.getMessage() + "; kubeadm's default Corefile is assumed.");
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
            if (pool.ids().isEmpty()) {
                // Why there is none answers a request for one by name too.
                return CompletableFuture.failedFuture(new SessionException(noReplicas()));
            }
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
        // Replicas exist but every forward failed for good (a refused port-forward, say): their
        // reason is the answer, not the absence of replicas.
        if (pool != null && !pool.ids().isEmpty() && pool.pickUsable(null).isEmpty()) {
            List<String> reasons = pool.statuses().stream().filter(s -> s.state() instanceof ReplicaState.Failed)
                    .map(s -> s.state().detail()).distinct().toList();
            if (!reasons.isEmpty()) {
                return "no DNS replica can be asked: " + String.join("; ", reasons);
            }
        }
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
        // Cancelling the future stops the run: no further question goes out.
        CompletableFuture<CheckReport> result = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                result.complete(new CheckRun(pool, at.model(), request, progress, noReplicas(), result::isCancelled).run());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<HealthReport> health(HealthRequest request) {
        return health(request, Progress.NONE);
    }

    @Override
    public CompletableFuture<HealthReport> health(HealthRequest request, Progress progress) {
        Inspection at = current;
        if (at == null || connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the session has not started"));
        }
        PodHttp http = new PodHttp(connection.forwarder(), scheduler, HTTP_TIMEOUT);
        CompletableFuture<HealthReport> result = new CompletableFuture<>();
        Future<?> running = worker.submit(() -> {
            try {
                result.complete(new HealthRun(at, http, connection.podDetails(), worker).run(request, replicas(),
                        progress));
            } catch (InterruptedException e) {
                result.completeExceptionally(new CancellationException("interrupted while asking the DNS replicas'"
                        + " health"));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        // Cancelling the answer interrupts the asking, which abandons the requests in flight.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                running.cancel(true);
            }
        });
        return result;
    }

    @Override
    public void refresh(Progress progress) throws SessionException, InterruptedException {
        ClusterLoader old = loader;
        ClusterLoader fresh = connection.loader(options.namespaces(), options.pageSize(), scheduler, clock,
                this::scheduleRebuild, options.dnsService());
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
        if (connection != null) {
            connection.close();
        }
        scheduler.shutdownNow();
        worker.shutdownNow();
        listeners.clear();
    }

}
