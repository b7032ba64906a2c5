package dev.kdi.session.watch;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.compare.Comparison;
import dev.kdi.session.Inspection;
import dev.kdi.session.ReplicaAnswer;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.Session;
import dev.kdi.session.SessionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One watch: every interval, asks every replica of the session each watched question, and tells
 * its listener each answer (or failure), whether it differs from that replica's previous one, and
 * what the API reported meanwhile. Replicas that stop being ready DNS endpoints leave (reported
 * gone); new ones join at the next round. The rate never exceeds {@link WatchRequest#MAX_RATE}
 * questions a second: the interval stretches, and the listener hears so.
 *
 * <p>Time comes from the injected clock and rounds run on the injected scheduler, so a test can
 * drive {@link #round()} itself.
 */
public final class Watch implements AutoCloseable {

    /** Hears what the watch sees; called on session threads. */
    public interface Listener {
        /**
         * @param change whether this is news: the first answer of a replica for the name, an answer
         *     different from its previous one, a failure after an answer, or any API event
         */
        void event(WatchEvent event, boolean change);

        /** Something the user should know about the watch itself (the interval stretched). */
        default void notice(String text) {
        }
    }

    private final Session session;
    private final WatchRequest request;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    // Guarded by this.
    private final Map<String, String> last = new HashMap<>();
    private final Set<String> replicas = new LinkedHashSet<>();
    private final Map<Question, Answer> predicted = new HashMap<>();
    private long predictedFor = -1;
    /** Whether the first replicas are known: later ones join. */
    private boolean knowsReplicas;
    private Inspection seen;
    private Duration announced;
    private AutoCloseable subscription;
    private ScheduledFuture<?> next;
    private boolean closed;

    public Watch(Session session, WatchRequest request, Clock clock, ScheduledExecutorService scheduler,
                 Listener listener) {
        this.session = session;
        this.request = request;
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    public WatchRequest request() {
        return request;
    }

    /** Follows the session's changes and starts asking, the first round at once. */
    public synchronized void start() {
        follow();
        schedule(Duration.ZERO);
    }

    /**
     * Follows the session's changes (API events, replicas coming and going) without asking on its
     * own: the caller runs {@link #round()}.
     */
    public synchronized void follow() {
        if (subscription != null) {
            return;
        }
        seen = session.current();
        subscription = session.subscribe(new SessionListener() {
            @Override
            public void inspectionChanged(Inspection inspection) {
                apiChanged(inspection);
            }

            @Override
            public void replicasChanged(List<ReplicaStatus> statuses) {
                followReplicas(statuses);
            }
        });
    }

    private synchronized void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            next = scheduler.schedule(this::tick, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closed = true;
        }
    }

    private void tick() {
        long started = System.nanoTime();
        CompletableFuture<Void> answered;
        try {
            answered = round();
        } catch (RuntimeException e) {
            answered = CompletableFuture.completedFuture(null);
        }
        // The next round waits for this one's answers: slow replicas must not stack rounds up and
        // push the rate past the limit.
        answered.whenComplete((v, t) -> {
            Duration left = interval().minus(Duration.ofNanos(System.nanoTime() - started));
            schedule(left.isNegative() ? Duration.ZERO : left);
        });
    }

    /** The interval in force: the requested one, stretched to keep to the rate limit. */
    public Duration interval() {
        return request.effectiveInterval(session.replicas().size());
    }

    /**
     * Asks every replica every question once; completes when every answer (or failure) has been
     * told to the listener.
     */
    public CompletableFuture<Void> round() {
        List<ReplicaStatus> statuses = session.replicas();
        followReplicas(statuses);
        announceInterval(request.effectiveInterval(statuses.size()), statuses.size());
        Instant at = clock.instant();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (ReplicaStatus r : statuses) {
            for (Question q : request.questions()) {
                all.add(ask(q, r.id(), at));
            }
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    private CompletableFuture<Void> ask(Question q, String replica, Instant at) {
        CompletableFuture<List<ReplicaAnswer>> asked;
        try {
            asked = session.ask(q, ReplicaChoice.one(replica));
        } catch (RuntimeException e) {
            asked = CompletableFuture.failedFuture(e);
        }
        return asked.handle((answers, t) -> {
            WatchEvent e;
            if (t != null) {
                Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                e = WatchEvent.failure(at, q.name(), q.type().mnemonic(), replica, String.valueOf(cause.getMessage()));
            } else if (answers.isEmpty() || answers.get(0).answer().isEmpty()) {
                String why = answers.isEmpty() ? "no answer" : answers.get(0).error().orElse("no answer");
                e = WatchEvent.failure(at, q.name(), q.type().mnemonic(), replica, why);
            } else {
                ReplicaAnswer a = answers.get(0);
                Answer live = a.answer().get();
                e = WatchEvent.answer(at, q.name(), q.type().mnemonic(), replica, live.status().name(),
                        records(live), a.roundTrip().toNanos() / 1e6,
                        Comparison.compare(prediction(q), live).isAgreement());
            }
            boolean change;
            synchronized (this) {
                if (closed || !replicas.contains(replica)) {
                    return null;
                }
                String before = last.put(q.name() + " " + q.type().mnemonic() + " " + replica, e.signature());
                change = !e.signature().equals(before);
            }
            listener.event(e, change);
            return null;
        });
    }

    /** The answer section as the watch records it: {@code TYPE data}, sorted, so rotation is no change. */
    static List<String> records(Answer a) {
        List<String> out = new ArrayList<>(a.answer().size());
        for (ResourceRecord r : a.answer()) {
            out.add(r.type().mnemonic() + " " + r.data().text());
        }
        out.sort(null);
        return out;
    }

    private synchronized Answer prediction(Question q) {
        Inspection at = session.current();
        if (at.generation() != predictedFor) {
            predicted.clear();
            predictedFor = at.generation();
        }
        return predicted.computeIfAbsent(q, at.model()::answer);
    }

    private void announceInterval(Duration effective, int replicaCount) {
        boolean tell;
        synchronized (this) {
            tell = !effective.equals(announced) && (announced != null || !effective.equals(request.interval()));
            announced = effective;
        }
        if (tell) {
            long perRound = (long) Math.max(1, replicaCount) * request.questions().size();
            listener.notice(effective.equals(request.interval())
                    ? "asking every " + GoDuration.format(effective) + " again, as requested"
                    : perRound + " questions a round would exceed " + WatchRequest.MAX_RATE
                    + " a second every " + GoDuration.format(request.interval()) + ": asking every "
                    + GoDuration.format(effective) + " instead");
        }
    }

    private void followReplicas(List<ReplicaStatus> statuses) {
        Instant at = clock.instant();
        List<WatchEvent> events = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            Set<String> now = new LinkedHashSet<>();
            statuses.forEach(s -> now.add(s.id()));
            for (String id : List.copyOf(replicas)) {
                if (!now.contains(id)) {
                    replicas.remove(id);
                    last.keySet().removeIf(k -> k.endsWith(" " + id));
                    events.add(WatchEvent.api(at, null, id, WatchEvent.REPLICA_GONE
                            + ": no longer a ready DNS endpoint, not asked any more"));
                }
            }
            for (String id : now) {
                if (replicas.add(id) && knowsReplicas) {
                    events.add(WatchEvent.api(at, null, id, WatchEvent.REPLICA_JOINED + ": a ready DNS endpoint, asked "
                            + "from now on"));
                }
            }
            knowsReplicas = true;
        }
        events.forEach(e -> listener.event(e, true));
    }

    private void apiChanged(Inspection next) {
        List<WatchEvent> events;
        synchronized (this) {
            if (closed) {
                return;
            }
            Inspection before = seen;
            seen = next;
            events = before == null ? List.of() : ApiChanges.between(before, next, request.questions(), clock.instant());
        }
        events.forEach(e -> listener.event(e, true));
        followReplicas(session.replicas());
    }

    /** Stops asking; answers still in flight are dropped. */
    @Override
    public void close() {
        AutoCloseable sub;
        synchronized (this) {
            closed = true;
            if (next != null) {
                next.cancel(false);
            }
            sub = subscription;
            subscription = null;
        }
        if (sub != null) {
            try {
                sub.close();
            } catch (Exception e) {
                // Removing a listener from a closed session has nothing left to undo.
            }
        }
    }
}
