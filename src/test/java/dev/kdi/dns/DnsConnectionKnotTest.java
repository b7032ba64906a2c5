package dev.kdi.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.testing.KnotServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Queries a real Knot DNS server over a real TCP connection and checks the decoded answers. */
@Timeout(30)
class DnsConnectionKnotTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int PIPELINED_HOSTS = 1_000;

    private static KnotServer knot;

    private final RecordingThreadFactory threads = new RecordingThreadFactory();
    private final List<DnsException> deaths = new ArrayList<>();
    private DnsConnection connection;

    @BeforeAll
    static void startKnot() {
        StringBuilder zone = new StringBuilder(
                KnotServer.Zone.fromResource("example.test.", "/dev/kdi/dns/example-test-one-name-per-type.zone").text());
        for (int i = 0; i < PIPELINED_HOSTS; i++) {
            zone.append("host-").append(i).append(" IN A ").append(hostAddress(i)).append('\n');
        }
        knot = KnotServer.start(
                new KnotServer.Zone("example.test.", zone.toString()),
                KnotServer.Zone.fromResource("0.0.10.in-addr.arpa.", "/dev/kdi/dns/reverse-10-0-0.zone"));
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        connection = DnsConnection.open(ByteStream.connect(knot.socketAddress(), TIMEOUT), threads,
                (c, cause) -> deaths.add(cause));
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    private static String hostAddress(int i) {
        return "10.1." + (i / 256) + "." + (i % 256);
    }

    private DnsExchange ask(String name, RrType type) throws Exception {
        return connection.query(new Question(name, type), TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    private static ResourceRecord rr(String owner, long ttl, Rdata data) {
        return new ResourceRecord(owner, ttl, data);
    }

    private static Answer answer(String name, RrType type, Status status, List<ResourceRecord> answer,
                                 List<ResourceRecord> additional, ResourceRecord authority) {
        return new Answer(new Question(name, type), status, answer, additional, authority, false, List.of());
    }

    private static final ResourceRecord SOA = rr("example.test.", 60, new Rdata.Soa("ns1.example.test.",
            "hostmaster.example.test.", 2024010101L, 3600, 600, 86400, 60));

    @Test
    void query_aRecords_decodesBothAddressesInTheZoneOrder() throws Exception {
        DnsExchange x = ask("www.example.test.", RrType.A);

        assertThat(x.answer()).isEqualTo(answer("www.example.test.", RrType.A, Status.NOERROR,
                List.of(rr("www.example.test.", 300, new Rdata.A("10.0.0.1")),
                        rr("www.example.test.", 300, new Rdata.A("10.0.0.2"))),
                List.of(), null));
        assertThat(x.replySize()).isGreaterThan(12);
        assertThat(x.roundTrip()).isPositive();
    }

    @Test
    void query_aaaaRecord_printsTheAddressInRfc5952Form() throws Exception {
        DnsExchange x = ask("v6.example.test.", RrType.AAAA);

        assertThat(x.answer().status()).isEqualTo(Status.NOERROR);
        assertThat(x.answer().answer())
                .containsExactly(rr("v6.example.test.", 300, new Rdata.Aaaa("2001:db8::ff00:42:8329")));
    }

    @Test
    void query_srvRecords_decodesPriorityWeightPortTargetAndTheAdditionalAddresses() throws Exception {
        DnsExchange x = ask("_http._tcp.web.example.test.", RrType.SRV);

        assertThat(x.answer().status()).isEqualTo(Status.NOERROR);
        assertThat(x.answer().answer()).containsExactly(
                rr("_http._tcp.web.example.test.", 300, new Rdata.Srv(0, 50, 80, "web-0.example.test.")),
                rr("_http._tcp.web.example.test.", 300, new Rdata.Srv(10, 50, 8080, "web-1.example.test.")));
        assertThat(x.answer().additional()).containsExactlyInAnyOrder(
                rr("web-0.example.test.", 300, new Rdata.A("10.0.1.10")),
                rr("web-1.example.test.", 300, new Rdata.A("10.0.1.11")),
                rr("web-1.example.test.", 300, new Rdata.Aaaa("2001:db8::11")));
    }

    @Test
    void query_txtRecord_keepsTheStringsUnquotedAndQuotesThemInText() throws Exception {
        DnsExchange x = ask("txt.example.test.", RrType.TXT);

        Rdata.Txt txt = new Rdata.Txt(List.of("hello world", "say \"hi\" \\ bye"));
        assertThat(x.answer().answer()).containsExactly(rr("txt.example.test.", 300, txt));
        assertThat(txt.text()).isEqualTo("\"hello world\" \"say \\\"hi\\\" \\\\ bye\"");
    }

    @Test
    void query_ptrRecord_decodesTheTargetAbsolute() throws Exception {
        DnsExchange x = ask("1.0.0.10.in-addr.arpa.", RrType.PTR);

        assertThat(x.answer().answer())
                .containsExactly(rr("1.0.0.10.in-addr.arpa.", 300, new Rdata.Ptr("www.example.test.")));
    }

    @Test
    void query_cnameWithinTheZone_answersTheAliasThenTheTargetsAddresses() throws Exception {
        DnsExchange x = ask("alias.example.test.", RrType.A);

        assertThat(x.answer().status()).isEqualTo(Status.NOERROR);
        assertThat(x.answer().answer()).containsExactly(
                rr("alias.example.test.", 300, new Rdata.Cname("www.example.test.")),
                rr("www.example.test.", 300, new Rdata.A("10.0.0.1")),
                rr("www.example.test.", 300, new Rdata.A("10.0.0.2")));
    }

    @Test
    void query_typeWithoutVariant_keepsDnsjavasPresentationText() throws Exception {
        DnsExchange x = ask("mail.example.test.", RrType.MX);

        assertThat(x.answer().answer())
                .containsExactly(rr("mail.example.test.", 300, new Rdata.Other(RrType.MX, "10 www.example.test.")));
    }

    @Test
    void query_missingName_isNxdomainWithTheZonesSoaAsAuthority() throws Exception {
        DnsExchange x = ask("nothing-here.example.test.", RrType.A);

        assertThat(x.answer()).isEqualTo(answer("nothing-here.example.test.", RrType.A, Status.NXDOMAIN,
                List.of(), List.of(), SOA));
    }

    @Test
    void query_existingNameOtherType_isNodataWithTheZonesSoaAsAuthority() throws Exception {
        DnsExchange x = ask("www.example.test.", RrType.AAAA);

        assertThat(x.answer()).isEqualTo(answer("www.example.test.", RrType.AAAA, Status.NODATA,
                List.of(), List.of(), SOA));
    }

    @Test
    void query_nameOutsideEveryZone_isRefused() throws Exception {
        DnsExchange x = ask("example.org.", RrType.A);

        assertThat(x.answer().status()).isEqualTo(Status.REFUSED);
        assertThat(x.answer().authority()).isNull();
    }

    @Test
    @DisplayName("the owner name comes back in the case the question was asked in")
    void query_mixedCaseName_echoesTheCaseInOwnerNames() throws Exception {
        DnsExchange x = ask("WwW.Example.TEST.", RrType.A);

        assertThat(x.question().name()).isEqualTo("WwW.Example.TEST.");
        assertThat(x.answer().answer()).extracting(ResourceRecord::owner)
                .containsExactly("WwW.Example.TEST.", "WwW.Example.TEST.");
    }

    @Test
    @DisplayName("1,000 queries pipelined at once on one connection each get their own answer")
    void query_thousandPipelined_eachMatchedToItsOwnQuestion() throws Exception {
        int askers = 4;
        int perAsker = PIPELINED_HOSTS / askers;
        List<List<CompletableFuture<DnsExchange>>> asked = new ArrayList<>();
        List<Thread> threadsAsking = new ArrayList<>();
        // Four threads ask at once, so queries also race each other into the writer.
        for (int t = 0; t < askers; t++) {
            int first = t * perAsker;
            List<CompletableFuture<DnsExchange>> mine = new ArrayList<>();
            asked.add(mine);
            threadsAsking.add(new Thread(() -> {
                for (int i = first; i < first + perAsker; i++) {
                    mine.add(connection.query(new Question("host-" + i + ".example.test.", RrType.A), TIMEOUT));
                }
            }));
        }
        threadsAsking.forEach(Thread::start);
        for (Thread t : threadsAsking) {
            t.join();
        }
        List<CompletableFuture<DnsExchange>> futures = asked.stream().flatMap(List::stream).toList();

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < PIPELINED_HOSTS; i++) {
            DnsExchange x = futures.get(i).join();
            String name = "host-" + i + ".example.test.";
            assertThat(x.question().name()).isEqualTo(name);
            assertThat(x.answer().answer()).containsExactly(rr(name, 300, new Rdata.A(hostAddress(i))));
        }
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.queriesInFlight()).isZero();
        assertThat(deaths).isEmpty();
    }

    @Test
    void close_afterQueries_stopsEveryThreadItStarted() throws Exception {
        ask("www.example.test.", RrType.A);

        connection.close();

        assertThat(threads.threads()).hasSize(3);
        assertThat(threads.stillAlive(Duration.ofSeconds(5))).isEmpty();
        assertThat(deaths).as("closing by its owner is no death").isEmpty();
    }
}
