package dev.kdi.cluster.bench;

import dev.kdi.cluster.BytePipe;
import dev.kdi.cluster.ForwardState;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwardStream;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.TcpEchoServer;
import dev.kdi.demo.TcpRelay;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Prints what a port-forward through the (mock) API server costs against talking TCP directly to the
 * same echo server: round-trip latency of a 40-byte request (the size of a small DNS query), messages
 * per second pipelined through one forward, and how long a forward takes to open.
 *
 * <p>Run: {@code ./mvnw -q -B test-compile exec:java -Dexec.mainClass=dev.kdi.cluster.bench.PortForwardBenchmark
 * -Dexec.classpathScope=test}. Figures depend on the machine; compare them with each other.
 */
public final class PortForwardBenchmark {

    private static final int MESSAGE = 40;
    private static final int WARMUP_ROUND_TRIPS = 3_000;
    private static final int ROUND_TRIPS = 5_000;
    private static final int PIPELINED = 200_000;
    private static final int OPENS = 30;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private PortForwardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (MockApiServer api = MockApiServer.start(); TcpEchoServer echo = TcpEchoServer.start();
             PortForwarder forwarder = new PortForwarder(api.client())) {
            api.client().pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                    .withNamespace("kube-system").withName("coredns-bench").endMetadata().build()).create();
            PodPort pod = new PodPort("kube-system", "coredns-bench", 53);
            api.portForwards().route(pod, TcpRelay.toLoopback(echo.port()));

            System.out.printf(Locale.ROOT, "port-forward benchmark: %d-byte messages, mock API server over HTTPS on"
                    + " 127.0.0.1, TCP echo server behind the pod, %d CPUs%n", MESSAGE,
                    Runtime.getRuntime().availableProcessors());

            try (Socket direct = new Socket(InetAddress.getLoopbackAddress(), echo.port())) {
                direct.setTcpNoDelay(true);
                InputStream in = direct.getInputStream();
                OutputStream out = direct.getOutputStream();
                roundTripsDirect(in, out, WARMUP_ROUND_TRIPS);
                print("direct TCP", roundTripsDirect(in, out, ROUND_TRIPS));
                System.out.printf(Locale.ROOT, "  direct TCP pipelined: %,.0f messages/s%n",
                        pipelinedDirect(in, out, PIPELINED));
            }

            try (PortForwardStream stream = forwarder.open(pod)) {
                ForwardState state = stream.awaitSettled(WAIT);
                if (!(state instanceof ForwardState.Ready)) {
                    throw new IllegalStateException("the forward did not open: " + state.describe());
                }
                roundTripsForward(stream, WARMUP_ROUND_TRIPS);
                print("port-forward", roundTripsForward(stream, ROUND_TRIPS));
                System.out.printf(Locale.ROOT, "  port-forward pipelined: %,.0f messages/s%n",
                        pipelinedForward(stream, PIPELINED));
            }

            long[] opens = new long[OPENS];
            for (int i = 0; i < OPENS; i++) {
                long start = System.nanoTime();
                try (PortForwardStream stream = forwarder.open(pod)) {
                    stream.awaitSettled(WAIT);
                    write(stream, new byte[MESSAGE]);
                    readFully(stream.fromPod(), MESSAGE);
                    opens[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(opens);
            System.out.printf(Locale.ROOT, "  open a forward and get the first reply: median %.1f ms, max %.1f ms"
                    + " (%d opens)%n", opens[OPENS / 2] / 1e6, opens[OPENS - 1] / 1e6, OPENS);
        }
    }

    private static long[] roundTripsDirect(InputStream in, OutputStream out, int count) throws IOException {
        byte[] request = new byte[MESSAGE];
        byte[] reply = new byte[MESSAGE];
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            request[0] = (byte) i;
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            readFully(in, reply);
            nanos[i] = System.nanoTime() - start;
            check(reply[0] == request[0], "direct TCP reply out of order");
        }
        return nanos;
    }

    private static long[] roundTripsForward(PortForwardStream stream, int count) throws IOException {
        byte[] request = new byte[MESSAGE];
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            request[0] = (byte) i;
            long start = System.nanoTime();
            write(stream, request);
            byte[] reply = readFully(stream.fromPod(), MESSAGE);
            nanos[i] = System.nanoTime() - start;
            check(reply[0] == request[0], "forwarded reply out of order");
        }
        return nanos;
    }

    private static double pipelinedDirect(InputStream in, OutputStream out, int count) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                byte[] request = new byte[MESSAGE];
                for (int i = 0; i < count; i++) {
                    out.write(request);
                }
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] all = new byte[64 * 1024];
        long left = (long) count * MESSAGE;
        while (left > 0) {
            int n = in.read(all, 0, (int) Math.min(all.length, left));
            check(n > 0, "direct TCP ended early");
            left -= n;
        }
        writer.get();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double pipelinedForward(PortForwardStream stream, int count) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                byte[] request = new byte[MESSAGE];
                for (int i = 0; i < count; i++) {
                    write(stream, request);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long left = (long) count * MESSAGE;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int n = stream.fromPod().read(buffer, WAIT);
            check(n > 0, "the forward ended or stalled with " + left + " bytes to go");
            left -= n;
        }
        writer.get();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %s round trip: median %.1f µs, p90 %.1f µs, p99 %.1f µs (%d round trips)%n",
                what, sorted[sorted.length / 2] / 1e3, sorted[sorted.length * 9 / 10] / 1e3,
                sorted[sorted.length * 99 / 100] / 1e3, sorted.length);
    }

    private static void write(PortForwardStream stream, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            stream.toPod().write(buffer);
        }
    }

    private static byte[] readFully(BytePipe.Source source, int count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            check(source.read(buffer, WAIT) > 0, "the forward ended or stalled");
        }
        return buffer.array();
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int at = 0;
        while (at < into.length) {
            int n = in.read(into, at, into.length - at);
            check(n > 0, "direct TCP ended early");
            at += n;
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
