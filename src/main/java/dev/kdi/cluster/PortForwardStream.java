package dev.kdi.cluster;

import dev.kdi.cluster.ForwardState.Closed;
import dev.kdi.cluster.ForwardState.Connecting;
import dev.kdi.cluster.ForwardState.Failed;
import dev.kdi.cluster.ForwardState.Ready;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.PortForward;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One port-forward to one pod port through the API server, as a pair of in-process channels: {@link
 * #fromPod()} reads what the pod sends, {@link #toPod()} writes to the pod. Opens no socket of its own.
 *
 * <p>Built on fabric8 7.4.0's {@code portForward(port, in, out)}, whose behaviour shapes this class:
 * <ul>
 *   <li>fabric8 reads {@code in} (our bytes to the pod) on a thread of its own, started when the
 *       websocket opens, and sends each read as one {@code [0][payload]} message of up to 4095 bytes;
 *       it writes {@code out} (bytes from the pod) on the client's executor, one message at a time, and
 *       reads the next message only after the write returned.
 *   <li>It skips the first two messages (the port frames) without looking at them and gives no signal
 *       that they came. The earliest signal it gives at all is its pump's first read of {@code in},
 *       right after the upgrade was accepted: that is when this stream becomes {@link Ready}.
 *   <li>On every ending (server close, error frame, transport error, failed upgrade, {@code close()})
 *       it closes both {@code in} and {@code out}. Those closes are the only callback; this stream
 *       reads the collected throwables then to decide the {@link Failed} reason, and ends
 *       {@link #fromPod()} with end of stream after what already arrived.
 * </ul>
 */
public final class PortForwardStream implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PortForwardStream.class);
    /** Enough for many pipelined DNS messages; a full pipe blocks the writer, not the forward. */
    private static final int PIPE_CAPACITY = 64 * 1024;

    private final PodPort target;
    private final Consumer<ForwardState> listener;
    private final ScheduledExecutorService events;
    /** Caller writes its sink, fabric8 reads its source. */
    private final BytePipe toPod = new BytePipe(PIPE_CAPACITY);
    /** fabric8 writes its sink, caller reads its source. */
    private final BytePipe fromPod = new BytePipe(PIPE_CAPACITY);
    private final WritableByteChannel toPodChannel = new ToPod();

    // Guarded by this. Each change is queued for the listener while the lock is held, so the listener
    // hears them in order and a forward that died is never reported ready after its failure.
    private ForwardState state = new Connecting();
    private PortForward forward;
    private boolean fabricEnded;
    /** Set by fabric8's pump thread without the lock, read when classifying a failure. */
    private volatile boolean upgraded;

    private PortForwardStream(PodPort target, Consumer<ForwardState> listener, ScheduledExecutorService events) {
        this.target = target;
        this.listener = listener;
        this.events = events;
    }

    /** @param events runs the connect deadline and every listener call, one at a time */
    static PortForwardStream open(KubernetesClient client, PodPort target, Duration connectTimeout,
                                  Consumer<ForwardState> listener, ScheduledExecutorService events) {
        PortForwardStream stream = new PortForwardStream(target, listener, events);
        stream.start(client, connectTimeout);
        return stream;
    }

    private void start(KubernetesClient client, Duration connectTimeout) {
        synchronized (this) {
            announce(state);
        }
        PortForward started;
        try {
            started = client.pods().inNamespace(target.namespace()).withName(target.pod())
                    .portForward(target.port(), new FabricReads(), new FabricWrites());
        } catch (RuntimeException e) {
            end(ForwardFailures.couldNotStart(target, e));
            return;
        }
        boolean endedAlready;
        synchronized (this) {
            forward = started;
            endedAlready = fabricEnded;
        }
        if (endedAlready) {
            // fabric8 finished (say, a 404) before portForward() returned: settle now that we can ask it why.
            settleFabricEnding();
        }
        long millis = connectTimeout.toMillis();
        onEventThread(() -> {
            boolean expired;
            synchronized (this) {
                expired = state instanceof Connecting;
            }
            if (expired) {
                end(ForwardFailures.connectTimeout(target, millis));
            }
        }, millis);
    }

    private void onEventThread(Runnable task, long delayMillis) {
        try {
            events.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The forwarder is closed, and with it this stream: no deadline is needed.
        }
    }

    public PodPort target() {
        return target;
    }

    public synchronized ForwardState state() {
        return state;
    }

    /**
     * Waits until the stream has left {@link Connecting} or the timeout passed, and returns the state
     * then.
     */
    public synchronized ForwardState awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state instanceof Connecting) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return state;
    }

    /**
     * Waits until the stream has ended ({@link Failed} or {@link Closed}) or the timeout passed, and
     * returns the state then. The end of {@link #fromPod()} can be seen a moment before the state that
     * says why; an owner that saw it waits here for the reason.
     */
    public synchronized ForwardState awaitEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.isFinal()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return state;
    }

    /**
     * Bytes from the pod, in order. Reads block until bytes come (or use the timed read); they return
     * -1 once the forward has ended and what arrived before has been read.
     */
    public BytePipe.Source fromPod() {
        return fromPod.source();
    }

    /**
     * Bytes to the pod. Writes may start while connecting (up to 64 KiB wait in memory) and block when
     * that much is waiting; they fail with an {@link IOException} naming the reason once the forward
     * ended. Closing this channel stops sending but keeps the forward open: the v4 protocol has no
     * half-close.
     */
    public WritableByteChannel toPod() {
        return toPodChannel;
    }

    /** Ends the forward: state {@link Closed}, websocket closed, {@link #fromPod()} at end of stream. */
    @Override
    public void close() {
        end(new Closed());
    }

    /** Moves to a final state unless already in one, then lets go of fabric8 and the pipes. */
    private void end(ForwardState finalState) {
        PortForward toClose;
        synchronized (this) {
            if (state.isFinal()) {
                return;
            }
            moveTo(finalState);
            toClose = forward;
        }
        release(toClose);
    }

    private void release(PortForward toClose) {
        if (toClose != null) {
            try {
                // Also needed after a kubelet error: fabric8 then closes our channels but not the websocket.
                toClose.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the forward to {} failed", target, e);
            }
        }
        toPod.sink().close();
        toPod.source().close();
        fromPod.sink().close();
    }

    private void onUpgraded() {
        synchronized (this) {
            boolean alive = forward == null || forward.isAlive();
            if (state instanceof Connecting && alive && !fabricEnded) {
                moveTo(new Ready());
            }
        }
    }

    private void onFabricClosed() {
        synchronized (this) {
            if (fabricEnded) {
                return;
            }
            fabricEnded = true;
            if (forward == null) {
                return;
            }
        }
        settleFabricEnding();
    }

    private void settleFabricEnding() {
        Failed failure;
        synchronized (this) {
            if (state.isFinal()) {
                return;
            }
            failure = ForwardFailures.classify(target, forward.getServerThrowables(),
                    forward.getClientThrowables(), upgraded);
        }
        end(failure);
    }

    /** Called with the lock held. */
    private void moveTo(ForwardState newState) {
        state = newState;
        notifyAll();
        announce(newState);
    }

    /**
     * Queues the listener call on the forwarder's event thread: never a fabric8 thread (a listener
     * writing on Ready must not wait for the thread that drains its writes) and never under this lock.
     */
    private void announce(ForwardState newState) {
        try {
            events.execute(() -> tell(newState));
        } catch (RejectedExecutionException e) {
            // The forwarder has closed; its streams are final, so this is the last word anyway.
            tell(newState);
        }
    }

    private void tell(ForwardState newState) {
        try {
            listener.accept(newState);
        } catch (RuntimeException e) {
            LOG.warn("a port-forward state listener failed on {}", newState, e);
        }
    }

    private IOException ended(ForwardState finalState, Throwable cause) {
        String why = finalState instanceof Failed f ? f.reason() : "it was closed";
        return new IOException("the forward to " + target + " has ended: " + why, cause);
    }

    /** What fabric8 reads: our bytes to the pod. Its first read tells us the upgrade was accepted. */
    private final class FabricReads implements ReadableByteChannel {

        private volatile boolean readBefore;

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!readBefore) {
                readBefore = true;
                upgraded = true;
                onUpgraded();
            }
            return toPod.source().read(dst);
        }

        @Override
        public boolean isOpen() {
            return toPod.source().isOpen();
        }

        @Override
        public void close() {
            toPod.source().close();
            onFabricClosed();
        }
    }

    /** What fabric8 writes: bytes from the pod. Its close is the end of the forward. */
    private final class FabricWrites implements WritableByteChannel {

        @Override
        public int write(ByteBuffer src) throws IOException {
            return fromPod.sink().write(src);
        }

        @Override
        public boolean isOpen() {
            return fromPod.sink().isOpen();
        }

        @Override
        public void close() {
            fromPod.sink().close();
            onFabricClosed();
        }
    }

    /** The caller's side of {@link #toPod}: failures name why the forward ended. */
    private final class ToPod implements WritableByteChannel {

        @Override
        public int write(ByteBuffer src) throws IOException {
            ForwardState now = state();
            if (now.isFinal()) {
                throw ended(now, null);
            }
            try {
                return toPod.sink().write(src);
            } catch (IOException e) {
                ForwardState after = state();
                throw after.isFinal() ? ended(after, e) : e;
            }
        }

        @Override
        public boolean isOpen() {
            return toPod.sink().isOpen() && !state().isFinal();
        }

        @Override
        public void close() {
            toPod.sink().close();
        }
    }
}
