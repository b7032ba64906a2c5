package dev.kdi.session;

import dev.kdi.cluster.ClusterException;
import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.ExecPlugins;
import dev.kdi.cluster.Kubeconfigs;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens sessions: a kubeconfig context, the demo, or manifests. Both faces start here.
 */
public final class Sessions {
    private final Map<String, String> env;
    private final Path home;
    private final ExecPlugins plugins;
    private final Clock clock;

    public Sessions(Map<String, String> env, Path home, ExecPlugins plugins, Clock clock) {
        this.env = env;
        this.home = home;
        this.plugins = plugins;
        this.clock = clock;
    }

    /** For this process and user. */
    public static Sessions forThisUser() {
        return new Sessions(System.getenv(), ExecPlugins.homeOf(System.getenv()), ExecPlugins.forThisUser(),
                Clock.systemUTC());
    }

    /** The kubeconfig as kubectl would read it, for the context picker and {@code kdi contexts}. */
    public Kubeconfig kubeconfig(Optional<Path> kubeconfig) {
        return Kubeconfig.of(Kubeconfigs.load(kubeconfig, env, home, plugins, clock));
    }

    /**
     * Opens requests with these options.
     *
     * @param stdin what {@code -} among manifest files reads
     */
    public SessionOpener opener(LiveOptions options, Supplier<InputStream> stdin) {
        return new SessionOpener() {
            @Override
            public Session open(SessionRequest request) throws SessionException {
                return Sessions.this.open(request, options, stdin);
            }

            @Override
            public Kubeconfig kubeconfig(Optional<Path> file) {
                return Sessions.this.kubeconfig(file);
            }
        };
    }

    /** A session for the request, not started. */
    public Session open(SessionRequest request, LiveOptions options, Supplier<InputStream> stdin)
            throws SessionException {
        if (request instanceof SessionRequest.Live live) {
            return live(live.kubeconfig(), live.context(), options);
        }
        if (request instanceof SessionRequest.Manifests m) {
            LiveOptions withCorefile = m.corefile().isPresent() ? options.withCorefile(m.corefile()) : options;
            return manifests(m.files().stream().map(Path::toString).toList(), withCorefile, stdin);
        }
        return demo(options);
    }

    /** A session on a kubeconfig context (the current one when empty); not started. */
    public Session live(Optional<Path> kubeconfig, Optional<String> context, LiveOptions options)
            throws SessionException {
        try {
            ContextTarget target = Kubeconfigs.load(kubeconfig, env, home, plugins, clock).target(context);
            return new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, target.context(), target.server(),
                    target.namespace()), target, options, clock);
        } catch (ClusterException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }

    /** The embedded demo cluster; not started. */
    public Session demo(LiveOptions options) {
        return new DemoSession(options, clock);
    }

    /**
     * Manifests from files or standard input; not started. The options' namespaces are the
     * {@code -n} given with the files, taken as {@code kubectl apply -n NS -f} takes them.
     */
    public Session manifests(List<String> paths, LiveOptions options, Supplier<InputStream> stdin) {
        return new ManifestSession(paths, options, stdin, clock);
    }
}
