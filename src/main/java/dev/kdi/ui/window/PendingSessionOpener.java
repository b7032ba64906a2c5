package dev.kdi.ui.window;

import dev.kdi.session.ManifestSession;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The opener until the live session and the demo exist: manifests work, demo and live say they
 * are not available in this build yet. Finds the kubeconfig the way kubectl does, to decide
 * between the welcome and connecting.
 */
public final class PendingSessionOpener implements SessionOpener {
    private final Map<String, String> env;
    private final Path home;
    private final Clock clock;

    public PendingSessionOpener(Map<String, String> env, Path home, Clock clock) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.clock = clock;
    }

    @Override
    public Session demo() throws SessionException {
        throw new SessionException("The demo cluster is not available in this build yet: open manifests instead.");
    }

    @Override
    public Session live(Optional<Path> kubeconfig, Optional<String> context) throws SessionException {
        throw new SessionException("Connecting to a cluster is not available in this build yet: open the demo or"
                + " manifests instead.");
    }

    @Override
    public Session manifests(List<Path> files, Optional<Path> corefile) {
        return new ManifestSession(files.stream().map(Path::toString).toList(), corefile, Optional.empty(),
                InputStream::nullInputStream, clock);
    }

    @Override
    public Contexts contexts(Optional<Path> kubeconfig) {
        return new Contexts(kubeconfig.or(() -> defaultKubeconfig(env, home)), List.of(), Optional.empty(),
                Optional.empty());
    }

    /** The first existing file of {@code $KUBECONFIG}, else {@code ~/.kube/config} when it exists. */
    public static Optional<Path> defaultKubeconfig(Map<String, String> env, Path home) {
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            for (String part : list.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.isRegularFile(Path.of(part))) {
                    return Optional.of(Path.of(part));
                }
            }
            return Optional.empty();
        }
        Path file = home.resolve(".kube").resolve("config");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
