package dev.kdi.ui.fake;

import dev.kdi.session.Kubeconfig;
import dev.kdi.session.ManifestSession;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionOpener;
import dev.kdi.session.SessionRequest;
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

    private final List<SessionRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Every request opened, oldest first. */
    public List<SessionRequest> requests() {
        return requests;
    }

    @Override
    public Session open(SessionRequest request) throws SessionException {
        requests.add(request);
        if (request instanceof SessionRequest.Manifests m) {
            return new ManifestSession(m.files().stream().map(Path::toString).toList(), m.corefile(), Optional.empty(),
                    InputStream::nullInputStream, clock);
        }
        if (request instanceof SessionRequest.Live && liveFailure != null) {
            throw new SessionException(liveFailure);
        }
        FakeSession s = sessions.get();
        if (request instanceof SessionRequest.Demo) {
            s = new FakeSession(new SessionInfo(SessionInfo.Kind.DEMO, "demo", "", "default"),
                    s.snapshot(), SeedCluster.corefile(), clock, SeedCluster.healthyReplicas());
        }
        remember(s);
        return s;
    }

    @Override
    public Kubeconfig kubeconfig(Optional<Path> kubeconfig) {
        if (contexts.isEmpty()) {
            return Kubeconfig.none();
        }
        Path file = Path.of("/tmp/fake-config");
        return new Kubeconfig(List.of(file), contexts.stream().map(c -> new Kubeconfig.Context(c, c, "dev", "default",
                "https://" + c + ".example:6443", c.equals(contexts.get(0)), file, Optional.empty())).toList(),
                Optional.of(contexts.get(0)), List.of());
    }

    private synchronized void remember(FakeSession s) {
        opened.add(s);
    }

    /** The session opened last. */
    public synchronized FakeSession last() {
        return opened.get(opened.size() - 1);
    }
}
