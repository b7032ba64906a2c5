package dev.kdi.demo;

import static dev.kdi.cluster.ForwardIo.readExactly;
import static dev.kdi.cluster.ForwardIo.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kdi.cluster.ForwardState;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwardStream;
import dev.kdi.cluster.PortForwarder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** DNS over TCP through a forward to Knot, a real DNS server, behind an emulated pod. */
// A separate thread, so a deadlocked forward fails its test instead of hanging the build.
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpRelayKnotTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Knot serves this zone: two service names, and nothing else (so other names are NXDOMAIN). */
    private static final String ZONE_FIXTURE = "/knot/cluster-local-kube-dns-and-web.zone";

    @TempDir
    Path dir;
    private Process knot;
    private int knotPort;

    @BeforeEach
    void startKnot() throws Exception {
        Optional<Path> knotd = findKnotd();
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(knotd.isPresent(), "knotd (Knot DNS) is not installed; install it with: apt-get install knot");
        }
        knotPort = freeLoopbackPort();
        try (var zone = TcpRelayKnotTest.class.getResourceAsStream(ZONE_FIXTURE)) {
            assertThat(zone).as(ZONE_FIXTURE).isNotNull();
            Files.copy(zone, dir.resolve("cluster.local.zone"));
        }
        Files.writeString(dir.resolve("knot.conf"), """
                server:
                    rundir: "%1$s"
                    listen: 127.0.0.1@%2$d
                database:
                    storage: "%1$s"
                control:
                    listen: "%1$s/knot.sock"
                log:
                  - target: stderr
                    any: error
                template:
                  - id: default
                    storage: "%1$s"
                    file: "%%s.zone"
                zone:
                  - domain: cluster.local
                """.formatted(dir, knotPort));
        knot = new ProcessBuilder(knotd.orElse(Path.of("knotd")).toString(), "-c", dir.resolve("knot.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("knotd.log").toFile()).start();
        awaitListening(knotPort);
    }

    @AfterEach
    void stopKnot() throws InterruptedException {
        if (knot != null) {
            knot.destroy();
            if (!knot.waitFor(5, TimeUnit.SECONDS)) {
                knot.destroyForcibly();
            }
        }
    }

    @Test
    @DisplayName("pipelined DNS queries over TCP through the forward get Knot's answers")
    void dnsOverTcp_throughForward_getsKnotAnswers() throws Exception {
        try (MockApiServer api = MockApiServer.start(false)) {
            api.client().pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                    .withNamespace("kube-system").withName("coredns-knot").endMetadata().build()).create();
            PodPort dnsPod = new PodPort("kube-system", "coredns-knot", 53);
            api.portForwards().route(dnsPod, TcpRelay.toLoopback(knotPort), Faults.none().splitRandomly(53));

            try (PortForwarder forwarder = new PortForwarder(api.client());
                 PortForwardStream stream = forwarder.open(dnsPod)) {
                assertThat(stream.awaitSettled(WAIT)).isInstanceOf(ForwardState.Ready.class);
                write(stream.toPod(), lengthPrefixed(query("kube-dns.kube-system.svc.cluster.local.", 1)));
                write(stream.toPod(), lengthPrefixed(query("web.default.svc.cluster.local.", 2)));
                write(stream.toPod(), lengthPrefixed(query("nope.default.svc.cluster.local.", 3)));

                Message first = readMessage(stream);
                Message second = readMessage(stream);
                Message third = readMessage(stream);

                assertThat(first.getHeader().getID()).isEqualTo(1);
                assertThat(addresses(first)).containsExactly("10.96.0.10");
                assertThat(second.getHeader().getID()).isEqualTo(2);
                assertThat(addresses(second)).containsExactly("10.96.4.2");
                assertThat(third.getHeader().getID()).isEqualTo(3);
                assertThat(third.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            }
        }
    }

    private static byte[] query(String name, int id) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        query.getHeader().setID(id);
        return query.toWire();
    }

    private static byte[] lengthPrefixed(byte[] message) {
        return ByteBuffer.allocate(message.length + 2).putShort((short) message.length).put(message).array();
    }

    private static Message readMessage(PortForwardStream stream) throws IOException {
        int length = ByteBuffer.wrap(readExactly(stream.fromPod(), 2, WAIT)).getShort() & 0xFFFF;
        return new Message(readExactly(stream.fromPod(), length, WAIT));
    }

    private static List<String> addresses(Message answer) {
        return answer.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    private static Optional<Path> findKnotd() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "knotd")).filter(Files::isExecutable).findFirst();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!knot.isAlive()) {
                throw new AssertionError("knotd exited with " + knot.exitValue() + ": "
                        + Files.readString(dir.resolve("knotd.log")));
            }
            try {
                new Socket(InetAddress.getLoopbackAddress(), port).close();
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("knotd did not listen on 127.0.0.1:" + port + " within 10 s");
    }
}
