package dev.kdi.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.TestCluster;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.compare.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Message;

/** A model answer survives the wire: encoded as a reply and decoded again, it is the same answer. */
class AnswerEncoderTest {

    static DnsModel model() {
        return new TestCluster().namespace("shop")
                .add(TestCluster.svc("shop", "web").clusterIp("10.96.0.50", "fd00::50").port("http", 80).build())
                .add(TestCluster.svc("shop", "h").headless().selector("app", "h").port("p", 9000).build())
                .add(TestCluster.svc("shop", "ext").externalName("example.com").build())
                .add(TestCluster.pod("shop", "h-0").labels("app", "h").ip("10.1.0.1").hostname("h-0", "h").build())
                .kubeadm();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            web.shop.svc.cluster.local.,              A
            web.shop.svc.cluster.local.,              AAAA
            web.shop.svc.cluster.local.,              SRV
            _p._tcp.h.shop.svc.cluster.local.,        SRV
            ext.shop.svc.cluster.local.,              CNAME
            dns-version.cluster.local.,               TXT
            50.0.96.10.in-addr.arpa.,                 PTR
            nope.shop.svc.cluster.local.,             A
            web.shop.svc.cluster.local.,              MX
            cluster.local.,                           SOA
            """)
    void roundTrips(String name, String type) throws Exception {
        Question q = new Question(name, RrType.parse(type).orElseThrow());
        Answer predicted = model().answer(q);
        Message query = QueryEncoder.encode(q, 4711);
        Answer decoded = AnswerDecoder.decode(q, new Message(AnswerEncoder.reply(query, predicted).toWire()));
        assertThat(decoded.status()).isEqualTo(predicted.status());
        assertThat(texts(decoded.answer())).containsExactlyInAnyOrderElementsOf(texts(predicted.answer()));
        assertThat(texts(decoded.additional())).containsExactlyInAnyOrderElementsOf(texts(predicted.additional()));
        assertThat(Comparison.compare(predicted, decoded).kind()).isEqualTo(Verdict.Kind.OK);
    }

    @org.junit.jupiter.api.Test
    void forwardedBecomesServfail() throws Exception {
        Question q = new Question("example.org.", RrType.A);
        Answer predicted = model().answer(q);
        assertThat(predicted.status()).isEqualTo(Status.FORWARDED);
        Message reply = AnswerEncoder.reply(QueryEncoder.encode(q, 1), predicted);
        assertThat(AnswerDecoder.decode(q, reply).status()).isEqualTo(Status.SERVFAIL);
    }

    static List<String> texts(List<ResourceRecord> records) {
        return records.stream().map(ResourceRecord::text).toList();
    }
}
