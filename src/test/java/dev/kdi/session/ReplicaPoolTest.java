package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.AccessReview;
import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.DnsResponder;
import dev.kdi.demo.Faults;
import dev.kdi.manifests.CorefileSource;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.objects.ClusterSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The replica pool on its own, against the demo's API server: replicas joining and leaving,
 * picking one, forwards that drop and pods that are gone. Each test has a pool of its own.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicaPoolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final DnsServers.Replica HEALTHY =
            new DnsServers.Replica("kube-system", DemoCluster.HEALTHY_REPLICA, "10.244.0.2", 53, "node-1");
    private static final DnsServers.Replica STALE =
            new DnsServers.Replica("kube-system", DemoCluster.STALE_REPLICA, "10.244.0.3", 53, "node-1");
    private static final Question WEB = new Question("web.shop.svc.cluster.local.", RrType.A);

    private DemoCluster demo;
    private ScheduledExecutorService scheduler;
    private PortForwarder forwarder;
    private ReplicaPool pool;
    private final List<List<ReplicaStatus>> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        demo = DemoCluster.start();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "replica-pool-test");
            t.setDaemon(true);
            return t;
        };
        scheduler = Executors.newScheduledThreadPool(2, daemons);
        forwarder = new PortForwarder(demo.client());
        pool = new ReplicaPool(forwarder, new AccessReview(demo.client()), daemons,
                scheduler, TIMEOUT, () -> new Question("cluster.local.", RrType.SOA), published::add);
    }

    @AfterEach
    void stop() {
        pool.close();
        forwarder.close();
        scheduler.shutdownNow();
        demo.close();
    }

    private ReplicaAnswer ask(DnsServers.Replica replica, Question q) throws Exception {
        return pool.ask(replica.id(), q).get(10, TimeUnit.SECONDS);
    }

    @Test
    void update_addsReplicasIdle_andAskOpensTheForwardAndAnswers() throws Exception {
        pool.update(List.of(HEALTHY, STALE));
        assertThat(pool.ids()).containsExactly(HEALTHY.id(), STALE.id());
        assertThat(pool.statuses()).extracting(ReplicaStatus::state).containsOnly(new ReplicaState.Idle());

        ReplicaAnswer a = ask(HEALTHY, WEB);

        assertThat(a.error()).isEmpty();
        assertThat(a.answer()).hasValueSatisfying(x -> assertThat(x.status()).isEqualTo(Status.NOERROR));
        assertThat(a.answer().orElseThrow().answer()).isNotEmpty();
        assertThat(pool.statuses()).filteredOn(s -> s.id().equals(HEALTHY.id())).singleElement()
                .satisfies(s -> assertThat(s.state()).isInstanceOf(ReplicaState.Ready.class));
        assertThat(published).anySatisfy(list -> assertThat(list).anySatisfy(
                s -> assertThat(s.state()).isInstanceOf(ReplicaState.Connecting.class)));
    }

    @Test
    void ask_leavesTheReplicaReady_evenBeforeTheForwardsOwnNewsArrives() throws Exception {
        // Hold the forwarder's event thread, which carries every forward's state news, so the
        // replica's forward reports Ready only after the answer is back: as on a busy machine.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        var blocker = forwarder.open(new PodPort("kube-system", DemoCluster.HEALTHY_REPLICA, 53), state -> {
            holding.countDown();
            try {
                held.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            pool.update(List.of(HEALTHY));

            assertThat(ask(HEALTHY, WEB).answer()).isPresent();

            assertThat(pool.statuses()).singleElement()
                    .satisfies(s -> assertThat(s.state()).isInstanceOf(ReplicaState.Ready.class));
        } finally {
            held.countDown();
            blocker.close();
        }
    }

    @Test
    void ask_answersFromThatReplicasOwnView() throws Exception {
        pool.update(List.of(HEALTHY, STALE));

        assertThat(ask(HEALTHY, WEB).answer().orElseThrow().status()).isEqualTo(Status.NOERROR);
        // The stale replica never heard of namespace shop.
        assertThat(ask(STALE, WEB).answer().orElseThrow().status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void pickUsable_prefersAReadyReplica_andSkipsTheOneToAvoid() throws Exception {
        pool.update(List.of(HEALTHY, STALE));
        ask(STALE, WEB);

        assertThat(pool.pickUsable("")).contains(STALE.id());
        assertThat(pool.pickUsable(STALE.id())).as("an idle one that may still work").contains(HEALTHY.id());
        pool.update(List.of(STALE));
        assertThat(pool.pickUsable(STALE.id())).isEmpty();
    }

    @Test
    void resolve_findsAReplicaByIdOrPodName() {
        pool.update(List.of(HEALTHY, STALE));

        assertThat(pool.resolve(HEALTHY.id())).contains(HEALTHY.id());
        assertThat(pool.resolve(DemoCluster.STALE_REPLICA)).contains(STALE.id());
        assertThat(pool.resolve("coredns-unknown")).isEmpty();
    }

    @Test
    void update_shutsDownReplicasThatLeft_andTheirQuestionsFailWithAReason() throws Exception {
        pool.update(List.of(HEALTHY, STALE));
        ask(STALE, WEB);

        pool.update(List.of(HEALTHY));

        assertThat(pool.ids()).containsExactly(HEALTHY.id());
        assertThat(pool.wentAway(STALE.id())).isTrue();
        assertThat(pool.usable(STALE.id())).isFalse();
        assertThat(ask(STALE, WEB).error()).contains("no DNS replica " + STALE.id());
    }

    @Test
    void update_replacesAReplicaWhosePortChanged() throws Exception {
        pool.update(List.of(HEALTHY));
        ask(HEALTHY, WEB);
        DnsServers.Replica moved = new DnsServers.Replica(HEALTHY.namespace(), HEALTHY.pod(), HEALTHY.address(), 5353,
                HEALTHY.node());

        pool.update(List.of(moved));

        assertThat(pool.statuses()).singleElement().satisfies(s -> {
            assertThat(s.port()).isEqualTo(5353);
            assertThat(s.state()).isEqualTo(new ReplicaState.Idle());
        });
    }

    @Test
    void ask_reopensTheForward_andStillAnswersEveryQuestion_whenItDropsEveryFewAnswers() throws Exception {
        ClusterSnapshot empty = new ClusterSnapshot(Set.of("default"), List.of(), List.of(), List.of(), List.of(),
                List.of(), null, true);
        DnsModel model = DnsModel.build(empty, CorefileSource.choose(Optional.empty(), empty));
        demo.portForwards().route(new PodPort("kube-system", HEALTHY.pod(), 53), new DnsResponder(() -> model),
                Faults.none().dropAfter(3));
        pool.update(List.of(HEALTHY));

        for (int i = 0; i < 12; i++) {
            ReplicaAnswer a = ask(HEALTHY, new Question("svc" + i + ".default.svc.cluster.local.", RrType.A));
            assertThat(a.error()).as("question " + i).isEmpty();
            assertThat(a.answer().orElseThrow().status()).isEqualTo(Status.NXDOMAIN);
        }
        assertThat(pool.reopenings(HEALTHY.id())).isGreaterThanOrEqualTo(3);
        assertThat(pool.usable(HEALTHY.id())).isTrue();
        assertThat(pool.wentAway(HEALTHY.id())).isFalse();
    }

    @Test
    void ask_failsForGood_whenThePodDoesNotExist() throws Exception {
        DnsServers.Replica gone = new DnsServers.Replica("kube-system", "coredns-gone", "10.244.0.9", 53, "node-1");
        pool.update(List.of(gone));

        ReplicaAnswer a = ask(gone, WEB);

        assertThat(a.answer()).isEmpty();
        assertThat(a.error()).hasValueSatisfying(e -> assertThat(e).contains("coredns-gone").contains("not found"));
        assertThat(pool.usable(gone.id())).isFalse();
        assertThat(pool.wentAway(gone.id())).as("the API server said the pod does not exist").isTrue();
        assertThat(pool.statuses()).singleElement().satisfies(
                s -> assertThat(s.state()).isInstanceOf(ReplicaState.Failed.class));
    }

    @Test
    void close_failsEveryLaterQuestion_andIgnoresLaterUpdates() throws Exception {
        pool.update(List.of(HEALTHY));
        ask(HEALTHY, WEB);

        pool.close();
        pool.update(List.of(HEALTHY, STALE));

        assertThat(pool.ids()).isEmpty();
        assertThat(ask(HEALTHY, WEB).error()).isPresent();
    }
}
