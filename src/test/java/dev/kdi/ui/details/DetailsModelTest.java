package dev.kdi.ui.details;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.TestCluster;
import dev.kdi.records.controllers.OfflineCompletion;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Kinds;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.ReplicaScript;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.live.LiveAsker;
import dev.kdi.ui.live.Reproduction;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DetailsModelTest {
    private static final String HEALTHY = "coredns-7db6d8ff4d-2xkqz";
    private static final String STALE = "coredns-7db6d8ff4d-q8h5m";

    private final FakeSession session = SeedCluster.session(Clock.systemUTC(), List.of(
            ReplicaScript.healthy(HEALTHY, "10.32.0.2"),
            ReplicaScript.healthy(STALE, "10.32.0.3").missingNamespace("shop")));
    private final Inventory view;
    private final DetailsModel model = new DetailsModel(new CurrentThreadTaskExecutor(), new Reproduction(new Random(3)), m -> { });

    DetailsModelTest() {
        session.publish(session.snapshot());
        view = Inventory.build(session.current(), Optional.empty());
        model.connect(new LiveAsker(session), "", Optional.of("kind-kdi-test"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private Entry entry(String key) {
        Entry[] found = new Entry[1];
        view.forEachEntry((e, parent) -> {
            if (e.key().equals(key)) {
                found[0] = e;
            }
        });
        assertThat(found[0]).as(key).isNotNull();
        return found[0];
    }

    @Test
    void service_showsHeaderAndEveryRecordNotAskedYet() {
        model.show(view, entry("svc/default/sample-headless"));
        assertThat(model.kind().get()).isEqualTo("Service · headless");
        assertThat(model.title().get()).isEqualTo("default/sample-headless");
        assertThat(model.fqdn().get()).isEqualTo("sample-headless.default.svc.cluster.local");
        assertThat(model.rows()).filteredOn(r -> r.type().equals("A") && r.name().equals(model.fqdn().get()))
                .extracting(RecordRow::value).containsExactly("10.46.0.1", "10.40.0.2", "10.46.0.2", "10.40.0.3");
        assertThat(model.rows()).extracting(RecordRow::type).contains("SRV", "PTR");
        assertThat(model.rows()).allMatch(r -> r.live() instanceof LiveMark.NotAsked);
    }

    @Test
    void resolveAll_onAHealthyNamespace_confirmsEveryRecord() {
        model.replicaChoice().set(ReplicaChoice.all());
        model.show(view, entry("ns/default"));
        int shown = model.rows().size();
        model.resolveAll();
        assertThat(model.rows()).hasSizeGreaterThanOrEqualTo(shown)
                .allSatisfy(r -> assertThat(r.live()).as(r.text()).isInstanceOf(LiveMark.Same.class));
        assertThat(model.message().get()).startsWith("All ").endsWith(" records as predicted.");
        assertThat(model.whyNotResolving().get()).isEmpty();
        assertThat(model.busy().get()).isFalse();
    }

    @Test
    void resolve_onAReplicaMissingANamespace_saysWhichReplicaAndWhatItAnswered() {
        model.show(view, entry("svc/shop/web"));
        RecordRow a = model.rows().stream().filter(r -> r.type().equals("A")).findFirst().orElseThrow();
        model.resolve(a);
        RecordRow after = model.rows().stream().filter(r -> r.question().equals(a.question())).findFirst().orElseThrow();
        assertThat(after.live()).isInstanceOfSatisfying(LiveMark.Differs.class, d -> {
            assertThat(d.summary()).isEqualTo("missing on 1 of 2");
            // The column shows each replica by name, side by side.
            assertThat(d.replicas()).extracting(LiveMark.ByReplica::name, LiveMark.ByReplica::ok,
                    LiveMark.ByReplica::word).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("…" + HEALTHY.substring(HEALTHY.lastIndexOf('-')), true, ""),
                            org.assertj.core.groups.Tuple.tuple("…" + STALE.substring(STALE.lastIndexOf('-')), false,
                                    "missing"));
            assertThat(d.detail()).contains(HEALTHY + ": as predicted").contains(STALE + ": NXDOMAIN");
        });
        assertThat(model.message().get()).contains("1 record differs");
    }

    @Test
    void resolve_onOneReplica_asksOnlyIt() {
        model.replicaChoice().set(ReplicaChoice.one("kube-system/" + HEALTHY));
        model.show(view, entry("svc/shop/web"));
        model.resolveAll();
        assertThat(model.rows()).allSatisfy(r -> assertThat(r.live()).isInstanceOf(LiveMark.Same.class));
    }

    @Test
    void podWhoseNameCannotExist_hasARowThatSaysWhy() {
        model.show(view, entry("pod/shop/db-0"));
        assertThat(model.fqdnResolves().get()).isFalse();
        RecordRow row = model.rows().get(0);
        assertThat(row.name()).isEqualTo("db-0.db.shop.svc.cluster.local");
        assertThat(row.kind()).isEqualTo(RecordRow.Kind.NO_RECORD);
        assertThat(row.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(row.value()).isEqualTo("no such name (NXDOMAIN)");
        assertThat(String.join(" ", row.explanation())).contains("no Service of that name exists");
        assertThat(model.whyNotResolving().get()).startsWith("Why db-0.db.shop.svc.cluster.local does not resolve: ")
                .contains("StatefulSet shop/db has serviceName db");
        assertThat(model.findings()).extracting(f -> f.code()).contains("sts-service-missing");
    }

    @Test
    void recordAReplicaServesButTheModelDoesNotPredict_getsARowOfItsOwn() {
        // The window's view is one pod behind the cluster: the replicas serve its address too.
        ClusterSnapshot full = session.snapshot();
        session.publish(new ClusterSnapshot(full.namespaces(), full.services(), full.endpointSlices(), full.endpoints(),
                full.pods().stream().filter(p -> !p.name().equals("sample-subdomain")).toList(), full.workloads(),
                full.corefile(), full.slicesAuthoritative()));
        Inventory behind = Inventory.build(session.current(), Optional.empty());
        session.publish(full);
        Entry svc = behind.services("default").get(0);
        model.show(behind, svc);
        RecordRow a = model.rows().get(0);
        model.resolve(a);
        assertThat(model.rows()).filteredOn(r -> r.kind() == RecordRow.Kind.UNEXPECTED).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo("10.40.0.3");
                    assertThat(r.live()).isInstanceOfSatisfying(LiveMark.Differs.class,
                            d -> assertThat(d.summary()).isEqualTo("not predicted"));
                });
    }

    @Test
    void sameEntryInANewerView_keepsItsLiveAnswers() {
        model.show(view, entry("svc/default/sample-headless"));
        model.resolve(model.rows().get(0));
        assertThat(model.rows().get(0).live()).isInstanceOf(LiveMark.Same.class);
        Inventory newer = Inventory.build(session.current(), Optional.empty());
        model.show(newer, newer.services("default").get(0));
        assertThat(model.rows().get(0).live()).isInstanceOf(LiveMark.Same.class);
        assertThat(model.rows().get(model.rows().size() - 1).live()).isInstanceOf(LiveMark.NotAsked.class);
    }

    @Test
    void manifests_cannotAsk_andSaySo() {
        model.connect(null, "These records are predicted from manifests.", Optional.empty());
        model.show(view, entry("svc/default/sample-headless"));
        assertThat(model.canAsk().get()).isFalse();
        model.resolveAll();
        assertThat(model.message().get()).isEqualTo("These records are predicted from manifests.");
        assertThat(model.rows()).allMatch(r -> r.live() instanceof LiveMark.NotAsked);
    }

    @Test
    void reproduction_asksTheSelectedRecordsQuestionInTheSessionsContext() {
        model.show(view, entry("svc/default/sample-headless"));
        RecordRow srv = model.rows().stream().filter(r -> r.type().equals("SRV")).findFirst().orElseThrow();
        assertThat(model.reproduction(srv).orElseThrow()).startsWith("kubectl --context kind-kdi-test run dig-")
                .endsWith("dig +tcp sample-headless.default.svc.cluster.local. SRV");
        assertThat(model.recordText(srv)).startsWith("sample-headless.default.svc.cluster.local. 30 IN SRV 0 25 80 ");
    }

    @Test
    void namespace_hasNoNameOfItsOwn_butSaysItsSearchDomain() {
        model.show(view, entry("ns/shop"));
        assertThat(model.fqdn().get()).isEmpty();
        assertThat(model.facts().get()).contains("search domain shop.svc.cluster.local");
        assertThat(model.findings()).extracting(f -> f.code()).contains("sts-service-missing");
    }

    @Test
    void endpoint_hasItsNameAndReverseName() {
        model.show(view, entry("ep/default/sample-headless/10.46.0.1"));
        // 10.46.0.1 is selected by two Services, so it has two reverse names.
        assertThat(model.rows()).extracting(r -> r.question().type()).containsExactly(RrType.A, RrType.PTR, RrType.PTR);
        assertThat(model.rows().get(0).name())
                .isEqualTo("sample-statefulset-headless-0.sample-headless.default.svc.cluster.local");
    }

    @Test
    void generatedPod_saysItIsGeneratedAndItsAddressIsAPlaceholder() {
        TestCluster zk = new TestCluster()
                .add(TestCluster.svc("default", "zk-hs").headless().port("server", 2888).selector("app", "zk").build())
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "default", "zk").labels("app", "zk").serviceName("zk-hs")
                        .replicas(1).build());
        session.publish(OfflineCompletion.complete(zk.snapshot()));
        Inventory offline = Inventory.build(session.current(), Optional.empty());
        Entry[] pod = new Entry[1];
        offline.forEachEntry((e, parent) -> pod[0] = e.key().equals("pod/default/zk-0") ? e : pod[0]);

        model.show(offline, pod[0]);

        assertThat(model.facts().get()).matches("24\\d\\.\\d+\\.\\d+\\.\\d+ \\(placeholder, not assigned yet\\) · "
                + "generated from StatefulSet default/zk, assumed ready · Running, ready");
        assertThat(model.rows().get(0).name()).isEqualTo("zk-0.zk-hs.default.svc.cluster.local");
        assertThat(model.rows().get(0).explanation()).last().asString()
                .isEqualTo("Not assigned until the manifests are applied (a placeholder is shown): pod IP of Pod default/zk-0.");
    }
}
