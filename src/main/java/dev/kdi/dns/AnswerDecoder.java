package dev.kdi.dns;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.names.IpAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Turns a DNS reply into the model's {@link Answer}, so a live answer and a predicted one can be
 * compared field by field. Names stay absolute and in the case received.
 */
public final class AnswerDecoder {
    private AnswerDecoder() {
    }

    /** The reply to {@code question}, as the tool reports it. */
    public static Answer decode(Question question, Message reply) {
        int rcode = reply.getRcode();
        List<ResourceRecord> answer = records(reply, Section.ANSWER);
        List<ResourceRecord> additional = records(reply, Section.ADDITIONAL);
        Status status = switch (rcode) {
            case Rcode.NOERROR -> answer.isEmpty() ? Status.NODATA : Status.NOERROR;
            case Rcode.NXDOMAIN -> Status.NXDOMAIN;
            case Rcode.SERVFAIL -> Status.SERVFAIL;
            case Rcode.REFUSED -> Status.REFUSED;
            // FORMERR, NOTIMP, NOTAUTH ...: the tool's statuses have no room for them, and to a
            // person asking a name they all mean "the server failed to answer".
            default -> Status.SERVFAIL;
        };
        boolean known = rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN || rcode == Rcode.SERVFAIL
                || rcode == Rcode.REFUSED;
        List<String> explanation = known ? List.of()
                : List.of("the server answered " + Rcode.string(rcode) + " (rcode " + rcode + "), shown as SERVFAIL");
        ResourceRecord authority = null;
        if (status == Status.NXDOMAIN || status == Status.NODATA) {
            for (Record r : reply.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord) {
                    authority = record(r);
                    break;
                }
            }
        }
        return new Answer(question, status, answer, additional, authority, false, explanation);
    }

    /** One wire record as the model's record, with no sources. */
    public static ResourceRecord record(Record r) {
        return new ResourceRecord(r.getName().toString(), r.getTTL(), rdata(r));
    }

    /** The data of one wire record as the model's variant; unknown types keep dnsjava's text. */
    public static Rdata rdata(Record r) {
        if (r instanceof ARecord a) {
            return new Rdata.A(IpAddress.ofBytes(a.getAddress().getAddress()).toString());
        }
        if (r instanceof AAAARecord aaaa) {
            return new Rdata.Aaaa(ipv6Text(aaaa.getAddress().getAddress()));
        }
        if (r instanceof CNAMERecord c) {
            return new Rdata.Cname(c.getTarget().toString());
        }
        if (r instanceof PTRRecord p) {
            return new Rdata.Ptr(p.getTarget().toString());
        }
        if (r instanceof NSRecord ns) {
            return new Rdata.Ns(ns.getTarget().toString());
        }
        if (r instanceof SRVRecord srv) {
            return new Rdata.Srv(srv.getPriority(), srv.getWeight(), srv.getPort(), srv.getTarget().toString());
        }
        if (r instanceof TXTRecord txt) {
            List<String> strings = new ArrayList<>();
            for (byte[] s : txt.getStringsAsByteArrays()) {
                strings.add(text(s));
            }
            return new Rdata.Txt(strings);
        }
        if (r instanceof SOARecord soa) {
            return new Rdata.Soa(soa.getHost().toString(), soa.getAdmin().toString(), soa.getSerial(),
                    soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
        }
        return new Rdata.Other(new RrType(r.getType()), r.rdataToString());
    }

    private static List<ResourceRecord> records(Message reply, int section) {
        List<ResourceRecord> out = new ArrayList<>();
        for (Record r : reply.getSection(section)) {
            // OPT and transaction signatures describe the message, not the name.
            int type = r.getType();
            if (type == Type.OPT || type == Type.TSIG || type == Type.SIG) {
                continue;
            }
            out.add(record(r));
        }
        return out;
    }

    /**
     * IPv6 in RFC 5952 form. {@link IpAddress} prints an IPv4-mapped address dotted, as Go does
     * for a bare IP; an AAAA record keeps its {@code ::ffff:} prefix so it still reads as IPv6.
     */
    private static String ipv6Text(byte[] raw) {
        IpAddress ip = IpAddress.ofBytes(raw);
        if (ip.isIPv4()) {
            return "::ffff:" + ip;
        }
        return ip.toString();
    }

    /** A character-string as text: UTF-8 when it is valid UTF-8, else byte for byte. */
    private static String text(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }
}
