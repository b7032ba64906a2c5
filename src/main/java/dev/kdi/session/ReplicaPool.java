package dev.kdi.session;

import dev.kdi.cluster.AccessReview;
import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.records.Question;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The DNS replicas of one session, one {@link Replica} (a port-forward carrying one pipelined
 * DNS-over-TCP conversation) per ready DNS pod: follows the pods as they come and go, picks one
 * when any will do, and tells its owner whenever a replica's state changes.
 */
final class ReplicaPool implements AutoCloseable {
    private final Replica.Links links;
    private final Consumer<List<ReplicaStatus>> onChange;
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param probe a question every replica answers at once by itself (the zone's SOA), asked when a
     *     question got no reply, to tell a silent server from a dead forward
     */
    ReplicaPool(PortForwarder forwarder, AccessReview access, ThreadFactory threads, ScheduledExecutorService scheduler,
                Duration queryTimeout, Supplier<Question> probe, Consumer<List<ReplicaStatus>> onChange) {
        this.links = new Replica.Links(forwarder, access, threads, scheduler, queryTimeout, probe, this::publish);
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
                DnsServers.Replica now = byId.get(r.info().id());
                if (now == null || now.port() != r.info().port()) {
                    gone.add(r);
                }
            }
            gone.forEach(r -> replicas.remove(r.info().id()));
            for (DnsServers.Replica r : current) {
                replicas.putIfAbsent(r.id(), new Replica(r, links));
            }
        }
        gone.forEach(r -> r.shutDown("pod " + r.info().id() + " is no longer a ready DNS endpoint"));
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
            if (r.info().pod().equals(idOrPod)) {
                return Optional.of(r.info().id());
            }
        }
        return Optional.empty();
    }

    /** The replica to ask when any will do: a ready one first, then one that may still work. */
    synchronized Optional<String> pickUsable(String avoid) {
        Replica fallback = null;
        for (Replica r : replicas.values()) {
            if (r.info().id().equals(avoid)) {
                continue;
            }
            ReplicaState s = r.state();
            if (s instanceof ReplicaState.Ready) {
                return Optional.of(r.info().id());
            }
            if (fallback == null && r.usable()) {
                fallback = r;
            }
        }
        return Optional.ofNullable(fallback).map(r -> r.info().id());
    }

    /** Whether a replica can still be asked (it exists and has not failed for good). */
    synchronized boolean usable(String id) {
        Replica r = replicas.get(id);
        return r != null && r.usable();
    }

    /**
     * Whether the replica's pod went away (deleted, or no longer a DNS endpoint), as opposed to
     * failing for a reason another replica would share (such as a forbidden port-forward).
     */
    synchronized boolean wentAway(String id) {
        Replica r = replicas.get(id);
        return r == null || r.wentAway();
    }

    /** How many times the replica's forward died and was reopened since the pool first knew it. */
    synchronized int reopenings(String id) {
        Replica r = replicas.get(id);
        return r == null ? 0 : r.reopenings();
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
}
