package dev.kdi.ui.replicas;

import dev.kdi.session.HealthReport;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.session.HealthReport.Finding;
import dev.kdi.session.HealthRequest;
import dev.kdi.session.NamedThreads;
import dev.kdi.session.Progress;
import dev.kdi.session.Session;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Replicas tab's state: asks the session for every DNS replica's health (what {@code kdi
 * health} asks) off the UI thread, on the interval the user sets while the tab shows, and keeps
 * each replica's request rate and SERVFAIL/NXDOMAIN shares over the session. Rates come from two
 * readings: the session's own pair within one refresh for the first point, then one refresh's
 * counters against the one before, so that no query between refreshes goes uncounted.
 *
 * <p>Every property changes on the UI thread only.
 */
public final class ReplicasModel implements AutoCloseable {
    /** How long the session waits between its two readings of {@code /metrics} in one refresh. */
    static final Duration READING_GAP = Duration.ofSeconds(1);
    /** Points kept per replica: an hour at the default interval. */
    static final int HISTORY = 720;

    /** How often the tab refreshes while it shows. */
    public enum Every {
        OFF("Off", Duration.ZERO), TWO_SECONDS("2 s", Duration.ofSeconds(2)), FIVE_SECONDS("5 s", Duration.ofSeconds(5)),
        TEN_SECONDS("10 s", Duration.ofSeconds(10)), THIRTY_SECONDS("30 s", Duration.ofSeconds(30)),
        ONE_MINUTE("1 min", Duration.ofMinutes(1));

        private final String label;
        private final Duration interval;

        Every(String label, Duration interval) {
            this.label = label;
            this.interval = interval;
        }

        public Duration interval() {
            return interval;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A replica's state in one word, for its badge: the worst of what it said. */
    public enum Verdict {
        HEALTHY("Healthy"), WARNINGS("Warnings"), NOT_READY("Not ready"), UNHEALTHY("Unhealthy"),
        UNREACHABLE("Unreachable");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        static Verdict of(HealthReport.Replica r, List<Finding> findings) {
            if (r.health().state() == EndpointState.UNREACHABLE && r.ready().state() == EndpointState.UNREACHABLE
                    && r.metrics().state() == EndpointState.UNREACHABLE) {
                return UNREACHABLE;
            }
            if (r.health().state() == EndpointState.FAILING) {
                return UNHEALTHY;
            }
            if (r.ready().state() == EndpointState.FAILING) {
                return NOT_READY;
            }
            return findings.stream().anyMatch(f -> f.severity() == HealthReport.Severity.WARNING) ? WARNINGS : HEALTHY;
        }
    }

    /**
     * One point of a replica's chart.
     *
     * @param seconds since the tab's first reading
     * @param requestsPerSecond queries per second
     * @param servfailPercent share of replies that were SERVFAIL, 0 to 100
     * @param nxdomainPercent share that were NXDOMAIN, 0 to 100
     */
    public record Point(double seconds, double requestsPerSecond, double servfailPercent, double nxdomainPercent) {
    }

    /**
     * One replica as the tab shows it.
     *
     * @param replica what its endpoints and pod said last
     * @param verdict the badge
     * @param findings the findings about it alone
     * @param rates the latest rates, when two readings were had
     * @param history its points over the session, oldest first
     */
    public record ReplicaView(HealthReport.Replica replica, Verdict verdict, List<Finding> findings,
                              Optional<HealthReport.Rates> rates, List<Point> history) {
        public ReplicaView {
            findings = List.copyOf(findings);
            history = List.copyOf(history);
        }

        public String id() {
            return replica.id();
        }
    }

    /** How the model reaches the session: its health, as {@code kdi health} asks it. */
    @FunctionalInterface
    public interface Asker {
        CompletableFuture<HealthReport> health(HealthRequest request, Progress progress);

        /** The session open now, or null when none is. */
        static Supplier<Asker> of(Supplier<Session> session) {
            return () -> {
                Session s = session.get();
                return s == null ? null : s::health;
            };
        }
    }

    private final Supplier<Asker> session;
    private final TaskExecutor executor;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ObjectProperty<Every> every = new SimpleObjectProperty<>(this, "every", Every.FIVE_SECONDS);
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyObjectWrapper<Instant> readAt = new ReadOnlyObjectWrapper<>(this, "readAt");
    private final ObservableList<ReplicaView> replicas = FXCollections.observableArrayList();
    private final ObservableList<Finding> clusterFindings = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    // The rest is touched on the UI thread only.
    private final Map<String, HealthReport.Counters> lastCounters = new HashMap<>();
    private final Map<String, List<Point>> histories = new HashMap<>();
    private Instant lastReading;
    private Instant firstReading;
    private TaskExecutor.Running fetching = TaskExecutor.Running.DONE;
    private CompletableFuture<HealthReport> inFlight;
    private ScheduledFuture<?> next;
    /** Which refresh's outcome is wanted; an older one (cancelled, or of another session) is dropped. */
    private long refreshes;
    /** The refresh whose asking may go on, read by the worker that starts it (guarded by this). */
    private long wanted;

    /**
     * @param session the session open now (null when none)
     * @param executor runs the asking off the UI thread and hands its outcome back to it
     */
    public ReplicasModel(Supplier<Asker> session, TaskExecutor executor, Clock clock) {
        this.session = session;
        this.executor = executor;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("kdi-replicas-timer"));
        showing.addListener((o, was, now) -> {
            if (now) {
                refresh();
            } else {
                unschedule();
            }
        });
        every.addListener((o, was, now) -> {
            unschedule();
            if (!running.get()) {
                schedule();
            }
        });
    }

    /** Another session: what was shown belongs to the old cluster. */
    public void reset() {
        cancelQuietly();
        unschedule();
        lastCounters.clear();
        histories.clear();
        firstReading = null;
        lastReading = null;
        replicas.clear();
        clusterFindings.clear();
        notes.clear();
        source.set("");
        readAt.set(null);
        failed.set(false);
        message.set("");
        if (showing.get()) {
            refresh();
        }
    }

    /** Asks every replica now; a refresh already running is left to finish. */
    public void refresh() {
        if (running.get()) {
            return;
        }
        unschedule();
        Asker s = session.get();
        if (s == null) {
            message.set("No cluster is open: there is no DNS replica to ask.");
            return;
        }
        long mine = ++refreshes;
        synchronized (this) {
            wanted = mine;
        }
        running.set(true);
        progress.set(-1);
        if (replicas.isEmpty() || failed.get()) {
            message.set("Asking the DNS replicas…");
        }
        fetching = BackgroundTask.of("Asking the DNS replicas' health", ctx -> {
            CompletableFuture<HealthReport> f = s.health(new HealthRequest(Optional.empty(), READING_GAP),
                    ctx::progress);
            synchronized (this) {
                if (mine != wanted) {
                    // Cancelled while the session was starting it.
                    f.cancel(true);
                }
                inFlight = f;
            }
            try {
                return f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }).onProgress((m, f) -> {
            if (mine == refreshes) {
                progress.set(f);
                // Once replicas show, the summary stays put: the progress bar says a refresh is on.
                if (replicas.isEmpty()) {
                    message.set(m);
                }
            }
        }).onSuccess(report -> {
            if (mine != refreshes) {
                return;
            }
            running.set(false);
            show(report, clock.instant());
            schedule();
        }).onFailure(e -> {
            if (mine != refreshes) {
                return;
            }
            running.set(false);
            if (Failures.unwrap(e) instanceof CancellationException) {
                message.set("Cancelled." + (replicas.isEmpty() ? "" : " The replicas show the last reading."));
                return;
            }
            failed.set(true);
            message.set("Could not ask the DNS replicas: " + Failures.describe(e)
                    + (replicas.isEmpty() ? "" : ". The replicas show the last reading."));
            // The next refresh may well work (a forward re-opened, a pod replaced): keep trying.
            schedule();
        }).runOnce(executor);
    }

    /** Stops the refresh running now, and the interval until the user asks again. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        cancelQuietly();
        progress.set(0);
        every.set(Every.OFF);
        message.set("Cancelled; refreshing is off." + (replicas.isEmpty() ? "" : " The replicas show the last reading."));
    }

    private void cancelQuietly() {
        refreshes++;
        fetching.cancel();
        synchronized (this) {
            wanted = -1;
            if (inFlight != null) {
                inFlight.cancel(true);
                inFlight = null;
            }
        }
        running.set(false);
    }

    void show(HealthReport report, Instant at) {
        failed.set(false);
        source.set(report.source());
        notes.setAll(report.notes());
        clusterFindings.setAll(report.findings().stream().filter(f -> f.replica().isEmpty()).toList());
        if (firstReading == null) {
            firstReading = at;
        }
        double seconds = Duration.between(firstReading, at).toMillis() / 1000.0;
        Duration since = lastReading == null ? Duration.ZERO : Duration.between(lastReading, at);
        List<ReplicaView> shown = new ArrayList<>();
        Map<String, HealthReport.Counters> counters = new HashMap<>();
        for (HealthReport.Replica r : report.replicas()) {
            Optional<HealthReport.Rates> rates = r.rates();
            HealthReport.Counters before = lastCounters.get(r.id());
            if (before != null && r.counters().isPresent() && !since.isZero() && !since.isNegative()) {
                // Against the refresh before: counts every query since then, not only the last second's.
                rates = Optional.of(HealthReport.Rates.between(before, r.counters().get(), since));
            }
            r.counters().ifPresent(c -> counters.put(r.id(), c));
            List<Point> history = histories.computeIfAbsent(r.id(), k -> new ArrayList<>());
            rates.ifPresent(x -> {
                history.add(new Point(seconds, x.requestsPerSecond(), 100 * x.servfailShare(),
                        100 * x.nxdomainShare()));
                if (history.size() > HISTORY) {
                    history.remove(0);
                }
            });
            List<Finding> own = report.findings().stream().filter(f -> f.replica().equals(r.id())).toList();
            shown.add(new ReplicaView(r, Verdict.of(r, own), own, rates, history));
        }
        lastCounters.clear();
        lastCounters.putAll(counters);
        // A replica gone (scaled down, replaced) takes its chart with it.
        histories.keySet().retainAll(shown.stream().map(ReplicaView::id).toList());
        lastReading = at;
        replicas.setAll(shown);
        readAt.set(at);
        progress.set(1);
        message.set(summary(report, shown));
    }

    private static String summary(HealthReport report, List<ReplicaView> shown) {
        if (shown.isEmpty()) {
            return report.notes().isEmpty() ? "There is no DNS replica to ask." : String.join("; ", report.notes())
                    + ".";
        }
        // Ready, not "healthy": a replica with only warnings serves, and "0 healthy" beside two
        // serving replicas read as an outage.
        long ready = shown.stream().filter(v -> v.verdict() == Verdict.HEALTHY || v.verdict() == Verdict.WARNINGS)
                .count();
        long warnings = report.findings().stream().filter(f -> f.severity() == HealthReport.Severity.WARNING).count();
        return Texts.count(shown.size(), "replica", "replicas") + ", " + ready + " ready; "
                + (warnings == 0 ? "no warnings." : Texts.count(warnings, "warning", "warnings") + ".");
    }

    private void schedule() {
        Duration d = every.get() == null ? Duration.ZERO : every.get().interval();
        if (!showing.get() || d.isZero() || timer.isShutdown()) {
            return;
        }
        long mine = refreshes;
        next = timer.schedule(() -> executor.onUiThread(() -> {
            if (mine == refreshes && showing.get()) {
                refresh();
            }
        }), d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void unschedule() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    @Override
    public void close() {
        cancelQuietly();
        timer.shutdownNow();
    }

    /** How often to refresh while the tab shows. */
    public ObjectProperty<Every> every() {
        return every;
    }

    /** Whether the tab shows: refreshing runs only then. */
    public BooleanProperty showing() {
        return showing;
    }

    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** 0..1, negative when unknown. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening, the last refresh's summary, or why it failed. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** Whether the last refresh failed (the message says why). */
    public ReadOnlyBooleanProperty failed() {
        return failed.getReadOnlyProperty();
    }

    /** Where the cluster DNS was found and where its Corefile came from. */
    public ReadOnlyStringProperty source() {
        return source.getReadOnlyProperty();
    }

    /** When the replicas shown were read, or null before the first reading. */
    public ReadOnlyObjectProperty<Instant> readAt() {
        return readAt.getReadOnlyProperty();
    }

    /** The replicas as last read, in the session's order. */
    public ObservableList<ReplicaView> replicas() {
        return replicas;
    }

    /** Findings about the replicas together (lameduck, spread, disruption budget). */
    public ObservableList<Finding> clusterFindings() {
        return clusterFindings;
    }

    /** Why nothing could be asked, or what else to know. */
    public ObservableList<String> notes() {
        return notes;
    }
}
