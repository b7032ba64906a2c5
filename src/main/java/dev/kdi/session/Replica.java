package dev.kdi.session;

import dev.kdi.cluster.AccessReview;
import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.ForwardState;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwardStream;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.dns.ByteStream;
import dev.kdi.dns.DnsConnection;
import dev.kdi.dns.DnsException;
import dev.kdi.dns.DnsExchange;
import dev.kdi.records.Question;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One DNS replica's port-forward and the pipelined DNS conversation on it, for {@link ReplicaPool}.
 * Opened on demand; a forward that fails is reopened, at once the first time and then with
 * backoff, and the questions it took down with it are asked again on the new one. One that cannot
 * work (pod gone, forbidden) is marked failed with a reason that says what to do. A dead forward is
 * never reported ready: fabric8 has no keepalive, so a query that gets no reply while nothing else
 * arrived either counts as a sign the forward died.
 */
final class Replica {
    /** Reopenings in a row without a single reply before the replica gives up until asked again. */
    private static final int MAX_ATTEMPTS = 5;
    /** Times one question is asked again after forwards died under it while the replica made no progress. */
    private static final int MAX_TRIES = 4;
    /** How long the reason for a forward's end may take to follow the end of its bytes. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    /**
     * What every replica of a pool shares.
     *
     * @param probe a question every replica answers at once by itself (the zone's SOA), asked when a
     *     question got no reply, to tell a silent server from a dead forward
     * @param publish tells the pool's owner that a replica's state changed; called without a lock held
     */
    record Links(PortForwarder forwarder, AccessReview access, ThreadFactory threads,
                 ScheduledExecutorService scheduler, Duration queryTimeout, Supplier<Question> probe,
                 Runnable publish) {
    }

    private final DnsServers.Replica info;
    private final PortForwarder forwarder;
    private final AccessReview access;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final Duration queryTimeout;
    private final Supplier<Question> probe;
    private final Runnable publish;
    // Guarded by this.
    private ReplicaState state = new ReplicaState.Idle();
    private boolean retryable = true;
    /** Reopenings in a row since the last reply. */
    private int attempts;
    private int reopenings;
    private PortForwardStream stream;
    private DnsConnection connection;
    /** The conversation being opened, which questions wait for; replaced once done. */
    private CompletableFuture<DnsConnection> opening;
    /** Why the forward may not be opened at all, once the access review has said. */
    private CompletableFuture<String> refusal;
    private boolean shutDown;
    /** The API server said the pod does not exist. */
    private boolean podGone;
    /** The forward is being given up because its pod went silent. */
    private boolean silenced;
    /** Replies received on any of this replica's conversations, and when the last came. */
    private long replies;
    private long lastReplyNanos;

    Replica(DnsServers.Replica info, Links links) {
        this.info = info;
        this.forwarder = links.forwarder();
        this.access = links.access();
        this.threads = links.threads();
        this.scheduler = links.scheduler();
        this.queryTimeout = links.queryTimeout();
        this.probe = links.probe();
        this.publish = links.publish();
    }

    DnsServers.Replica info() {
        return info;
    }

    synchronized ReplicaStatus status() {
        return new ReplicaStatus(info.id(), info.namespace(), info.pod(), info.address(), info.port(), state);
    }

    synchronized ReplicaState state() {
        return state;
    }

    synchronized boolean usable() {
        return !shutDown && !(state instanceof ReplicaState.Failed && !retryable);
    }

    synchronized boolean wentAway() {
        return shutDown || podGone;
    }

    synchronized int reopenings() {
        return reopenings;
    }

    CompletableFuture<ReplicaAnswer> ask(Question q) {
        return attempt(q, 0);
    }

    /**
     * One try at a question. A question whose conversation ended under it is asked again on the
     * next one; only tries during which the replica answered nothing at all count toward the
     * limit, so a forward that drops every few answers still gets through every question.
     */
    private CompletableFuture<ReplicaAnswer> attempt(Question q, int fruitlessTries) {
        long startNanos = System.nanoTime();
        long repliesBefore;
        synchronized (this) {
            repliesBefore = replies;
        }
        AtomicReference<DnsConnection> used = new AtomicReference<>();
        return connection().thenCompose(conn -> {
            used.set(conn);
            return conn.query(q, queryTimeout);
        }).handle((DnsExchange ex, Throwable t) -> {
            if (t == null) {
                replied(used.get());
                return CompletableFuture.completedFuture(
                        ReplicaAnswer.answered(info.id(), q, ex.answer(), ex.roundTrip()));
            }
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            return failed(q, cause, used.get(), startNanos, repliesBefore, fruitlessTries);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<ReplicaAnswer> failed(Question q, Throwable cause, DnsConnection conn,
                                                    long startNanos, long repliesBefore, int fruitlessTries) {
        if (cause instanceof DnsException d && d.kind() == DnsException.Kind.TIMEOUT) {
            boolean silent;
            synchronized (this) {
                silent = lastReplyNanos - startNanos < 0;
            }
            if (silent && conn != null) {
                checkAlive(conn);
            }
            return CompletableFuture.completedFuture(ReplicaAnswer.failed(info.id(), q, message(cause)));
        }
        if (!conversationEnded(cause)) {
            return CompletableFuture.completedFuture(ReplicaAnswer.failed(info.id(), q, message(cause)));
        }
        CompletableFuture<String> refused;
        ReplicaState now;
        boolean progress;
        synchronized (this) {
            refused = refusal;
            now = state;
            progress = replies != repliesBefore;
        }
        if (!usable()) {
            String reason = now instanceof ReplicaState.Failed f ? f.reason() : message(cause);
            if (refused != null) {
                // The access review says which permission is missing; it may take a moment.
                return refused.copy().completeOnTimeout(reason, 2 * queryTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .thenApply(why -> ReplicaAnswer.failed(info.id(), q, "replica " + info.id() + ": " + why));
            }
            return CompletableFuture.completedFuture(ReplicaAnswer.failed(info.id(), q,
                    "replica " + info.id() + ": " + reason));
        }
        int tries = progress ? fruitlessTries : fruitlessTries + 1;
        if (tries >= MAX_TRIES) {
            // The forward's own reason (a kubelet error, say) says more than "the connection closed".
            String reason = now instanceof ReplicaState.Reconnecting r ? "replica " + info.id() + ": " + r.reason()
                    : message(cause);
            return CompletableFuture.completedFuture(ReplicaAnswer.failed(info.id(), q, reason));
        }
        // Not on the dying conversation's thread: asking again may open a forward.
        CompletableFuture<ReplicaAnswer> again = new CompletableFuture<>();
        try {
            scheduler.execute(() -> attempt(q, tries).whenComplete((a, e) -> {
                if (e != null) {
                    again.complete(ReplicaAnswer.failed(info.id(), q, message(e)));
                } else {
                    again.complete(a);
                }
            }));
        } catch (RejectedExecutionException e) {
            again.complete(ReplicaAnswer.failed(info.id(), q, message(cause)));
        }
        return again;
    }

    /**
     * A reply on the replica's own conversation proves its forward carries data, so the replica is
     * ready even if the forward's own news, queued on the event thread, has not arrived yet: a
     * caller that got an answer must not then read "connecting".
     */
    private void replied(DnsConnection on) {
        boolean nowReady = false;
        synchronized (this) {
            replies++;
            lastReplyNanos = System.nanoTime();
            attempts = 0;
            if (on != null && on == connection && state instanceof ReplicaState.Connecting) {
                state = new ReplicaState.Ready();
                nowReady = true;
            }
        }
        if (nowReady) {
            publish.run();
        }
    }

    /** The open conversation, or the one being opened (waiting out a reconnection's backoff). */
    private synchronized CompletableFuture<DnsConnection> connection() {
        if (shutDown) {
            return CompletableFuture.failedFuture(new IllegalStateException("replica " + info.id() + " is gone"));
        }
        if (state instanceof ReplicaState.Failed f && !retryable) {
            return CompletableFuture.failedFuture(new IllegalStateException(f.reason()));
        }
        if (connection != null && connection.isOpen()) {
            return CompletableFuture.completedFuture(connection);
        }
        if (opening != null && !opening.isDone()) {
            return opening;
        }
        if (state instanceof ReplicaState.Failed) {
            // Gave up after failed reopenings; a new question tries again.
            attempts = 0;
        }
        opening = new CompletableFuture<>();
        scheduler.execute(this::open);
        return opening;
    }

    private void open() {
        CompletableFuture<DnsConnection> pending;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            pending = opening;
            if (!(state instanceof ReplicaState.Reconnecting)) {
                state = new ReplicaState.Connecting();
            }
        }
        publish.run();
        AtomicReference<PortForwardStream> self = new AtomicReference<>();
        PortForwardStream s = forwarder.open(new PodPort(info.namespace(), info.pod(), info.port()),
                fs -> forwardState(self, fs));
        self.set(s);
        DnsConnection conn = DnsConnection.open(ByteStream.of(s.fromPod(), s.toPod(),
                "pod " + info.id() + " port " + info.port()), threads, scheduler, this::died);
        boolean ready;
        synchronized (this) {
            if (shutDown) {
                conn.close();
                s.close();
                return;
            }
            stream = s;
            connection = conn;
            // Ready may have been told before this stream became the replica's own.
            ready = s.state() instanceof ForwardState.Ready && !(state instanceof ReplicaState.Ready);
            if (ready) {
                state = new ReplicaState.Ready();
            }
        }
        if (ready) {
            publish.run();
        }
        if (!conn.isOpen() || s.state().isFinal()) {
            // It ended before it became the replica's own, so neither the forward's news nor the
            // conversation's end was heard: handle it now.
            died(conn, conn.failure().orElseGet(() -> new DnsException(DnsException.Kind.CLOSED,
                    "the forward to pod " + info.id() + " ended as it opened")));
        }
        if (pending != null) {
            pending.complete(conn);
        }
    }

    private void forwardState(AtomicReference<PortForwardStream> which, ForwardState fs) {
        boolean changed;
        synchronized (this) {
            if (shutDown || which.get() != stream || stream == null) {
                return;
            }
            ReplicaState before = state;
            if (fs instanceof ForwardState.Ready) {
                state = new ReplicaState.Ready();
            } else if (fs instanceof ForwardState.Failed f) {
                failed(f);
            }
            changed = !before.equals(state);
        }
        if (changed) {
            publish.run();
        }
    }

    /** The conversation ended on its own; the forward, if it ended too, knows best why. */
    private void died(DnsConnection c, DnsException cause) {
        PortForwardStream s;
        synchronized (this) {
            if (c != connection || shutDown) {
                return;
            }
            s = stream;
        }
        ForwardState fs = null;
        if (s != null && (cause.kind() == DnsException.Kind.CLOSED || cause.kind() == DnsException.Kind.IO)) {
            try {
                fs = s.awaitEnded(SETTLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (c != connection || shutDown) {
                return;
            }
            if (fs instanceof ForwardState.Failed f) {
                failed(f);
            } else {
                failed(true, cause.getMessage(), false);
            }
        }
        publish.run();
    }

    /**
     * A question went unanswered while nothing else came back either: the server may just have
     * dropped it, or the forward may be dead (fabric8 has no keepalive, so silence is the only
     * sign). The probe tells: a forward that answers it stays; one that does not is reopened.
     */
    private void checkAlive(DnsConnection conn) {
        long start = System.nanoTime();
        conn.query(probe.get(), queryTimeout).whenComplete((ex, t) -> {
            if (t == null) {
                replied(conn);
                return;
            }
            boolean silent;
            synchronized (this) {
                silent = lastReplyNanos - start < 0;
            }
            if (silent) {
                suspect(conn, "no reply within " + queryTimeout.toMillis() + " ms, not even to a probe");
            }
        });
    }

    private void suspect(DnsConnection conn, String reason) {
        synchronized (this) {
            if (shutDown || conn != connection
                    || !(state instanceof ReplicaState.Ready || state instanceof ReplicaState.Connecting)) {
                return;
            }
            silenced = true;
            failed(true, reason, false);
        }
        publish.run();
    }

    /** Called with the lock held. */
    private void failed(ForwardState.Failed f) {
        podGone |= f.kind() == ForwardState.FailureKind.POD_NOT_FOUND;
        failed(f.kind().retryable(), f.reason(), f.kind() == ForwardState.FailureKind.FORBIDDEN);
    }

    /** Called with the lock held. */
    private void failed(boolean canRetry, String reason, boolean forbidden) {
        closeQuietly();
        if (!canRetry) {
            retryable = false;
            state = new ReplicaState.Failed(reason);
            if (forbidden && refusal == null) {
                // Before the waiting questions fail below: they look for it.
                refusal = new CompletableFuture<>();
                // The access review talks to the API server: never on the forward's event thread.
                execute(() -> explainForbidden(reason));
            }
            if (opening != null) {
                opening.completeExceptionally(new IllegalStateException(reason));
            }
            return;
        }
        attempts++;
        if (attempts > MAX_ATTEMPTS) {
            state = new ReplicaState.Failed(reason + " (gave up after " + MAX_ATTEMPTS
                    + " attempts; the next question tries again)");
            if (opening != null) {
                opening.completeExceptionally(new IllegalStateException(reason));
            }
            return;
        }
        reopenings++;
        state = new ReplicaState.Reconnecting(attempts, reason);
        if (opening == null || opening.isDone()) {
            // Questions asked from now on wait for the reopened forward.
            opening = new CompletableFuture<>();
        }
        // A forward that merely dropped is reopened at once; one that keeps failing, or whose pod
        // went silent (a new forward will not cure that), with backoff.
        long delay = attempts == 1 && !silenced ? 0 : Math.min(10_000L, 250L << Math.max(0, attempts - 2));
        silenced = false;
        try {
            scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            opening.completeExceptionally(new IllegalStateException("the session is closing"));
        }
    }

    private void explainForbidden(String reason) {
        String why = reason + ": " + access.explainPortForward(info.namespace());
        CompletableFuture<String> told;
        synchronized (this) {
            told = refusal;
            if (!shutDown && state instanceof ReplicaState.Failed && !retryable) {
                state = new ReplicaState.Failed(why);
            }
        }
        if (told != null) {
            told.complete(why);
        }
        publish.run();
    }

    private void reconnect() {
        synchronized (this) {
            if (shutDown || !(state instanceof ReplicaState.Reconnecting)) {
                return;
            }
            if (opening == null || opening.isDone()) {
                opening = new CompletableFuture<>();
            }
        }
        open();
    }

    private void closeQuietly() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    void shutDown(String reason) {
        synchronized (this) {
            shutDown = true;
            state = new ReplicaState.Failed(reason);
            closeQuietly();
            if (opening != null) {
                opening.completeExceptionally(new IllegalStateException(reason));
            }
        }
    }

    private String message(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return "replica " + info.id() + ": " + m;
    }

    /** Kinds of query failure that mean the conversation, not the question, is gone. */
    private static boolean conversationEnded(Throwable cause) {
        if (cause instanceof DnsException d) {
            return switch (d.kind()) {
                case CLOSED, IO, WRONG_ID, MISMATCHED_QUESTION, GARBLED -> true;
                default -> false;
            };
        }
        return cause instanceof IllegalStateException;
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // The session is closing.
        }
    }
}
