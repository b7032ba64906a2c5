package dev.kdi.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class QueryEncoderTest {

    @Test
    void encode_question_isOneInClassQuestionWithRdAndTheIdLikeDig() throws Exception {
        Message m = new Message(QueryEncoder.toWire(new Question("Web.Shop.svc.cluster.local", RrType.SRV), 4711));

        assertThat(m.getHeader().getID()).isEqualTo(4711);
        assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(m.getHeader().getFlag(Flags.QR)).isFalse();
        assertThat(m.getQuestion().getName().toString()).isEqualTo("Web.Shop.svc.cluster.local.");
        assertThat(m.getQuestion().getType()).isEqualTo(Type.SRV);
        assertThat(m.getQuestion().getDClass()).isEqualTo(DClass.IN);
        assertThat(m.getSection(Section.ADDITIONAL)).as("no EDNS").isEmpty();
    }

    @Test
    void encode_typeWithoutMnemonic_usesItsCode() throws Exception {
        Message m = QueryEncoder.encode(new Question("x.test.", new RrType(65280)), 1);

        assertThat(m.getQuestion().getType()).isEqualTo(65280);
    }

    @Test
    void encode_nameOver255Bytes_failsWithInvalidQuestion() {
        String name = ("a".repeat(60) + ".").repeat(5);

        assertThatThrownBy(() -> QueryEncoder.encode(new Question(name, RrType.A), 1))
                .isInstanceOfSatisfying(DnsException.class,
                        e -> assertThat(e.kind()).isEqualTo(DnsException.Kind.INVALID_QUESTION))
                .hasMessageStartingWith("cannot ask for " + name + " A: ");
    }

    @Test
    void encode_idOutsideSixteenBits_isRejected() {
        assertThatThrownBy(() -> QueryEncoder.encode(new Question("x.test.", RrType.A), 65_536))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
