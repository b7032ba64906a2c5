package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.HttpResponder;
import dev.kdi.demo.HttpResponder.Reply;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.PortForwardTarget;
import dev.kdi.http.HttpResult;
import dev.kdi.http.HttpResult.Failure;
import dev.kdi.http.HttpResult.FailureKind;
import dev.kdi.http.HttpResult.Response;
import dev.kdi.metrics.CoreDnsMetrics;
import dev.kdi.metrics.PrometheusText;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CoreDNS's HTTP endpoints through the emulated port-forward of the mock API server: a small HTTP
 * responder behind the pod's ports, and the ways such a reply goes wrong.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PodHttpTest {

    private static final String NS = "kube-system";
    private static final String POD = "coredns-5d78c9869d-abcde";

    private static MockApiServer api;
    private static PortForwarder forwarder;
    private static ScheduledExecutorService timer;
    private static PodHttp http;
    private static String metrics;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = PodHttpTest.class.getResourceAsStream("/metrics/coredns-1.11.1.txt")) {
            metrics = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        api = MockApiServer.start();
        api.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withNamespace(NS)
                .withName(POD).endMetadata().build()).create();
        forwarder = new PortForwarder(api.client(), Duration.ofSeconds(5));
        timer = Executors.newSingleThreadScheduledExecutor();
        http = new PodHttp(forwarder, timer, Duration.ofSeconds(2));
        api.portForwards().route(port(8080), new HttpResponder(path -> path.equals("/health")
                ? Reply.text(200, "OK") : Reply.text(404, "404 page not found\n")));
        api.portForwards().route(port(8181), new HttpResponder(path -> Reply.text(503, "kubernetes")));
        api.portForwards().route(port(9153), new HttpResponder(path ->
                new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics)));
        api.portForwards().route(port(9001), cutAfter("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\nOK, so"));
        api.portForwards().route(port(9002), neverEnding());
    }

    @AfterAll
    static void stop() {
        if (forwarder != null) {
            forwarder.close();
        }
        if (api != null) {
            api.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private static PodPort port(int port) {
        return new PodPort(NS, POD, port);
    }

    @Test
    void healthAndReadyComeWithStatusAndBody() throws InterruptedException {
        assertThat(http.get(port(8080), "/health")).isInstanceOfSatisfying(Response.class, r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("OK");
        });
        assertThat(http.get(port(8181), "/ready")).isInstanceOfSatisfying(Response.class, r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.text()).isEqualTo("kubernetes");
        });
    }

    @Test
    void metricsComeWholeAndParse() throws InterruptedException {
        HttpResult result = http.get(port(9153), "/metrics");
        assertThat(result).isInstanceOf(Response.class);
        Response r = (Response) result;
        assertThat(r.text()).isEqualTo(metrics);
        assertThat(r.header("content-type")).startsWith("text/plain; version=0.0.4");
        assertThat(CoreDnsMetrics.of(PrometheusText.parse(r.text())).version()).isEqualTo("1.11.1");
    }

    @Test
    void aLargeExpositionComesWholeInManyForwardMessages() throws InterruptedException {
        String big = metrics.repeat(25);
        api.portForwards().route(port(9154), new HttpResponder(path -> new Reply(200, "text/plain", big)));
        assertThat(http.get(port(9154), "/metrics")).isInstanceOfSatisfying(Response.class,
                r -> assertThat(r.text()).hasSize(big.length()).isEqualTo(big));
    }

    @Test
    void aPortNothingListensOnIsShownAsNotServed() throws InterruptedException {
        assertThat(http.get(port(8081), "/health")).isEqualTo(new Failure(FailureKind.NOT_SERVED,
                "nothing listens on port 8081 of pod kube-system/" + POD));
    }

    @Test
    void aReplyCutInTheMiddleSaysSo() throws InterruptedException {
        assertThat(http.get(port(9001), "/metrics")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CUT);
            assertThat(f.message()).startsWith("kube-system/" + POD + ":9001/metrics broke off its reply after 6 bytes"
                    + " of a 500 bytes body");
        });
    }

    @Test
    void aReplyThatNeverEndsTimesOutAndItsForwardIsClosed() throws InterruptedException {
        long start = System.nanoTime();
        assertThat(http.get(port(9002), "/metrics")).isEqualTo(new Failure(FailureKind.TIMEOUT,
                "no complete reply from kube-system/" + POD + ":9002/metrics within 2 s (40 bytes came)"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(forwarder.openForwards()).isZero();
    }

    @Test
    void aPodThatIsGoneIsUnreachable() throws InterruptedException {
        assertThat(http.get(new PodPort(NS, "coredns-gone", 8080), "/health")).isEqualTo(new Failure(
                FailureKind.UNREACHABLE, "pod kube-system/coredns-gone not found"));
    }

    /** Sends the start of a reply, then closes as a pod that crashed mid-write. */
    private static PortForwardTarget cutAfter(String start) {
        return (port, client) -> new PortForwardTarget.Connection() {
            @Override
            public void receive(byte[] bytes) {
                client.send(start.getBytes(StandardCharsets.US_ASCII));
                client.close();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Sends a head promising a body, then nothing, and never closes. */
    private static PortForwardTarget neverEnding() {
        return (port, client) -> new PortForwardTarget.Connection() {
            @Override
            public void receive(byte[] bytes) {
                client.send("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nab".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void close() {
            }
        };
    }
}
