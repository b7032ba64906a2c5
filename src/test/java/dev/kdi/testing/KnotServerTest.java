package dev.kdi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** The Knot fixture itself: where it listens, what it allows, how it fails and cleans up. */
@Timeout(60)
class KnotServerTest {
    private static final String ZONE = """
            $ORIGIN fixture.test.
            $TTL 60
            @    IN SOA ns1 hostmaster 7 3600 600 86400 60
            @    IN NS  ns1
            ns1  IN A   127.0.0.1
            www  IN A   10.9.0.1
            ; A CNAME beside another record breaks a mandatory check; soft checks let it load.
            odd  IN CNAME www
            odd  IN TXT "beside a CNAME"
            """;

    @Test
    void start_zoneWithACnameBesideOtherData_loadsAndAllowsATransferFromLoopback() throws Exception {
        try (KnotServer knot = KnotServer.start("fixture.test.", ZONE)) {
            ZoneTransferIn axfr = ZoneTransferIn.newAXFR(Name.fromString("fixture.test."),
                    knot.address().getHostAddress(), knot.port(), null);
            axfr.setTimeout(Duration.ofSeconds(5));
            axfr.run();

            List<String> records = axfr.getAXFR().stream()
                    .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString()).toList();
            assertThat(records).contains("www.fixture.test. A 10.9.0.1", "odd.fixture.test. CNAME www.fixture.test.",
                    "odd.fixture.test. TXT \"beside a CNAME\"");
        }
    }

    @Test
    void start_listensOnLoopbackOnly() throws Exception {
        try (KnotServer knot = KnotServer.start("fixture.test.", ZONE)) {
            assertThat(knot.socketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", knot.port()));
            List<String> sockets = socketsOnPort(knot.port());

            assertThat(sockets).as("sockets bound to port %d", knot.port())
                    .isNotEmpty()
                    .allMatch(s -> s.startsWith("0100007F:"), "is 127.0.0.1");
        }
    }

    @Test
    void close_stopsKnotdAndDeletesItsDirectory() throws Exception {
        KnotServer knot = KnotServer.start("fixture.test.", ZONE);
        Path dir = knot.directory();
        Optional<ProcessHandle> knotd = ProcessHandle.current().children()
                .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(dir.toString()))
                .findFirst();
        assertThat(knotd).isPresent();

        knot.close();

        assertThat(knotd.get().isAlive()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThat(socketsOnPort(knot.port())).isEmpty();
    }

    @Test
    void start_zoneThatDoesNotParse_failsWithKnotdsLogInTheMessage() {
        String broken = "$ORIGIN broken.test.\n@ 60 IN SOA ns1 hostmaster 1 3600 600 86400 60\nwww 60 IN A 10.0.0.300\n";

        assertThatThrownBy(() -> KnotServer.start("broken.test.", broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("knotd cannot load a zone; its log:")
                .hasMessageContaining("invalid IPv4 address");
    }

    @Test
    void locateKnotd_absentInCi_failsSayingHowToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> KnotServer.locateKnotd(empty.resolve("knotd"), Map.of("CI", "true", "PATH", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("knotd is required in CI: apt-get install knot");
    }

    @Test
    void locateKnotd_absentOutsideCi_abortsTheTestSayingHowToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> KnotServer.locateKnotd(empty.resolve("knotd"), Map.of("PATH", empty.toString())))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install knot");
    }

    @Test
    void locateKnotd_onThePath_isFound(@TempDir Path dir) throws Exception {
        Path fake = Files.createFile(dir.resolve("knotd"));
        fake.toFile().setExecutable(true);

        assertThat(KnotServer.locateKnotd(dir.resolve("elsewhere"), Map.of("PATH", dir.toString()))).isEqualTo(fake);
    }

    /** The local addresses ({@code hex-ip:hex-port}) of TCP and UDP sockets, v4 and v6, on the port. */
    private static List<String> socketsOnPort(int port) throws Exception {
        String suffix = String.format(":%04X", port);
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path p = Path.of("/proc/net", table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[1].endsWith(suffix)) {
                    out.add(f[1]);
                }
            }
        }
        return out;
    }
}
