package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.PodPort;
import dev.kdi.demo.CoreDnsEndpoints;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.HttpResponder;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.session.HealthReport.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code health} against the demo cluster, whose DNS pods serve /health, /ready and /metrics from
 * the queries they really answered, one with a dead upstream, both with a readiness probe on /health.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HealthDemoTest {

    private static DemoFixture fixture;
    private static LiveSession session;

    @BeforeAll
    static void start() throws Exception {
        fixture = DemoFixture.start();
        session = fixture.started(DemoFixture.options());
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static final String KNOWN_PTR_BUG = "CoreDNS 1.12.0 (from coredns_build_info) has a known bug: reverse"
            + " (PTR) lookups of pod IPs behind a Service without a hostname answer NXDOMAIN (coredns/coredns#7177);"
            + " fixed in 1.12.1 (coredns/coredns#7194). Upgrade to 1.12.1 or later.";

    private static HealthReport health(Optional<String> replica, Duration interval) throws Exception {
        return session.health(new HealthRequest(replica, interval)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void everyReplicaIsAskedAndTheSickOneStandsOut() throws Exception {
        HealthReport report = health(Optional.empty(), Duration.ofMillis(1200));

        assertThat(report.source()).isEqualTo("Service kube-system/kube-dns (kubeadm); Corefile from ConfigMap "
                + "kube-system/coredns");
        assertThat(report.couldNotAsk()).isFalse();
        assertThat(report.replicas()).extracting(HealthReport.Replica::id)
                .containsExactly(DemoFixture.HEALTHY, DemoFixture.STALE);
        for (HealthReport.Replica r : report.replicas()) {
            assertThat(r.health()).isEqualTo(new HealthReport.Endpoint("/health", 8080, EndpointState.OK, 200, "OK"));
            assertThat(r.ready()).isEqualTo(new HealthReport.Endpoint("/ready", 8181, EndpointState.OK, 200, "OK"));
            assertThat(r.metrics().state()).isEqualTo(EndpointState.OK);
            assertThat(r.metrics().port()).isEqualTo(9153);
            assertThat(r.counters()).hasValueSatisfying(c -> {
                assertThat(c.version()).isEqualTo("1.12.0");
                assertThat(c.upstreamNaming()).isEqualTo("coredns_proxy_*");
                assertThat(c.problems()).isEmpty();
            });
            assertThat(r.rates()).hasValueSatisfying(x -> assertThat(x.seconds()).isGreaterThan(1.0));
            assertThat(r.restarts()).isZero();
            assertThat(r.kubeDns()).as("CoreDNS, not kube-dns").isEmpty();
        }
        assertThat(report.findings()).extracting(Finding::code, Finding::replica).contains(
                org.assertj.core.groups.Tuple.tuple("READINESS_PROBE_ON_HEALTH", DemoFixture.HEALTHY),
                org.assertj.core.groups.Tuple.tuple("READINESS_PROBE_ON_HEALTH", DemoFixture.STALE),
                org.assertj.core.groups.Tuple.tuple("UPSTREAM_HEALTHCHECKS_FAILING", DemoFixture.STALE),
                org.assertj.core.groups.Tuple.tuple("NO_DISRUPTION_BUDGET", ""));
        // The demo's replicas say they are 1.12.0 and its Corefile serves reverse zones: the PTR bug.
        assertThat(report.findings()).filteredOn(f -> f.code().equals("COREDNS_KNOWN_BUG"))
                .extracting(Finding::replica, Finding::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DemoFixture.HEALTHY, KNOWN_PTR_BUG),
                        org.assertj.core.groups.Tuple.tuple(DemoFixture.STALE, KNOWN_PTR_BUG));
        assertThat(report.findings()).filteredOn(f -> f.code().equals("UPSTREAM_HEALTHCHECKS_FAILING"))
                .extracting(Finding::replica).containsExactly(DemoFixture.STALE);
        assertThat(report.findings()).extracting(Finding::code)
                .doesNotContain("HEALTH_WITHOUT_LAMEDUCK", "SINGLE_REPLICA", "REPLICAS_ON_ONE_NODE", "REPLICA_NOT_READY");
        assertThat(report.hasWarnings()).isTrue();
    }

    @Test
    void theCountersAreTheQueriesTheReplicaReallyAnswered() throws Exception {
        double before = requests();
        for (int i = 0; i < 5; i++) {
            session.ask(new Question("nothing-here-" + i + ".default.svc.cluster.local.", RrType.A),
                    ReplicaChoice.one(DemoFixture.HEALTHY)).get(30, TimeUnit.SECONDS);
        }
        HealthReport report = health(Optional.of(DemoFixture.HEALTHY), Duration.ZERO);
        assertThat(report.replicas()).singleElement().satisfies(r -> {
            assertThat(r.rates()).isEmpty();
            HealthReport.Counters c = r.counters().orElseThrow();
            // The SOA probes the session may send count too: at least the five asked.
            assertThat(c.requests() - before).isGreaterThanOrEqualTo(5);
            assertThat(c.responsesByRcode().get("NXDOMAIN")).isGreaterThanOrEqualTo(5.0);
            assertThat(c.responsesByPlugin()).containsKey("kubernetes");
        });
    }

    private static double requests() throws Exception {
        return health(Optional.of(DemoFixture.HEALTHY), Duration.ZERO).replicas().get(0).counters().orElseThrow()
                .requests();
    }

    @Test
    void aReadyEndpointAnswering503AndAPortNotServedAreFindings() throws Exception {
        PodPort ready = new PodPort("kube-system", DemoCluster.STALE_REPLICA, 8181);
        PodPort metrics = new PodPort("kube-system", DemoCluster.STALE_REPLICA, 9153);
        fixture.demo.portForwards().route(ready, new HttpResponder(path -> HttpResponder.Reply.text(503, "kubernetes")));
        fixture.demo.portForwards().unroute(metrics);
        try {
            HealthReport report = health(Optional.of(DemoFixture.STALE), Duration.ZERO);
            HealthReport.Replica r = report.replicas().get(0);
            assertThat(r.ready()).isEqualTo(new HealthReport.Endpoint("/ready", 8181, EndpointState.FAILING, 503,
                    "kubernetes"));
            assertThat(r.metrics()).isEqualTo(new HealthReport.Endpoint("/metrics", 9153, EndpointState.NOT_SERVED, 0,
                    "nothing listens on port 9153 of pod " + DemoFixture.STALE));
            assertThat(r.counters()).isEmpty();
            assertThat(report.findings()).extracting(Finding::code).contains("REPLICA_NOT_READY", "ENDPOINT_NOT_SERVED");
            // Without /metrics the release comes from the pod's image tag.
            assertThat(report.findings()).filteredOn(f -> f.code().equals("COREDNS_KNOWN_BUG"))
                    .extracting(Finding::message).singleElement().asString().startsWith("CoreDNS 1.12.0 (from its image"
                            + " registry.k8s.io/coredns/coredns:v1.12.0) has a known bug: reverse (PTR) lookups");
            assertThat(report.couldNotAsk()).isFalse();
        } finally {
            CoreDnsEndpoints endpoints = fixture.demo.endpoints(DemoCluster.STALE_REPLICA);
            fixture.demo.portForwards().route(ready, new HttpResponder(endpoints::ready));
            fixture.demo.portForwards().route(metrics, new HttpResponder(endpoints::metrics));
        }
    }

    @Test
    void anUnknownReplicaIsNamedWithTheOnesThatExist() throws Exception {
        HealthReport report = health(Optional.of("coredns-nope"), Duration.ZERO);
        assertThat(report.couldNotAsk()).isTrue();
        assertThat(report.notes()).containsExactly("no DNS replica coredns-nope; the replicas are "
                + DemoFixture.HEALTHY + ", " + DemoFixture.STALE);
    }

    @Test
    void manifestsHaveNoReplicaToAsk() {
        Session none = new Session() {
            @Override
            public SessionInfo info() {
                return new SessionInfo(SessionInfo.Kind.MANIFESTS, "cluster.yaml", "", "default");
            }

            @Override
            public void start(Progress progress) {
            }

            @Override
            public Inspection current() {
                return null;
            }

            @Override
            public AutoCloseable subscribe(SessionListener listener) {
                return () -> { };
            }

            @Override
            public List<ReplicaStatus> replicas() {
                return List.of();
            }

            @Override
            public java.util.concurrent.CompletableFuture<List<ReplicaAnswer>> ask(Question q, ReplicaChoice c) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.concurrent.CompletableFuture<CheckReport> check(CheckRequest r, Progress p) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void refresh(Progress progress) {
            }

            @Override
            public void close() {
            }
        };
        assertThat(none.health(new HealthRequest(Optional.empty(), Duration.ZERO)).join().couldNotAsk()).isTrue();
    }
}
