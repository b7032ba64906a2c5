package dev.kdi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** kube-dns's sidecar exposition (kubernetes/dns pkg/sidecar: kubedns_dnsmasq_*, kubedns_probe_*). */
class KubeDnsMetricsTest {
    static final String SIDECAR = """
            # HELP go_goroutines Number of goroutines that currently exist.
            # TYPE go_goroutines gauge
            go_goroutines 14
            # HELP kubedns_dnsmasq_errors Number of errors that have occurred getting metrics
            # TYPE kubedns_dnsmasq_errors counter
            kubedns_dnsmasq_errors 0
            # HELP kubedns_dnsmasq_evictions Counter of DNS cache evictions (from start of process)
            # TYPE kubedns_dnsmasq_evictions counter
            kubedns_dnsmasq_evictions 3
            # HELP kubedns_dnsmasq_hits Number of DNS cache hits (from start of process)
            # TYPE kubedns_dnsmasq_hits counter
            kubedns_dnsmasq_hits 1.517e+06
            # HELP kubedns_dnsmasq_insertions Counter of DNS cache insertions (from start of process)
            # TYPE kubedns_dnsmasq_insertions counter
            kubedns_dnsmasq_insertions 40210
            # HELP kubedns_dnsmasq_max_size Maximum size of the DNS cache
            # TYPE kubedns_dnsmasq_max_size counter
            kubedns_dnsmasq_max_size 1000
            # HELP kubedns_dnsmasq_misses Number of DNS cache misses (from start of process)
            # TYPE kubedns_dnsmasq_misses counter
            kubedns_dnsmasq_misses 500000
            # HELP kubedns_probe_dnsmasq_errors Count of errors in name resolution of dnsmasq
            # TYPE kubedns_probe_dnsmasq_errors counter
            kubedns_probe_dnsmasq_errors 0
            # HELP kubedns_probe_kubedns_errors Count of errors in name resolution of kubedns
            # TYPE kubedns_probe_kubedns_errors counter
            kubedns_probe_kubedns_errors 7
            # HELP kubedns_probe_kubedns_latency_ms Latency of the DNS probe request kubedns
            # TYPE kubedns_probe_kubedns_latency_ms histogram
            kubedns_probe_kubedns_latency_ms_bucket{le="0.25"} 0
            kubedns_probe_kubedns_latency_ms_bucket{le="+Inf"} 40
            kubedns_probe_kubedns_latency_ms_sum 52.1
            kubedns_probe_kubedns_latency_ms_count 40
            """;

    @Test
    @DisplayName("dnsmasq's cache counters and the probes' errors, in the sidecar's names")
    void sidecar() {
        KubeDnsMetrics m = KubeDnsMetrics.of(PrometheusText.parse(SIDECAR));
        assertThat(m.hits()).isEqualTo(1_517_000);
        assertThat(m.misses()).isEqualTo(500_000);
        assertThat(m.evictions()).isEqualTo(3);
        assertThat(m.insertions()).isEqualTo(40_210);
        assertThat(m.maxSize()).isEqualTo(1000);
        assertThat(m.kubednsProbeErrors()).isEqualTo(7);
        assertThat(m.dnsmasqProbeErrors()).isZero();
        assertThat(m.problems()).isEmpty();
        assertThat(m.kubeDnsSeries()).isEqualTo(12);
        assertThat(m.series()).isEqualTo(13);
        assertThat(m.summary()).isEqualTo("dnsmasq cache 1517000 hits, 500000 misses (75% hits), 3 evictions of 1000;"
                + " probe errors: kubedns 7, dnsmasq 0");
    }

    @Test
    @DisplayName("a CoreDNS exposition is no sidecar's: no kubedns_* series, and no hit share before any query")
    void notASidecar() {
        KubeDnsMetrics m = KubeDnsMetrics.of(PrometheusText.parse("# TYPE coredns_dns_requests_total counter\n"
                + "coredns_dns_requests_total{server=\"dns://:53\",zone=\".\",proto=\"udp\",family=\"1\",type=\"A\"} 5\n"));
        assertThat(m.kubeDnsSeries()).isZero();
        assertThat(m.hitShare()).isNaN();
        assertThat(m.summary()).startsWith("dnsmasq cache 0 hits, 0 misses, 0 evictions");
    }
}
