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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One port-forward per DNS replica, opened on demand, carrying one pipelined DNS-over-TCP
 * conversation. A forward that fails (or times out: fabric8 has no keepalive, so a silent dead
 * forward shows only as a query without a reply) is reopened with backoff; one that cannot work
 * (pod gone, forbidden) is marked failed with a reason that says what to do. A dead forward is
 * never reported ready.
 */
final class ReplicaPool implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 5;

    private final PortForwarder forwarder;
    private final AccessReview access;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final Duration queryTimeout;
    private final Consumer<List<ReplicaStatus>> onChange;
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private boolean closed;

    ReplicaPool(PortForwarder forwarder, AccessReview access, ThreadFactory threads, ScheduledExecutorService scheduler,
                Duration queryTimeout, Consumer<List<ReplicaStatus>> onChange) {
        this.forwarder = forwarder;
        this.access = access;
        this.threads = threads;
        this.scheduler = scheduler;
        this.queryTimeout = queryTimeout;
        this.onChange = onChange;
    }

    /** Follows the cluster: new DNS pods join, pods that went away are closed and dropped. */
    void update(List<DnsServers.Replica> current) {
        List<Replica> gone = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            Map<String, DnsServers.Replica> byId = new LinkedHashMap<>();
            current.forEach(r -> byId.put(r.id(), r));
            for (Replica r : replicas.values()) {
                DnsServers.Replica now = byId.get(r.info.id());
                if (now == null || now.port() != r.info.port()) {
                    gone.add(r);
                }
            }
            gone.forEach(r -> replicas.remove(r.info.id()));
            for (DnsServers.Replica r : current) {
                replicas.putIfAbsent(r.id(), new Replica(r));
            }
        }
        gone.forEach(r -> r.shutDown("pod " + r.info.id() + " is no longer a ready DNS endpoint"));
        publish();
    }

    synchronized List<ReplicaStatus> statuses() {
        List<ReplicaStatus> out = new ArrayList<>(replicas.size());
        for (Replica r : replicas.values()) {
            out.add(r.status());
        }
        return out;
    }

    /** The ids of every replica, in order. */
    synchronized List<String> ids() {
        return new ArrayList<>(replicas.keySet());
    }

    /** A replica by id or by pod name. */
    synchronized Optional<String> resolve(String idOrPod) {
        if (replicas.containsKey(idOrPod)) {
            return Optional.of(idOrPod);
        }
        for (Replica r : replicas.values()) {
            if (r.info.pod().equals(idOrPod)) {
                return Optional.of(r.info.id());
            }
        }
        return Optional.empty();
    }

    /** The replica to ask when any will do: a ready one first, then one that may still work. */
    synchronized Optional<String> pickUsable(String avoid) {
        Replica fallback = null;
        for (Replica r : replicas.values()) {
            if (r.info.id().equals(avoid)) {
                continue;
            }
            ReplicaState s = r.state;
            if (s instanceof ReplicaState.Ready) {
                return Optional.of(r.info.id());
            }
            if (fallback == null && !(s instanceof ReplicaState.Failed f && !r.retryable)) {
                fallback = r;
            }
        }
        return Optional.ofNullable(fallback).map(r -> r.info.id());
    }

    /** Whether a replica can still be asked (it exists and has not failed for good). */
    synchronized boolean usable(String id) {
        Replica r = replicas.get(id);
        return r != null && !(r.state instanceof ReplicaState.Failed && !r.retryable);
    }

    /** Asks one replica; failures complete normally as {@link ReplicaAnswer#failed}. */
    CompletableFuture<ReplicaAnswer> ask(String id, Question question) {
        Replica r;
        synchronized (this) {
            r = replicas.get(id);
        }
        if (r == null) {
            return CompletableFuture.completedFuture(ReplicaAnswer.failed(id, question, "no DNS replica " + id));
        }
        return r.ask(question);
    }

    private void publish() {
        onChange.accept(statuses());
    }

    @Override
    public void close() {
        List<Replica> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(replicas.values());
            replicas.clear();
        }
        all.forEach(r -> r.shutDown("the session closed"));
    }

    /** One replica's forward and conversation. */
    private final class Replica {
        final DnsServers.Replica info;
        ReplicaState state = new ReplicaState.Idle();
        boolean retryable = true;
        int attempts;
        PortForwardStream stream;
        DnsConnection connection;
        CompletableFuture<DnsConnection> opening;
        boolean shutDown;

        Replica(DnsServers.Replica info) {
            this.info = info;
        }

        synchronized ReplicaStatus status() {
            return new ReplicaStatus(info.id(), info.namespace(), info.pod(), info.address(), info.port(), state);
        }

        CompletableFuture<ReplicaAnswer> ask(Question q) {
            return connection().thenCompose(conn -> conn.query(q, queryTimeout))
                    .handle((DnsExchange ex, Throwable t) -> {
                        if (t == null) {
                            return ReplicaAnswer.answered(info.id(), q, ex.answer(), ex.roundTrip());
                        }
                        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                        if (cause instanceof DnsException d && d.kind() == DnsException.Kind.TIMEOUT) {
                            // No keepalive on the forward: silence is the only sign a forward died.
                            suspect("no reply within " + queryTimeout.toMillis() + " ms");
                        }
                        return ReplicaAnswer.failed(info.id(), q, message(cause));
                    });
        }

        /** The open conversation, opening the forward when there is none. */
        synchronized CompletableFuture<DnsConnection> connection() {
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
                attempts = 0;
            }
            opening = new CompletableFuture<>();
            open();
            return opening;
        }

        private void open() {
            CompletableFuture<DnsConnection> pending;
            synchronized (this) {
                pending = opening;
                if (!(state instanceof ReplicaState.Reconnecting)) {
                    state = new ReplicaState.Connecting();
                }
            }
            publish();
            PortForwardStream s = forwarder.open(new PodPort(info.namespace(), info.pod(), info.port()), this::forwardState);
            DnsConnection conn = DnsConnection.open(ByteStream.of(s.fromPod(), s.toPod(), "pod " + info.id() + " port " + info.port()),
                    threads, scheduler, (c, cause) -> died(c, cause.getMessage()));
            synchronized (this) {
                stream = s;
                connection = conn;
            }
            if (pending != null) {
                pending.complete(conn);
            }
        }

        private void forwardState(ForwardState fs) {
            boolean changed;
            synchronized (this) {
                if (shutDown) {
                    return;
                }
                ReplicaState before = state;
                if (fs instanceof ForwardState.Ready) {
                    state = new ReplicaState.Ready();
                    attempts = 0;
                } else if (fs instanceof ForwardState.Failed f) {
                    failed(f.kind().retryable(), f.reason(), f.kind() == ForwardState.FailureKind.FORBIDDEN);
                }
                changed = !before.equals(state);
            }
            if (changed) {
                publish();
            }
        }

        private void died(DnsConnection c, String reason) {
            synchronized (this) {
                if (c != connection || shutDown) {
                    return;
                }
                failed(true, reason, false);
            }
            publish();
        }

        private void suspect(String reason) {
            synchronized (this) {
                if (shutDown || !(state instanceof ReplicaState.Ready || state instanceof ReplicaState.Connecting)) {
                    return;
                }
                failed(true, reason, false);
            }
            publish();
        }

        /** Called with the lock held. */
        private void failed(boolean canRetry, String reason, boolean forbidden) {
            closeQuietly();
            if (!canRetry) {
                retryable = false;
                state = new ReplicaState.Failed(reason);
                if (forbidden) {
                    // The access review talks to the API server: never on the forward's event thread.
                    scheduler.execute(() -> explainForbidden(reason));
                }
                return;
            }
            attempts++;
            if (attempts > MAX_ATTEMPTS) {
                state = new ReplicaState.Failed(reason + " (gave up after " + MAX_ATTEMPTS
                        + " attempts; the next question tries again)");
                return;
            }
            state = new ReplicaState.Reconnecting(attempts, reason);
            long delay = Math.min(10_000L, 250L << (attempts - 1));
            scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        }

        private void explainForbidden(String reason) {
            String why = access.explainPortForward(info.namespace());
            synchronized (this) {
                if (shutDown || !(state instanceof ReplicaState.Failed) || retryable) {
                    return;
                }
                state = new ReplicaState.Failed(reason + ": " + why);
            }
            publish();
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
    }
}
