package dev.kdi.dns;

import dev.kdi.records.Question;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/** Builds the wire query for a {@link Question}, as dig sends it: class IN, RD set, no EDNS. */
public final class QueryEncoder {
    private QueryEncoder() {
    }

    /**
     * The query message with the given ID; the name keeps the case it was asked in, so the reply
     * echoes it.
     *
     * @throws DnsException of kind {@link DnsException.Kind#INVALID_QUESTION} when the name cannot
     *     be a DNS name (a label over 63 bytes, a name over 255)
     */
    public static Message encode(Question question, int id) throws DnsException {
        if (id < 0 || id > 0xffff) {
            throw new IllegalArgumentException("a message ID is 0..65535, not " + id);
        }
        Name name = toName(question);
        Message query = Message.newQuery(Record.newRecord(name, question.type().code(), DClass.IN));
        query.getHeader().setID(id);
        query.getHeader().setFlag(Flags.RD);
        return query;
    }

    /** The wire form of {@link #encode}. */
    public static byte[] toWire(Question question, int id) throws DnsException {
        return encode(question, id).toWire();
    }

    private static Name toName(Question question) throws DnsException {
        try {
            return Name.fromString(question.name());
        } catch (TextParseException e) {
            throw new DnsException(DnsException.Kind.INVALID_QUESTION,
                    "cannot ask for " + question + ": " + e.getMessage(), e);
        }
    }
}
