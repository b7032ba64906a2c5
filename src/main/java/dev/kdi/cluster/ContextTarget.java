package dev.kdi.cluster;

import io.fabric8.kubernetes.client.Config;
import java.util.Optional;

/**
 * Everything needed to talk to one context's cluster.
 *
 * @param context the context's name
 * @param namespace the context's namespace ({@code default} when it names none)
 * @param server the API server URL, for messages
 * @param config fabric8's client configuration
 * @param credentials the user's exec credential plugin, run when a session starts (not before: it
 *     may take a login)
 */
public record ContextTarget(String context, String namespace, String server, Config config,
                            Optional<ExecCredentials> credentials) {

    public ContextTarget(String context, String namespace, String server, Config config) {
        this(context, namespace, server, config, Optional.empty());
    }

    @Override
    public String toString() {
        // Config holds credentials: never print it.
        return "ContextTarget[" + context + " at " + server + "]";
    }
}
