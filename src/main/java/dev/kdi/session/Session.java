package dev.kdi.session;

import dev.kdi.records.Question;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to one cluster (or the demo, or manifests).
 *
 * <p>{@link #start} loads and blocks: call it off any UI thread. After that, {@link #current}
 * always has an inspection, and listeners hear about every change. Asking DNS is asynchronous.
 */
public interface Session extends AutoCloseable {

    SessionInfo info();

    /** Loads the cluster and starts watching it; blocks; interruptible. */
    void start(Progress progress) throws SessionException, InterruptedException;

    /** The latest inspection; null before {@link #start} returns. */
    Inspection current();

    /** Adds a listener; closing the returned handle removes it. */
    AutoCloseable subscribe(SessionListener listener);

    /** The DNS replicas and their forwards; empty for manifests. */
    List<ReplicaStatus> replicas();

    /** Asks the chosen replicas; completes with one answer per replica asked. */
    CompletableFuture<List<ReplicaAnswer>> ask(Question question, ReplicaChoice choice);

    /**
     * Asks every ready replica (or one) about every name the model knows in the requested
     * namespaces and compares each answer with the model's.
     */
    CompletableFuture<CheckReport> check(CheckRequest request, Progress progress);

    /**
     * Asks every DNS replica (or one) for its {@code /health}, {@code /ready} and {@code /metrics}
     * through port-forwards, reads its pod, and says what is wrong. Sessions without a cluster have
     * no replica to ask.
     */
    default CompletableFuture<HealthReport> health(HealthRequest request) {
        return CompletableFuture.completedFuture(new HealthReport(info().name(), List.of(), List.of(),
                List.of("there is no cluster to ask: " + info().name() + " holds no DNS replicas")));
    }

    /**
     * {@link #health(HealthRequest)}, saying how many replicas have answered as they do. Cancelling
     * the future stops the asking: requests in flight are abandoned and no further one goes out.
     */
    default CompletableFuture<HealthReport> health(HealthRequest request, Progress progress) {
        return health(request);
    }

    /** Reloads everything (the refresh button). */
    void refresh(Progress progress) throws SessionException, InterruptedException;

    @Override
    void close();
}
