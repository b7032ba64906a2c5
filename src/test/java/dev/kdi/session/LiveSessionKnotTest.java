package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.Faults;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.TcpRelay;
import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.compare.Verdict;
import dev.kdi.records.names.IpAddress;
import dev.kdi.testing.KnotServer;
import dev.kdi.testing.Resources;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live path end to end against real DNS servers: fabric8's CRUD mock as the API, the
 * kubelet's port-forward emulated on it, and each DNS pod's port relayed to a Knot server on
 * loopback serving the zone that pod should (replica b's has lost namespace shop).
 *
 * <p>The API server and the two Knot servers are started once and never changed; every test has
 * a session of its own, so no forward, replica state or backoff of one test reaches the next.
 * Nothing waits a fixed time: tests wait for the replica states the session publishes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveSessionKnotTest {
    static final PodPort A = new PodPort("kube-system", "coredns-a", 53);
    static final PodPort B = new PodPort("kube-system", "coredns-b", 53);
    static final Duration WAIT = Duration.ofSeconds(20);

    static MockApiServer api;
    static KnotServer knotA;
    static KnotServer knotB;
    static DnsModel model;

    LiveSession session;
    /** Every replica list the session published, newest last. */
    final BlockingQueue<List<ReplicaStatus>> published = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        KnotServer.requireKnotd();
        api = MockApiServer.start(false);
        DemoCluster.populate(api.client(), List.of("/live/two-replicas.yaml"));
        try (LiveSession first = newSession()) {
            first.start(Progress.NONE);
            model = first.current().model();
        }
        List<Question> questions = new ArrayList<>(CheckPlan.plan(model, Set.of()).asked());
        questions.addAll(extraQuestions());
        knotA = KnotServer.start(zones(model, questions));
        DnsModel stale = DnsModel.build(withoutShop(), model.corefile());
        knotB = KnotServer.start(zones(stale, questions));
    }

    static LiveSession newSession() {
        return new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "test", api.url(), "default"),
                new ContextTarget("test", "default", api.url(), api.client().getConfiguration()),
                LiveOptions.defaults().withNamespaces(List.of()), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(knotA, knotB, api);
    }

    @BeforeEach
    void wellBehavedRelaysAndAFreshSession() throws Exception {
        api.portForwards().route(A, TcpRelay.toLoopback(knotA.port()));
        api.portForwards().route(B, TcpRelay.toLoopback(knotB.port()));
        session = newSession();
        session.start(Progress.NONE);
        session.subscribe(new SessionListener() {
            @Override
            public void replicasChanged(List<ReplicaStatus> replicas) {
                published.add(replicas);
            }
        });
    }

    @AfterEach
    void closeTheSession() {
        session.close();
    }

    static List<Question> extraQuestions() {
        return List.of(new Question("dns-version.cluster.local.", RrType.TXT),
                new Question("api.shop.svc.cluster.local.", RrType.AAAA),
                new Question("db-0.db.shop.svc.cluster.local.", RrType.A),
                new Question("db.example.com.", RrType.A),
                new Question("build.example.net.", RrType.A),
                new Question("7.0.0.10.in-addr.arpa.", RrType.PTR));
    }

    static dev.kdi.records.objects.ClusterSnapshot withoutShop() {
        var s = model.snapshot();
        return new dev.kdi.records.objects.ClusterSnapshot(s.namespaces(),
                s.services().stream().filter(x -> !x.namespace().equals("shop")).toList(),
                s.endpointSlices().stream().filter(x -> !x.namespace().equals("shop")).toList(), s.endpoints(),
                s.pods().stream().filter(x -> !x.namespace().equals("shop")).toList(),
                s.workloads().stream().filter(x -> !x.namespace().equals("shop")).toList(), s.corefile(), true);
    }

    /** Zones for Knot holding exactly the records the model answers for the questions. */
    static List<KnotServer.Zone> zones(DnsModel m, List<Question> questions) {
        Map<String, Set<String>> byZone = new LinkedHashMap<>();
        List<String> served = List.of("cluster.local.", "in-addr.arpa.", "ip6.arpa.", "example.com.", "example.net.");
        for (String z : served) {
            byZone.put(z, new LinkedHashSet<>());
        }
        for (Question q : questions) {
            Answer a = m.answer(q);
            if (a.status() != Status.NOERROR) {
                continue;
            }
            for (ResourceRecord r : a.answer()) {
                String zone = served.stream().filter(z -> r.ownerKey().endsWith(z)).findFirst().orElseThrow();
                byZone.get(zone).add(r.text());
            }
        }
        List<KnotServer.Zone> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : byZone.entrySet()) {
            String zone = e.getKey();
            StringBuilder text = new StringBuilder();
            text.append(zone).append(" 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30\n");
            boolean hasNs = e.getValue().stream().anyMatch(l -> l.startsWith(zone + " ") && l.contains(" IN NS "));
            if (!hasNs) {
                text.append(zone).append(" 30 IN NS ns.dns.cluster.local.\n");
            }
            e.getValue().forEach(l -> text.append(l).append('\n'));
            out.add(new KnotServer.Zone(zone, text.toString()));
        }
        return out;
    }

    Answer ask(PodPort replica, String name, RrType type) throws Exception {
        List<ReplicaAnswer> answers = session.ask(new Question(name, type), ReplicaChoice.one(replica.pod()))
                .get(10, TimeUnit.SECONDS);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).error()).isEmpty();
        return answers.get(0).answer().orElseThrow();
    }

    @Test
    @DisplayName("every kind of record asked through a port-forward matches the model")
    void lookupsOfEveryRecordKind() throws Exception {
        String webPtr = IpAddress.parse("10.96.30.10").orElseThrow().reverseName();
        String apiPtr6 = IpAddress.parse("fd00:10:96::30:20").orElseThrow().reverseName();
        for (Question q : List.of(
                new Question("web.shop.svc.cluster.local.", RrType.A),
                new Question("api.shop.svc.cluster.local.", RrType.AAAA),
                new Question("_http._tcp.web.shop.svc.cluster.local.", RrType.SRV),
                new Question("_postgres._tcp.db.shop.svc.cluster.local.", RrType.SRV),
                new Question("db.shop.svc.cluster.local.", RrType.A),
                new Question("db-0.db.shop.svc.cluster.local.", RrType.A),
                new Question("10-244-3-10.web.shop.svc.cluster.local.", RrType.A),
                new Question(webPtr, RrType.PTR),
                new Question(apiPtr6, RrType.PTR),
                new Question("payments.shop.svc.cluster.local.", RrType.CNAME),
                new Question("dns-version.cluster.local.", RrType.TXT),
                new Question("cluster.local.", RrType.NS),
                new Question("nope.shop.svc.cluster.local.", RrType.A),
                // The Corefile's rewrite and hosts answer these before the kubernetes plugin does.
                new Question("db.example.com.", RrType.A),
                new Question("build.example.net.", RrType.A),
                new Question("7.0.0.10.in-addr.arpa.", RrType.PTR))) {
            Answer live = ask(A, q.name(), q.type());
            Answer predicted = model.answer(q);
            if (q.name().contains("example")) {
                assertThat(predicted.status()).as(q.toString()).isEqualTo(Status.NOERROR);
                assertThat(predicted.answeredBy().chain()).as(q.toString()).containsAnyOf("hosts", "rewrite");
            }
            Verdict v = Comparison.compare(predicted, live);
            assertThat(v.kind()).as(q + ": " + v.summary()).isEqualTo(Verdict.Kind.OK);
        }
        assertThat(session.replicas()).filteredOn(r -> r.pod().equals("coredns-a"))
                .singleElement().extracting(ReplicaStatus::state).isInstanceOf(ReplicaState.Ready.class);
    }

    @Test
    @DisplayName("a check finds the replica that has lost namespace shop")
    void checkFindsTheStaleReplica() throws Exception {
        CheckReport report = session.check(CheckRequest.everything(), Progress.NONE).get(30, TimeUnit.SECONDS);
        assertThat(report.allAgree()).isFalse();
        assertThat(report.items()).filteredOn(i -> !i.isOk())
                .allSatisfy(i -> assertThat(i.replica()).isEqualTo("kube-system/coredns-b"))
                .anySatisfy(i -> {
                    assertThat(i.question().name()).isEqualTo("web.shop.svc.cluster.local.");
                    assertThat(i.verdict().kind()).isEqualTo(Verdict.Kind.MISSING);
                });
        assertThat(report.items()).filteredOn(i -> i.replica().equals("kube-system/coredns-a")).allMatch(CheckReport.Item::isOk);
        CheckReport defaultOnly = session.check(new CheckRequest(Set.of("default"), Optional.empty()), Progress.NONE)
                .get(30, TimeUnit.SECONDS);
        assertThat(defaultOnly.allAgree()).as(defaultOnly.summary()).isTrue();
    }

    @Test
    @DisplayName("a forward the relay drops is reopened, and questions go on being answered")
    void reopenedForwardAfterTheRelayDropsIt() throws Exception {
        api.portForwards().route(A, TcpRelay.toLoopback(knotA.port()), Faults.none().dropAfter(2));
        int answered = 0;
        for (int i = 0; i < 8; i++) {
            List<ReplicaAnswer> a = session.ask(new Question("web.shop.svc.cluster.local.", RrType.A),
                    ReplicaChoice.one("coredns-a")).get(10, TimeUnit.SECONDS);
            if (a.get(0).answer().isPresent()) {
                answered++;
            } else {
                // The question in flight when the forward died fails; the pool reopens it, and the
                // next question waits for the reopened forward.
                assertThat(a.get(0).error()).get().asString().contains("coredns-a");
            }
        }
        assertThat(answered).isGreaterThanOrEqualTo(5);
        assertThat(api.portForwards().forwardsAccepted()).isGreaterThan(1);
    }

    @Test
    @DisplayName("an error on the kubelet's error channel fails the forward with its text, never shown ready")
    void errorFrame() throws Exception {
        // The session is fresh: its first forward to coredns-b is opened on this route.
        api.portForwards().route(B, TcpRelay.toLoopback(knotB.port()),
                Faults.none().errorAfter(0, "an error occurred forwarding 53 -> 53: connection refused"));
        List<ReplicaAnswer> a = session.ask(new Question("hello.default.svc.cluster.local.", RrType.A),
                ReplicaChoice.one("coredns-b")).get(10, TimeUnit.SECONDS);
        assertThat(a.get(0).answer()).isEmpty();
        awaitState("coredns-b", s -> !(s instanceof ReplicaState.Ready) && s.detail().contains("connection refused"));
        api.portForwards().route(B, TcpRelay.toLoopback(knotB.port()));
        awaitAnswer("coredns-b");
    }

    @Test
    @DisplayName("a reply that never comes times out, and the silent forward is not kept as ready")
    void replyThatNeverComes() throws Exception {
        // The session is fresh: its first forward to coredns-b is opened on this route.
        api.portForwards().route(B, TcpRelay.toLoopback(knotB.port()), Faults.none().swallowing());
        long start = System.nanoTime();
        List<ReplicaAnswer> a = session.ask(new Question("hello.default.svc.cluster.local.", RrType.A),
                ReplicaChoice.one("coredns-b")).get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(a.get(0).answer()).isEmpty();
        assertThat(a.get(0).error()).get().asString().contains("no reply");
        awaitState("coredns-b", s -> !(s instanceof ReplicaState.Ready));
        api.portForwards().route(B, TcpRelay.toLoopback(knotB.port()));
        awaitAnswer("coredns-b");
    }

    /** Waits for the session to publish a state of the replica that {@code p} accepts. */
    void awaitState(String pod, Predicate<ReplicaState> p) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ReplicaStatus> now = session.replicas();
        while (!matches(now, pod, p)) {
            long left = deadline - System.nanoTime();
            List<ReplicaStatus> next = left > 0 ? published.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("replica " + pod + " never reached the expected state; now "
                        + session.replicas());
            }
            now = next;
        }
    }

    private static boolean matches(List<ReplicaStatus> replicas, String pod, Predicate<ReplicaState> p) {
        return replicas.stream().anyMatch(s -> s.pod().equals(pod) && p.test(s.state()));
    }

    /**
     * Asks until the replica answers: a replica that gave up on its forward tries again when
     * asked. Between tries it waits for the replica's state to change, not for a fixed time.
     */
    void awaitAnswer(String pod) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            published.clear();
            List<ReplicaAnswer> a = session.ask(new Question("hello.default.svc.cluster.local.", RrType.A),
                    ReplicaChoice.one(pod)).get(10, TimeUnit.SECONDS);
            if (a.get(0).answer().isPresent()) {
                awaitState(pod, s -> s instanceof ReplicaState.Ready);
                return;
            }
            published.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        throw new AssertionError("replica " + pod + " never answered again; now " + session.replicas());
    }
}
