package dev.kdi.dns;

import dev.kdi.records.Answer;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.Status;
import dev.kdi.records.names.IpAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * Turns an {@link Answer} into the DNS reply a server would send for it: the inverse of
 * {@link AnswerDecoder}. The demo cluster's DNS pods answer from the model with it.
 */
public final class AnswerEncoder {
    private AnswerEncoder() {
    }

    /**
     * The reply to {@code query} carrying {@code answer}. FORWARDED becomes SERVFAIL: a server
     * with no upstream to forward to fails, as CoreDNS's {@code forward} does when it cannot reach one.
     */
    public static Message reply(Message query, Answer answer) throws TextParseException {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        if (answer.status() != Status.FORWARDED && answer.status() != Status.REFUSED) {
            reply.getHeader().setFlag(Flags.AA);
        }
        reply.getHeader().setRcode(switch (answer.status()) {
            case NOERROR, NODATA -> Rcode.NOERROR;
            case NXDOMAIN -> Rcode.NXDOMAIN;
            case REFUSED -> Rcode.REFUSED;
            case SERVFAIL, FORWARDED -> Rcode.SERVFAIL;
            case DROPPED -> throw new IllegalArgumentException("a dropped query has no reply");
            case NOT_MODELLED -> throw new IllegalArgumentException("an answer kdi does not model has no reply");
        });
        if (query.getQuestion() != null) {
            reply.addRecord(query.getQuestion(), Section.QUESTION);
        }
        add(reply, answer.answer(), Section.ANSWER);
        if (answer.authority() != null) {
            add(reply, List.of(answer.authority()), Section.AUTHORITY);
        }
        add(reply, answer.additional(), Section.ADDITIONAL);
        return reply;
    }

    private static void add(Message m, List<ResourceRecord> records, int section) throws TextParseException {
        for (ResourceRecord r : records) {
            m.addRecord(record(r), section);
        }
    }

    /** One model record as a wire record. */
    public static Record record(ResourceRecord r) throws TextParseException {
        Name owner = Name.fromString(r.owner());
        long ttl = r.ttl();
        Rdata d = r.data();
        if (d instanceof Rdata.A a) {
            return new ARecord(owner, DClass.IN, ttl, address(a.address()));
        } else if (d instanceof Rdata.Aaaa aaaa) {
            return new AAAARecord(owner, DClass.IN, ttl, address(aaaa.address()));
        } else if (d instanceof Rdata.Cname c) {
            return new CNAMERecord(owner, DClass.IN, ttl, Name.fromString(c.target()));
        } else if (d instanceof Rdata.Ptr p) {
            return new PTRRecord(owner, DClass.IN, ttl, Name.fromString(p.target()));
        } else if (d instanceof Rdata.Ns ns) {
            return new NSRecord(owner, DClass.IN, ttl, Name.fromString(ns.target()));
        } else if (d instanceof Rdata.Srv srv) {
            return new SRVRecord(owner, DClass.IN, ttl, srv.priority(), srv.weight(), srv.port(),
                    Name.fromString(srv.target()));
        } else if (d instanceof Rdata.Txt txt) {
            return new TXTRecord(owner, DClass.IN, ttl, txt.strings());
        } else if (d instanceof Rdata.Soa soa) {
            return new SOARecord(owner, DClass.IN, ttl, Name.fromString(soa.mname()), Name.fromString(soa.rname()),
                    soa.serial(), soa.refresh(), soa.retry(), soa.expire(), soa.minimum());
        }
        throw new IllegalArgumentException("the model never produces " + d.type() + " records");
    }

    private static InetAddress address(String text) {
        IpAddress ip = IpAddress.parse(text).orElseThrow(() -> new IllegalArgumentException("not an address: " + text));
        try {
            return InetAddress.getByAddress(ip.bytes());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }
}
