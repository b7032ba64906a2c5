package dev.kdi.session.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchTimelineTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
    private static final String NAME = "web.shop.svc.cluster.local.";
    private static final String R1 = "kube-system/coredns-a";

    private static WatchEvent ok(int second, String ip, double rtt) {
        return WatchEvent.answer(T0.plusSeconds(second), NAME, "A", R1, "NOERROR", List.of("A " + ip), rtt, true);
    }

    private static WatchEvent fail(int second) {
        return WatchEvent.failure(T0.plusSeconds(second), NAME, "A", R1, "no reply within 2000 ms");
    }

    @Test
    void summaryCountsDistinctAnswersFailuresAndTheLongestFailure() {
        WatchTimeline t = WatchTimeline.standard();
        t.add(ok(0, "10.96.0.20", 1));
        t.add(fail(1));
        t.add(fail(2));
        t.add(fail(3));
        t.add(ok(4, "10.96.0.21", 2));
        t.add(fail(5));
        t.add(ok(6, "10.96.0.21", 3));
        WatchTimeline.Summary s = t.summary().get(0);
        assertThat(s.asked()).isEqualTo(7);
        assertThat(s.failures()).isEqualTo(4);
        assertThat(s.differing()).isEqualTo(4);
        assertThat(s.longestFailureAsks()).isEqualTo(3);
        assertThat(s.longestFailure()).as("from the first failure to the answer that ended it")
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(s.answers()).containsExactly(java.util.Map.entry("NOERROR A 10.96.0.20", 1L),
                java.util.Map.entry("no answer", 4L), java.util.Map.entry("NOERROR A 10.96.0.21", 2L));
        assertThat(s.p50Ms()).isCloseTo(2, within(0.1));
        assertThat(s.p99Ms()).isCloseTo(3, within(0.15));
    }

    @Test
    void answersOlderThanTheWindowAreAggregatedAndBucketsStayBounded() {
        WatchTimeline t = new WatchTimeline(Duration.ofSeconds(60), 10_000, 8, 100);
        int seconds = 6 * 3600;
        for (int i = 0; i < seconds; i++) {
            t.add(i % 100 == 0 ? fail(i) : ok(i, "10.96.0.20", 1 + i % 7));
        }
        WatchTimeline.Series s = t.series().get(0);
        assertThat(s.raw()).hasSizeBetween(60, 61);
        assertThat(s.raw().get(0).time()).isAfterOrEqualTo(T0.plusSeconds(seconds - 61));
        assertThat(s.aggregated()).hasSizeLessThanOrEqualTo(8).isNotEmpty();
        int aggregated = s.aggregated().stream().mapToInt(WatchTimeline.Bucket::asked).sum();
        assertThat(aggregated + s.raw().size()).as("nothing is lost but the still open bucket")
                .isGreaterThan(seconds - 3 * 3600);
        assertThat(s.aggregated().get(0).start()).isEqualTo(T0);
        assertThat(s.aggregated().stream().mapToInt(WatchTimeline.Bucket::failures).sum()).isGreaterThan(100);
        assertThat(s.aggregated().get(0).maxRttMs()).isEqualTo(7);
        assertThat(t.asked()).isEqualTo(seconds);
        assertThat(t.summary().get(0).failures()).isEqualTo(seconds / 100);
    }

    @Test
    void aReplicaGoneIsMarkedAndJoinsAgainWhenItAnswers() {
        WatchTimeline t = WatchTimeline.standard();
        t.add(ok(0, "10.96.0.20", 1));
        t.add(WatchEvent.api(T0.plusSeconds(1), null, R1, WatchEvent.REPLICA_GONE + ": no longer a ready DNS endpoint"));
        assertThat(t.series().get(0).gone()).isTrue();
        assertThat(t.apiEvents()).hasSize(1);
        t.add(WatchEvent.api(T0.plusSeconds(2), null, R1, WatchEvent.REPLICA_JOINED + ": a ready DNS endpoint"));
        assertThat(t.series().get(0).gone()).isFalse();
    }

    @Test
    void apiEventsAreBounded() {
        WatchTimeline t = new WatchTimeline(Duration.ofSeconds(60), 100, 8, 5);
        for (int i = 0; i < 20; i++) {
            t.add(WatchEvent.api(T0.plusSeconds(i), null, null, "event " + i));
        }
        assertThat(t.apiEvents()).extracting(WatchEvent::event).containsExactly("event 15", "event 16", "event 17",
                "event 18", "event 19");
    }
}
