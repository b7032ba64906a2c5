package dev.kdi.ui.fake;

import dev.kdi.session.ManifestSession;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.window.SessionOpener;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens fake sessions: the "demo" and every "context" are the seed cluster (each call a new
 * session, remembered for the test to script), manifests are real {@link ManifestSession}s.
 */
public class FakeOpener implements SessionOpener {
    private final Supplier<FakeSession> sessions;
    private final List<String> contexts;
    private final Clock clock;
    private final List<FakeSession> opened = new ArrayList<>();
    private volatile String liveFailure;

    public FakeOpener(Supplier<FakeSession> sessions, List<String> contexts, Clock clock) {
        this.sessions = sessions;
        this.contexts = List.copyOf(contexts);
        this.clock = clock;
    }

    /** Makes every live open fail with this message, as an unreachable cluster would. */
    public FakeOpener failLive(String message) {
        this.liveFailure = message;
        return this;
    }

    @Override
    public Session demo() {
        FakeSession s = sessions.get();
        FakeSession demo = new FakeSession(new SessionInfo(SessionInfo.Kind.DEMO, "demo", "", "default"),
                s.snapshot(), SeedCluster.corefile(), clock, SeedCluster.healthyReplicas());
        remember(demo);
        return demo;
    }

    @Override
    public Session live(Optional<Path> kubeconfig, Optional<String> context) throws SessionException {
        if (liveFailure != null) {
            throw new SessionException(liveFailure);
        }
        FakeSession s = sessions.get();
        remember(s);
        return s;
    }

    @Override
    public Session manifests(List<Path> files, Optional<Path> corefile) {
        return new ManifestSession(files.stream().map(Path::toString).toList(), corefile, Optional.empty(),
                InputStream::nullInputStream, clock);
    }

    @Override
    public Contexts contexts(Optional<Path> kubeconfig) {
        if (contexts.isEmpty()) {
            return Contexts.none();
        }
        return new Contexts(Optional.of(Path.of("/tmp/fake-config")), contexts, Optional.of(contexts.get(0)),
                Optional.empty());
    }

    private synchronized void remember(FakeSession s) {
        opened.add(s);
    }

    /** The session opened last. */
    public synchronized FakeSession last() {
        return opened.get(opened.size() - 1);
    }
}
