package dev.kdi.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The far end of a {@link ByteStream} made of two {@link Pipe}s, as the port-forward provides:
 * the test reads the queries the client sent and writes whatever bytes it likes back, in pieces
 * of any size.
 */
final class FakeDnsPeer implements AutoCloseable {
    private final Pipe toClient;
    private final Pipe toPeer;
    private final BlockingQueue<Message> queries = new LinkedBlockingQueue<>();
    private final Thread reader;

    FakeDnsPeer() throws IOException {
        toClient = Pipe.open();
        toPeer = Pipe.open();
        reader = new Thread(this::readQueries, "fake DNS peer");
        reader.setDaemon(true);
        reader.start();
    }

    /** The client's side: what {@link DnsConnection} is opened on. */
    ByteStream clientStream() {
        return ByteStream.of(toClient.source(), toPeer.sink(), "fake peer");
    }

    /** The next query the client sent; fails the test when none comes within 5 s. */
    Message nextQuery() throws InterruptedException {
        Message q = queries.poll(5, TimeUnit.SECONDS);
        if (q == null) {
            throw new AssertionError("the client sent no query within 5 s");
        }
        return q;
    }

    /** Whether the client sent a query that has not been taken yet. */
    boolean hasQuery() {
        return !queries.isEmpty();
    }

    /** Writes raw bytes to the client in one write. */
    void send(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                toClient.sink().write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes to the client one byte per write, pausing between writes. */
    void sendByteByByte(byte[] bytes, Duration pause) throws InterruptedException {
        for (byte b : bytes) {
            send(new byte[] {b});
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        }
    }

    /** Ends the stream towards the client: its next read sees end of stream. */
    void closeTowardsClient() throws IOException {
        toClient.sink().close();
    }

    @Override
    public void close() throws IOException {
        toClient.sink().close();
        toPeer.source().close();
    }

    /** A message with its two-byte length prefix. */
    static byte[] framed(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    /** Several byte arrays as one. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** A NOERROR reply to {@code query} with the given answer records, as a server builds it. */
    static Message reply(Message query, Record... answers) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        reply.getHeader().setRcode(Rcode.NOERROR);
        reply.addRecord(query.getQuestion(), Section.QUESTION);
        for (Record r : answers) {
            reply.addRecord(r, Section.ANSWER);
        }
        return reply;
    }

    private void readQueries() {
        ByteBuffer prefix = ByteBuffer.allocate(2);
        try {
            while (true) {
                prefix.clear();
                if (!readFully(prefix)) {
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(((prefix.get(0) & 0xff) << 8) | (prefix.get(1) & 0xff));
                if (!readFully(body)) {
                    return;
                }
                queries.add(new Message(body.array()));
            }
        } catch (IOException e) {
            // The client closed its side; the peer has nothing more to read.
        }
    }

    private boolean readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (toPeer.source().read(b) < 0) {
                return false;
            }
        }
        return true;
    }
}
