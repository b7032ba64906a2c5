package dev.kdi.records.searchpath;

import static dev.kdi.records.searchpath.SearchPathQueriesTest.KUBELET;
import static dev.kdi.records.searchpath.SearchPathQueriesTest.shopPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.objects.PodDns;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Where a resolver's walk down the search list stops, given what each query returns. */
class SearchPathWalkTest {

    static Lookup lookup(String text) {
        return switch (text) {
            case "A" -> Lookup.ipv4();
            case "AAAA" -> Lookup.ipv6();
            case "A+AAAA" -> Lookup.addresses();
            default -> Lookup.records(RrType.parse(text).orElseThrow());
        };
    }

    static String sent(Walk walk) {
        return walk.questions().stream().map(Question::toString).collect(Collectors.joining(", "));
    }

    static List<Step.Verdict> verdicts(String text) {
        return Arrays.stream(text.trim().split("\\s+")).map(Step.Verdict::valueOf).toList();
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} with {3} → {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # resolver | lookup | name           | answers (others NXDOMAIN)                                                                  | queries sent, in order                                                                                                                                                                           | verdict of each step                         | result
            GLIBC      | A+AAAA | web            | web.shop.svc.cluster.local.=NOERROR                                                        | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA                                                                                                                                  | ANSWERED                                     | ANSWERED
            MUSL       | A+AAAA | web            | web.shop.svc.cluster.local.=NOERROR                                                        | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA                                                                                                                                  | ANSWERED                                     | ANSWERED
            GLIBC      | A      | web            | web.cluster.local.=NOERROR                                                                 | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A                                                                                                                    | CONTINUED CONTINUED ANSWERED                 | ANSWERED
            MUSL       | A      | web            | web.cluster.local.=NOERROR                                                                 | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A                                                                                                                    | CONTINUED CONTINUED ANSWERED                 | ANSWERED
            GLIBC      | A+AAAA | web            | web.=NOERROR                                                                               | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA        | CONTINUED CONTINUED CONTINUED ANSWERED       | ANSWERED
            GLIBC      | A+AAAA | web            | web.shop.svc.cluster.local.=NODATA; web.=NOERROR                                           | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA        | CONTINUED CONTINUED CONTINUED ANSWERED       | ANSWERED
            MUSL       | A+AAAA | web            | web.shop.svc.cluster.local.=NODATA; web.=NOERROR                                           | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA                                                                                                                                  | STOPPED                                      | NODATA
            GLIBC      | A      | web            | web.shop.svc.cluster.local.=SERVFAIL; web.svc.cluster.local.=NOERROR                       | web.shop.svc.cluster.local. A, web.svc.cluster.local. A                                                                                                                                          | CONTINUED ANSWERED                           | ANSWERED
            MUSL       | A      | web            | web.shop.svc.cluster.local.=SERVFAIL; web.svc.cluster.local.=NOERROR                       | web.shop.svc.cluster.local. A                                                                                                                                                                    | STOPPED                                      | TEMPORARY_FAILURE
            GLIBC      | A      | web            | web.shop.svc.cluster.local.=REFUSED; web.=NOERROR                                          | web.shop.svc.cluster.local. A, web. A                                                                                                                                                            | SEARCH_ABANDONED ANSWERED                    | ANSWERED
            MUSL       | A      | web            | web.shop.svc.cluster.local.=REFUSED; web.=NOERROR                                          | web.shop.svc.cluster.local. A                                                                                                                                                                    | STOPPED                                      | TEMPORARY_FAILURE
            GLIBC      | A+AAAA | api.example.com| api.example.com.=FORWARDED                                                                 | api.example.com.shop.svc.cluster.local. A, api.example.com.shop.svc.cluster.local. AAAA, api.example.com.svc.cluster.local. A, api.example.com.svc.cluster.local. AAAA, api.example.com.cluster.local. A, api.example.com.cluster.local. AAAA, api.example.com. A, api.example.com. AAAA | CONTINUED CONTINUED CONTINUED UNKNOWN | UPSTREAM
            MUSL       | A+AAAA | api.example.com| api.example.com.=FORWARDED                                                                 | api.example.com.shop.svc.cluster.local. A, api.example.com.shop.svc.cluster.local. AAAA, api.example.com.svc.cluster.local. A, api.example.com.svc.cluster.local. AAAA, api.example.com.cluster.local. A, api.example.com.cluster.local. AAAA, api.example.com. A, api.example.com. AAAA | CONTINUED CONTINUED CONTINUED UNKNOWN | UPSTREAM
            GLIBC      | A+AAAA | web            | web.shop.svc.cluster.local. A=NOERROR; web.shop.svc.cluster.local. AAAA=NXDOMAIN           | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA                                                                                                                                  | ANSWERED                                     | ANSWERED
            MUSL       | A+AAAA | web            | web.shop.svc.cluster.local. A=NOERROR; web.shop.svc.cluster.local. AAAA=NXDOMAIN           | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA        | CONTINUED CONTINUED CONTINUED CONTINUED      | NXDOMAIN
            GLIBC      | A+AAAA | web            | web.shop.svc.cluster.local. A=SERVFAIL; web.=NOERROR                                       | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA        | CONTINUED CONTINUED CONTINUED ANSWERED       | ANSWERED
            MUSL       | A+AAAA | web            | web.shop.svc.cluster.local. A=SERVFAIL; web.=NOERROR                                       | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA                                                                                                                                  | STOPPED                                      | TEMPORARY_FAILURE
            GLIBC      | A+AAAA | web            | web.shop.svc.cluster.local. AAAA=FORWARDED                                                 | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA                                                                                                                                  | UNKNOWN                                      | UPSTREAM
            MUSL       | A+AAAA | web            | web.shop.svc.cluster.local. AAAA=FORWARDED                                                 | web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web.svc.cluster.local. A, web.svc.cluster.local. AAAA, web.cluster.local. A, web.cluster.local. AAAA, web. A, web. AAAA        | CONTINUED CONTINUED CONTINUED CONTINUED      | NXDOMAIN
            GLIBC      | A      | web            | web.svc.cluster.local.=FORWARDED                                                           | web.shop.svc.cluster.local. A, web.svc.cluster.local. A                                                                                                                                          | CONTINUED UNKNOWN                            | UPSTREAM
            GLIBC      | A      | a.b.c.d.e.f    | *=NODATA; a.b.c.d.e.f.=NXDOMAIN                                                            | a.b.c.d.e.f. A, a.b.c.d.e.f.shop.svc.cluster.local. A, a.b.c.d.e.f.svc.cluster.local. A, a.b.c.d.e.f.cluster.local. A                                                                            | CONTINUED CONTINUED CONTINUED CONTINUED      | NXDOMAIN
            GLIBC      | A      | web            | *=NODATA; web.=NXDOMAIN                                                                    | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A                                                                                                            | CONTINUED CONTINUED CONTINUED CONTINUED      | NODATA
            GLIBC      | A      | web            | *=SERVFAIL                                                                                 | web.shop.svc.cluster.local. A, web.svc.cluster.local. A, web.cluster.local. A, web. A                                                                                                            | CONTINUED CONTINUED CONTINUED CONTINUED      | TEMPORARY_FAILURE
            GLIBC      | A      | web.           | -                                                                                          | web. A                                                                                                                                                                                           | CONTINUED                                    | NXDOMAIN
            GLIBC      | A      | a.b.c.d.e.f    | a.b.c.d.e.f.=REFUSED; a.b.c.d.e.f.shop.svc.cluster.local.=NOERROR                          | a.b.c.d.e.f. A, a.b.c.d.e.f.shop.svc.cluster.local. A                                                                                                                                            | CONTINUED ANSWERED                           | ANSWERED
            MUSL       | A      | a.b.c.d.e.f    | a.b.c.d.e.f.shop.svc.cluster.local.=NOERROR                                                | a.b.c.d.e.f. A                                                                                                                                                                                   | CONTINUED                                    | NXDOMAIN
            GLIBC      | SRV    | _http._tcp.web | _http._tcp.web.shop.svc.cluster.local.=NOERROR                                             | _http._tcp.web.shop.svc.cluster.local. SRV                                                                                                                                                       | ANSWERED                                     | ANSWERED
            MUSL       | SRV    | _http._tcp.web | _http._tcp.web.shop.svc.cluster.local.=NOERROR                                             | _http._tcp.web. SRV                                                                                                                                                                              | CONTINUED                                    | NXDOMAIN
            """)
    void walk_stopsWhereTheLibraryStops_clusterFirstPodInShop(Resolver resolver, String lookup, String name,
            String answers, String expectedQueries, String expectedVerdicts, Walk.Result expectedResult) {
        SearchPath path = new SearchPath(shopPod(null), resolver);

        Walk walk = path.walk(name, lookup(lookup), Answers.of(answers));

        assertThat(sent(walk)).isEqualTo(expectedQueries);
        assertThat(walk.steps()).map(Step::verdict).isEqualTo(verdicts(expectedVerdicts));
        assertThat(walk.result()).isEqualTo(expectedResult);
        assertThat(walk.answeredBy().isPresent()).isEqualTo(expectedResult == Walk.Result.ANSWERED);
    }

    @Test
    @DisplayName("glibc asks again after SERVFAIL: attempts rounds over every nameserver")
    void walk_countsResends_glibcServfail() {
        SearchPath defaults = new SearchPath(shopPod(null), Resolver.GLIBC);
        ResolvConf twoServers = ResolvConf.of(List.of("10.96.0.10", "10.96.0.11"),
                List.of("shop.svc.cluster.local"), List.of(ResolvOption.of("ndots", "5"), ResolvOption.of("attempts", "3")));

        Walk walk = defaults.walk("web", Lookup.addresses(), Answers.of("*=SERVFAIL"));
        Walk busier = new SearchPath(twoServers, Resolver.GLIBC).walk("web", Lookup.ipv4(), Answers.of("*=SERVFAIL"));

        assertThat(walk.queriesSent()).isEqualTo(8);
        assertThat(walk.packetsSent()).isEqualTo(16);
        assertThat(walk.steps().get(0).explanation()).contains("asked 2 times");
        assertThat(busier.queriesSent()).isEqualTo(2);
        assertThat(busier.packetsSent()).isEqualTo(12);
    }

    @Test
    @DisplayName("An error answer next to a usable one is dropped by glibc and not re-sent")
    void walk_noResend_glibcOneErrorOfTwo() {
        Walk walk = new SearchPath(shopPod(null), Resolver.GLIBC).walk("web", Lookup.addresses(),
                Answers.of("web.shop.svc.cluster.local. AAAA=SERVFAIL; web.=NOERROR"));

        assertThat(walk.queriesSent()).isEqualTo(8);
        assertThat(walk.packetsSent()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resolver.class)
    @DisplayName("The amplification line: api.example.com from a pod in shop costs 8 queries")
    void amplification_eightQueries_externalNameFromShop(Resolver resolver) {
        SearchPath path = new SearchPath(shopPod(null), resolver);

        Amplification answered = path.walk("api.example.com", Lookup.addresses(),
                Answers.of("api.example.com.=NOERROR")).amplification();
        Amplification upstream = path.walk("api.example.com", Lookup.addresses(),
                Answers.of("api.example.com.=FORWARDED")).amplification();
        Amplification fqdn = path.walk("api.example.com.", Lookup.addresses(),
                Answers.of("api.example.com.=NOERROR")).amplification();

        assertThat(answered.queries()).isEqualTo(8);
        assertThat(answered.wasted()).isEqualTo(6);
        assertThat(answered.sentence("from a pod in `shop`")).isEqualTo(
                "`api.example.com` from a pod in `shop`: 8 queries before the answer (6 for names that do not answer)");
        assertThat(upstream.sentence("from a pod in `shop`")).isEqualTo("`api.example.com` from a pod in `shop`:"
                + " 8 queries before the answer, which comes from the upstream resolver (6 for names that do not answer)");
        assertThat(fqdn.sentence("from a pod in `shop`")).isEqualTo(
                "`api.example.com.` from a pod in `shop`: 2 queries before the answer");
    }

    @Test
    @DisplayName("A name that never answers costs every query, and says so")
    void amplification_allQueries_nameNotFound() {
        Amplification a = new SearchPath(shopPod(null), Resolver.GLIBC).fullWalk("nope", Lookup.addresses())
                .amplification();

        assertThat(a.sentence("from a pod in `shop`")).isEqualTo("`nope` from a pod in `shop`: 8 queries and no such name");
        assertThat(a.wasted()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resolver.class)
    @DisplayName("A forwarded node search domain stops the walk as unknown")
    void walk_stopsUnknown_forwardedNodeSearchDomain(Resolver resolver) {
        ResolvConf conf = KUBELET.withNode(NodeResolvConf.searchesOnly(List.of("ec2.internal")))
                .resolvConf("shop", PodDns.DEFAULTS);

        Walk walk = new SearchPath(conf, resolver).walk("api.example.com", Lookup.ipv4(),
                q -> q.name().endsWith(".cluster.local.") ? Status.NXDOMAIN : Status.FORWARDED);

        assertThat(sent(walk)).isEqualTo("api.example.com.shop.svc.cluster.local. A, api.example.com.svc.cluster.local. A,"
                + " api.example.com.cluster.local. A, api.example.com.ec2.internal. A");
        assertThat(walk.result()).isEqualTo(Walk.Result.UPSTREAM);
        assertThat(walk.steps().get(3).explanation()).contains("upstream resolver");
    }

    @Test
    @DisplayName("The rules that fired are explained in plain words")
    void walk_explainsRules_dotsAgainstNdots() {
        Walk glibc = new SearchPath(shopPod(null), Resolver.GLIBC).fullWalk("web", Lookup.addresses());
        Walk musl = new SearchPath(shopPod(2), Resolver.MUSL).fullWalk("a.b.c.d", Lookup.addresses());
        Walk glibcLong = new SearchPath(shopPod(2), Resolver.GLIBC).fullWalk("a.b.c.d", Lookup.addresses());
        Walk fqdn = new SearchPath(shopPod(null), Resolver.MUSL).fullWalk("web.", Lookup.addresses());

        assertThat(glibc.explanation()).contains("web has 0 dots < ndots 5: the search list is tried first, then the name as-is.");
        assertThat(musl.explanation()).contains("musl: a.b.c.d has 3 dots ≥ ndots 2: asked as-is only, no search.");
        assertThat(glibcLong.explanation()).contains(
                "a.b.c.d has 3 dots ≥ ndots 2: glibc asks it as-is first, then with each search domain.");
        assertThat(fqdn.explanation()).contains("musl: web. ends with a dot: asked as-is only, no search.");
        assertThat(glibc.steps()).allSatisfy(s -> assertThat(s.explanation()).isNotBlank());
    }

    @Test
    @DisplayName("A name too long with a search domain: glibc gives up its search list, musl skips that domain")
    void walk_longCandidate_glibcAbandonsMuslSkips() {
        // 231 characters and 3 dots: with ".shop.svc.cluster.local" it is 254, one too many.
        String name = String.join(".", "a".repeat(57), "b".repeat(57), "c".repeat(57), "d".repeat(57));

        Walk glibc = new SearchPath(shopPod(null), Resolver.GLIBC).fullWalk(name, Lookup.ipv4());
        Walk musl = new SearchPath(shopPod(null), Resolver.MUSL).fullWalk(name, Lookup.ipv4());

        assertThat(sent(glibc)).isEqualTo(name + ". A");
        assertThat(glibc.steps()).map(Step::verdict).containsExactly(Step.Verdict.SEARCH_ABANDONED, Step.Verdict.CONTINUED);
        assertThat(glibc.steps().get(0).sent()).isFalse();
        assertThat(glibc.steps().get(0).explanation()).contains("254 characters, more than 253");
        assertThat(sent(musl)).isEqualTo(name + ".svc.cluster.local. A, " + name + ".cluster.local. A, " + name + ". A");
        assertThat(musl.steps()).map(Step::verdict).containsExactly(
                Step.Verdict.SKIPPED, Step.Verdict.CONTINUED, Step.Verdict.CONTINUED, Step.Verdict.CONTINUED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | FAILED
            MUSL  | NXDOMAIN
            """)
    @DisplayName("A label over 63 characters is never sent")
    void walk_sendsNothing_labelOver63(Resolver resolver, Walk.Result expected) {
        Walk walk = new SearchPath(shopPod(null), resolver).fullWalk("x".repeat(64), Lookup.addresses());

        assertThat(walk.queriesSent()).isZero();
        assertThat(walk.result()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | ''  | NOT_ASKED
            MUSL  | ''  | NOT_ASKED
            MUSL  | 255 | NOT_ASKED
            MUSL  | ..  | NOT_ASKED
            GLIBC | 255 | FAILED
            """)
    @DisplayName("Names a resolver rejects send nothing")
    void walk_sendsNothing_rejectedNames(Resolver resolver, String name, Walk.Result expected) {
        String n = name.equals("255") ? ("a".repeat(63) + ".").repeat(4).substring(0, 255) : name;

        Walk walk = new SearchPath(shopPod(null), resolver).fullWalk(n, Lookup.addresses());

        assertThat(walk.queriesSent()).isZero();
        assertThat(walk.result()).isEqualTo(expected);
    }

    @Test
    @DisplayName("glibc no-tld-query never asks a dotless name as-is")
    void walk_noAsIs_glibcNoTldQuery() {
        ResolvConf conf = ResolvConf.of(List.of("10.96.0.10"), List.of("shop.svc.cluster.local"),
                List.of(ResolvOption.of("ndots", "5"), ResolvOption.flag("no-tld-query")));

        Walk dotless = new SearchPath(conf, Resolver.GLIBC).fullWalk("web", Lookup.ipv4());
        Walk dotted = new SearchPath(conf, Resolver.GLIBC).fullWalk("web.shop", Lookup.ipv4());

        assertThat(sent(dotless)).isEqualTo("web.shop.svc.cluster.local. A");
        assertThat(dotless.explanation()).anyMatch(l -> l.contains("no-tld-query"));
        assertThat(sent(dotted)).isEqualTo("web.shop.shop.svc.cluster.local. A, web.shop. A");
    }

    @Test
    @DisplayName("glibc no-aaaa drops AAAA queries; musl ignores the option")
    void walk_onlyA_glibcNoAaaa() {
        ResolvConf conf = ResolvConf.of(List.of("10.96.0.10"), List.of("shop.svc.cluster.local"),
                List.of(ResolvOption.of("ndots", "5"), ResolvOption.flag("no-aaaa")));

        assertThat(sent(new SearchPath(conf, Resolver.GLIBC).fullWalk("web", Lookup.addresses())))
                .isEqualTo("web.shop.svc.cluster.local. A, web. A");
        Walk v6 = new SearchPath(conf, Resolver.GLIBC).fullWalk("web", Lookup.ipv6());
        assertThat(v6.queriesSent()).isZero();
        assertThat(v6.result()).isEqualTo(Walk.Result.NODATA);
        assertThat(sent(new SearchPath(conf, Resolver.MUSL).fullWalk("web", Lookup.addresses())))
                .isEqualTo("web.shop.svc.cluster.local. A, web.shop.svc.cluster.local. AAAA, web. A, web. AAAA");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GLIBC | web. A, web.a.example. A
            MUSL  | web.a.example. A, web. A
            """)
    @DisplayName("A root search domain: glibc asks the name as-is in its place, musl skips it")
    void walk_rootSearchDomain_eachLibrary(Resolver resolver, String expected) {
        ResolvConf conf = ResolvConf.of(List.of("10.96.0.10"), List.of(".", "a.example"),
                List.of(ResolvOption.of("ndots", "5")));

        assertThat(sent(new SearchPath(conf, resolver).fullWalk("web", Lookup.ipv4()))).isEqualTo(expected);
    }

    @Test
    @DisplayName("Without a search list glibc asks only the name as-is")
    void walk_asIsOnly_noSearchList() {
        ResolvConf conf = ResolvConf.of(List.of("10.96.0.10"), List.of(), List.of());

        Walk walk = new SearchPath(conf, Resolver.GLIBC).fullWalk("web", Lookup.ipv4());

        assertThat(sent(walk)).isEqualTo("web. A");
        assertThat(walk.explanation()).anyMatch(l -> l.contains("no search list"));
    }
}
