package dev.kdi.cluster;

import static dev.kdi.cluster.ForwardIo.pattern;
import static dev.kdi.cluster.ForwardIo.readExactly;
import static dev.kdi.cluster.ForwardIo.readToEnd;
import static dev.kdi.cluster.ForwardIo.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kdi.cluster.ForwardState.Closed;
import dev.kdi.cluster.ForwardState.Connecting;
import dev.kdi.cluster.ForwardState.FailureKind;
import dev.kdi.cluster.ForwardState.Failed;
import dev.kdi.cluster.ForwardState.Ready;
import dev.kdi.demo.Faults;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.TcpEchoServer;
import dev.kdi.demo.TcpRelay;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A forward through fabric8's mock API server, with the kubelet emulated and a TCP echo server behind the pod. */
// A separate thread, so a deadlocked forward fails its test instead of hanging the build.
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PortForwardStreamTest {

    private static final String NAMESPACE = "kube-system";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static MockApiServer api;
    private static TcpEchoServer echo;
    private static PortForwarder forwarder;
    private static final AtomicInteger pods = new AtomicInteger();

    private final StateRecorder seen = new StateRecorder();

    @BeforeAll
    static void startServers() throws IOException {
        api = MockApiServer.start();
        echo = TcpEchoServer.start();
        forwarder = new PortForwarder(api.client(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
        if (api != null) {
            api.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    @DisplayName("bytes written to the pod come back from the echo server behind it, and the state is ready")
    void open_roundTripsBytes_echoBehindPod() throws Exception {
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none()), seen)) {
            assertThat(stream.awaitSettled(WAIT)).isInstanceOf(Ready.class);
            byte[] request = "a 40-byte DNS-sized request, more or les".getBytes(StandardCharsets.US_ASCII);

            write(stream.toPod(), request);

            assertThat(readExactly(stream.fromPod(), request.length, WAIT)).isEqualTo(request);
            assertThat(seen.untilCount(2)).containsExactly(new Connecting(), new Ready());
        }
        assertThat(seen.untilFinal()).containsExactly(new Connecting(), new Ready(), new Closed());
    }

    @Test
    @DisplayName("writes made while connecting wait in memory and reach the pod once the forward opens")
    void toPod_writesBeforeReady_arriveAfterOpen() throws Exception {
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none()))) {
            byte[] early = pattern(3000, 1);
            write(stream.toPod(), early);

            assertThat(readExactly(stream.fromPod(), early.length, WAIT)).isEqualTo(early);
        }
    }

    @Test
    @DisplayName("a listener may write more than the pipe holds when told the forward is ready")
    void listener_writesOnReady_withoutDeadlock() throws Exception {
        byte[] burst = pattern(100 * 1024, 4);
        CompletableFuture<Void> written = new CompletableFuture<>();
        AtomicReference<PortForwardStream> self = new AtomicReference<>();
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none()), state -> {
            if (state instanceof Ready) {
                if (self.get() == null) {
                    // Ready needs a websocket round trip; open() returns long before that.
                    written.completeExceptionally(new AssertionError("ready before open() returned"));
                    return;
                }
                try {
                    write(self.get().toPod(), burst);
                    written.complete(null);
                } catch (IOException e) {
                    written.completeExceptionally(e);
                }
            }
        })) {
            self.set(stream);

            assertThat(readExactly(stream.fromPod(), burst.length, WAIT)).isEqualTo(burst);
            written.get(5, TimeUnit.SECONDS);
        }
    }

    static Stream<Arguments> framings() {
        return Stream.of(
                Arguments.of("each reply cut after its first byte", Faults.none().splitAt(1)),
                Arguments.of("each reply cut after 2 bytes (inside a DNS length prefix)", Faults.none().splitAt(2)),
                Arguments.of("each reply cut at a random point", Faults.none().splitRandomly(20240601)),
                Arguments.of("replies merged three at a time", Faults.none().mergeEvery(3)),
                Arguments.of("replies merged, then cut at random points", Faults.none().mergeEvery(4).splitRandomly(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    @DisplayName("replies cut across messages or merged into one still arrive whole and in order")
    void fromPod_deliversBytesInOrder_whateverTheFraming(String description, Faults faults) throws Exception {
        try (PortForwardStream stream = forwarder.open(echoPod(faults))) {
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                requests.add(pattern(40, i));
            }
            // Lock-step first (one reply at a time, each framed on its own), then pipelined (replies overtake
            // each other in the relay and merge).
            for (byte[] request : requests.subList(0, 10)) {
                write(stream.toPod(), request);
                assertThat(readExactly(stream.fromPod(), 40, WAIT)).isEqualTo(request);
            }
            byte[] pipelined = ForwardIo.concat(requests.subList(10, 50).toArray(byte[][]::new));
            for (byte[] request : requests.subList(10, 50)) {
                write(stream.toPod(), request);
            }
            assertThat(readExactly(stream.fromPod(), pipelined.length, WAIT)).isEqualTo(pipelined);
            assertThat(stream.state()).isInstanceOf(Ready.class);
        }
    }

    @Test
    @DisplayName("one megabyte goes through and back unchanged while both directions run at once")
    void roundTrip_oneMegabyte_unchanged() throws Exception {
        byte[] megabyte = pattern(1 << 20, 99);
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none()))) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    // Uneven chunks so message boundaries never line up with anything.
                    for (int at = 0; at < megabyte.length; ) {
                        int n = Math.min(megabyte.length - at, 1 + (at % 7919));
                        write(stream.toPod(), java.util.Arrays.copyOfRange(megabyte, at, at + n));
                        at += n;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            byte[] back = readExactly(stream.fromPod(), megabyte.length, Duration.ofSeconds(20));

            writer.get(5, TimeUnit.SECONDS);
            assertThat(back).isEqualTo(megabyte);
        }
    }

    @Test
    @DisplayName("an error frame fails the forward with the kubelet's text and ends the readable channel")
    void errorFrame_failsWithKubeletText_andEndsStream() throws Exception {
        String kubelet = "error forwarding port 53 to pod kube-system/coredns-x, uid : failed to connect to"
                + " localhost:53 inside namespace \"4a1f\": connection refused";
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none().errorAfter(1, kubelet)), seen)) {
            byte[] request = pattern(40, 5);
            write(stream.toPod(), request);

            assertThat(readToEnd(stream.fromPod(), WAIT)).isEqualTo(request);
            assertThat(stream.awaitSettled(WAIT)).isEqualTo(new Failed(FailureKind.KUBELET_ERROR, kubelet));
            assertThat(seen.untilFinal()).containsExactly(new Connecting(), new Ready(),
                    new Failed(FailureKind.KUBELET_ERROR, kubelet));
            assertThatThrownBy(() -> write(stream.toPod(), request))
                    .isInstanceOf(IOException.class).hasMessageContaining(kubelet);
        }
    }

    @Test
    @DisplayName("a forward with nothing listening behind the port fails with the kubelet's connection-refused")
    void open_nothingBehindPort_failsWithKubeletError() throws Exception {
        PodPort port = pod("lonely");
        try (PortForwardStream stream = forwarder.open(port)) {
            assertThat(readToEnd(stream.fromPod(), WAIT)).isEmpty();
            ForwardState state = stream.state();
            assertThat(state).isInstanceOf(Failed.class);
            assertThat(((Failed) state).kind()).isEqualTo(FailureKind.KUBELET_ERROR);
            assertThat(((Failed) state).reason()).contains("connection refused").contains(port.podName());
        }
    }

    @Test
    @DisplayName("the server dropping the websocket ends the stream, and the forward never reports ready again")
    void drop_endsStream_andNeverReadyAfterwards() throws Exception {
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none().dropAfter(1)), seen)) {
            byte[] request = pattern(40, 6);
            write(stream.toPod(), request);

            assertThat(readToEnd(stream.fromPod(), WAIT)).isEqualTo(request);
            Failed closed = new Failed(FailureKind.CLOSED_BY_SERVER, "the API server closed the forward");
            assertThat(stream.state()).isEqualTo(closed);
            // Writing into a dead forward must not bring it back.
            assertThatThrownBy(() -> write(stream.toPod(), request)).isInstanceOf(IOException.class)
                    .hasMessageContaining("the API server closed the forward");
            Thread.sleep(100);
            assertThat(stream.state()).isEqualTo(closed);
            assertThat(seen.untilFinal()).containsExactly(new Connecting(), new Ready(), closed);
        }
        // Closing a failed forward changes nothing a listener hears.
        Thread.sleep(50);
        assertThat(seen.untilFinal()).containsExactly(new Connecting(), new Ready(),
                new Failed(FailureKind.CLOSED_BY_SERVER, "the API server closed the forward"));
    }

    @Test
    @DisplayName("the API server ending every forward (a restart) fails them all and ends their streams")
    void dropAll_failsOpenForwards() throws Exception {
        try (PortForwardStream first = forwarder.open(echoPod(Faults.none()));
             PortForwardStream second = forwarder.open(echoPod(Faults.none()))) {
            assertThat(first.awaitSettled(WAIT)).isInstanceOf(Ready.class);
            assertThat(second.awaitSettled(WAIT)).isInstanceOf(Ready.class);

            // Ready is the client's view of the upgrade; the server registers the forward a moment later.
            awaitOpenForwards(2);

            api.portForwards().dropAll();

            assertThat(readToEnd(first.fromPod(), WAIT)).isEmpty();
            assertThat(readToEnd(second.fromPod(), WAIT)).isEmpty();
            assertThat(first.state()).isInstanceOf(Failed.class);
            assertThat(second.state()).isInstanceOf(Failed.class);
        }
    }

    @Test
    @DisplayName("a pod that does not exist fails with 'not found' and never becomes ready")
    void open_missingPod_failsNotFound() throws Exception {
        try (PortForwardStream stream = forwarder.open(new PodPort(NAMESPACE, "coredns-gone", 53), seen)) {
            assertThat(stream.awaitSettled(WAIT))
                    .isEqualTo(new Failed(FailureKind.POD_NOT_FOUND, "pod kube-system/coredns-gone not found"));
            assertThat(readToEnd(stream.fromPod(), WAIT)).isEmpty();
        }
        assertThat(seen.untilFinal()).doesNotContain(new Ready());
    }

    @Test
    @DisplayName("a forbidden forward fails with 403 and says which RBAC permission is missing")
    void open_forbidden_failsWithRbacHint() throws Exception {
        PodPort port = echoPod(Faults.none());
        api.portForwards().forbid(true);
        try (PortForwardStream stream = forwarder.open(port, seen)) {
            assertThat(stream.awaitSettled(WAIT)).isEqualTo(new Failed(FailureKind.FORBIDDEN,
                    "port-forward refused: 403 Forbidden (needs get/create pods/portforward in kube-system)"));
            assertThat(readToEnd(stream.fromPod(), WAIT)).isEmpty();
        } finally {
            api.portForwards().forbid(false);
        }
        assertThat(seen.untilFinal()).doesNotContain(new Ready());
    }

    @Test
    @DisplayName("a server that accepts the forward but never answers leaves reads timing out, not hanging")
    void fromPod_timedRead_returnsZero_whenNothingAnswers() throws Exception {
        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none().swallowing()))) {
            assertThat(stream.awaitSettled(WAIT)).isInstanceOf(Ready.class);
            write(stream.toPod(), pattern(40, 7));

            assertThat(stream.fromPod().read(ByteBuffer.allocate(64), Duration.ofMillis(300))).isZero();
            assertThat(stream.state()).isInstanceOf(Ready.class);
        }
    }

    @Test
    @DisplayName("close ends the readable channel at once, fails writes, and the server sees the forward end")
    void close_endsStreamAndServerSide() throws Exception {
        PortForwardStream stream = forwarder.open(echoPod(Faults.none()), seen);
        assertThat(stream.awaitSettled(WAIT)).isInstanceOf(Ready.class);
        CompletableFuture<byte[]> blockedReader = CompletableFuture.supplyAsync(() -> {
            try {
                return readToEnd(stream.fromPod(), WAIT);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        stream.close();

        assertThat(blockedReader.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(stream.state()).isEqualTo(new Closed());
        assertThatThrownBy(() -> write(stream.toPod(), new byte[] {1})).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(seen.untilFinal()).containsExactly(new Connecting(), new Ready(), new Closed());
        awaitOpenForwards(0);
    }

    @Test
    @DisplayName("ordinary API calls (create, get, list pods) still work on the server that serves forwards")
    void crudCalls_stillWork_besideForwards() throws Exception {
        PodPort port = echoPod(Faults.none());
        try (PortForwardStream stream = forwarder.open(port)) {
            assertThat(stream.awaitSettled(WAIT)).isInstanceOf(Ready.class);
            KubernetesClient client = api.client();
            client.pods().inNamespace("default").resource(pod("default", "web-0")).create();

            assertThat(client.pods().inNamespace("default").list().getItems())
                    .extracting(p -> p.getMetadata().getName()).contains("web-0");
            assertThat(client.pods().inNamespace(NAMESPACE).withName(port.pod()).get()).isNotNull();
            assertThat(client.pods().inNamespace(NAMESPACE).withName("coredns-gone").get()).isNull();
            write(stream.toPod(), pattern(10, 3));
            assertThat(readExactly(stream.fromPod(), 10, WAIT)).isEqualTo(pattern(10, 3));
        }
    }

    @Test
    @DisplayName("fabric8's per-forward pump thread (not a daemon) ends whether a forward is closed, errs or is dropped")
    void endedForwards_leaveNoPumpThreads() throws Exception {
        long before = fabricPumpThreads();
        for (Faults faults : List.of(Faults.none(), Faults.none().errorAfter(1, "gone"), Faults.none().dropAfter(1))) {
            try (PortForwardStream stream = forwarder.open(echoPod(faults))) {
                write(stream.toPod(), pattern(40, 9));
                readExactly(stream.fromPod(), 40, WAIT);
            }
        }
        try (PortForwardStream stream = forwarder.open(new PodPort(NAMESPACE, "coredns-gone", 53))) {
            stream.awaitSettled(WAIT);
        }

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fabricPumpThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fabricPumpThreads()).as("non-daemon pool threads left behind").isLessThanOrEqualTo(before);
    }

    /** fabric8 pumps each forward's outgoing bytes on a thread from Executors.newSingleThreadExecutor(). */
    private static long fabricPumpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().matches("pool-\\d+-thread-\\d+"))
                .count();
    }

    @Test
    @DisplayName("closing the forwarder closes its open forwards, forgets ended ones, and refuses new ones")
    void forwarderClose_closesOpenForwards() throws Exception {
        PortForwarder own = new PortForwarder(api.client(), WAIT);
        PortForwardStream refused = own.open(new PodPort(NAMESPACE, "coredns-gone", 53));
        PortForwardStream first = own.open(echoPod(Faults.none()));
        PortForwardStream second = own.open(echoPod(Faults.none()));
        assertThat(refused.awaitSettled(WAIT)).isInstanceOf(Failed.class);
        assertThat(first.awaitSettled(WAIT)).isInstanceOf(Ready.class);
        assertThat(second.awaitSettled(WAIT)).isInstanceOf(Ready.class);
        assertThat(own.openForwards()).isEqualTo(2);

        own.close();

        assertThat(first.state()).isEqualTo(new Closed());
        assertThat(second.state()).isEqualTo(new Closed());
        assertThat(readToEnd(first.fromPod(), WAIT)).isEmpty();
        assertThat(own.openForwards()).isZero();
        assertThatThrownBy(() -> own.open(echoPod(Faults.none()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a forward opens no listening socket in this process")
    void open_opensNoListeningSocket() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || ListeningSockets.supported(),
                "needs Linux /proc to list this process's sockets; run on Linux to check this");
        Set<String> before = ListeningSockets.ofThisProcess();
        assertThat(before).as("the mock API server is among this process's listeners, so the check can see one")
                .contains("tcp 127.0.0.1:" + api.port());

        try (PortForwardStream stream = forwarder.open(echoPod(Faults.none()))) {
            assertThat(stream.awaitSettled(WAIT)).isInstanceOf(Ready.class);
            write(stream.toPod(), pattern(40, 8));
            readExactly(stream.fromPod(), 40, WAIT);
            Set<String> during = ListeningSockets.ofThisProcess();

            assertThat(during).isSubsetOf(before);
        }
    }

    @Test
    @DisplayName("the mock API server listens on 127.0.0.1 only")
    void mockApiServer_listensOnLoopbackOnly() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || ListeningSockets.supported(),
                "needs Linux /proc to list this process's sockets; run on Linux to check this");

        assertThat(ListeningSockets.listensOnLoopbackOnly(api.port())).isTrue();
    }

    @Test
    @DisplayName("an API server that never answers the upgrade fails the forward after the connect timeout")
    void open_silentApiServer_failsAfterConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             KubernetesClient client = clientFor("http://127.0.0.1:" + silent.getLocalPort(), 10)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (PortForwarder impatient = new PortForwarder(client, Duration.ofMillis(300));
                 PortForwardStream stream = impatient.open(new PodPort(NAMESPACE, "coredns-x", 53), seen)) {
                assertThat(readToEnd(stream.fromPod(), WAIT)).isEmpty();
                assertThat(stream.state()).isEqualTo(new Failed(FailureKind.CONNECT_TIMEOUT,
                        "the API server did not open the forward to kube-system/coredns-x:53 within 300 ms"));
            }
            assertThat(seen.untilFinal()).doesNotContain(new Ready());
        }
    }

    @Test
    @DisplayName("an API server nobody listens for fails the forward as unreachable")
    void open_noApiServer_failsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (KubernetesClient client = clientFor("http://127.0.0.1:" + closedPort, 0);
             PortForwarder own = new PortForwarder(client);
             PortForwardStream stream = own.open(new PodPort(NAMESPACE, "coredns-x", 53))) {
            ForwardState state = stream.awaitSettled(WAIT);

            assertThat(state).isInstanceOf(Failed.class);
            assertThat(((Failed) state).kind()).isEqualTo(FailureKind.API_SERVER_UNREACHABLE);
            assertThat(((Failed) state).reason()).startsWith("cannot reach the API server: ");
            assertThat(readToEnd(stream.fromPod(), WAIT)).isEmpty();
        }
    }

    private static void awaitOpenForwards(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (api.portForwards().openForwards() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.portForwards().openForwards()).as("forwards open on the server").isEqualTo(expected);
    }

    private static KubernetesClient clientFor(String url, int retries) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl(url).withRequestRetryBackoffLimit(retries).withRequestTimeout(30_000).build()).build();
    }

    /** A fresh pod in the store with the echo server behind port 53. */
    private static PodPort echoPod(Faults faults) {
        PodPort port = pod("coredns");
        api.portForwards().route(port, TcpRelay.toLoopback(echo.port()), faults);
        return port;
    }

    private static PodPort pod(String prefix) {
        String name = prefix + "-" + pods.incrementAndGet();
        api.client().pods().inNamespace(NAMESPACE).resource(pod(NAMESPACE, name)).create();
        return new PodPort(NAMESPACE, name, 53);
    }

    private static Pod pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
    }
}
