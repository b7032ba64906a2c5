package dev.kdi.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.cluster.PodPort;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kubelet emulation on the wire, seen by the JDK's own websocket client rather than fabric8's, so
 * the frames are checked byte for byte and independently of the client kdi uses.
 */
// A separate thread, so a deadlocked forward fails its test instead of hanging the build.
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PortForwardDispatcherTest {

    private static final String NAMESPACE = "kube-system";
    private static MockApiServer api;
    private static HttpClient http;
    private static final AtomicInteger pods = new AtomicInteger();

    @BeforeAll
    static void start() {
        api = MockApiServer.start(false);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** What the client saw: data messages as {@code [channel][payload]}, then how the socket closed. */
    private sealed interface Event {
    }

    private record Message(byte[] bytes) implements Event {
    }

    private record Close(int code) implements Event {
    }

    private record Failure(Throwable error) implements Event {
    }

    private static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                events.add(new Message(partial.toByteArray()));
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Close(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Failure(error));
        }

        Event next() throws InterruptedException {
            Event event = events.poll(5, TimeUnit.SECONDS);
            assertThat(event).as("an event within 5 s").isNotNull();
            return event;
        }

        byte[] nextMessage() throws InterruptedException {
            Event event = next();
            assertThat(event).isInstanceOf(Message.class);
            return ((Message) event).bytes();
        }

        /** Nothing arrives for a while: proves a negative only as far as 300 ms go. */
        void expectSilence() throws InterruptedException {
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    @DisplayName("the server first names the port on the data and the error channel, little-endian")
    void open_sendsTwoPortFrames_littleEndian() throws Exception {
        PodPort port = pod(5353);
        api.portForwards().route(port, echoing());
        Recorder recorder = new Recorder();
        WebSocket socket = connect(port, recorder);

        assertThat(socket.getSubprotocol()).isEqualTo("v4.channel.k8s.io");
        assertThat(recorder.nextMessage()).containsExactly(0, 0xE9, 0x14);
        assertThat(recorder.nextMessage()).containsExactly(1, 0xE9, 0x14);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 'h', 'i'}), true).get(5, TimeUnit.SECONDS);
        assertThat(recorder.nextMessage()).containsExactly(0, 'h', 'i');
        socket.abort();
    }

    @Test
    @DisplayName("the target gets the client's payload without the channel byte; other channels are ignored")
    void clientMessages_reachTargetWithoutChannelByte() throws Exception {
        PodPort port = pod(53);
        List<byte[]> received = new CopyOnWriteArrayList<>();
        api.portForwards().route(port, (p, client) -> new PortForwardTarget.Connection() {
            @Override
            public void receive(byte[] bytes) {
                received.add(bytes);
            }

            @Override
            public void close() {
            }
        });
        Recorder recorder = new Recorder();
        WebSocket socket = connect(port, recorder);
        skipPortFrames(recorder);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 9, 9}), true).get(5, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, 3}), true).get(5, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).containsExactly(1, 2, 3);
        socket.abort();
    }

    @Test
    @DisplayName("a split fault sends each reply as two data messages cut at the given offset")
    void splitAt_sendsEachReplyAsTwoMessages() throws Exception {
        PodPort port = pod(53);
        api.portForwards().route(port, echoing(), Faults.none().splitAt(2));
        Recorder recorder = new Recorder();
        WebSocket socket = connect(port, recorder);
        skipPortFrames(recorder);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 'a', 'b', 'c', 'd', 'e'}), true);

        assertThat(recorder.nextMessage()).containsExactly(0, 'a', 'b');
        assertThat(recorder.nextMessage()).containsExactly(0, 'c', 'd', 'e');
        socket.abort();
    }

    @Test
    @DisplayName("a merge fault sends several replies as one data message")
    void mergeEvery_sendsRepliesAsOneMessage() throws Exception {
        PodPort port = pod(53);
        // Replies byte by byte, so a merge of three turns six one-byte replies into two messages.
        api.portForwards().route(port, (p, client) -> new PortForwardTarget.Connection() {
            @Override
            public void receive(byte[] bytes) {
                for (byte b : bytes) {
                    client.send(new byte[] {b});
                }
            }

            @Override
            public void close() {
            }
        }, Faults.none().mergeEvery(3));
        Recorder recorder = new Recorder();
        WebSocket socket = connect(port, recorder);
        skipPortFrames(recorder);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}), true);

        assertThat(recorder.nextMessage()).containsExactly(0, 1, 2, 3);
        assertThat(recorder.nextMessage()).containsExactly(0, 4, 5, 6);
        // The seventh byte waits for company only as long as the linger, then goes alone.
        assertThat(recorder.nextMessage()).containsExactly(0, 7);
        socket.abort();
    }

    @Test
    @DisplayName("an error fault sends the text on channel 1 after N data messages, then closes")
    void errorAfter_sendsErrorFrameThenCloses() throws Exception {
        PodPort port = pod(53);
        api.portForwards().route(port, echoing(), Faults.none().errorAfter(1, "boom"));
        Recorder recorder = new Recorder();
        WebSocket socket = connect(port, recorder);
        skipPortFrames(recorder);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 'x'}), true);

        assertThat(recorder.nextMessage()).containsExactly(0, 'x');
        assertThat(recorder.nextMessage()).containsExactly(1, 'b', 'o', 'o', 'm');
        assertThat(recorder.next()).isEqualTo(new Close(1000));
    }

    @Test
    @DisplayName("a drop fault closes the websocket after N data messages without an error frame")
    void dropAfter_closesWithoutError() throws Exception {
        PodPort port = pod(53);
        api.portForwards().route(port, echoing(), Faults.none().dropAfter(0));
        Recorder recorder = new Recorder();
        connect(port, recorder);
        skipPortFrames(recorder);

        assertThat(recorder.next()).isEqualTo(new Close(1001));
    }

    @Test
    @DisplayName("a swallowing fault accepts the forward and never answers")
    void swallowing_neverAnswers() throws Exception {
        PodPort port = pod(53);
        api.portForwards().route(port, echoing(), Faults.none().swallowing());
        Recorder recorder = new Recorder();
        WebSocket socket = connect(port, recorder);
        skipPortFrames(recorder);

        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 'x'}), true);

        recorder.expectSilence();
        socket.abort();
    }

    @Test
    @DisplayName("with nothing behind the port the kubelet's connection-refused arrives on the error channel")
    void noTarget_sendsKubeletConnectionRefused() throws Exception {
        PodPort port = pod(53);
        Recorder recorder = new Recorder();
        connect(port, recorder);
        skipPortFrames(recorder);

        byte[] error = recorder.nextMessage();
        assertThat(error[0]).isEqualTo((byte) 1);
        assertThat(new String(error, 1, error.length - 1, StandardCharsets.UTF_8))
                .isEqualTo("error forwarding port 53 to pod " + port.podName()
                        + ", uid : failed to connect to localhost:53 inside the pod: connection refused");
        assertThat(recorder.next()).isEqualTo(new Close(1000));
    }

    @Test
    @DisplayName("the upgrade is refused with 404 for a pod not in the store")
    void missingPod_refusedWith404() {
        PodPort port = new PodPort(NAMESPACE, "ghost", 53);

        assertThatThrownBy(() -> connect(port, new Recorder()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(404));
    }

    @Test
    @DisplayName("in forbidden mode the upgrade is refused with 403, before the pod is even looked up")
    void forbidden_refusedWith403() {
        api.portForwards().forbid(true);
        try {
            assertThatThrownBy(() -> connect(new PodPort(NAMESPACE, "ghost", 53), new Recorder()))
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(403));
        } finally {
            api.portForwards().forbid(false);
        }
    }

    @Test
    @DisplayName("a port-forward request without a websocket upgrade is a 400, like the real API server's")
    void plainGet_refusedWith400() throws Exception {
        PodPort port = pod(53);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("http", port)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Upgrade request required");
    }

    @Test
    @DisplayName("other requests go to the CRUD store unchanged")
    void otherRequests_reachCrudStore() throws Exception {
        PodPort port = pod(53);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl("http") + "api/v1/namespaces/" + NAMESPACE + "/pods/" + port.pod()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"" + port.pod() + "\"");
    }

    private static PortForwardTarget echoing() {
        return (port, client) -> new PortForwardTarget.Connection() {
            @Override
            public void receive(byte[] bytes) {
                client.send(bytes);
            }

            @Override
            public void close() {
            }
        };
    }

    private static WebSocket connect(PodPort port, Recorder recorder) throws Exception {
        CompletableFuture<WebSocket> socket = http.newWebSocketBuilder().subprotocols("v4.channel.k8s.io")
                .connectTimeout(Duration.ofSeconds(5)).buildAsync(uri("ws", port), recorder);
        return socket.get(5, TimeUnit.SECONDS);
    }

    private static void skipPortFrames(Recorder recorder) throws InterruptedException {
        assertThat(recorder.nextMessage()[0]).isEqualTo((byte) 0);
        assertThat(recorder.nextMessage()[0]).isEqualTo((byte) 1);
    }

    private static URI uri(String scheme, PodPort port) {
        return URI.create(baseUrl(scheme) + "api/v1/namespaces/" + port.namespace() + "/pods/" + port.pod()
                + "/portforward?ports=" + port.port());
    }

    private static String baseUrl(String scheme) {
        return scheme + "://127.0.0.1:" + api.port() + "/";
    }

    private static PodPort pod(int containerPort) {
        String name = "dns-" + pods.incrementAndGet();
        api.client().pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata()
                .withNamespace(NAMESPACE).withName(name).endMetadata().build()).create();
        return new PodPort(NAMESPACE, name, containerPort);
    }
}
