package dev.kdi.ui.fake;

import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.LoadReport;
import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.Status;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.session.CheckPlan;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.ClusterDns;
import dev.kdi.session.Inspection;
import dev.kdi.session.LoadSummary;
import dev.kdi.session.Progress;
import dev.kdi.session.ReplicaAnswer;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.ReplicaState;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session over a given snapshot: the real model predicts, scripted replicas answer from that
 * same model (one may miss a namespace, one may have a failed forward), and {@link #publish}
 * delivers a changed cluster as a live session would.
 */
public final class FakeSession implements Session {
    private final SessionInfo info;
    private final Corefile corefile;
    private final Clock clock;
    private final Map<String, ReplicaScript> replicas = new LinkedHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dns;
    private final AtomicInteger questions = new AtomicInteger();
    private volatile ClusterSnapshot snapshot;
    private volatile Inspection current;
    private volatile Duration startDelay = Duration.ZERO;
    private volatile LoadReport report;
    private long generation;
    private boolean closed;

    public FakeSession(SessionInfo info, ClusterSnapshot snapshot, Corefile corefile, Clock clock,
                       List<ReplicaScript> scripts) {
        this.info = info;
        this.snapshot = snapshot;
        this.corefile = corefile;
        this.clock = clock;
        scripts.forEach(s -> replicas.put(s.id(), s));
        this.dns = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-dns");
            t.setDaemon(true);
            return t;
        });
    }

    /** Makes {@link #start} take a while, to see the loading screen. */
    public FakeSession slowStart(Duration delay) {
        this.startDelay = delay;
        return this;
    }

    /** The load report the next inspection carries (partial or stale views). */
    public FakeSession report(LoadReport next) {
        this.report = next;
        return this;
    }

    @Override
    public SessionInfo info() {
        return info;
    }

    @Override
    public void start(Progress progress) throws InterruptedException {
        progress.update("Reading the cluster", -1);
        long steps = Math.max(1, startDelay.toMillis() / 50);
        for (long i = 0; i < steps && !startDelay.isZero(); i++) {
            Thread.sleep(50);
            progress.update("Loading pods: " + (i * 1000 / steps) + " of 1,000", i / (double) steps);
        }
        publish(snapshot);
    }

    /** A new inspection of {@code next}, told to every listener as a live update would be. */
    public synchronized void publish(ClusterSnapshot next) {
        this.snapshot = next;
        DnsModel model = DnsModel.build(next, corefile);
        LoadReport r = report != null ? report : new LoadReport(List.of(), List.of(), false, List.of(), clock.instant());
        // A live cluster has its EndpointSlices; manifests get them from the model, so the DNS
        // Service's replicas are found the same way.
        ClusterSnapshot withSlices = new ClusterSnapshot(next.namespaces(), next.services(), model.endpointSlices(),
                next.endpoints(), next.pods(), next.workloads(), next.corefile(), true);
        Inspection inspection = new Inspection(++generation, next, model, Lint.findings(model),
                ClusterDns.of(DnsServers.locate(withSlices)), LoadSummary.of(r), corefile.origin(), "the Corefile (" + corefile.origin() + ")",
                clock.instant(), List.of());
        current = inspection;
        listeners.forEach(l -> l.inspectionChanged(inspection));
    }

    /** Changes a replica's behaviour and tells listeners its new state. */
    public void script(ReplicaScript next) {
        synchronized (replicas) {
            replicas.put(next.id(), next);
        }
        List<ReplicaStatus> now = replicas();
        listeners.forEach(l -> l.replicasChanged(now));
    }

    /** Takes a replica away (its pod deleted) and tells listeners. */
    public void remove(String pod) {
        synchronized (replicas) {
            replicas.remove("kube-system/" + pod);
        }
        List<ReplicaStatus> now = replicas();
        listeners.forEach(l -> l.replicasChanged(now));
    }

    /** How many questions the replicas were asked. */
    public int questionsAsked() {
        return questions.get();
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
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
        List<ReplicaStatus> out = new ArrayList<>();
        synchronized (replicas) {
            for (ReplicaScript s : replicas.values()) {
                ReplicaState state = s.failure().<ReplicaState>map(ReplicaState.Failed::new)
                        .orElse(new ReplicaState.Ready());
                out.add(new ReplicaStatus(s.id(), "kube-system", s.pod(), s.address(), 53, state));
            }
        }
        return out;
    }

    @Override
    public CompletableFuture<List<ReplicaAnswer>> ask(Question question, ReplicaChoice choice) {
        List<ReplicaScript> chosen = choose(choice);
        if (chosen.isEmpty()) {
            return CompletableFuture.failedFuture(new SessionException("no DNS replica is ready to ask"));
        }
        Inspection in = current;
        return CompletableFuture.supplyAsync(() -> {
            List<ReplicaAnswer> out = new ArrayList<>();
            for (ReplicaScript s : chosen) {
                out.add(answer(s, in.model(), question));
            }
            return out;
        }, dns);
    }

    private List<ReplicaScript> choose(ReplicaChoice choice) {
        List<ReplicaScript> all;
        synchronized (replicas) {
            all = List.copyOf(replicas.values());
        }
        if (choice instanceof ReplicaChoice.One one) {
            return all.stream().filter(s -> s.id().equals(one.replica()) || s.pod().equals(one.replica())).toList();
        }
        if (choice instanceof ReplicaChoice.AnyReady) {
            return all.stream().filter(s -> s.failure().isEmpty()).limit(1).toList();
        }
        return all;
    }

    private ReplicaAnswer answer(ReplicaScript s, DnsModel model, Question q) {
        questions.incrementAndGet();
        if (s.failure().isPresent()) {
            return ReplicaAnswer.failed(s.id(), q, "the port-forward to " + s.pod() + " failed: " + s.failure().get());
        }
        Answer predicted = model.answer(q);
        String zone = model.clusterDomain().orElse("cluster.local.");
        boolean misses = s.missing().isPresent() && (DnsNames.isSubdomain(s.missing().get() + ".svc." + zone, q.name())
                || DnsNames.isSubdomain(s.missing().get() + ".pod." + zone, q.name())
                || predicted.answer().stream().anyMatch(r -> r.data().text().contains("." + s.missing().get() + ".svc.")));
        Answer live;
        if (misses) {
            live = new Answer(q, Status.NXDOMAIN, List.of(), List.of(), null, false, List.of());
        } else {
            Status status = predicted.status() == Status.FORWARDED ? Status.NXDOMAIN : predicted.status();
            live = new Answer(q, status, strip(predicted.answer()), strip(predicted.additional()),
                    predicted.authority(), false, List.of());
        }
        return ReplicaAnswer.answered(s.id(), q, live, s.roundTrip());
    }

    /** A server sends records, not the objects behind them. */
    private static List<ResourceRecord> strip(List<ResourceRecord> records) {
        return records.stream().map(r -> new ResourceRecord(r.owner(), r.ttl(), r.data())).toList();
    }

    @Override
    public CompletableFuture<CheckReport> check(CheckRequest request, Progress progress) {
        Inspection in = current;
        List<ReplicaScript> chosen = request.replica().map(r -> choose(ReplicaChoice.one(r)))
                .orElseGet(() -> choose(ReplicaChoice.all()).stream().filter(s -> s.failure().isEmpty()).toList());
        if (chosen.isEmpty()) {
            return CompletableFuture.failedFuture(new SessionException("no DNS replica is ready to check"));
        }
        return CompletableFuture.supplyAsync(() -> {
            CheckPlan.Plan plan = CheckPlan.plan(in.model(), request);
            List<CheckReport.Item> items = new ArrayList<>();
            int done = 0;
            for (Question q : plan.asked()) {
                Answer predicted = plan.predicted(q);
                for (ReplicaScript s : chosen) {
                    ReplicaAnswer a = answer(s, in.model(), q);
                    items.add(a.answer().isPresent()
                            ? new CheckReport.Item(q, s.id(), Comparison.compare(predicted, a.answer().get()), null)
                            : new CheckReport.Item(q, s.id(), null, a.error().orElse("no answer")));
                }
                progress.update("Checked " + ++done + " of " + plan.asked().size() + " names",
                        done / (double) plan.asked().size());
            }
            return new CheckReport(items, plan.forwarded(), List.of());
        }, dns);
    }

    @Override
    public void refresh(Progress progress) {
        progress.update("Reloading", -1);
        publish(snapshot);
    }

    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        dns.shutdownNow();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** For tests that pick a replica by its state. */
    public Optional<ReplicaScript> script(String pod) {
        synchronized (replicas) {
            return replicas.values().stream().filter(s -> s.pod().equals(pod)).findFirst();
        }
    }
}
