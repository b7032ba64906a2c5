package dev.kdi.session;

/**
 * What a session is connected to, for titles and status bars.
 *
 * @param kind live cluster, embedded demo, or manifests read from files
 * @param name the context name, {@code demo}, or the files read
 * @param server the API server URL, or empty
 * @param namespace the context's namespace, or empty
 */
public record SessionInfo(Kind kind, String name, String server, String namespace) {

    /** Where the objects come from. */
    public enum Kind {
        /** A real cluster through a kubeconfig context. */
        LIVE,
        /** The embedded demo cluster (an in-process API server); says so wherever it shows. */
        DEMO,
        /** Manifests read from files: a prediction only, no DNS to ask. */
        MANIFESTS
    }

    public boolean canAskDns() {
        return kind != Kind.MANIFESTS;
    }
}
