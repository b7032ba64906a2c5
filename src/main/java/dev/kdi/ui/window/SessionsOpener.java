package dev.kdi.ui.window;

import dev.kdi.cluster.ContextInfo;
import dev.kdi.cluster.Kubeconfigs;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.Sessions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens the window's sessions through the engine's {@link Sessions}: the demo, a context, or manifests. */
public final class SessionsOpener implements SessionOpener {
    private final Sessions sessions;
    private final LiveOptions options;

    public SessionsOpener(Sessions sessions, LiveOptions options) {
        this.sessions = sessions;
        this.options = options;
    }

    @Override
    public Session demo() {
        return sessions.demo(options);
    }

    @Override
    public Session live(Optional<Path> kubeconfig, Optional<String> context) throws SessionException {
        return sessions.live(kubeconfig, context, options);
    }

    @Override
    public Session manifests(List<Path> files, Optional<Path> corefile) {
        return sessions.manifests(files.stream().map(Path::toString).toList(), options.withCorefile(corefile),
                InputStream::nullInputStream);
    }

    @Override
    public Contexts contexts(Optional<Path> kubeconfig) {
        Kubeconfigs k = sessions.kubeconfigs(kubeconfig);
        if (k.isEmpty()) {
            return Contexts.none();
        }
        List<String> names = k.contexts().stream().map(ContextInfo::name).toList();
        Optional<String> problem = k.fileProblems().isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", k.fileProblems()));
        return new Contexts(k.files().stream().findFirst().or(() -> kubeconfig), names, k.currentContext(), problem);
    }
}
