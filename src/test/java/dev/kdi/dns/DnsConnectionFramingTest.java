package dev.kdi.dns;

import static dev.kdi.dns.FakeDnsPeer.concat;
import static dev.kdi.dns.FakeDnsPeer.framed;
import static dev.kdi.dns.FakeDnsPeer.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kdi.dns.DnsException.Kind;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The connection's framing and failure handling, against a scripted peer over in-memory pipes:
 * replies split at every byte, merged, delayed, out of order, wrong, garbled or missing.
 */
@Timeout(20)
class DnsConnectionFramingTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration PATIENT = Duration.ofSeconds(5);

    private final RecordingThreadFactory threads = new RecordingThreadFactory();
    private final List<DnsException> deaths = new CopyOnWriteArrayList<>();
    private FakeDnsPeer peer;
    private DnsConnection connection;

    @BeforeEach
    void open() throws Exception {
        peer = new FakeDnsPeer();
        connection = DnsConnection.open(peer.clientStream(), threads, (c, cause) -> deaths.add(cause));
    }

    @AfterEach
    void closeAll() throws Exception {
        connection.close();
        peer.close();
        assertThat(threads.stillAlive(PATIENT)).as("threads left running").isEmpty();
    }

    private CompletableFuture<DnsExchange> ask(String name, Duration timeout) {
        return connection.query(new Question(name, RrType.A), timeout);
    }

    private static Record a(Message query, String address) throws Exception {
        return new ARecord(query.getQuestion().getName(), DClass.IN, 30, InetAddress.getByName(address));
    }

    private static byte[] replyBytes(Message query, String address) throws Exception {
        return framed(reply(query, a(query, address)).toWire());
    }

    /** The failure of a future that must fail soon; fails the test if it succeeds or hangs. */
    private static DnsException failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            Object value = f.get(5, TimeUnit.SECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(DnsException.class);
            return (DnsException) e.getCause();
        } catch (TimeoutException e) {
            return fail("the query neither failed nor succeeded within 5 s: it hangs");
        }
    }

    private static DnsExchange success(CompletableFuture<DnsExchange> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static String address(DnsExchange x) {
        return ((Rdata.A) x.answer().answer().get(0).data()).address();
    }

    @Test
    @DisplayName("replies written one byte at a time are reassembled")
    void query_repliesSplitAtEveryByte_areReassembled() throws Exception {
        CompletableFuture<DnsExchange> first = ask("one.test.", PATIENT);
        CompletableFuture<DnsExchange> second = ask("two.test.", PATIENT);
        Message q1 = peer.nextQuery();
        Message q2 = peer.nextQuery();

        peer.sendByteByByte(concat(replyBytes(q1, "192.0.2.1"), replyBytes(q2, "192.0.2.2")), Duration.ofMillis(1));

        assertThat(address(success(first))).isEqualTo("192.0.2.1");
        assertThat(address(success(second))).isEqualTo("192.0.2.2");
        assertThat(success(first).replySize()).isEqualTo(reply(q1, a(q1, "192.0.2.1")).toWire().length);
    }

    @Test
    @DisplayName("several replies in one write, in reverse order, each reach their query")
    void query_repliesMergedInOneWriteOutOfOrder_eachMatchedById() throws Exception {
        List<CompletableFuture<DnsExchange>> asked = new ArrayList<>();
        List<Message> queries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            asked.add(ask("host-" + i + ".test.", PATIENT));
        }
        for (int i = 0; i < 5; i++) {
            queries.add(peer.nextQuery());
        }
        List<byte[]> replies = new ArrayList<>();
        for (int i = 4; i >= 0; i--) {
            Message q = queries.get(i);
            String n = q.getQuestion().getName().toString();
            replies.add(replyBytes(q, "192.0.2." + (10 + Integer.parseInt(n.substring(5, 6)))));
        }

        peer.send(concat(replies.toArray(byte[][]::new)));

        for (int i = 0; i < 5; i++) {
            assertThat(address(success(asked.get(i)))).isEqualTo("192.0.2." + (10 + i));
        }
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    @DisplayName("a reply cut mid-prefix and mid-message across writes with pauses still arrives")
    void query_delayedReplyInThreePieces_arrivesWithItsRoundTrip() throws Exception {
        CompletableFuture<DnsExchange> f = ask("slow.test.", PATIENT);
        Message q = peer.nextQuery();
        byte[] bytes = replyBytes(q, "192.0.2.7");

        Thread.sleep(100);
        peer.send(Arrays.copyOfRange(bytes, 0, 1));
        Thread.sleep(20);
        peer.send(Arrays.copyOfRange(bytes, 1, 9));
        Thread.sleep(20);
        peer.send(Arrays.copyOfRange(bytes, 9, bytes.length));

        DnsExchange x = success(f);
        assertThat(address(x)).isEqualTo("192.0.2.7");
        assertThat(x.roundTrip()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void query_sendsRecursionDesiredAndTheNameInItsCase() throws Exception {
        ask("MiXed.Test.", PATIENT);

        Message q = peer.nextQuery();
        assertThat(q.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(q.getQuestion().getName().toString()).isEqualTo("MiXed.Test.");
        assertThat(q.getQuestion().getType()).isEqualTo(Type.A);
        assertThat(q.getQuestion().getDClass()).isEqualTo(DClass.IN);
        assertThat(q.getOPT()).as("no EDNS").isNull();
    }

    @Test
    void query_manyInFlight_getDistinctIds() throws Exception {
        for (int i = 0; i < 200; i++) {
            ask("n" + i + ".test.", PATIENT);
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(peer.nextQuery().getHeader().getID());
        }

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(connection.queriesInFlight()).isEqualTo(200);
    }

    @Test
    void query_replyWithAnIdNobodyWaitsFor_failsEverythingWithWrongIdAndCloses() throws Exception {
        CompletableFuture<DnsExchange> first = ask("one.test.", PATIENT);
        CompletableFuture<DnsExchange> second = ask("two.test.", PATIENT);
        Message q1 = peer.nextQuery();
        Message q2 = peer.nextQuery();
        int stranger = 0;
        while (stranger == q1.getHeader().getID() || stranger == q2.getHeader().getID()) {
            stranger++;
        }
        Message wrong = reply(q1, a(q1, "192.0.2.1"));
        wrong.getHeader().setID(stranger);

        peer.send(framed(wrong.toWire()));

        DnsException e = failure(first);
        assertThat(e.kind()).isEqualTo(Kind.WRONG_ID);
        assertThat(e.getMessage()).isEqualTo("reply with ID " + stranger
                + " from fake peer matches no query in flight: the stream is out of step; closing it");
        assertThat(failure(second).kind()).isEqualTo(Kind.WRONG_ID);
        assertThat(connection.isOpen()).isFalse();
        assertThat(deaths).extracting(DnsException::kind).containsExactly(Kind.WRONG_ID);
    }

    @Test
    void query_afterTheConversationDied_failsAtOnceWithClosedNamingTheCause() throws Exception {
        CompletableFuture<DnsExchange> first = ask("one.test.", PATIENT);
        Message q = peer.nextQuery();
        Message wrong = reply(q, a(q, "192.0.2.1"));
        wrong.getHeader().setID((q.getHeader().getID() + 1) & 0xffff);
        peer.send(framed(wrong.toWire()));
        failure(first);

        CompletableFuture<DnsExchange> later = ask("two.test.", PATIENT);

        assertThat(later).isCompletedExceptionally();
        DnsException e = failure(later);
        assertThat(e.kind()).isEqualTo(Kind.CLOSED);
        assertThat(e.getMessage()).startsWith("the connection to fake peer is closed: reply with ID");
        assertThat(peer.hasQuery()).isFalse();
    }

    @Test
    void query_replyForAnotherQuestionWithTheRightId_failsWithMismatchedQuestionAndCloses() throws Exception {
        CompletableFuture<DnsExchange> f = ask("asked.test.", PATIENT);
        Message q = peer.nextQuery();
        Message other = Message.newQuery(Record.newRecord(Name.fromString("other.test."), Type.AAAA, DClass.IN));
        other.getHeader().setID(q.getHeader().getID());

        peer.send(framed(reply(other).toWire()));

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.MISMATCHED_QUESTION);
        assertThat(e.getMessage()).isEqualTo("reply with ID " + q.getHeader().getID()
                + " from fake peer answers other.test. AAAA, not asked.test. A: the stream is out of step; closing it");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    @DisplayName("the question is matched case-insensitively: a server may lower-case it")
    void query_replyEchoingTheNameInOtherCase_isAccepted() throws Exception {
        CompletableFuture<DnsExchange> f = ask("CaSe.Test.", PATIENT);
        Message q = peer.nextQuery();
        Message lower = Message.newQuery(Record.newRecord(Name.fromString("case.test."), Type.A, DClass.IN));
        lower.getHeader().setID(q.getHeader().getID());

        peer.send(replyBytes(lower, "192.0.2.3"));

        DnsExchange x = success(f);
        assertThat(x.answer().answer().get(0).owner()).isEqualTo("case.test.");
        assertThat(x.question().name()).isEqualTo("CaSe.Test.");
    }

    @Test
    void query_replyThatDoesNotParse_failsThatQueryWithGarbledAndCloses() throws Exception {
        CompletableFuture<DnsExchange> f = ask("one.test.", PATIENT);
        CompletableFuture<DnsExchange> bystander = ask("two.test.", PATIENT);
        Message q = peer.nextQuery();
        peer.nextQuery();
        // A header claiming five questions, followed by nothing.
        byte[] header = reply(q).getHeader().toWire();
        header[4] = 0;
        header[5] = 5;

        peer.send(framed(header));

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.GARBLED);
        assertThat(e.getMessage()).startsWith("reply from fake peer to one.test. A does not parse (")
                .endsWith("); closing the connection");
        assertThat(failure(bystander).kind()).isEqualTo(Kind.GARBLED);
        assertThat(connection.isOpen()).isFalse();
        assertThat(deaths).extracting(DnsException::kind).containsExactly(Kind.GARBLED);
    }

    @Test
    void query_garbageShorterThanAHeader_failsEveryQueryWithGarbled() throws Exception {
        CompletableFuture<DnsExchange> f = ask("one.test.", PATIENT);
        peer.nextQuery();

        peer.send(new byte[] {0, 3, (byte) 0xde, (byte) 0xad, (byte) 0xbe});

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.GARBLED);
        assertThat(e.getMessage())
                .isEqualTo("reply from fake peer is only 3 bytes, shorter than a DNS header; closing the connection");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void query_peerEchoesAQueryInsteadOfReplying_failsWithGarbled() throws Exception {
        CompletableFuture<DnsExchange> f = ask("one.test.", PATIENT);
        Message q = peer.nextQuery();

        peer.send(framed(q.toWire()));

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.GARBLED);
        assertThat(e.getMessage()).contains("is a query, not a reply (QR bit clear)");
    }

    @Test
    void query_replyWithTheTcBit_failsThatQueryWithTruncatedAndKeepsTheConnection() throws Exception {
        CompletableFuture<DnsExchange> f = ask("big.test.", PATIENT);
        Message q = peer.nextQuery();
        Message truncated = reply(q);
        truncated.getHeader().setFlag(Flags.TC);

        peer.send(framed(truncated.toWire()));

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.getMessage()).isEqualTo("reply from fake peer to big.test. A is truncated (TC bit set): "
                + "the answer does not fit in one message");
        assertThat(connection.isOpen()).isTrue();
        CompletableFuture<DnsExchange> next = ask("small.test.", PATIENT);
        peer.send(replyBytes(peer.nextQuery(), "192.0.2.9"));
        assertThat(address(success(next))).isEqualTo("192.0.2.9");
    }

    @Test
    void query_streamEndsInTheMiddleOfAReply_failsThatQueryWithClosed() throws Exception {
        CompletableFuture<DnsExchange> f = ask("cut.test.", PATIENT);
        CompletableFuture<DnsExchange> bystander = ask("other.test.", PATIENT);
        Message q = peer.nextQuery();
        peer.nextQuery();
        byte[] bytes = replyBytes(q, "192.0.2.1");

        peer.send(Arrays.copyOfRange(bytes, 0, 12));
        peer.closeTowardsClient();

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.CLOSED);
        assertThat(e.getMessage()).isEqualTo("fake peer closed the connection in the middle of a reply (10 of "
                + (bytes.length - 2) + " bytes) to cut.test. A");
        DnsException other = failure(bystander);
        assertThat(other.kind()).isEqualTo(Kind.CLOSED);
        assertThat(deaths).extracting(DnsException::kind).containsExactly(Kind.CLOSED);
    }

    @Test
    void query_streamEndsBetweenReplies_failsEverythingInFlightWithClosedAndTellsTheListener() throws Exception {
        CompletableFuture<DnsExchange> f = ask("one.test.", PATIENT);
        peer.nextQuery();

        peer.closeTowardsClient();

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.CLOSED);
        assertThat(e.getMessage()).isEqualTo("fake peer closed the connection before replying");
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.failure()).contains(e);
        assertThat(deaths).containsExactly(e);
    }

    @Test
    @DisplayName("a server closing an idle connection ends the conversation and the owner hears of it")
    void readLoop_peerClosesWithNothingInFlight_tellsTheListener() throws Exception {
        peer.closeTowardsClient();

        assertThat(threads.stillAlive(PATIENT)).isEmpty();
        assertThat(connection.isOpen()).isFalse();
        assertThat(deaths).extracting(DnsException::kind, DnsException::getMessage)
                .containsExactly(tuple(Kind.CLOSED, "fake peer closed the connection"));
        assertThat(failure(ask("after.test.", PATIENT)).kind()).isEqualTo(Kind.CLOSED);
    }

    @Test
    void query_peerNeverReplies_timesOutAndKeepsTheConnection() throws Exception {
        CompletableFuture<DnsExchange> f = ask("silent.test.", SHORT);
        peer.nextQuery();

        DnsException e = failure(f);

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("no reply from fake peer within 300 ms to silent.test. A");
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.queriesInFlight()).isZero();
    }

    @Test
    @DisplayName("a reply that comes after its query timed out is dropped, not taken for an out-of-step stream")
    void query_lateReplyAfterTimeout_isIgnoredAndTheConnectionStaysOpen() throws Exception {
        CompletableFuture<DnsExchange> late = ask("late.test.", Duration.ofMillis(100));
        Message q = peer.nextQuery();
        assertThat(failure(late).kind()).isEqualTo(Kind.TIMEOUT);

        peer.send(replyBytes(q, "192.0.2.1"));
        CompletableFuture<DnsExchange> next = ask("next.test.", PATIENT);
        peer.send(replyBytes(peer.nextQuery(), "192.0.2.2"));

        assertThat(address(success(next))).isEqualTo("192.0.2.2");
        assertThat(connection.isOpen()).isTrue();
        assertThat(deaths).isEmpty();
    }

    @Test
    void close_whileQueriesAreInFlight_failsThemWithClosedWithoutCallingTheListener() throws Exception {
        CompletableFuture<DnsExchange> f = ask("one.test.", PATIENT);
        CompletableFuture<DnsExchange> g = ask("two.test.", PATIENT);
        peer.nextQuery();

        connection.close();

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.CLOSED);
        assertThat(e.getMessage()).isEqualTo("the connection to fake peer was closed before the reply came");
        assertThat(failure(g).kind()).isEqualTo(Kind.CLOSED);
        assertThat(connection.isOpen()).isFalse();
        assertThat(deaths).isEmpty();
        assertThat(threads.stillAlive(PATIENT)).isEmpty();
    }

    @Test
    void query_afterClose_failsAtOnceWithClosed() throws Exception {
        connection.close();

        DnsException e = failure(ask("after.test.", PATIENT));

        assertThat(e.kind()).isEqualTo(Kind.CLOSED);
        assertThat(e.getMessage()).isEqualTo("the connection to fake peer is closed");
    }

    @Test
    void query_everyIdTaken_failsAtOnceWithTooManyInFlight() throws Exception {
        for (int i = 0; i < DnsConnection.MAX_IN_FLIGHT; i++) {
            ask("n.test.", Duration.ofMinutes(1));
        }

        DnsException e = failure(ask("one-more.test.", PATIENT));

        assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_IN_FLIGHT);
        assertThat(e.getMessage()).isEqualTo(DnsConnection.MAX_IN_FLIGHT
                + " queries are already waiting for fake peer; wait for some replies before asking more");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void query_nameWithALabelOver63Bytes_failsAtOnceWithInvalidQuestion() throws Exception {
        CompletableFuture<DnsExchange> f = ask("x".repeat(64) + ".test.", PATIENT);

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.INVALID_QUESTION);
        assertThat(e.getMessage()).startsWith("cannot ask for " + "x".repeat(64) + ".test. A: ");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void query_zoneTransfer_failsAtOnceWithInvalidQuestionAndSendsNothing() throws Exception {
        CompletableFuture<DnsExchange> f = connection.query(new Question("cluster.local.", RrType.AXFR), PATIENT);

        DnsException e = failure(f);
        assertThat(e.kind()).isEqualTo(Kind.INVALID_QUESTION);
        assertThat(e.getMessage()).isEqualTo("cannot ask for cluster.local. AXFR here: a zone transfer answers in "
                + "many messages, this connection expects one");
        Thread.sleep(50);
        assertThat(peer.hasQuery()).isFalse();
    }

    @Test
    void query_replyWithoutQuestionSectionForAnError_isMatchedByIdAlone() throws Exception {
        CompletableFuture<DnsExchange> f = ask("odd.test.", PATIENT);
        Message q = peer.nextQuery();
        Message formerr = new Message(q.getHeader().getID());
        formerr.getHeader().setFlag(Flags.QR);
        formerr.getHeader().setRcode(org.xbill.DNS.Rcode.FORMERR);

        peer.send(framed(formerr.toWire()));

        DnsExchange x = success(f);
        assertThat(x.answer().status()).isEqualTo(Status.SERVFAIL);
        assertThat(x.answer().explanation()).containsExactly("the server answered FORMERR (rcode 1), shown as SERVFAIL");
        assertThat(formerr.getSection(Section.QUESTION)).isEmpty();
    }
}
