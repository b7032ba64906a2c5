package dev.kdi.demo;

import dev.kdi.cluster.PodPort;
import dev.kdi.dns.AnswerEncoder;
import dev.kdi.dns.FrameDecoder;
import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * A DNS server behind a demo pod's port: DNS over TCP, answering from a model as CoreDNS would.
 * The model comes from a supplier, so a replica can answer from a view that is behind the
 * cluster's, as a CoreDNS pod with a stalled watch does.
 */
public final class DnsResponder implements PortForwardTarget {
    private final Supplier<DnsModel> model;
    private final CoreDnsEndpoints counters;

    public DnsResponder(Supplier<DnsModel> model) {
        this(model, null);
    }

    /** @param counters counts every answer for the pod's {@code /metrics}, or null */
    public DnsResponder(Supplier<DnsModel> model, CoreDnsEndpoints counters) {
        this.model = model;
        this.counters = counters;
    }

    @Override
    public Connection connect(PodPort port, ClientSide client) {
        FrameDecoder frames = new FrameDecoder();
        return new Connection() {
            @Override
            public void receive(byte[] bytes) {
                frames.feed(ByteBuffer.wrap(bytes), query -> {
                    byte[] reply = answer(query);
                    if (reply != null) {
                        client.send(frame(reply));
                    }
                });
            }

            @Override
            public void close() {
                // Nothing held: every answer is computed from the model.
            }
        };
    }

    /** The wire reply to one wire query; FORMERR when the query cannot be read; null when acl drops it. */
    byte[] answer(byte[] wire) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return formatError(wire);
        }
        Record q = query.getQuestion();
        if (q == null) {
            count("FORMERR");
            return reply(query, Rcode.FORMERR);
        }
        try {
            Answer a = model.get().answer(new Question(q.getName().toString(), new RrType(q.getType())));
            if (a.status() == Status.DROPPED) {
                return null;
            }
            byte[] reply = AnswerEncoder.reply(query, a).toWire();
            if (counters != null) {
                counters.answered(a);
            }
            return reply;
        } catch (IOException | RuntimeException e) {
            count("SERVFAIL");
            return reply(query, Rcode.SERVFAIL);
        }
    }

    private void count(String rcode) {
        if (counters != null) {
            counters.failed(rcode);
        }
    }

    private static byte[] reply(Message query, int rcode) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        if (query.getQuestion() != null) {
            m.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
        }
        return m.toWire();
    }

    private static byte[] formatError(byte[] wire) {
        int id = wire.length >= 2 ? ((wire[0] & 0xff) << 8) | (wire[1] & 0xff) : 0;
        Message m = new Message(id);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(Rcode.FORMERR);
        return m.toWire();
    }

    private static byte[] frame(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }
}
