package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.DnsResponder;
import dev.kdi.demo.Faults;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.compare.Verdict;
import dev.kdi.testing.Await;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live session on a demo cluster that is not friendly: DNS pods that die mid-check, forwards
 * that drop or carry errors, replies that are truncated, out of step or never come, RBAC that
 * forbids port-forwards or namespaces, watches that drop, and an API server that goes quiet.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveSessionFaultsTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    DemoFixture fixture;
    LiveSession session;

    @BeforeEach
    void start() throws Exception {
        fixture = DemoFixture.start();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        fixture.close();
    }

    List<ReplicaAnswer> ask(String name, ReplicaChoice choice) throws Exception {
        return session.ask(new Question(name, RrType.A), choice).get(10, TimeUnit.SECONDS);
    }

    DnsResponder modelResponder() {
        return new DnsResponder(() -> session.current().model());
    }

    @Test
    @DisplayName("a DNS pod deleted mid-check: the rest goes to the other replica, and the report says so")
    void check_asksTheOtherReplica_whenTheDnsPodIsDeletedMidCheck() throws Exception {
        session = fixture.started(DemoFixture.options());
        fixture.demo.portForwards().route(DemoFixture.HEALTHY_PORT, MisbehavingTargets.dyingAfter(modelResponder(), 30,
                () -> fixture.deleteDnsPod(DemoCluster.HEALTHY_REPLICA)));
        CheckReport report = session.check(new CheckRequest(Set.of(), Optional.of(DemoCluster.HEALTHY_REPLICA)),
                Progress.NONE).get(20, TimeUnit.SECONDS);

        assertThat(report.failures()).as("every question answered by someone").isZero();
        assertThat(report.notes()).singleElement().asString()
                .startsWith("replica " + DemoFixture.HEALTHY + " went away after ")
                .contains("were asked of " + DemoFixture.STALE);
        assertThat(report.items()).anySatisfy(i -> assertThat(i.replica()).isEqualTo(DemoFixture.HEALTHY));
        assertThat(report.items()).anySatisfy(i -> assertThat(i.replica()).isEqualTo(DemoFixture.STALE));
        // The stale replica never heard of shop: what it answered is compared as it is.
        assertThat(report.count(Verdict.Kind.MISSING)).isPositive();
    }

    @Test
    @DisplayName("a forward dropped every few answers is reopened and the check still gets every answer")
    void check_getsEveryAnswer_whenTheForwardDropsEveryFewAnswers() throws Exception {
        // The drops are the subject here, not slowness: 500 ms per question, then 5 s, each failed a
        // whole pipelined window by timing out on a two-core machine at load 25-35. A question the
        // drops really lost would still time out, and fail the count below.
        session = fixture.started(new LiveOptions(List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(30), 500));
        fixture.demo.portForwards().route(DemoFixture.HEALTHY_PORT, modelResponder(), Faults.none().dropAfter(7));
        long opened = fixture.demo.portForwards().forwardsAccepted();
        CheckReport report = session.check(new CheckRequest(Set.of(), Optional.of(DemoCluster.HEALTHY_REPLICA)),
                Progress.NONE).get(120, TimeUnit.SECONDS);

        assertThat(report.items()).filteredOn(i -> i.verdict() == null)
                .extracting(i -> i.question() + ": " + i.error()).isEmpty();
        assertThat(report.allAgree()).isTrue();
        assertThat(report.items().size()).isGreaterThan(50);
        // Each forward carries at most 7 answers, so every answer got means this many forwards at
        // least; a fixed count failed once the demo's questions came to exactly 70.
        long needed = (report.items().size() + 6) / 7;
        assertThat(fixture.demo.portForwards().forwardsAccepted() - opened).isGreaterThanOrEqualTo(needed);
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains(DemoFixture.HEALTHY)
                .contains("dropped").contains("reopened"));
    }

    @Test
    @DisplayName("an error frame on the forward: the replica reconnects, says why meanwhile, and answers")
    void ask_reconnects_whenTheForwardCarriesAnErrorFrame() throws Exception {
        session = fixture.started(DemoFixture.options());
        List<ReplicaState> states = new CopyOnWriteArrayList<>();
        session.subscribe(new SessionListener() {
            @Override
            public void replicasChanged(List<ReplicaStatus> replicas) {
                replicas.stream().filter(r -> r.id().equals(DemoFixture.HEALTHY)).forEach(r -> states.add(r.state()));
            }
        });
        fixture.demo.portForwards().route(DemoFixture.HEALTHY_PORT, modelResponder(),
                Faults.none().errorAfter(2, "error forwarding port 53 to pod coredns, uid : exit status 1: "
                        + "socat: connection refused"));
        for (String name : List.of("web.shop.svc.cluster.local.", "cache.shop.svc.cluster.local.",
                "mq.queue.svc.cluster.local.", "web.shop.svc.cluster.local.", "cache.shop.svc.cluster.local.")) {
            List<ReplicaAnswer> a = ask(name, ReplicaChoice.one(DemoCluster.HEALTHY_REPLICA));
            assertThat(a).singleElement().satisfies(x -> assertThat(x.answer()).as(name + ": " + x.error()).isPresent());
        }
        assertThat(states).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(ReplicaState.Reconnecting.class,
                r -> assertThat(r.reason()).contains("socat: connection refused")));
    }

    @Test
    @DisplayName("without pods/portforward the view stays complete and lookups name the permission and namespace")
    void ask_namesTheMissingPermission_whenPortForwardIsForbidden() throws Exception {
        fixture.faults.forbid(r -> r.resource().equals("pods/portforward"));
        session = fixture.started(DemoFixture.options());
        assertThat(session.current().report().isComplete()).isTrue();
        assertThat(session.current().model().answer(new Question("web.shop.svc.cluster.local.", RrType.A)).status())
                .isEqualTo(Status.NOERROR);

        List<ReplicaAnswer> answers = ask("web.shop.svc.cluster.local.", ReplicaChoice.one(DemoCluster.HEALTHY_REPLICA));
        assertThat(answers).singleElement().satisfies(a -> assertThat(a.error()).get().asString()
                .contains("you may not get or create pods/portforward in namespace kube-system"));
        CheckReport report = session.check(CheckRequest.everything(), Progress.NONE).get(10, TimeUnit.SECONDS);
        assertThat(report.items()).isNotEmpty().allSatisfy(i -> assertThat(i.error())
                .contains("you may not get or create pods/portforward in namespace kube-system"));
        assertThat(report.notes()).isEmpty();
    }

    @Test
    @DisplayName("the same with the kubelet emulation's own switch: every forward refused with 403")
    void ask_namesTheMissingPermission_whenTheEmulationRefusesEveryForward() throws Exception {
        fixture.faults.forbid(r -> r.resource().equals("pods/portforward") && r.verb().equals("create"));
        fixture.demo.portForwards().forbid(true);
        session = fixture.started(DemoFixture.options());
        List<ReplicaAnswer> answers = ask("web.shop.svc.cluster.local.", ReplicaChoice.all());
        assertThat(answers).hasSize(2).allSatisfy(a -> assertThat(a.error()).get().asString()
                .contains("you may not create pods/portforward in namespace kube-system"));
    }

    @Test
    @DisplayName("a truncated reply, a reply with the wrong ID, a reply that never comes: each said, the rest answered")
    void ask_saysWhatWasWrongWithTheReply_andGoesOn() throws Exception {
        session = fixture.started(DemoFixture.options());
        fixture.demo.portForwards().route(DemoFixture.HEALTHY_PORT, MisbehavingTargets.byName(modelResponder()));
        ReplicaChoice healthy = ReplicaChoice.one(DemoCluster.HEALTHY_REPLICA);
        assertThat(ask("web.shop.svc.cluster.local.", healthy).get(0).answer()).isPresent();
        long forwards = fixture.demo.portForwards().forwardsAccepted();

        assertThat(ask("truncated.shop.svc.cluster.local.", healthy).get(0).error()).get().asString()
                .contains("truncated (TC bit set)");
        assertThat(ask("silent.shop.svc.cluster.local.", healthy).get(0).error()).get().asString()
                .contains("no reply").contains("within 500 ms");
        assertThat(ask("web.shop.svc.cluster.local.", healthy).get(0).answer()).isPresent();
        assertThat(fixture.demo.portForwards().forwardsAccepted()).as("a missing reply does not kill a live forward")
                .isEqualTo(forwards);

        assertThat(ask("wrong-id.shop.svc.cluster.local.", healthy).get(0).error()).get().asString()
                .contains("out of step");
        assertThat(ask("cache.shop.svc.cluster.local.", healthy).get(0).answer()).as("a new forward takes over")
                .isPresent();
    }

    @Test
    @DisplayName("an API server that stops answering mid-load: start ends with a message within the request timeout")
    void start_failsWithAMessage_whenTheApiServerStopsAnswering() throws Exception {
        fixture.faults.stallAfter(3);
        session = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "quiet", fixture.demo.url(), "default"),
                new ContextTarget("quiet", "default", fixture.demo.url(), fixture.config(500)), DemoFixture.options(), java.time.Clock.systemUTC());
        long start = System.nanoTime();
        assertThatThrownBy(() -> session.start(Progress.NONE)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith("quiet: the API server stopped answering while listing")
                .hasMessageContaining("no reply within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("a watch that drops: the inspection says stale, then current again, and later changes arrive")
    void inspection_isStaleWhileAWatchIsDown() throws Exception {
        session = fixture.started(DemoFixture.options());
        List<Boolean> stale = new CopyOnWriteArrayList<>();
        session.subscribe(new SessionListener() {
            @Override
            public void inspectionChanged(Inspection inspection) {
                stale.add(inspection.report().isStale());
            }
        });
        Await.until(WAIT, () -> fixture.faults.openWatches() >= 10, "the session watches");
        // Refused for a while, as by an overloaded API server, so the stale view lasts to be seen.
        fixture.faults.refuseWatches(true);
        fixture.faults.dropWatches();
        Await.until(WAIT, () -> stale.contains(true), "a stale inspection");
        assertThat(session.current().report().warnings()).anySatisfy(w -> assertThat(w).contains("may be out of date"));
        fixture.faults.refuseWatches(false);
        Await.until(WAIT, () -> !session.current().report().isStale(), "a current inspection");
        fixture.demo.client().pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("late")
                .withNamespace("shop").endMetadata().build()).create();
        Await.until(WAIT, () -> session.current().snapshot().pods().stream().anyMatch(p -> p.name().equals("late")),
                "the pod created after the drop");
        assertThat(session.current().report().warnings()).isEmpty();
    }

    @Test
    @DisplayName("403 on listing namespaces: the view is complete otherwise and the report says what is missing")
    void inspection_warns_whenNamespacesCannotBeListed() throws Exception {
        fixture.faults.forbid(r -> r.resource().equals("namespaces") && r.verb().equals("list"));
        session = fixture.started(DemoFixture.options());
        Inspection in = session.current();
        assertThat(in.snapshot().namespaces()).contains("shop", "queue", "kube-system");
        assertThat(in.model().answer(new Question("web.shop.svc.cluster.local.", RrType.A)).status())
                .isEqualTo(Status.NOERROR);
        assertThat(in.report().warnings()).singleElement().asString().startsWith("cannot list namespaces (forbidden)");
    }

    @Test
    @DisplayName("403 on listing pods across namespaces: the named namespaces are read, and the report says which")
    void inspection_warns_whenPodsCanOnlyBeListedPerNamespace() throws Exception {
        fixture.faults.forbid(r -> r.resource().equals("pods") && r.namespace() == null);
        session = fixture.started(new LiveOptions(List.of("shop"), Optional.empty(), Optional.empty(),
                Duration.ofMillis(500), 500));
        Inspection in = session.current();
        // The named namespaces, and the DNS pods read where they live (by kube-dns's selector).
        assertThat(in.snapshot().pods()).filteredOn(p -> p.namespace().equals("kube-system"))
                .extracting(p -> p.name()).containsExactlyInAnyOrder(DemoCluster.HEALTHY_REPLICA, DemoCluster.STALE_REPLICA);
        assertThat(in.snapshot().pods()).filteredOn(p -> !p.namespace().equals("kube-system")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.namespace()).isIn("default", "shop"));
        assertThat(in.dns().replicas()).hasSize(2);
        assertThat(in.report().warnings()).singleElement().asString()
                .isEqualTo("cannot list pods across all namespaces (forbidden); showing namespaces default, shop only");
    }

    @Test
    @DisplayName("the Corefile unreadable: the zone comes from the PTR of the DNS Service's address")
    void clusterDomain_comesFromThePtr_whenTheCorefileIsForbidden() throws Exception {
        fixture.close();
        fixture = DemoFixture.start(DemoCluster.Variant.standard().withClusterDomain("corp.internal"));
        fixture.faults.forbid(r -> r.resource().equals("configmaps"));
        session = fixture.started(DemoFixture.options());
        Inspection in = session.current();
        assertThat(in.clusterDomain()).isEqualTo("corp.internal");
        assertThat(in.clusterDomainSource()).contains("PTR of 10.96.0.10").contains("kube-dns.kube-system.svc.corp.internal");
        assertThat(in.model().answer(new Question("web.shop.svc.corp.internal.", RrType.A)).status())
                .isEqualTo(Status.NOERROR);
    }

    @Test
    @DisplayName("the Corefile unreadable and the DNS unreachable: cluster.local, and the source says why")
    void clusterDomain_fallsBackToClusterLocal_whenNeitherCorefileNorDnsCanTell() throws Exception {
        fixture.faults.forbid(r -> r.resource().equals("configmaps") || r.resource().equals("pods/portforward"));
        session = fixture.started(DemoFixture.options());
        assertThat(session.current().clusterDomain()).isEqualTo("cluster.local");
        assertThat(session.current().clusterDomainSource()).startsWith("the default cluster.local");
    }

    @Test
    void clusterDomain_comesFromTheOption_whenGiven() throws Exception {
        fixture.faults.forbid(r -> r.resource().equals("configmaps"));
        session = fixture.started(DemoFixture.options().withClusterDomain(Optional.of("example.internal")));
        assertThat(session.current().clusterDomain()).isEqualTo("example.internal");
        assertThat(session.current().clusterDomainSource()).isEqualTo("--cluster-domain");
    }

    @Test
    void dnsNotes_mentionNodeLocalDnsCache_whenItsDaemonSetRuns() throws Exception {
        fixture.demo.client().apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
                .withNewMetadata().withName("node-local-dns").withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", "node-local-dns").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("k8s-app", "node-local-dns").endMetadata()
                .withNewSpec().addNewContainer().withName("node-cache").withImage("k8s-dns-node-cache").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        session = fixture.started(DemoFixture.options());
        assertThat(session.current().dns().notes()).anySatisfy(n -> assertThat(n).contains("NodeLocal DNSCache")
                .contains("169.254.20.10"));
    }
}
