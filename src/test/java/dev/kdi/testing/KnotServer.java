package dev.kdi.testing;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A real authoritative DNS server (Knot DNS, {@code knotd}) on 127.0.0.1 for tests: it serves the
 * zones it is given on a free port over UDP and TCP, and allows zone transfers from 127.0.0.1.
 *
 * <p>Everything it writes (configuration, zone files, run and storage directories, control socket)
 * lives in one temporary directory that {@link #close()} deletes after stopping the server. When
 * {@code knotd} is missing the test is aborted with how to install it, or fails when {@code CI=true}.
 *
 * <pre>{@code
 * try (KnotServer knot = KnotServer.start(new KnotServer.Zone("example.test.", zoneText))) {
 *     ... connect to knot.socketAddress() ...
 * }
 * }</pre>
 */
public final class KnotServer implements AutoCloseable {

    /** Where Debian's {@code knot} package puts the daemon. */
    public static final Path KNOTD = Path.of("/usr/sbin/knotd");

    private static final Duration START_DEADLINE = Duration.ofSeconds(15);
    private static final int PORT_ATTEMPTS = 3;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /**
     * A zone to serve.
     *
     * @param name the zone's apex, such as {@code example.test.}
     * @param text the zone file, in RFC 1035 master-file form with an SOA at the apex
     */
    public record Zone(String name, String text) {
        public Zone {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
            name = name.endsWith(".") ? name : name + ".";
        }

        /** A zone whose file is a test resource, such as {@code /dev/kdi/dns/example-test.zone}. */
        public static Zone fromResource(String name, String resource) {
            try (InputStream in = KnotServer.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test resource " + resource);
                }
                return new Zone(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read test resource " + resource, e);
            }
        }
    }

    private final Process process;
    private final Path dir;
    private final int port;
    private final Thread killOnExit;

    private KnotServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.killOnExit = new Thread(process::destroyForcibly, "kill knotd " + process.pid());
        // A test run cut short must not leave a DNS server behind on the machine.
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts knotd serving one zone. */
    public static KnotServer start(String zoneName, String zoneText) {
        return start(List.of(new Zone(zoneName, zoneText)));
    }

    /** Starts knotd serving the zones, and waits until it answers each zone's SOA over TCP. */
    public static KnotServer start(Zone... zones) {
        return start(List.of(zones));
    }

    /** Starts knotd serving the zones, and waits until it answers each zone's SOA over TCP. */
    public static KnotServer start(List<Zone> zones) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("knotd needs at least one zone to serve");
        }
        Path knotd = requireKnotd();
        String lastFailure = "";
        // The free port is found by binding and releasing it; another process may take it in
        // between, so a failed bind is retried on a fresh port.
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("kdi-knot-");
                int port = freePort();
                Path conf = writeConfig(dir, port, zones);
                Process process = new ProcessBuilder(knotd.toString(), "-c", conf.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("knotd.log").toFile())
                        .start();
                KnotServer server = new KnotServer(process, dir, port);
                String failure = server.awaitReady(zones);
                if (failure == null) {
                    return server;
                }
                lastFailure = failure;
                server.close();
                if (!failure.contains("cannot bind") && !failure.contains("Address already in use")) {
                    break;
                }
            } catch (IOException e) {
                lastFailure = "cannot start " + knotd + ": " + e.getMessage();
                if (dir != null) {
                    deleteTree(dir);
                }
                break;
            }
        }
        throw new IllegalStateException(lastFailure);
    }

    /**
     * The path of knotd; aborts the calling test when it is absent, or fails it when the
     * environment variable {@code CI} is {@code true}.
     */
    public static Path requireKnotd() {
        return locateKnotd(KNOTD, System.getenv());
    }

    /** {@link #requireKnotd()} with the expected path and the environment given, for its own tests. */
    static Path locateKnotd(Path expected, Map<String, String> env) {
        if (Files.isExecutable(expected)) {
            return expected;
        }
        for (String entry : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "knotd"))) {
                return Path.of(entry, "knotd");
            }
        }
        if ("true".equals(env.get("CI"))) {
            throw new IllegalStateException("knotd is required in CI: apt-get install knot");
        }
        Assumptions.abort("knotd (Knot DNS) is not installed; install it with: apt-get install knot");
        throw new AssertionError("unreachable");
    }

    /** The TCP and UDP port knotd listens on (on 127.0.0.1 only). */
    public int port() {
        return port;
    }

    /** 127.0.0.1. */
    public InetAddress address() {
        return LOOPBACK;
    }

    /** 127.0.0.1 and {@link #port()}. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** The temporary directory holding knot.conf, the zone files and knotd's run-time data. */
    public Path directory() {
        return dir;
    }

    /** What knotd has logged so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("knotd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(knotd's log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Stops knotd (SIGTERM, then SIGKILL after 5 s) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs anyway and finds knotd gone.
        }
        deleteTree(dir);
    }

    private static Path writeConfig(Path dir, int port, List<Zone> zones) throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path storage = Files.createDirectory(dir.resolve("storage"));
        Path zoneDir = Files.createDirectory(dir.resolve("zones"));
        StringBuilder conf = new StringBuilder();
        conf.append("# Written by dev.kdi.testing.KnotServer for one test run.\n")
                .append("server:\n")
                .append("    rundir: ").append(quoted(run)).append('\n')
                .append("    pidfile: ").append(quoted(run.resolve("knot.pid"))).append('\n')
                // Loopback only, on one port for UDP and TCP.
                .append("    listen: 127.0.0.1@").append(port).append('\n')
                .append("    udp-workers: 1\n")
                .append("    tcp-workers: 2\n")
                .append("    background-workers: 1\n")
                .append("control:\n")
                .append("    listen: ").append(quoted(run.resolve("knot.sock"))).append('\n')
                .append("database:\n")
                .append("    storage: ").append(quoted(storage)).append('\n')
                .append("log:\n")
                .append("  - target: stderr\n")
                .append("    any: info\n")
                .append("acl:\n")
                .append("  - id: transfer-from-loopback\n")
                .append("    address: 127.0.0.1\n")
                .append("    action: transfer\n")
                .append("template:\n")
                .append("  - id: default\n")
                .append("    storage: ").append(quoted(zoneDir)).append('\n')
                // Serve exactly the file as written: no journal, never write the file back.
                .append("    journal-content: none\n")
                .append("    zonefile-load: whole\n")
                .append("    zonefile-sync: -1\n")
                // Test zones may show broken data on purpose (a CNAME beside other records).
                .append("    semantic-checks: soft\n")
                .append("    acl: transfer-from-loopback\n")
                .append("zone:\n");
        for (int i = 0; i < zones.size(); i++) {
            Path file = zoneDir.resolve("zone-" + i + ".zone");
            Files.writeString(file, zones.get(i).text(), StandardCharsets.UTF_8);
            conf.append("  - domain: ").append(quoted(zones.get(i).name())).append('\n')
                    .append("    file: ").append(quoted(file)).append('\n');
        }
        Path confFile = dir.resolve("knot.conf");
        Files.writeString(confFile, conf.toString(), StandardCharsets.UTF_8);
        return confFile;
    }

    private static String quoted(Object value) {
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A port free for both TCP and UDP on 127.0.0.1 at the moment of asking. */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK)) {
                port = tcp.getLocalPort();
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                if (udp.isBound()) {
                    return port;
                }
            } catch (IOException e) {
                // Taken for UDP: try another.
            }
        }
        throw new IOException("no port is free for both TCP and UDP on 127.0.0.1");
    }

    /** Null once every zone's SOA answers over TCP, else why knotd is not serving. */
    private String awaitReady(List<Zone> zones) {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        List<Zone> waiting = new ArrayList<>(zones);
        String lastProbe = "no probe yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "knotd exited with status " + process.exitValue() + " before serving; its log:\n" + log();
            }
            String log = log();
            if (log.contains("zone event 'load' failed")) {
                return "knotd cannot load a zone; its log:\n" + log;
            }
            try {
                while (!waiting.isEmpty()) {
                    String problem = probeSoa(waiting.get(0).name());
                    if (problem != null) {
                        lastProbe = problem;
                        break;
                    }
                    waiting.remove(0);
                }
                if (waiting.isEmpty()) {
                    return null;
                }
            } catch (IOException e) {
                lastProbe = e.toString();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for knotd";
            }
        }
        return "knotd did not answer the SOA of " + waiting.get(0).name() + " over TCP on 127.0.0.1@" + port
                + " within " + START_DEADLINE.toSeconds() + " s (last probe: " + lastProbe + "); its log:\n" + log();
    }

    /** Null when the zone's SOA comes back authoritatively, else what came back. */
    private String probeSoa(String zone) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
        byte[] wire = query.toWire();
        try (Socket socket = new Socket()) {
            socket.connect(socketAddress(), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            Message answer = new Message(reply);
            boolean ok = answer.getRcode() == Rcode.NOERROR && answer.getHeader().getFlag(Flags.AA)
                    && answer.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof SOARecord);
            return ok ? null : "SOA query for " + zone + " answered " + Rcode.string(answer.getRcode());
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp directory is untidy, not a test failure.
        }
    }
}
