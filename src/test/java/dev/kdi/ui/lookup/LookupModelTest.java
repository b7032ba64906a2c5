package dev.kdi.ui.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.searchpath.Walk;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.ReplicaScript;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.live.LiveAsker;
import dev.kdi.ui.live.ReplicaResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LookupModelTest {
    private static final String STALE = "coredns-7db6d8ff4d-q8h5m";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:04:31Z"), ZoneOffset.UTC);
    private final FakeSession session = SeedCluster.session(clock, List.of(
            ReplicaScript.healthy("coredns-7db6d8ff4d-2xkqz", "10.32.0.2"),
            ReplicaScript.healthy(STALE, "10.32.0.3").missingNamespace("shop")));
    private final LookupModel model = new LookupModel(new CurrentThreadTaskExecutor(), clock, m -> { });

    LookupModelTest() {
        session.publish(session.snapshot());
        model.show(Inventory.build(session.current(), Optional.empty()));
        model.connect(new LiveAsker(session), "");
    }

    @AfterEach
    void close() {
        session.close();
    }

    private LookupResult.Direct direct() {
        return (LookupResult.Direct) model.history().get(0);
    }

    @Test
    void lookup_showsEachReplicasAnswerBesideThePrediction() {
        model.prepare("sample-headless.default.svc.cluster.local", RrType.A);
        model.lookup();
        LookupResult.Direct d = direct();
        assertThat(d.result().replicas()).hasSize(2).allSatisfy(r -> {
            assertThat(r.agrees()).isTrue();
            assertThat(r.live().orElseThrow().answer()).extracting(x -> x.data().text())
                    .containsExactlyInAnyOrder("10.46.0.1", "10.40.0.2", "10.46.0.2", "10.40.0.3");
        });
        assertThat(d.predicted().answer()).hasSize(4);
        assertThat(d.replicasDisagree()).isFalse();
        assertThat(d.attention()).isFalse();
        assertThat(model.selected().get()).isSameAs(d);
        assertThat(d.title()).isEqualTo("A sample-headless.default.svc.cluster.local · NOERROR");
    }

    @Test
    void replicasThatAnswerDifferently_areMarked() {
        model.prepare("web.shop.svc.cluster.local", RrType.A);
        model.lookup();
        LookupResult.Direct d = direct();
        assertThat(d.replicasDisagree()).isTrue();
        assertThat(d.attention()).isTrue();
        ReplicaResult stale = d.result().replicas().stream().filter(r -> r.shortName().equals(STALE)).findFirst()
                .orElseThrow();
        assertThat(stale.live().orElseThrow().status()).isEqualTo(Status.NXDOMAIN);
        assertThat(stale.verdict().orElseThrow().summary()).contains("missing 10.96.120.7");
    }

    @Test
    void oneReplica_isAskedAlone() {
        model.replica().set(ReplicaChoice.one("kube-system/" + STALE));
        model.prepare("sample-headless.default.svc.cluster.local", RrType.A);
        model.lookup();
        assertThat(direct().result().replicas()).extracting(ReplicaResult::shortName).containsExactly(STALE);
    }

    @Test
    void negativeAnswer_carriesTheModelsExplanation() {
        model.prepare("db-0.db.shop.svc.cluster.local", RrType.A);
        model.lookup();
        LookupResult.Direct d = direct();
        assertThat(d.predicted().status()).isEqualTo(Status.NXDOMAIN);
        assertThat(String.join(" ", d.predicted().explanation())).contains("StatefulSet shop/db has serviceName db");
    }

    @Test
    void address_isLookedUpByItsReverseName() {
        model.prepare("10.40.0.3", RrType.A);
        model.lookup();
        assertThat(direct().question().name()).isEqualTo("3.0.40.10.in-addr.arpa.");
        assertThat(direct().question().type()).isEqualTo(RrType.PTR);
    }

    @Test
    void asPod_listsTheQueriesItsResolverSends_inOrder_untilOneAnswers() {
        model.asPod().set("shop/web-6b7f9c-x2x9q");
        model.prepare("db-headless", RrType.A);
        model.lookup();
        LookupResult.AsPod p = (LookupResult.AsPod) model.history().get(0);
        Walk live = p.live().orElseThrow();
        assertThat(live.result()).isEqualTo(Walk.Result.ANSWERED);
        assertThat(p.rows()).extracting(r -> r.query().question().name())
                .containsExactly("db-headless.shop.svc.cluster.local.");
        assertThat(p.conf().searches()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
        assertThat(p.conf().nameservers()).containsExactly("10.96.0.10");
        assertThat(p.rows().get(0).modelStatus()).isEqualTo(Status.NOERROR);
    }

    @Test
    void asPod_itsOwnHostname_isAnsweredFromEtcHosts_withoutAQuery() {
        model.asPod().set("shop/web-6b7f9c-x2x9q");
        model.prepare("web-6b7f9c-x2x9q", RrType.A);
        model.lookup();

        LookupResult.AsPod p = (LookupResult.AsPod) model.history().get(0);
        assertThat(p.answeredByHostsFirst()).isTrue();
        assertThat(p.hosts().found()).singleElement()
                .satisfies(e -> assertThat(e.origin()).isEqualTo(dev.kdi.records.searchpath.HostsFile.Origin.POD));
        assertThat(p.shown().queriesSent()).isZero();
        assertThat(p.live()).isEmpty();
        assertThat(p.hostsWhy()).anyMatch(w -> w.contains("hosts: files dns (assumed"));
        assertThat(p.title()).contains("/etc/hosts");
    }

    @Test
    void asPod_aNameThatDoesNotExist_triesEverySearchDomain() {
        model.asPod().set("shop/web-6b7f9c-x2x9q");
        model.prepare("db-0.db", RrType.A);
        model.lookup();
        LookupResult.AsPod p = (LookupResult.AsPod) model.history().get(0);
        assertThat(p.rows()).extracting(r -> r.query().question().name()).containsExactly(
                "db-0.db.shop.svc.cluster.local.", "db-0.db.svc.cluster.local.", "db-0.db.cluster.local.", "db-0.db.");
        assertThat(p.rows()).allSatisfy(r -> assertThat(r.live()).isNotNull());
    }

    @Test
    void asPod_withoutLiveDns_walksWithTheModel() {
        model.connect(null, "manifests");
        model.asPod().set("web-6b7f9c-x2x9q");
        model.prepare("web", RrType.A);
        model.lookup();
        LookupResult.AsPod p = (LookupResult.AsPod) model.history().get(0);
        assertThat(p.live()).isEmpty();
        assertThat(p.note()).isEqualTo("manifests");
        assertThat(p.model().result()).isEqualTo(Walk.Result.ANSWERED);
    }

    @Test
    void unknownPod_andEmptyOrInvalidNames_sayWhatToDo() {
        model.lookup();
        assertThat(model.message().get()).startsWith("Type a name to look up");
        model.prepare("bad name!", RrType.A);
        model.lookup();
        assertThat(model.message().get()).contains("is not a DNS name");
        model.asPod().set("shop/nope");
        model.prepare("web", RrType.A);
        model.lookup();
        assertThat(model.message().get()).contains("No pod shop/nope");
        assertThat(model.history()).isEmpty();
    }

    @Test
    void suggestions_coverServicesPortsEndpointsAndPods() {
        assertThat(model.completeName("_http-port._tcp.sample-headless", 5))
                .containsExactly("_http-port._tcp.sample-headless.default.svc.cluster.local");
        assertThat(model.completeName("sample-statefulset-headless-1.", 5))
                .containsExactly("sample-statefulset-headless-1.sample-headless.default.svc.cluster.local");
        assertThat(model.completePod("shop/db", 5)).containsExactly("shop/db-0", "shop/db-1");
    }

    @Test
    void completion_followsTheViewShown_indexingItWhenNextAsked() {
        assertThat(model.completePod("shop/db", 5)).containsExactly("shop/db-0", "shop/db-1");
        FakeSession later = SeedCluster.session(Clock.systemUTC(), SeedCluster.healthyReplicas());
        later.publish(SeedCluster.withPod(later.snapshot(), "shop", "db-9", "10.244.9.9"));
        model.show(Inventory.build(later.current(), Optional.empty()));
        assertThat(model.completePod("shop/db", 5)).containsExactly("shop/db-0", "shop/db-1", "shop/db-9");
    }
}
