package dev.kdi.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class AnswerDecoderTest {
    private static final Question WEB = new Question("web.shop.svc.cluster.local.", RrType.A);

    private static Name name(String s) throws Exception {
        return Name.fromString(s);
    }

    /** A reply to {@code question} with the rcode and sections given, round-tripped through the wire. */
    private static Message reply(Question question, int rcode, List<Record> answer, List<Record> authority,
                                 List<Record> additional) throws Exception {
        Message m = Message.newQuery(Record.newRecord(name(question.name()), question.type().code(), DClass.IN));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        answer.forEach(r -> m.addRecord(r, Section.ANSWER));
        authority.forEach(r -> m.addRecord(r, Section.AUTHORITY));
        additional.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
        return new Message(m.toWire());
    }

    private static SOARecord soa() throws Exception {
        return new SOARecord(name("cluster.local."), DClass.IN, 5, name("ns.dns.cluster.local."),
                name("hostmaster.cluster.local."), 1700000000, 7200, 1800, 86400, 5);
    }

    @Test
    void decode_noerrorWithRecords_isNoerrorWithTheRecordsInOrder() throws Exception {
        Message m = reply(WEB, Rcode.NOERROR, List.of(
                new ARecord(name("web.shop.svc.cluster.local."), DClass.IN, 5, InetAddress.getByName("10.96.0.50")),
                new ARecord(name("web.shop.svc.cluster.local."), DClass.IN, 5, InetAddress.getByName("10.96.0.9"))),
                List.of(), List.of());

        Answer a = AnswerDecoder.decode(WEB, m);

        assertThat(a).isEqualTo(new Answer(WEB, Status.NOERROR, List.of(
                new ResourceRecord("web.shop.svc.cluster.local.", 5, new Rdata.A("10.96.0.50")),
                new ResourceRecord("web.shop.svc.cluster.local.", 5, new Rdata.A("10.96.0.9"))),
                List.of(), null, false, List.of()));
    }

    @Test
    void decode_noerrorWithEmptyAnswer_isNodataWithTheSoaAsAuthority() throws Exception {
        Answer a = AnswerDecoder.decode(WEB, reply(WEB, Rcode.NOERROR, List.of(), List.of(soa()), List.of()));

        assertThat(a.status()).isEqualTo(Status.NODATA);
        assertThat(a.authority()).isEqualTo(new ResourceRecord("cluster.local.", 5, new Rdata.Soa(
                "ns.dns.cluster.local.", "hostmaster.cluster.local.", 1700000000, 7200, 1800, 86400, 5)));
        assertThat(a.explanation()).isEmpty();
        assertThat(a.incomplete()).isFalse();
    }

    @Test
    void decode_nxdomain_isNxdomainWithTheSoaAsAuthorityAndNsRecordsIgnored() throws Exception {
        Message m = reply(WEB, Rcode.NXDOMAIN, List.of(),
                List.of(new NSRecord(name("cluster.local."), DClass.IN, 5, name("ns.dns.cluster.local.")), soa()),
                List.of());

        Answer a = AnswerDecoder.decode(WEB, m);

        assertThat(a.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(a.authority().type()).isEqualTo(RrType.SOA);
    }

    @Test
    void decode_noerrorWithAnSoaInAuthority_keepsNoAuthority() throws Exception {
        Message m = reply(WEB, Rcode.NOERROR,
                List.of(new ARecord(name(WEB.name()), DClass.IN, 5, InetAddress.getByName("10.96.0.50"))),
                List.of(soa()), List.of());

        assertThat(AnswerDecoder.decode(WEB, m).authority()).isNull();
    }

    @ParameterizedTest(name = "rcode {0} -> {1}")
    @CsvSource(textBlock = """
            SERVFAIL, SERVFAIL
            REFUSED,  REFUSED
            """)
    void decode_failureRcodes_keepTheirStatusWithoutExplanation(String rcode, Status expected) throws Exception {
        Answer a = AnswerDecoder.decode(WEB, reply(WEB, Rcode.value(rcode), List.of(), List.of(), List.of()));

        assertThat(a.status()).isEqualTo(expected);
        assertThat(a.explanation()).isEmpty();
        assertThat(a.authority()).isNull();
    }

    @ParameterizedTest(name = "rcode {0} is shown as SERVFAIL")
    @CsvSource(textBlock = """
            FORMERR,  1
            NOTIMP,   4
            YXDOMAIN, 6
            NOTAUTH,  9
            """)
    void decode_otherRcodes_areServfailWithALineNamingTheRcode(String rcode, int code) throws Exception {
        Answer a = AnswerDecoder.decode(WEB, reply(WEB, code, List.of(), List.of(), List.of()));

        assertThat(a.status()).isEqualTo(Status.SERVFAIL);
        assertThat(a.explanation()).containsExactly("the server answered " + rcode + " (rcode " + code
                + "), shown as SERVFAIL");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1
            2001:db8:0:0:1:0:0:1,                    2001:db8::1:0:0:1
            fd00:0:0:0:0:0:a:b,                      fd00::a:b
            0:0:0:0:0:0:0:1,                         ::1
            2001:db8:1:2:3:4:5:6,                    2001:db8:1:2:3:4:5:6
            """)
    void rdata_aaaa_isPrintedInRfc5952Form(String wire, String printed) throws Exception {
        Record r = new AAAARecord(name("v6.test."), DClass.IN, 5, InetAddress.getByName(wire));

        assertThat(AnswerDecoder.rdata(r)).isEqualTo(new Rdata.Aaaa(printed));
    }

    @Test
    void rdata_aaaaHoldingAnIpv4MappedAddress_keepsTheIpv6Prefix() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        Record r = Record.newRecord(name("mapped.test."), Type.AAAA, DClass.IN, 5, mapped);

        assertThat(AnswerDecoder.rdata(r)).isEqualTo(new Rdata.Aaaa("::ffff:10.0.0.1"));
    }

    @Test
    void rdata_txtWithBytesThatAreNotUtf8_keepsEachByteAsOneCharacter() throws Exception {
        Record r = Record.newRecord(name("t.test."), Type.TXT, DClass.IN, 5,
                new byte[] {3, 'a', (byte) 0xff, 'b', 4, (byte) 0xc3, (byte) 0xa9, 't', 'e'});

        assertThat(AnswerDecoder.rdata(r)).isEqualTo(new Rdata.Txt(List.of("a\u00ffb", "\u00e9te")));
    }

    @Test
    void rdata_txtWithAnEmptyString_keepsIt() throws Exception {
        Record r = new TXTRecord(name("t.test."), DClass.IN, 5, List.of("", "x"));

        assertThat(AnswerDecoder.rdata(r)).isEqualTo(new Rdata.Txt(List.of("", "x")));
    }

    @Test
    void decode_additionalSection_dropsTheOptRecord() throws Exception {
        Question srv = new Question("_http._tcp.web.test.", RrType.SRV);
        Message m = reply(srv, Rcode.NOERROR, List.of(Record.fromString(name(srv.name()), Type.SRV, DClass.IN, 5,
                        "0 100 80 web.test.", Name.root)),
                List.of(), List.of(new ARecord(name("web.test."), DClass.IN, 5, InetAddress.getByName("10.0.0.1")),
                        new OPTRecord(1232, 0, 0)));

        Answer a = AnswerDecoder.decode(srv, m);

        assertThat(a.answer()).containsExactly(
                new ResourceRecord("_http._tcp.web.test.", 5, new Rdata.Srv(0, 100, 80, "web.test.")));
        assertThat(a.additional()).containsExactly(new ResourceRecord("web.test.", 5, new Rdata.A("10.0.0.1")));
    }

    @Test
    void record_ownerAndTargets_keepTheirCaseAndTrailingDot() throws Exception {
        Record cname = Record.fromString(name("Web.Test."), Type.CNAME, DClass.IN, 30, "Target.Example.", Name.root);

        assertThat(AnswerDecoder.record(cname))
                .isEqualTo(new ResourceRecord("Web.Test.", 30, new Rdata.Cname("Target.Example.")));
    }

    @Test
    void rdata_typesWithoutAVariant_keepDnsjavasPresentationText() throws Exception {
        Record caa = Record.fromString(name("c.test."), Type.CAA, DClass.IN, 5, "0 issue \"ca.example\"", Name.root);

        Rdata rdata = AnswerDecoder.rdata(caa);

        assertThat(rdata).isEqualTo(new Rdata.Other(new RrType(257), "0 issue \"ca.example\""));
        assertThat(rdata.type().mnemonic()).isEqualTo("CAA");
    }
}
