package dev.kdi.demo;

import dev.kdi.cluster.PodPort;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one forward, speaking the kubelet's websocket port-forward protocol
 * ({@code v4.channel.k8s.io}): two port frames, then {@code [channel][payload]} messages, channel 0
 * for data and 1 for an error after which the stream ends.
 *
 * <p>Websocket callbacks arrive on a Vert.x event loop, which must never block, so the target is
 * connected and fed on a thread of this session; sends to the client are serialised by this object's
 * lock so messages leave in the order they were produced.
 */
final class PortForwardSession extends WebSocketListener implements PortForwardTarget.ClientSide {

    static final byte DATA = 0;
    static final byte ERROR = 1;

    private final PodPort port;
    private final PortForwardTarget target;
    private final Faults faults;
    private final ScheduledExecutorService timers;
    private final Set<PortForwardSession> live;
    private final ExecutorService toTarget;

    private volatile WebSocket webSocket;

    // Guarded by this.
    private PortForwardTarget.Connection connection;
    private boolean ended;
    private int messagesSent;
    private final List<byte[]> held = new ArrayList<>();
    private ScheduledFuture<?> lingerFlush;
    private final Random random;

    /** @param target null when nothing listens on the port: the client gets the kubelet's error */
    /** @param live the open sessions, which this one joins when it opens and leaves when it ends */
    PortForwardSession(PodPort port, PortForwardTarget target, Faults faults, ScheduledExecutorService timers,
                       Set<PortForwardSession> live) {
        this.port = port;
        this.target = target;
        this.faults = faults;
        this.timers = timers;
        this.live = live;
        this.random = faults.split() instanceof Faults.Split.Random r ? new Random(r.seed()) : null;
        this.toTarget = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "kdi-portforward-" + port);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        this.webSocket = webSocket;
        live.add(this);
        synchronized (this) {
            // The kubelet first names the port on the data and on the error channel, little-endian.
            byte[] portBytes = {(byte) port.port(), (byte) (port.port() >>> 8)};
            webSocket.send(frame(DATA, portBytes));
            webSocket.send(frame(ERROR, portBytes));
            applyLimits();
            if (ended || faults.swallow()) {
                return;
            }
        }
        runOnTargetThread(this::connectTarget);
    }

    private void connectTarget() {
        if (target == null) {
            fail(kubeletError("failed to connect to localhost:" + port.port() + " inside the pod: connection refused"));
            return;
        }
        try {
            PortForwardTarget.Connection opened = target.connect(port, this);
            boolean endedMeanwhile;
            synchronized (this) {
                endedMeanwhile = ended;
                if (!ended) {
                    connection = opened;
                }
            }
            if (endedMeanwhile) {
                opened.close();
            }
        } catch (IOException | RuntimeException e) {
            fail(kubeletError("failed to connect to localhost:" + port.port() + " inside the pod: " + e.getMessage()));
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        // The client writes [0][payload]; anything on another channel means nothing to the kubelet.
        if (bytes.length < 2 || bytes[0] != DATA || faults.swallow()) {
            return;
        }
        byte[] payload = Arrays.copyOfRange(bytes, 1, bytes.length);
        runOnTargetThread(() -> {
            PortForwardTarget.Connection current;
            synchronized (this) {
                current = ended ? null : connection;
            }
            if (current == null) {
                return;
            }
            try {
                current.receive(payload);
            } catch (IOException | RuntimeException e) {
                fail(kubeletError("lost the connection to localhost:" + port.port() + " inside the pod: "
                        + e.getMessage()));
            }
        });
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        onMessage(webSocket, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        endQuietly();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        endQuietly();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        endQuietly();
    }

    @Override
    public void send(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        synchronized (this) {
            if (ended) {
                return;
            }
            if (faults.mergeCount() == 1) {
                emit(bytes);
                return;
            }
            held.add(bytes.clone());
            if (held.size() >= faults.mergeCount()) {
                flushHeld();
            } else if (lingerFlush == null) {
                lingerFlush = timers.schedule(this::flushLingering, Faults.MERGE_LINGER_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void fail(String message) {
        synchronized (this) {
            if (ended) {
                return;
            }
            flushHeld();
            if (ended) {
                return;
            }
            webSocket.send(frame(ERROR, message.getBytes(StandardCharsets.UTF_8)));
            finishLocked(1000, "");
        }
        cleanUp();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (ended) {
                return;
            }
            flushHeld();
            if (ended) {
                return;
            }
            finishLocked(1000, "");
        }
        cleanUp();
    }

    /** Ends the forward from the server side, as a shutting-down API server would. */
    void shutDown() {
        synchronized (this) {
            if (ended) {
                return;
            }
            finishLocked(1001, "server shutting down");
        }
        cleanUp();
    }

    private synchronized void flushLingering() {
        lingerFlush = null;
        if (!ended) {
            flushHeld();
        }
    }

    private void flushHeld() {
        if (lingerFlush != null) {
            lingerFlush.cancel(false);
            lingerFlush = null;
        }
        if (held.isEmpty()) {
            return;
        }
        ByteArrayOutputStream merged = new ByteArrayOutputStream();
        held.forEach(merged::writeBytes);
        held.clear();
        emit(merged.toByteArray());
    }

    /** Sends one payload as one or two data messages, checking the fault limits after each. */
    private void emit(byte[] payload) {
        int cut = cutPoint(payload.length);
        if (cut <= 0) {
            sendData(payload, 0, payload.length);
        } else {
            sendData(payload, 0, cut);
            sendData(payload, cut, payload.length);
        }
    }

    private void sendData(byte[] payload, int from, int to) {
        if (ended) {
            return;
        }
        byte[] message = new byte[to - from + 1];
        message[0] = DATA;
        System.arraycopy(payload, from, message, 1, to - from);
        webSocket.send(message);
        messagesSent++;
        applyLimits();
    }

    private int cutPoint(int length) {
        if (length < 2) {
            return 0;
        }
        Faults.Split split = faults.split();
        if (split instanceof Faults.Split.At at) {
            return Math.min(at.offset(), length - 1);
        }
        if (split instanceof Faults.Split.Random) {
            return 1 + random.nextInt(length - 1);
        }
        return 0;
    }

    private void applyLimits() {
        if (ended) {
            return;
        }
        if (faults.errorAfter() != Faults.NEVER && messagesSent >= faults.errorAfter()) {
            webSocket.send(frame(ERROR, faults.errorText().getBytes(StandardCharsets.UTF_8)));
            finishLocked(1000, "");
            cleanUp();
        } else if (faults.dropAfter() != Faults.NEVER && messagesSent >= faults.dropAfter()) {
            finishLocked(1001, "dropped by fault injection");
            cleanUp();
        }
    }

    private void finishLocked(int code, String reason) {
        ended = true;
        held.clear();
        if (lingerFlush != null) {
            lingerFlush.cancel(false);
            lingerFlush = null;
        }
        webSocket.close(code, reason);
    }

    private void endQuietly() {
        synchronized (this) {
            if (!ended) {
                ended = true;
                held.clear();
            }
        }
        cleanUp();
    }

    /** Idempotent; safe under this session's lock because nothing here waits for another thread. */
    private void cleanUp() {
        PortForwardTarget.Connection current;
        synchronized (this) {
            current = connection;
            connection = null;
        }
        if (current != null) {
            current.close();
        }
        toTarget.shutdownNow();
        live.remove(this);
    }

    private void runOnTargetThread(Runnable task) {
        try {
            toTarget.execute(task);
        } catch (RejectedExecutionException e) {
            // The forward already ended; late bytes have nowhere to go.
        }
    }

    private String kubeletError(String detail) {
        return "error forwarding port " + port.port() + " to pod " + port.podName() + ", uid : " + detail;
    }

    private static byte[] frame(byte channel, byte[] payload) {
        byte[] message = new byte[payload.length + 1];
        message[0] = channel;
        System.arraycopy(payload, 0, message, 1, payload.length);
        return message;
    }
}
