package dev.kdi.session.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.ReplicaScript;
import dev.kdi.ui.fake.SeedCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchTest {
    private static final String HEADLESS = "sample-headless.default.svc.cluster.local.";
    private static final String POD0 = "sample-statefulset-headless-0.sample-headless.default.svc.cluster.local.";
    private static final String DNS_A = "coredns-7db6d8ff4d-2xkqz";
    private static final String DNS_B = "coredns-7db6d8ff4d-q8h5m";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final List<WatchEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<WatchEvent> changes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private FakeSession session;

    @BeforeEach
    void open() throws Exception {
        session = new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "fake", "https://fake", "default"),
                SeedCluster.snapshot(), SeedCluster.corefile(), clock,
                List.of(ReplicaScript.healthy(DNS_A, "10.32.0.2"), ReplicaScript.healthy(DNS_B, "10.32.0.3")));
        session.start(dev.kdi.session.Progress.NONE);
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        session.close();
    }

    private Watch watch(Duration interval, String... names) {
        List<Question> qs = java.util.Arrays.stream(names).map(n -> new Question(n, RrType.A)).toList();
        Watch w = new Watch(session, new WatchRequest(qs, interval), clock, scheduler, new Watch.Listener() {
            @Override
            public void event(WatchEvent event, boolean change) {
                events.add(event);
                if (change) {
                    changes.add(event);
                }
            }

            @Override
            public void notice(String text) {
                notices.add(text);
            }
        });
        return w;
    }

    @Test
    void roundAsksEveryReplicaAndOnlyNewAnswersAreChanges() throws Exception {
        Watch w = watch(Duration.ofSeconds(1), HEADLESS);
        w.round().get(5, TimeUnit.SECONDS);
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(WatchEvent.Kind.ANSWER);
            assertThat(e.rcode()).isEqualTo("NOERROR");
            assertThat(e.answers()).containsExactly("A 10.40.0.2", "A 10.40.0.3", "A 10.46.0.1", "A 10.46.0.2");
            assertThat(e.rttMs()).isEqualTo(0.21);
            assertThat(e.asPredicted()).isTrue();
            assertThat(e.time()).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
        });
        assertThat(events).extracting(WatchEvent::replica)
                .containsExactlyInAnyOrder("kube-system/" + DNS_A, "kube-system/" + DNS_B);
        assertThat(changes).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        w.round().get(5, TimeUnit.SECONDS);
        assertThat(events).hasSize(4);
        assertThat(changes).as("the same answers again are no news").hasSize(2);
        assertThat(notices).isEmpty();
    }

    @Test
    void aReplicaMissingANamespaceDiffersFromThePrediction() throws Exception {
        session.script(ReplicaScript.healthy(DNS_B, "10.32.0.3").missingNamespace("default"));
        Watch w = watch(Duration.ofSeconds(1), HEADLESS);
        w.round().get(5, TimeUnit.SECONDS);
        WatchEvent stale = only(e -> e.replica().endsWith(DNS_B));
        assertThat(stale.rcode()).isEqualTo("NXDOMAIN");
        assertThat(stale.answers()).isEmpty();
        assertThat(stale.asPredicted()).isFalse();
        assertThat(only(e -> e.replica().endsWith(DNS_A)).asPredicted()).isTrue();
    }

    @Test
    void aFailingForwardIsAFailureWithItsReasonAndItsRecoveryIsAChange() throws Exception {
        Watch w = watch(Duration.ofSeconds(1), HEADLESS);
        w.round().get(5, TimeUnit.SECONDS);
        session.script(ReplicaScript.healthy(DNS_B, "10.32.0.3").failing("connection reset"));
        clock.advance(Duration.ofSeconds(1));
        w.round().get(5, TimeUnit.SECONDS);
        WatchEvent failed = changes.get(changes.size() - 1);
        assertThat(failed.replica()).endsWith(DNS_B);
        assertThat(failed.isFailure()).isTrue();
        assertThat(failed.rcode()).isNull();
        assertThat(failed.rttMs()).isNull();
        assertThat(failed.event()).contains("connection reset");

        session.script(ReplicaScript.healthy(DNS_B, "10.32.0.3"));
        clock.advance(Duration.ofSeconds(1));
        w.round().get(5, TimeUnit.SECONDS);
        assertThat(changes.get(changes.size() - 1).rcode()).isEqualTo("NOERROR");
        assertThat(changes).hasSize(4);
    }

    @Test
    void aReplicaThatGoesAwayIsGoneAndANewOneJoins() throws Exception {
        Watch w = watch(Duration.ofSeconds(1), HEADLESS);
        w.follow();
        w.round().get(5, TimeUnit.SECONDS);
        events.clear();
        session.remove(DNS_B);
        WatchEvent gone = only(WatchEvent::isReplicaGone);
        assertThat(gone.replica()).isEqualTo("kube-system/" + DNS_B);
        assertThat(gone.kind()).isEqualTo(WatchEvent.Kind.API);

        clock.advance(Duration.ofSeconds(1));
        w.round().get(5, TimeUnit.SECONDS);
        assertThat(events.stream().filter(WatchEvent::isAnswer)).extracting(WatchEvent::replica)
                .containsExactly("kube-system/" + DNS_A);

        session.script(ReplicaScript.healthy("coredns-7db6d8ff4d-zz9rt", "10.32.0.9"));
        assertThat(only(WatchEvent::isReplicaJoined).replica()).isEqualTo("kube-system/coredns-7db6d8ff4d-zz9rt");
        w.close();
    }

    @Test
    void deletedDnsPodsAndChangedEndpointsAreApiEvents() throws Exception {
        Watch w = watch(Duration.ofSeconds(1), POD0);
        w.follow();
        ClusterSnapshot s = session.snapshot();
        Predicate<Pod> keep = p -> !p.name().equals(DNS_B) && !p.name().equals("sample-statefulset-headless-2");
        session.publish(new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(),
                s.pods().stream().filter(keep).toList(), s.workloads(), s.corefile(), s.slicesAuthoritative()));
        List<String> api = events.stream().filter(e -> !e.isAnswer()).map(WatchEvent::event).toList();
        assertThat(api).contains("DNS pod kube-system/" + DNS_B + " deleted");
        assertThat(api).anySatisfy(t -> assertThat(t)
                .startsWith("endpoints of Service default/sample-headless: -")
                .contains("pod sample-statefulset-headless-2"));
        assertThat(events.stream().filter(e -> e.event() != null && e.event().startsWith("endpoints")))
                .extracting(WatchEvent::name).containsOnly(POD0);
        w.close();
    }

    @Test
    void theIntervalStretchesToKeepTo200QuestionsASecondAndSaysSo() throws Exception {
        String[] names = new String[150];
        for (int i = 0; i < names.length; i++) {
            names[i] = "n" + i + ".default.svc.cluster.local.";
        }
        Watch w = watch(Duration.ofSeconds(1), names);
        assertThat(w.interval()).isEqualTo(Duration.ofMillis(1500));
        w.round().get(5, TimeUnit.SECONDS);
        assertThat(notices).singleElement().asString()
                .isEqualTo("300 questions a round would exceed 200 a second every 1s: asking every 1.5s instead");
        session.remove(DNS_B);
        assertThat(w.interval()).isEqualTo(Duration.ofSeconds(1));
        w.round().get(5, TimeUnit.SECONDS);
        assertThat(notices).last().asString().isEqualTo("asking every 1s again, as requested");
    }

    @Test
    void startedWatchAsksOnItsOwnUntilClosed() throws Exception {
        Watch w = watch(Duration.ofMillis(50), HEADLESS);
        w.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        w.close();
        assertThat(events.size()).isGreaterThanOrEqualTo(6);
        Thread.sleep(200);
        int after = events.size();
        Thread.sleep(200);
        assertThat(events).hasSize(after);
    }

    private WatchEvent only(Predicate<WatchEvent> which) {
        List<WatchEvent> found;
        synchronized (events) {
            found = events.stream().filter(which).toList();
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
