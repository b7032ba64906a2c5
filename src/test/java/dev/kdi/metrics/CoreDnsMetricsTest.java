package dev.kdi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CoreDNS expositions of both naming schemes. The fixtures follow what CoreDNS v1.10.1 and v1.11.1
 * register (plugin/forward/metrics.go, plugin/pkg/proxy/metrics.go, plugin/metrics/vars, cache,
 * reload) in the order and form Go's client writes them: families sorted by name, labels sorted,
 * histograms with TimeBuckets and a final +Inf bucket.
 */
class CoreDnsMetricsTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = CoreDnsMetricsTest.class.getResourceAsStream("/metrics/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void beforeV1110TheUpstreamsCountUnderForward() throws IOException {
        Exposition e = PrometheusText.parse(fixture("coredns-1.10.1.txt"));
        assertThat(e.problems()).isEmpty();
        CoreDnsMetrics m = CoreDnsMetrics.of(e);

        assertThat(m.version()).isEqualTo("1.10.1");
        assertThat(m.requests()).isEqualTo(800);
        assertThat(m.responsesByRcode()).isEqualTo(Map.of("NOERROR", 468.0, "NXDOMAIN", 312.0, "SERVFAIL", 20.0));
        assertThat(m.responsesByPlugin()).isEqualTo(Map.of("cache", 520.0, "kubernetes", 200.0, "forward", 60.0));
        assertThat(m.cacheHitsByType()).isEqualTo(Map.of("denial", 312.0, "success", 208.0));
        assertThat(m.cacheMisses()).isEqualTo(280);
        assertThat(m.scheme()).isEqualTo(CoreDnsMetrics.UpstreamScheme.FORWARD);
        assertThat(m.upstreams()).containsExactly(
                new Upstream("10.96.0.2:53", 80, Map.of("NOERROR", 60.0, "SERVFAIL", 2.0), 3));
        assertThat(m.panics()).isZero();
        assertThat(m.reloadFailures()).isZero();
        assertThat(m.series()).isEqualTo(e.seriesCount()).isEqualTo(96);
    }

    @Test
    void fromV1110TheUpstreamsCountUnderProxyNamedForward() throws IOException {
        CoreDnsMetrics m = CoreDnsMetrics.of(PrometheusText.parse(fixture("coredns-1.11.1.txt")));

        assertThat(m.version()).isEqualTo("1.11.1");
        assertThat(m.scheme()).isEqualTo(CoreDnsMetrics.UpstreamScheme.PROXY);
        // The grpc plugin's upstream shares the proxy names but is not forward's.
        assertThat(m.upstreams()).containsExactly(
                new Upstream("10.96.0.2:53", 62, Map.of("NOERROR", 60.0, "SERVFAIL", 2.0), 3));
        assertThat(m.upstreamHealthcheckFailures()).isEqualTo(3);
        assertThat(m.healthcheckBroken()).isZero();
    }

    @Test
    void olderCoreDnsRequestAndRcodeNamesAreRead() {
        CoreDnsMetrics m = CoreDnsMetrics.of(PrometheusText.parse("""
                coredns_dns_request_count_total{family="1",proto="udp",server="dns://:53",zone="."} 10
                coredns_dns_response_rcode_count_total{rcode="NOERROR",server="dns://:53",zone="."} 9
                coredns_dns_response_rcode_count_total{rcode="SERVFAIL",server="dns://:53",zone="."} 1
                """));
        assertThat(m.requests()).isEqualTo(10);
        assertThat(m.responses("SERVFAIL")).isEqualTo(1);
        assertThat(m.responsesByPlugin()).isEmpty();
        assertThat(m.scheme()).isEqualTo(CoreDnsMetrics.UpstreamScheme.NONE);
        assertThat(m.version()).isEmpty();
    }

    @Test
    void twoReadingsGiveRatesAndSharesOfTheInterval() {
        CoreDnsMetrics before = CoreDnsMetrics.of(PrometheusText.parse("""
                coredns_dns_requests_total{type="A"} 100
                coredns_dns_responses_total{rcode="NOERROR"} 90
                coredns_dns_responses_total{rcode="SERVFAIL"} 10
                """));
        CoreDnsMetrics after = CoreDnsMetrics.of(PrometheusText.parse("""
                coredns_dns_requests_total{type="A"} 300
                coredns_dns_responses_total{rcode="NOERROR"} 140
                coredns_dns_responses_total{rcode="SERVFAIL"} 110
                coredns_dns_responses_total{rcode="NXDOMAIN"} 50
                """));
        Rates r = Rates.between(before, after, Duration.ofSeconds(4));
        assertThat(r.requestsPerSecond()).isEqualTo(50);
        assertThat(r.responses()).isEqualTo(200);
        assertThat(r.servfailShare()).isCloseTo(0.5, within(1e-9));
        assertThat(r.nxdomainShare()).isCloseTo(0.25, within(1e-9));
        assertThat(r.reset()).isFalse();

        Rates restarted = Rates.between(after, before, Duration.ofSeconds(1));
        assertThat(restarted.reset()).isTrue();
        assertThat(restarted.requestsPerSecond()).isEqualTo(100);
    }
}
