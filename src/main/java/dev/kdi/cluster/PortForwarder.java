package dev.kdi.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens port-forwards to pods through one API server connection, as in-process byte streams: no
 * local port is ever listened on.
 */
public final class PortForwarder {

    /** How long the API server may take to accept a forward before it counts as failed. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final Duration connectTimeout;

    public PortForwarder(KubernetesClient client) {
        this(client, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * @param client the API server connection; forwards share it and do not close it
     * @param connectTimeout how long a forward may stay {@link ForwardState.Connecting}; fabric8 itself
     *     retries an unreachable API server for about 19 s with its default retry settings
     */
    public PortForwarder(KubernetesClient client, Duration connectTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
    }

    /** Opens a forward; see {@link #open(PodPort, Consumer)}. */
    public PortForwardStream open(PodPort target) {
        return open(target, state -> { });
    }

    /**
     * Starts one forward and returns at once, in state {@link ForwardState.Connecting}. Never throws
     * for a cluster-side problem: those arrive as {@link ForwardState.Failed}.
     *
     * @param listener told of every state, starting with {@code Connecting}, one call at a time and in
     *     order, on fabric8's or the caller's thread; it must return quickly and must not block
     */
    public PortForwardStream open(PodPort target, Consumer<ForwardState> listener) {
        return PortForwardStream.open(client, Objects.requireNonNull(target, "target"), connectTimeout,
                Objects.requireNonNull(listener, "listener"));
    }
}
