package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.HttpResponder;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.TcpRelay;
import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.testing.ApiServerFaults;
import dev.kdi.testing.KnotServer;
import dev.kdi.testing.Resources;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GKE Standard's kube-dns on a mock API server holding the objects GKE creates: detection, the
 * ConfigMap's stub domains and upstreams as routing, kube-dns's own answers, and a check through
 * the emulated port-forward to Knot on dnsmasq's port 53 that skips what kdi does not model.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class KubeDnsLayoutTest {
    public static final String LAYOUT = "/layouts/gke-kube-dns.yaml";
    public static final String REPLICA = "kube-dns-5c8d7f6b9d-x2x7k";
    MockApiServer api;
    LiveSession session;
    KnotServer knot;

    @AfterEach
    void stop() throws Exception {
        Resources.closeAll(session, knot, api);
    }

    ApiServerFaults faults;

    LiveSession started(Map<String, String> configMap) throws Exception {
        return started(configMap, f -> { });
    }

    /** @param refuse what the API server refuses, set before the session starts */
    LiveSession started(Map<String, String> configMap, Consumer<ApiServerFaults> refuse) throws Exception {
        api = MockApiServer.start(false, inner -> faults = new ApiServerFaults(inner));
        refuse.accept(faults);
        DemoCluster.populate(api.client(), List.of(LAYOUT));
        if (configMap != null) {
            api.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("kube-dns").withNamespace("kube-system").endMetadata().withData(configMap).build())
                    .createOr(c -> c.update());
        }
        LiveSession s = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "test", api.url(), "default"),
                new ContextTarget("test", "default", api.url(), new ConfigBuilder(Config.empty())
                        .withMasterUrl(api.url()).withOauthToken("kube-dns-viewer").build()),
                LiveOptions.defaults().withNamespaces(List.of()), Clock.systemUTC());
        s.start(Progress.NONE);
        return s;
    }

    Answer predict(String name, RrType type) {
        return session.current().model().answer(new Question(name, type));
    }

    @Test
    @DisplayName("kube-dns (GKE): found as such, its ConfigMap's stub domains and upstreams route names")
    void detectionAndConfiguration() throws Exception {
        session = started(null);

        Inspection now = session.current();
        assertThat(now.dns().source()).isEqualTo("kube-system/kube-dns (kube-dns (GKE))");
        assertThat(now.dns().replicas()).containsExactly("kube-system/" + REPLICA);
        assertThat(now.corefileOrigin()).isEqualTo("ConfigMap kube-system/kube-dns");
        assertThat(now.dns().notes()).anySatisfy(n -> assertThat(n).contains("runs kube-dns, not CoreDNS"));
        assertThat(now.notes()).noneSatisfy(n -> assertThat(n).contains("kubeadm's default Corefile"));
        assertThat(now.report().warnings()).isEmpty();

        Answer stub = predict("ldap.corp.example.", RrType.A);
        assertThat(stub.status()).isEqualTo(Status.FORWARDED);
        assertThat(stub.forwardedTo()).get().asString().contains("10.150.0.1").contains("10.150.0.2:5353");
        Answer outside = predict("www.example.org.", RrType.A);
        assertThat(outside.status()).isEqualTo(Status.FORWARDED);
        assertThat(outside.forwardedTo()).get().asString().contains("8.8.8.8").doesNotContain("10.150.0.1");
    }

    @Test
    @DisplayName("kube-dns: kube-system/coredns is not read, so one who may not read it gets no warning or note of it")
    void corednsConfigMapIsNotReadOnKubeDns() throws Exception {
        session = started(null, f -> f.forbid(r -> r.resource().equals("configmaps") && "coredns".equals(r.name())));

        Inspection now = session.current();
        assertThat(faults.requests()).filteredOn(r -> r.resource().equals("configmaps"))
                .extracting(ApiServerFaults.ApiRequest::name).doesNotContain("coredns");
        assertThat(now.report().warnings()).isEmpty();
        assertThat(now.report().problems()).isEmpty();
        assertThat(now.notes()).noneSatisfy(n -> assertThat(n).containsIgnoringCase("coredns"));
        assertThat(now.clusterDomainSource()).isEqualTo(KubeDnsSetup.DOMAIN_SOURCE);
        assertThat(predict("ldap.corp.example.", RrType.A).forwardedTo()).get().asString().contains("10.150.0.1");
    }

    @Test
    @DisplayName("kube-dns: a refused kube-system/kube-dns ConfigMap is the one warning, saying what is predicted")
    void refusedKubeDnsConfigMapIsTheWarning() throws Exception {
        session = started(null, f -> f.forbid(r -> r.resource().equals("configmaps") && "kube-dns".equals(r.name())));

        Inspection now = session.current();
        assertThat(now.report().warnings()).noneSatisfy(w -> assertThat(w).containsIgnoringCase("coredns"));
        assertThat(now.report().problems()).singleElement().asString()
                .isEqualTo("cannot get configmaps/kube-dns in namespace kube-system: forbidden (kube-dns's "
                        + "stub domains and upstreams): predicting with no stub domains and the node's resolv.conf "
                        + "upstream");
        assertThat(now.notes()).noneSatisfy(n -> assertThat(n).containsIgnoringCase("coredns"));
        assertThat(now.clusterDomainSource()).isEqualTo(KubeDnsSetup.DOMAIN_SOURCE);
        Answer stub = predict("ldap.corp.example.", RrType.A);
        assertThat(stub.status()).isEqualTo(Status.FORWARDED);
        assertThat(stub.forwardedTo()).get().asString().doesNotContain("10.150.0.1");
        assertThat(predict("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
    }

    @Test
    @DisplayName("kube-dns: the zone listed is what kube-dns serves, and what kdi does not model is set apart")
    void zoneListing() throws Exception {
        session = started(null);

        DnsModel.Listing listing = session.current().model().listing();
        assertThat(listing.records()).extracting(ResourceRecord::owner).contains("web.shop.svc.cluster.local.",
                "db-0.db.shop.svc.cluster.local.").doesNotContain("web-0.web.shop.svc.cluster.local.",
                "10-92-2-12.db.shop.svc.cluster.local.");
        assertThat(listing.records()).extracting(ResourceRecord::ttl).containsOnly(30L);
        assertThat(listing.records()).extracting(ResourceRecord::type).containsOnly(RrType.A);
        assertThat(listing.notModelled()).extracting(Answer::question)
                .contains(new Question("_http._tcp.web.shop.svc.cluster.local.", RrType.SRV),
                        new Question("cluster.local.", RrType.SOA));
        assertThat(listing.notModelled()).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(Status.NOT_MODELLED);
            assertThat(a.explanation().get(0)).startsWith("not modelled for kube-dns: ");
        });
    }

    @Test
    @DisplayName("kube-dns's answers: no endpoint names for ClusterIP Services, hostnames only, NXDOMAIN when empty")
    void kubeDnsRules() throws Exception {
        session = started(null);

        Answer web = predict("web.shop.svc.cluster.local.", RrType.A);
        assertThat(web.status()).isEqualTo(Status.NOERROR);
        assertThat(web.answer()).extracting(r -> r.data().text(), ResourceRecord::ttl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("34.118.230.20", 30L));
        assertThat(predict("web.shop.svc.cluster.local.", RrType.AAAA).status()).isEqualTo(Status.NODATA);
        // CoreDNS answers a ClusterIP Service's endpoint by its hostname; kube-dns does not.
        assertThat(predict("web-0.web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(predict("db.shop.svc.cluster.local.", RrType.A).answer()).extracting(r -> r.data().text())
                .containsExactlyInAnyOrder("10.92.2.11", "10.92.2.12");
        assertThat(predict("db-0.db.shop.svc.cluster.local.", RrType.A).answer()).extracting(r -> r.data().text())
                .containsExactly("10.92.2.11");
        // kube-dns names an endpoint without a hostname by a hash, never by its dashed address.
        assertThat(predict("10-92-2-12.db.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(predict("empty.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(predict("nope.shop.svc.cluster.local.", RrType.SRV).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(predict("10-1-2-3.anywhere.pod.cluster.local.", RrType.A).answer())
                .extracting(r -> r.data().text()).containsExactly("10.1.2.3");
        assertThat(predict("10-1-2-3.anywhere.pod.cluster.local.", RrType.AAAA).status()).isEqualTo(Status.NODATA);
        for (Question q : List.of(new Question("search.shop.svc.cluster.local.", RrType.A),
                new Question("_http._tcp.web.shop.svc.cluster.local.", RrType.SRV),
                new Question("web.shop.svc.cluster.local.", RrType.SRV),
                new Question("20.230.118.34.in-addr.arpa.", RrType.PTR),
                new Question("shop.svc.cluster.local.", RrType.A),
                new Question("*.shop.svc.cluster.local.", RrType.A),
                new Question("3161383831386232.db.shop.svc.cluster.local.", RrType.A),
                new Question("fd00--1.shop.pod.cluster.local.", RrType.AAAA))) {
            Answer a = session.current().model().answer(q);
            assertThat(a.status()).as(q.toString()).isEqualTo(Status.NOT_MODELLED);
            assertThat(a.explanation().get(0)).as(q.toString()).startsWith("not modelled for kube-dns: ");
        }
    }

    @Test
    @DisplayName("kube-dns's other rules: deep names, federations, the zone's own names, ANY, headless TTL 30")
    void moreKubeDnsRules() throws Exception {
        session = started(Map.of("federations", "{\"myfed\": \"fed.example.com\"}"));

        assertThat(predict("a.b.web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(predict("db.shop.svc.cluster.local.", RrType.A).answer()).extracting(ResourceRecord::ttl)
                .containsOnly(30L);
        for (Question q : List.of(new Question("web.shop.myfed.svc.cluster.local.", RrType.A),
                new Question("web.shop.svc.cluster.local.", RrType.ANY),
                new Question("dns-version.cluster.local.", RrType.TXT),
                new Question("cluster.local.", RrType.SOA),
                new Question("svc.cluster.local.", RrType.A))) {
            assertThat(predict(q.name(), q.type()).status()).as(q.toString()).isEqualTo(Status.NOT_MODELLED);
        }
    }

    @Test
    @DisplayName("kube-dns: a lookup and a check through dnsmasq's port 53 agree, and unmodelled names are skipped")
    void checkSkipsWhatIsNotModelled() throws Exception {
        session = started(null);
        KnotServer.requireKnotd();
        List<Question> questions = new ArrayList<>(CheckPlan.plan(session.current().model(), Set.of()).asked());
        knot = KnotServer.start(LiveSessionKnotTest.zones(session.current().model(), questions));
        api.portForwards().route(new PodPort("kube-system", REPLICA, 53), TcpRelay.toLoopback(knot.port()));

        List<ReplicaAnswer> live = session.ask(new Question("db-0.db.shop.svc.cluster.local.", RrType.A),
                ReplicaChoice.any()).get(20, TimeUnit.SECONDS);
        assertThat(live).singleElement().satisfies(a -> assertThat(a.answer()).get()
                .satisfies(x -> assertThat(x.answer()).extracting(r -> r.data().text()).containsExactly("10.92.2.11")));
        CheckReport report = session.check(new CheckRequest(Set.of("shop"), Optional.empty()), Progress.NONE)
                .get(40, TimeUnit.SECONDS);
        assertThat(report.allAgree()).as(report.summary()).isTrue();
        assertThat(report.items()).isNotEmpty();
        assertThat(report.items()).extracting(CheckReport.Item::question)
                .contains(new Question("web-0.web.shop.svc.cluster.local.", RrType.A));
        Question srv = new Question("_http._tcp.web.shop.svc.cluster.local.", RrType.SRV);
        assertThat(report.items()).extracting(CheckReport.Item::question).doesNotContain(srv);
        assertThat(report.notModelled()).anySatisfy(n -> {
            assertThat(n.question()).isEqualTo(srv);
            assertThat(n.reason()).startsWith("not modelled for kube-dns: ");
        });
        assertThat(report.skipped()).isEqualTo(report.forwarded().size() + report.notModelled().size());
    }

    @Test
    @DisplayName("kube-dns: bad JSON in its ConfigMap is one line naming the ConfigMap and the key, and no crash")
    void badConfigMapJson() throws Exception {
        session = started(Map.of("stubDomains", "{\"corp.example\": [\"10.150.0.1\"", "upstreamNameservers",
                "[\"8.8.8.8\"]"));

        Inspection now = session.current();
        assertThat(now.notes()).filteredOn(n -> n.contains("kube-dns")).singleElement().asString()
                .startsWith("ConfigMap kube-system/kube-dns key stubDomains: is not JSON")
                .doesNotContain("\n");
        Answer stub = predict("ldap.corp.example.", RrType.A);
        assertThat(stub.forwardedTo()).get().asString().contains("8.8.8.8").doesNotContain("10.150.0.1");
        assertThat(predict("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
    }

    /** What kube-dns's sidecar serves on 10054: its probes' errors grow by one at every reading. */
    public static String sidecarMetrics(int probeErrors) {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP go_goroutines Number of goroutines that currently exist.\n# TYPE go_goroutines gauge\n")
                .append("go_goroutines 14\n");
        for (String[] c : new String[][] {{"hits", "120"}, {"misses", "30"}, {"evictions", "0"}, {"insertions", "30"},
                {"max_size", "1000"}, {"errors", "0"}}) {
            sb.append("# HELP kubedns_dnsmasq_").append(c[0]).append(" dnsmasq's counter\n# TYPE kubedns_dnsmasq_")
                    .append(c[0]).append(" counter\nkubedns_dnsmasq_").append(c[0]).append(' ').append(c[1]).append('\n');
        }
        for (String probe : new String[] {"kubedns", "dnsmasq"}) {
            sb.append("# HELP kubedns_probe_").append(probe).append("_errors Count of errors in name resolution of ")
                    .append(probe).append("\n# TYPE kubedns_probe_").append(probe).append("_errors counter\n")
                    .append("kubedns_probe_").append(probe).append("_errors ")
                    .append(probe.equals("dnsmasq") ? probeErrors : 0).append('\n');
            sb.append("# TYPE kubedns_probe_").append(probe).append("_latency_ms histogram\n");
            sb.append("kubedns_probe_").append(probe).append("_latency_ms_bucket{le=\"0.25\"} 0\n");
            sb.append("kubedns_probe_").append(probe).append("_latency_ms_bucket{le=\"+Inf\"} 40\n");
            sb.append("kubedns_probe_").append(probe).append("_latency_ms_sum 52.1\n");
            sb.append("kubedns_probe_").append(probe).append("_latency_ms_count 40\n");
        }
        return sb.toString();
    }

    /**
     * Serves the replica's sidecar (port 10054: metrics, kubedns's health OK, dnsmasq's as given) and
     * kubedns's readiness (8081).
     *
     * @return how many times /metrics was read
     */
    public static AtomicInteger routeHealth(MockApiServer api, HttpResponder.Reply dnsmasq) {
        AtomicInteger readings = new AtomicInteger();
        api.portForwards().route(new PodPort("kube-system", REPLICA, 10054), new HttpResponder(path -> switch (path) {
            case "/metrics" -> new HttpResponder.Reply(200, "text/plain; version=0.0.4",
                    sidecarMetrics(readings.incrementAndGet()));
            case "/healthcheck/kubedns" -> new HttpResponder.Reply(200, "application/json",
                    "{\"IsOk\":true,\"LatencySeconds\":0.0012,\"Err\":\"\"}");
            case "/healthcheck/dnsmasq" -> dnsmasq;
            default -> HttpResponder.Reply.text(404, "404 page not found");
        }));
        api.portForwards().route(new PodPort("kube-system", REPLICA, 8081),
                new HttpResponder(path -> HttpResponder.Reply.text(path.equals("/readiness") ? 200 : 404, "ok")));
        return readings;
    }

    @Test
    @DisplayName("kube-dns health: the sidecar's probes and metrics and kubedns's readiness, no CoreDNS findings")
    void health() throws Exception {
        session = started(null);
        AtomicInteger readings = routeHealth(api, new HttpResponder.Reply(503, "application/json",
                "{\"IsOk\":false,\"LatencySeconds\":0,\"Err\":\"read udp 127.0.0.1:53: i/o timeout\"}"));

        HealthReport report = session.health(new HealthRequest(Optional.empty(), Duration.ofMillis(300)))
                .get(40, TimeUnit.SECONDS);

        assertThat(report.source()).isEqualTo("Service kube-system/kube-dns (kube-dns (GKE)); configuration from "
                + "ConfigMap kube-system/kube-dns");
        assertThat(report.notes()).singleElement().asString().startsWith("kube-dns serves no CoreDNS /health");
        assertThat(report.replicas()).singleElement().satisfies(r -> {
            assertThat(r.health()).isEqualTo(new HealthReport.Endpoint("/healthcheck/kubedns", 10054,
                    HealthReport.EndpointState.OK, 200, "{\"IsOk\":true,\"LatencySeconds\":0.0012,\"Err\":\"\"}"));
            assertThat(r.ready()).isEqualTo(new HealthReport.Endpoint("/readiness", 8081,
                    HealthReport.EndpointState.OK, 200, "ok"));
            assertThat(r.metrics().state()).isEqualTo(HealthReport.EndpointState.OK);
            assertThat(r.metrics().detail()).contains("dnsmasq cache 120 hits, 30 misses (80% hits)");
            assertThat(r.counters()).isEmpty();
            assertThat(r.restarts()).isEqualTo(2);
            // Its version is its images' tag (not prometheus-to-sd's, GKE's exporter); its cache the sidecar's.
            assertThat(r.kubeDns()).get().satisfies(k -> {
                assertThat(k.images()).containsExactly(
                        Map.entry("kubedns", "gke.gcr.io/k8s-dns-kube-dns:1.23.0-gke.9"),
                        Map.entry("dnsmasq", "gke.gcr.io/k8s-dns-dnsmasq-nanny:1.23.0-gke.9"),
                        Map.entry("sidecar", "gke.gcr.io/k8s-dns-sidecar:1.23.0-gke.9"));
                assertThat(k.sharedTag()).contains("1.23.0-gke.9");
                assertThat(k.cache()).contains(new HealthReport.DnsmasqCache(120, 30, 0, 1000));
            });
        });
        assertThat(report.findings()).extracting(HealthReport.Finding::code).contains("DNSMASQ_UNHEALTHY",
                "KUBEDNS_PROBES_FAILING", "REPLICA_RESTARTED", "SINGLE_REPLICA")
                .doesNotContain("HEALTH_WITHOUT_LAMEDUCK", "READINESS_PROBE_ON_HEALTH", "COREDNS_KNOWN_BUG",
                        "ENDPOINT_NOT_SERVED", "REPLICA_NOT_READY");
        assertThat(report.findings()).filteredOn(f -> f.code().equals("DNSMASQ_UNHEALTHY")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("i/o timeout"));
        assertThat(readings.get()).isEqualTo(2);
    }
}
