package dev.kdi.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Opens port-forwards to pods through one API server connection, as in-process byte streams: no
 * local port is ever listened on.
 *
 * <p>Owns one daemon thread for connect deadlines and state notifications. Close it when done, and
 * before the client: fabric8 7.4.0 winds a forward down on the client's executor, and once the
 * client is closed that executor refuses the work, so a forward still open then never ends: it stays
 * {@link ForwardState.Ready}, its reader waits forever, and fabric8's pump thread, which is not a
 * daemon, keeps the JVM alive.
 */
public final class PortForwarder implements AutoCloseable {

    /** How long the API server may take to accept a forward before it counts as failed. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final Duration connectTimeout;
    private final Set<PortForwardStream> open = ConcurrentHashMap.newKeySet();
    /** Connect deadlines and listener calls for every stream opened here, one at a time. */
    private final ScheduledExecutorService events;
    private volatile boolean closed;

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
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "kdi-port-forward-events");
            thread.setDaemon(true);
            return thread;
        });
        // After close only the queued notifications matter; pending deadlines would be no-ops.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.events = executor;
    }

    /** Opens a forward; see {@link #open(PodPort, Consumer)}. */
    public PortForwardStream open(PodPort target) {
        return open(target, state -> { });
    }

    /**
     * Starts one forward and returns at once, in state {@link ForwardState.Connecting}. Never throws
     * for a cluster-side problem: those arrive as {@link ForwardState.Failed}.
     *
     * @param listener told of every state, starting with {@code Connecting}, in order, on this
     *     forwarder's event thread, shortly after {@link PortForwardStream#state()} changed. Calls for
     *     all streams of this forwarder take turns on that thread, so a listener should be quick; it
     *     may close the stream, write to it, or open another forward.
     */
    public PortForwardStream open(PodPort target, Consumer<ForwardState> listener) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("this port forwarder is closed; cannot open " + target);
        }
        // No lock here: listeners run under their stream's lock, so taking another lock in them
        // could deadlock against a thread holding that one and asking a stream for its state.
        AtomicReference<PortForwardStream> self = new AtomicReference<>();
        PortForwardStream stream = PortForwardStream.open(client, target, connectTimeout, state -> {
            PortForwardStream ending = self.get();
            if (state.isFinal() && ending != null) {
                open.remove(ending);
            }
            listener.accept(state);
        }, events);
        self.set(stream);
        open.add(stream);
        // It may have ended before it was added (a 404 can be that fast), or close() may have run meanwhile.
        if (stream.state().isFinal()) {
            open.remove(stream);
        } else if (closed) {
            stream.close();
        }
        return stream;
    }

    /** Forwards opened here that have not ended yet. */
    public int openForwards() {
        // Ended streams leave the set when their listener has been told, which may be a moment later.
        return (int) open.stream().filter(stream -> !stream.state().isFinal()).count();
    }

    /** Closes every forward opened here and refuses new ones. Leaves the client open. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(open).forEach(PortForwardStream::close);
        // shutdown, not shutdownNow: the Closed notifications just queued still reach their listeners.
        events.shutdown();
    }
}
