package dev.kdi.records.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.compare.Verdict.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComparisonTest {
    private static final String WEB = "web.shop.svc.cluster.local.";
    private static final String HEADLESS = "sample-headless.default.svc.cluster.local.";
    private static final String EXT = "ext.shop.svc.cluster.local.";

    private static ResourceRecord a(String owner, long ttl, String address) {
        return new ResourceRecord(owner, ttl, new Rdata.A(address));
    }

    private static ResourceRecord aaaa(String owner, String address) {
        return new ResourceRecord(owner, 5, new Rdata.Aaaa(address));
    }

    private static ResourceRecord srv(String owner, int weight, int port, String target) {
        return new ResourceRecord(owner, 5, new Rdata.Srv(0, weight, port, target));
    }

    private static ResourceRecord cname(String owner, String target) {
        return new ResourceRecord(owner, 5, new Rdata.Cname(target));
    }

    private static ResourceRecord ptr(String owner, String target) {
        return new ResourceRecord(owner, 5, new Rdata.Ptr(target));
    }

    private static ResourceRecord txt(String owner, String text) {
        return new ResourceRecord(owner, 5, new Rdata.Txt(List.of(text)));
    }

    private static Answer answer(String name, RrType type, Status status, ResourceRecord... records) {
        return new Answer(new Question(name, type), status, List.of(records), List.of(), null, false, List.of());
    }

    private static Answer incomplete(String name, RrType type, ResourceRecord... records) {
        return new Answer(new Question(name, type), Status.NOERROR, List.of(records), List.of(), null, true,
                List.of("the target lies outside the cluster"));
    }

    private static Answer withAdditional(Answer a, ResourceRecord... additional) {
        return new Answer(a.question(), a.status(), a.answer(), List.of(additional), a.authority(), a.incomplete(),
                a.explanation());
    }

    private static Arguments row(String rule, Answer predicted, Answer live, Kind kind, String summary,
                                 List<ResourceRecord> missing, List<ResourceRecord> unexpected) {
        return Arguments.of(rule, predicted, live, kind, summary, missing, unexpected);
    }

    static Stream<Arguments> rules() {
        Answer threeAddresses = answer(HEADLESS, RrType.A, Status.NOERROR,
                a(HEADLESS, 30, "10.46.0.1"), a(HEADLESS, 30, "10.40.0.2"), a(HEADLESS, 30, "10.46.0.2"));
        List<ResourceRecord> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(a(WEB, 5, "10.0.0." + i));
        }
        return Stream.of(
                row("order, TTL and owner case do not count",
                        threeAddresses,
                        answer(HEADLESS, RrType.A, Status.NOERROR, a("Sample-Headless.Default.svc.cluster.local.", 12,
                                "10.46.0.2"), a(HEADLESS, 3, "10.46.0.1"), a(HEADLESS, 30, "10.40.0.2")),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("a record repeated in the live answer counts once",
                        answer(WEB, RrType.A, Status.NOERROR, a(WEB, 5, "10.96.0.50")),
                        answer(WEB, RrType.A, Status.NOERROR, a(WEB, 5, "10.96.0.50"), a(WEB, 5, "10.96.0.50")),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("the additional section does not count",
                        withAdditional(answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 100, 80, WEB)),
                                a(WEB, 5, "10.96.0.50")),
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 100, 80, WEB)),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("names inside the data compare case-insensitively",
                        answer(EXT, RrType.CNAME, Status.NOERROR, cname(EXT, "db.example.com.")),
                        answer(EXT, RrType.CNAME, Status.NOERROR, cname(EXT, "DB.Example.COM.")),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("SRV targets compare case-insensitively",
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 100, 80, WEB)),
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 100, 80, "WEB.shop.svc.cluster.local.")),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("PTR targets compare case-insensitively",
                        answer("50.0.96.10.in-addr.arpa.", RrType.PTR, Status.NOERROR,
                                ptr("50.0.96.10.in-addr.arpa.", WEB)),
                        answer("50.0.96.10.in-addr.arpa.", RrType.PTR, Status.NOERROR,
                                ptr("50.0.96.10.in-addr.arpa.", "Web.Shop.svc.cluster.local.")),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("IPv6 addresses compare by value, not spelling",
                        answer(WEB, RrType.AAAA, Status.NOERROR, aaaa(WEB, "fd00::a")),
                        answer(WEB, RrType.AAAA, Status.NOERROR, aaaa(WEB, "FD00:0:0:0:0:0:0:A")),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("TXT strings are case-sensitive",
                        answer("dns-version.cluster.local.", RrType.TXT, Status.NOERROR,
                                txt("dns-version.cluster.local.", "1.1.0")),
                        answer("dns-version.cluster.local.", RrType.TXT, Status.NOERROR,
                                txt("dns-version.cluster.local.", "1.1.0-rc")),
                        Kind.DIFFERENT, "answer differs: missing \"1.1.0\" (TXT); unexpected \"1.1.0-rc\" (TXT)",
                        List.of(txt("dns-version.cluster.local.", "1.1.0")),
                        List.of(txt("dns-version.cluster.local.", "1.1.0-rc"))),
                row("SRV weight counts",
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 50, 80, WEB), srv(WEB, 50, 9090, WEB)),
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 33, 80, WEB), srv(WEB, 50, 9090, WEB)),
                        Kind.DIFFERENT, "answer differs: missing 0 50 80 " + WEB + " (SRV); unexpected 0 33 80 "
                                + WEB + " (SRV)",
                        List.of(srv(WEB, 50, 80, WEB)), List.of(srv(WEB, 33, 80, WEB))),
                row("SRV port counts",
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 100, 80, WEB)),
                        answer(WEB, RrType.SRV, Status.NOERROR, srv(WEB, 100, 8080, WEB)),
                        Kind.DIFFERENT, "answer differs: missing 0 100 80 " + WEB + " (SRV); unexpected 0 100 8080 "
                                + WEB + " (SRV)",
                        List.of(srv(WEB, 100, 80, WEB)), List.of(srv(WEB, 100, 8080, WEB))),
                row("a forwarded name is not judged",
                        new Answer(new Question("example.com.", RrType.A), Status.FORWARDED, List.of(), List.of(),
                                null, false, List.of()),
                        answer("example.com.", RrType.A, Status.NOERROR, a("example.com.", 300, "93.184.216.34")),
                        Kind.SKIPPED, "not predicted: the cluster DNS forwards this name to another resolver",
                        List.of(), List.of()),
                row("incomplete: extra live records are fine",
                        incomplete(EXT, RrType.A, cname(EXT, "db.example.com.")),
                        answer(EXT, RrType.A, Status.NOERROR, cname(EXT, "db.example.com."),
                                a("db.example.com.", 60, "192.0.2.10")),
                        Kind.OK, "as predicted (the predicted part; the rest lies outside the cluster)",
                        List.of(), List.of()),
                row("incomplete: the live status does not count when the predicted records are there",
                        incomplete(EXT, RrType.A, cname(EXT, "gone.example.com.")),
                        answer(EXT, RrType.A, Status.NXDOMAIN, cname(EXT, "gone.example.com.")),
                        Kind.OK, "as predicted (the predicted part; the rest lies outside the cluster)",
                        List.of(), List.of()),
                row("incomplete: a predicted record must still be there",
                        incomplete(EXT, RrType.A, cname(EXT, "db.example.com.")),
                        answer(EXT, RrType.A, Status.NOERROR, cname(EXT, "other.example.com."),
                                a("other.example.com.", 60, "192.0.2.10")),
                        Kind.MISSING, "missing db.example.com. (CNAME)",
                        List.of(cname(EXT, "db.example.com.")), List.of()),
                row("incomplete: a server failure without the predicted records differs",
                        incomplete(EXT, RrType.A, cname(EXT, "db.example.com.")),
                        answer(EXT, RrType.A, Status.SERVFAIL),
                        Kind.DIFFERENT, "answer differs: SERVFAIL instead of NOERROR",
                        List.of(cname(EXT, "db.example.com.")), List.of()),
                row("predicted records, live NXDOMAIN: missing",
                        answer(HEADLESS, RrType.A, Status.NOERROR, a(HEADLESS, 30, "10.46.0.1")),
                        new Answer(new Question(HEADLESS, RrType.A), Status.NXDOMAIN, List.of(), List.of(),
                                new ResourceRecord("cluster.local.", 30, new Rdata.Soa("ns.dns.cluster.local.",
                                        "hostmaster.cluster.local.", 1, 7200, 1800, 86400, 30)), false, List.of()),
                        Kind.MISSING, "missing 10.46.0.1 (A): the server answered NXDOMAIN",
                        List.of(a(HEADLESS, 30, "10.46.0.1")), List.of()),
                row("predicted records, live NODATA: missing",
                        answer(WEB, RrType.AAAA, Status.NOERROR, aaaa(WEB, "fd00::50")),
                        answer(WEB, RrType.AAAA, Status.NODATA),
                        Kind.MISSING, "missing fd00::50 (AAAA): the server answered NODATA",
                        List.of(aaaa(WEB, "fd00::50")), List.of()),
                row("live lacks some predicted records: missing, listing them",
                        threeAddresses,
                        answer(HEADLESS, RrType.A, Status.NOERROR, a(HEADLESS, 30, "10.40.0.2"),
                                a(HEADLESS, 30, "10.46.0.2")),
                        Kind.MISSING, "missing 10.46.0.1 (A)",
                        List.of(a(HEADLESS, 30, "10.46.0.1")), List.of()),
                row("many missing records are summarised",
                        answer(WEB, RrType.A, Status.NOERROR, five.toArray(ResourceRecord[]::new)),
                        answer(WEB, RrType.A, Status.NXDOMAIN),
                        Kind.MISSING,
                        "missing 10.0.0.1 (A), 10.0.0.2 (A), 10.0.0.3 (A) and 2 more: the server answered NXDOMAIN",
                        five, List.of()),
                row("predicted NXDOMAIN, live records: unexpected",
                        answer("web-0.web.shop.svc.cluster.local.", RrType.A, Status.NXDOMAIN),
                        answer("web-0.web.shop.svc.cluster.local.", RrType.A, Status.NOERROR,
                                a("web-0.web.shop.svc.cluster.local.", 5, "10.244.1.5")),
                        Kind.UNEXPECTED, "unexpected 10.244.1.5 (A): predicted NXDOMAIN",
                        List.of(), List.of(a("web-0.web.shop.svc.cluster.local.", 5, "10.244.1.5"))),
                row("predicted NODATA, live records: unexpected",
                        answer(WEB, RrType.AAAA, Status.NODATA),
                        answer(WEB, RrType.AAAA, Status.NOERROR, aaaa(WEB, "fd00::50")),
                        Kind.UNEXPECTED, "unexpected fd00::50 (AAAA): predicted NODATA",
                        List.of(), List.of(aaaa(WEB, "fd00::50"))),
                row("live has records beyond the predicted ones: unexpected",
                        answer(HEADLESS, RrType.A, Status.NOERROR, a(HEADLESS, 30, "10.46.0.1")),
                        answer(HEADLESS, RrType.A, Status.NOERROR, a(HEADLESS, 30, "10.46.0.1"),
                                a(HEADLESS, 30, "10.46.0.9")),
                        Kind.UNEXPECTED, "unexpected 10.46.0.9 (A)",
                        List.of(), List.of(a(HEADLESS, 30, "10.46.0.9"))),
                row("sets differ both ways: different, listing both sides",
                        answer(HEADLESS, RrType.A, Status.NOERROR, a(HEADLESS, 30, "10.46.0.1"),
                                a(HEADLESS, 30, "10.46.0.2")),
                        answer(HEADLESS, RrType.A, Status.NOERROR, a(HEADLESS, 30, "10.46.0.2"),
                                a(HEADLESS, 30, "10.46.0.7")),
                        Kind.DIFFERENT, "answer differs: missing 10.46.0.1 (A); unexpected 10.46.0.7 (A)",
                        List.of(a(HEADLESS, 30, "10.46.0.1")), List.of(a(HEADLESS, 30, "10.46.0.7"))),
                row("predicted NXDOMAIN, live NODATA: different",
                        answer(HEADLESS, RrType.A, Status.NXDOMAIN),
                        answer(HEADLESS, RrType.A, Status.NODATA),
                        Kind.DIFFERENT, "answer differs: NODATA instead of NXDOMAIN", List.of(), List.of()),
                row("predicted NODATA, live NXDOMAIN: different",
                        answer(WEB, RrType.AAAA, Status.NODATA),
                        answer(WEB, RrType.AAAA, Status.NXDOMAIN),
                        Kind.DIFFERENT, "answer differs: NXDOMAIN instead of NODATA", List.of(), List.of()),
                row("live SERVFAIL: different",
                        answer(WEB, RrType.A, Status.NOERROR, a(WEB, 5, "10.96.0.50")),
                        answer(WEB, RrType.A, Status.SERVFAIL),
                        Kind.DIFFERENT, "answer differs: SERVFAIL instead of NOERROR",
                        List.of(a(WEB, 5, "10.96.0.50")), List.of()),
                row("live REFUSED: different",
                        answer(HEADLESS, RrType.A, Status.NXDOMAIN),
                        answer(HEADLESS, RrType.A, Status.REFUSED),
                        Kind.DIFFERENT, "answer differs: REFUSED instead of NXDOMAIN", List.of(), List.of()),
                row("both NXDOMAIN: ok",
                        answer(HEADLESS, RrType.A, Status.NXDOMAIN),
                        answer(HEADLESS, RrType.A, Status.NXDOMAIN),
                        Kind.OK, "as predicted", List.of(), List.of()),
                row("both NODATA: ok",
                        answer(WEB, RrType.AAAA, Status.NODATA),
                        answer(WEB, RrType.AAAA, Status.NODATA),
                        Kind.OK, "as predicted", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void compare_rule_givesTheVerdict(String rule, Answer predicted, Answer live, Kind kind, String summary,
                                      List<ResourceRecord> missing, List<ResourceRecord> unexpected) {
        Verdict v = Comparison.compare(predicted, live);

        assertThat(v.kind()).isEqualTo(kind);
        assertThat(v.summary()).isEqualTo(summary);
        assertThat(v.missing()).containsExactlyElementsOf(missing);
        assertThat(v.unexpected()).containsExactlyElementsOf(unexpected);
        assertThat(v.predicted()).isSameAs(predicted);
        assertThat(v.live()).isSameAs(live);
    }

    @Test
    void compare_questionsInDifferentCase_areTheSameQuestion() {
        Verdict v = Comparison.compare(answer(WEB, RrType.A, Status.NXDOMAIN),
                answer("WEB.shop.svc.cluster.local.", RrType.A, Status.NXDOMAIN));

        assertThat(v.kind()).isEqualTo(Kind.OK);
    }

    @Test
    void compare_answersToDifferentQuestions_isRejected() {
        assertThatThrownBy(() -> Comparison.compare(answer(WEB, RrType.A, Status.NXDOMAIN),
                answer(WEB, RrType.AAAA, Status.NXDOMAIN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare the answer to " + WEB + " A with the answer to " + WEB + " AAAA");
    }

    @Test
    void isAgreement_onlyForOkAndSkipped() {
        Answer p = answer(WEB, RrType.A, Status.NXDOMAIN);
        assertThat(new Verdict(Kind.OK, p, p, List.of(), List.of(), "").isAgreement()).isTrue();
        assertThat(new Verdict(Kind.SKIPPED, p, p, List.of(), List.of(), "").isAgreement()).isTrue();
        assertThat(new Verdict(Kind.MISSING, p, p, List.of(), List.of(), "").isAgreement()).isFalse();
        assertThat(new Verdict(Kind.UNEXPECTED, p, p, List.of(), List.of(), "").isAgreement()).isFalse();
        assertThat(new Verdict(Kind.DIFFERENT, p, p, List.of(), List.of(), "").isAgreement()).isFalse();
    }
}
