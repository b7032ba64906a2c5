package dev.kdi.session.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.DemoSession;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.NamedThreads;
import dev.kdi.session.Progress;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
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
import org.junit.jupiter.api.Timeout;

/** A watch on the demo while it changes through its API, as the acceptance tests ask. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WatchDemoTest {
    private static final String WEB = "web.shop.svc.cluster.local.";
    private static final String STALE = "kube-system/" + DemoCluster.STALE_REPLICA;
    private static final String HEALTHY = "kube-system/" + DemoCluster.HEALTHY_REPLICA;

    private final List<WatchEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            NamedThreads.daemon("test-watch"));
    private DemoSession session;
    private Watch watch;

    @BeforeEach
    void open() throws Exception {
        session = new DemoSession(LiveOptions.defaults(), Clock.systemUTC());
        session.start(Progress.NONE);
    }

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
        scheduler.shutdownNow();
        session.close();
    }

    private void watch(String... names) {
        List<Question> qs = java.util.Arrays.stream(names).map(n -> new Question(n, RrType.A)).toList();
        watch = new Watch(session, new WatchRequest(qs, Duration.ofMillis(200)), Clock.systemUTC(), scheduler,
                (e, change) -> events.add(e));
        watch.start();
    }

    @Test
    void deletingADnsPodShowsTheApiEventsAndTheAnswersAroundThem() throws Exception {
        watch(WEB);
        WatchEvent before = await(e -> e.isAnswer() && STALE.equals(e.replica()));
        assertThat(before.rcode()).as("the stale replica misses shop").isEqualTo("NXDOMAIN");
        assertThat(before.asPredicted()).isFalse();
        await(e -> e.isAnswer() && HEALTHY.equals(e.replica()));

        session.cluster().client().pods().inNamespace("kube-system").withName(DemoCluster.STALE_REPLICA).delete();

        WatchEvent deleted = await(e -> ("DNS pod " + STALE + " deleted").equals(e.event()));
        assertThat(deleted.kind()).isEqualTo(WatchEvent.Kind.API);
        assertThat(await(WatchEvent::isReplicaGone).replica()).isEqualTo(STALE);
        WatchEvent created = await(e -> e.event() != null && e.event().startsWith("DNS pod kube-system/coredns-668d6bf9bc-")
                && e.event().endsWith(" created (not ready)"));
        String fresh = created.replica();
        assertThat(fresh).isNotEqualTo(STALE);
        await(e -> ("DNS pod " + fresh + " became ready").equals(e.event()));
        assertThat(await(WatchEvent::isReplicaJoined).replica()).isEqualTo(fresh);
        WatchEvent after = await(e -> e.isAnswer() && fresh.equals(e.replica()));
        assertThat(after.rcode()).as("a new replica lists the whole cluster").isEqualTo("NOERROR");
        assertThat(after.answers()).containsExactly("A 10.96.10.20");
        assertThat(after.asPredicted()).isTrue();

        // Nothing is asked of the deleted pod once it is gone.
        int goneAt = index(WatchEvent::isReplicaGone);
        Thread.sleep(500);
        synchronized (events) {
            assertThat(events.subList(goneAt + 1, events.size()))
                    .noneMatch(e -> e.isAnswer() && STALE.equals(e.replica()));
        }
        // The whole of it round-trips through a recording.
        StringBuilder ndjson = new StringBuilder();
        List<WatchEvent> seen;
        synchronized (events) {
            seen = List.copyOf(events);
        }
        seen.forEach(e -> ndjson.append(WatchRecording.line(e)).append('\n'));
        assertThat(WatchRecording.readAll(new StringReader(ndjson.toString()), "watch.ndjson")).isEqualTo(seen);
    }

    @Test
    void scalingAStatefulSetMakesItsPerPodNamesAppear() throws Exception {
        String fourth = "sample-statefulset-headless-4.sample-headless.default.svc.cluster.local.";
        watch(fourth);
        assertThat(await(e -> e.isAnswer() && HEALTHY.equals(e.replica())).rcode()).isEqualTo("NXDOMAIN");

        session.cluster().client().apps().statefulSets().inNamespace("default").withName("sample-statefulset-headless")
                .edit(s -> {
                    s.getSpec().setReplicas(5);
                    return s;
                });

        WatchEvent endpoints = await(e -> e.event() != null && e.event().startsWith(
                "endpoints of Service default/sample-headless: ") && e.event().contains("sample-statefulset-headless-4"));
        assertThat(endpoints.name()).isEqualTo(fourth);
        assertThat(endpoints.event()).contains("hostname sample-statefulset-headless-4");
        // The DNS and the session each follow the API on their own, so for a moment one may be
        // ahead of the other; once both have it, the answer is the predicted one.
        WatchEvent appeared = await(e -> e.isAnswer() && HEALTHY.equals(e.replica()) && "NOERROR".equals(e.rcode())
                && e.asPredicted());
        assertThat(appeared.answers()).singleElement().asString().startsWith("A 10.250.");
    }

    private WatchEvent await(Predicate<WatchEvent> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (events) {
                for (WatchEvent e : events) {
                    if (which.test(e)) {
                        return e;
                    }
                }
            }
            Thread.sleep(20);
        }
        synchronized (events) {
            throw new AssertionError("no such event within 60 s; the watch saw:\n"
                    + String.join("\n", events.stream().map(WatchEvent::toString).toList()));
        }
    }

    private int index(Predicate<WatchEvent> which) {
        synchronized (events) {
            for (int i = 0; i < events.size(); i++) {
                if (which.test(events.get(i))) {
                    return i;
                }
            }
        }
        return -1;
    }
}
