package dev.kdi.session;

import dev.kdi.cluster.ClusterException;
import dev.kdi.demo.DemoCluster;
import dev.kdi.records.Question;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded demo cluster, asked through exactly the code a real cluster is: the demo's API
 * server runs in this process on loopback, and a {@link LiveSession} talks to it.
 */
public final class DemoSession implements Session {
    private final LiveOptions options;
    private final Clock clock;
    private DemoCluster demo;
    private LiveSession live;

    public DemoSession(LiveOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    @Override
    public SessionInfo info() {
        return new SessionInfo(SessionInfo.Kind.DEMO, "demo", demo == null ? "" : demo.url(), "default");
    }

    @Override
    public void start(Progress progress) throws SessionException, InterruptedException {
        progress.update("Starting the demo cluster", -1);
        try {
            demo = DemoCluster.start(DemoCluster.Variant.inProcess());
        } catch (ClusterException e) {
            throw new SessionException("the demo cluster did not start: " + e.getMessage(), e);
        }
        live = new LiveSession(info(), demo.target(), options, clock);
        live.start(progress);
    }

    /** The demo cluster itself, for tests that change it or inject faults. */
    public DemoCluster cluster() {
        return demo;
    }

    @Override
    public Inspection current() {
        return live == null ? null : live.current();
    }

    @Override
    public AutoCloseable subscribe(SessionListener listener) {
        return live.subscribe(listener);
    }

    @Override
    public List<ReplicaStatus> replicas() {
        return live == null ? List.of() : live.replicas();
    }

    @Override
    public CompletableFuture<List<ReplicaAnswer>> ask(Question question, ReplicaChoice choice) {
        return live.ask(question, choice);
    }

    @Override
    public CompletableFuture<CheckReport> check(CheckRequest request, Progress progress) {
        return live.check(request, progress);
    }

    @Override
    public CompletableFuture<HealthReport> health(HealthRequest request) {
        return live.health(request);
    }

    @Override
    public CompletableFuture<HealthReport> health(HealthRequest request, Progress progress) {
        return live.health(request, progress);
    }

    @Override
    public void refresh(Progress progress) throws SessionException, InterruptedException {
        live.refresh(progress);
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
        if (demo != null) {
            demo.close();
        }
    }
}
