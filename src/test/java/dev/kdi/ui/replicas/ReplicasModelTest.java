package dev.kdi.ui.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kdi.session.HealthReport;
import dev.kdi.session.HealthReport.Counters;
import dev.kdi.session.HealthReport.Endpoint;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.session.HealthReport.Finding;
import dev.kdi.session.HealthReport.Severity;
import dev.kdi.session.HealthRequest;
import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicasModelTest {
    private static final String A = "kube-system/coredns-a";
    private static final String B = "kube-system/coredns-b";
    private static final Endpoint OK_HEALTH = new Endpoint("/health", 8080, EndpointState.OK, 200, "OK");
    private static final Endpoint OK_READY = new Endpoint("/ready", 8181, EndpointState.OK, 200, "OK");
    private static final Endpoint OK_METRICS = new Endpoint("/metrics", 9153, EndpointState.OK, 200, "40 series");

    private final Deque<CompletableFuture<HealthReport>> answers = new ArrayDeque<>();
    private final List<HealthRequest> asked = new ArrayList<>();
    private final MovingClock clock = new MovingClock();
    private ReplicasModel.Asker asker = (request, progress) -> {
        asked.add(request);
        progress.update("Asked 1 of 2 DNS replicas", 0.5);
        return answers.removeFirst();
    };
    private final ReplicasModel model = new ReplicasModel(() -> asker, new CurrentThreadTaskExecutor(), clock);

    @AfterEach
    void close() {
        model.close();
    }

    private static Counters counters(double requests, double noerror, double nxdomain, double servfail) {
        return new Counters("1.12.0", requests, Map.of("NOERROR", noerror, "NXDOMAIN", nxdomain, "SERVFAIL", servfail),
                Map.of(), Map.of(), 0, 0, 0, "coredns_proxy_*", List.of(), 40, List.of());
    }

    private static HealthReport.Replica replica(String id, Endpoint ready, Optional<Counters> c,
                                                Optional<HealthReport.Rates> rates) {
        return new HealthReport.Replica(id, "node-1", OK_HEALTH, ready, OK_METRICS, c, rates, 2, "OOMKilled",
                Optional.empty());
    }

    private void answer(HealthReport.Replica... replicas) {
        answer(List.of(), replicas);
    }

    private void answer(List<Finding> findings, HealthReport.Replica... replicas) {
        answers.add(CompletableFuture.completedFuture(new HealthReport("Service kube-system/kube-dns; Corefile from"
                + " ConfigMap kube-system/coredns", List.of(replicas), findings, List.of())));
    }

    @Test
    void firstRefresh_showsEveryReplicaWithTheSessionsOwnRatesAndAsksForTwoReadings() {
        answer(List.of(new Finding("REPLICA_NOT_READY", Severity.WARNING, B, "/ready answered 503"),
                        new Finding("HEALTH_WITHOUT_LAMEDUCK", Severity.WARNING, "", "no lameduck")),
                replica(A, OK_READY, Optional.of(counters(100, 80, 20, 0)),
                        Optional.of(new HealthReport.Rates(1, 12.5, 0, 0.2, 0, false))),
                replica(B, new Endpoint("/ready", 8181, EndpointState.FAILING, 503, "kubernetes"),
                        Optional.empty(), Optional.empty()));

        model.refresh();

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).interval()).isEqualTo(ReplicasModel.READING_GAP);
        assertThat(model.running().get()).isFalse();
        assertThat(model.failed().get()).isFalse();
        assertThat(model.source().get()).isEqualTo("Service kube-system/kube-dns; Corefile from ConfigMap"
                + " kube-system/coredns");
        assertThat(model.message().get()).isEqualTo("2 replicas, 1 ready; 2 warnings.");
        assertThat(model.clusterFindings()).extracting(Finding::code).containsExactly("HEALTH_WITHOUT_LAMEDUCK");
        assertThat(model.replicas()).extracting(ReplicasModel.ReplicaView::id).containsExactly(A, B);
        ReplicasModel.ReplicaView a = model.replicas().get(0);
        assertThat(a.verdict()).isEqualTo(ReplicasModel.Verdict.HEALTHY);
        assertThat(a.history()).containsExactly(new ReplicasModel.Point(0, 12.5, 0, 20));
        ReplicasModel.ReplicaView b = model.replicas().get(1);
        assertThat(b.verdict()).isEqualTo(ReplicasModel.Verdict.NOT_READY);
        assertThat(b.findings()).extracting(Finding::code).containsExactly("REPLICA_NOT_READY");
        assertThat(b.history()).isEmpty();
    }

    @Test
    void laterRefreshes_countEveryQuerySinceTheOneBefore_andAResetIsTakenAsTheIncrease() {
        answer(replica(A, OK_READY, Optional.of(counters(100, 80, 20, 0)),
                Optional.of(new HealthReport.Rates(1, 3, 0, 0.2, 0, false))));
        answer(replica(A, OK_READY, Optional.of(counters(200, 150, 30, 20)),
                Optional.of(new HealthReport.Rates(1, 99, 0, 0, 0, false))));
        answer(replica(A, OK_READY, Optional.of(counters(10, 10, 0, 0)), Optional.empty()));

        model.refresh();
        clock.advance(Duration.ofSeconds(10));
        model.refresh();

        ReplicasModel.ReplicaView a = model.replicas().get(0);
        // 100 queries in the 10 s between refreshes, not the session's own one-second pair (99/s).
        assertThat(a.rates().orElseThrow().requestsPerSecond()).isCloseTo(10, within(1e-9));
        assertThat(a.history()).hasSize(2);
        ReplicasModel.Point second = a.history().get(1);
        assertThat(second.seconds()).isEqualTo(10);
        assertThat(second.servfailPercent()).isCloseTo(20, within(1e-9));
        assertThat(second.nxdomainPercent()).isCloseTo(10, within(1e-9));

        clock.advance(Duration.ofSeconds(5));
        model.refresh();
        HealthReport.Rates reset = model.replicas().get(0).rates().orElseThrow();
        assertThat(reset.reset()).isTrue();
        assertThat(reset.requestsPerSecond()).isCloseTo(2, within(1e-9));
        assertThat(model.replicas().get(0).history()).extracting(ReplicasModel.Point::seconds)
                .containsExactly(0.0, 10.0, 15.0);
    }

    @Test
    void aFailedRefresh_isSaidInTheMessage_andTheLastReadingStays() {
        answer(replica(A, OK_READY, Optional.of(counters(100, 80, 20, 0)), Optional.empty()));
        answers.add(CompletableFuture.failedFuture(new IllegalStateException("the API server refused: Forbidden")));

        model.refresh();
        model.refresh();

        assertThat(model.failed().get()).isTrue();
        assertThat(model.message().get()).isEqualTo("Could not ask the DNS replicas: the API server refused:"
                + " Forbidden. The replicas show the last reading.");
        assertThat(model.replicas()).extracting(ReplicasModel.ReplicaView::id).containsExactly(A);
    }

    @Test
    void noSession_saysThereIsNothingToAsk() {
        asker = null;
        model.refresh();
        assertThat(model.message().get()).isEqualTo("No cluster is open: there is no DNS replica to ask.");
        assertThat(model.running().get()).isFalse();
    }

    @Test
    void cancel_cancelsTheSessionsAsking_andTurnsTheIntervalOff() throws InterruptedException {
        CompletableFuture<HealthReport> pending = new CompletableFuture<>();
        ReplicasModel slow = new ReplicasModel(() -> (request, progress) -> {
            return pending;
        }, new CancelledLaterExecutor(), clock);
        try {
            slow.refresh();
            assertThat(slow.running().get()).isTrue();
            assertThat(slow.message().get()).isEqualTo("Asking the DNS replicas…");
            slow.cancel();
            // Whether the worker had started asking or not, the session's asking ends cancelled.
            long until = System.nanoTime() + 5_000_000_000L;
            while (!pending.isCancelled() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(pending.isCancelled()).isTrue();
            assertThat(slow.running().get()).isFalse();
            assertThat(slow.every().get()).isEqualTo(ReplicasModel.Every.OFF);
            assertThat(slow.message().get()).isEqualTo("Cancelled; refreshing is off.");
        } finally {
            slow.close();
        }
    }

    @Test
    void reset_forgetsTheOldClustersReplicasAndCharts() {
        answer(replica(A, OK_READY, Optional.of(counters(100, 80, 20, 0)),
                Optional.of(new HealthReport.Rates(1, 3, 0, 0.2, 0, false))));
        answer(replica(A, OK_READY, Optional.of(counters(300, 80, 20, 0)), Optional.empty()));
        model.refresh();
        model.reset();
        assertThat(model.replicas()).isEmpty();
        assertThat(model.source().get()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        model.refresh();
        // No rate against the old cluster's counters.
        assertThat(model.replicas().get(0).rates()).isEmpty();
        assertThat(model.replicas().get(0).history()).isEmpty();
    }

    @Test
    void numbersAreShortAndReadable() {
        assertThat(ReplicaCard.number(0)).isEqualTo("0.0");
        assertThat(ReplicaCard.number(3.14)).isEqualTo("3.1");
        assertThat(ReplicaCard.number(42.4)).isEqualTo("42");
        assertThat(ReplicaCard.number(12_345)).isEqualTo("12,345");
        assertThat(ReplicaCard.percent(0)).isEqualTo("0%");
        assertThat(ReplicaCard.percent(0.042)).isEqualTo("4.2%");
        assertThat(ReplicaCard.percent(0.5)).isEqualTo("50%");
    }

    /** Starts the work on another thread and never finishes it by itself: what a slow cluster looks like. */
    private static final class CancelledLaterExecutor implements dev.kdi.ui.common.TaskExecutor {
        @Override
        public <T> Running execute(dev.kdi.ui.common.BackgroundTask<T> task) {
            Thread t = new Thread(() -> {
                try {
                    task.work().run(dev.kdi.ui.common.BackgroundTask.Context.NONE);
                } catch (Exception e) {
                    // Cancelled: the model no longer wants the outcome.
                }
            });
            t.setDaemon(true);
            t.start();
            return new Running() {
                @Override
                public void cancel() {
                    t.interrupt();
                }

                @Override
                public boolean isDone() {
                    return !t.isAlive();
                }
            };
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T12:00:00Z");

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
