package dev.kdi.metrics;

import java.util.List;

/**
 * What kube-dns's sidecar ({@code k8s-dns-sidecar}, {@code /metrics} on 10054) says about one
 * replica: dnsmasq's cache counters, which the sidecar reads from dnsmasq, and the errors of its
 * own probes of kubedns and dnsmasq. kube-dns has no CoreDNS counters: requests by rcode, upstream
 * health and panics are not there.
 *
 * @param hits dnsmasq cache hits since it started
 * @param misses dnsmasq cache misses (names dnsmasq forwarded to kubedns or upstream)
 * @param evictions entries dnsmasq evicted to make room
 * @param insertions entries dnsmasq cached
 * @param maxSize dnsmasq's cache size ({@code --cache-size})
 * @param kubednsProbeErrors failed probes of kubedns (the sidecar asks it every few seconds)
 * @param dnsmasqProbeErrors failed probes of dnsmasq
 * @param sidecarErrors the sidecar's errors reading dnsmasq's counters
 * @param kubeDnsSeries how many {@code kubedns_*} series the exposition holds; 0 means this is no
 *     kube-dns sidecar
 * @param series series in the exposition
 * @param problems lines of the exposition that could not be read
 */
public record KubeDnsMetrics(double hits, double misses, double evictions, double insertions, double maxSize,
                             double kubednsProbeErrors, double dnsmasqProbeErrors, double sidecarErrors,
                             int kubeDnsSeries, int series, List<String> problems) {

    public KubeDnsMetrics {
        problems = List.copyOf(problems);
    }

    public static KubeDnsMetrics of(Exposition e) {
        int ours = 0;
        for (Family f : e.families()) {
            if (f.name().startsWith("kubedns_")) {
                ours += f.samples().size();
            }
        }
        return new KubeDnsMetrics(e.sum("kubedns_dnsmasq_hits"), e.sum("kubedns_dnsmasq_misses"),
                e.sum("kubedns_dnsmasq_evictions"), e.sum("kubedns_dnsmasq_insertions"),
                e.sum("kubedns_dnsmasq_max_size"), e.sum("kubedns_probe_kubedns_errors"),
                e.sum("kubedns_probe_dnsmasq_errors"), e.sum("kubedns_dnsmasq_errors"), ours, e.seriesCount(),
                e.problems());
    }

    /** dnsmasq's cache hit share, or NaN before any query. */
    public double hitShare() {
        return hits + misses == 0 ? Double.NaN : hits / (hits + misses);
    }

    /** {@code dnsmasq cache 120 hits, 30 misses (80% hits), 0 evictions; probe errors: kubedns 0, dnsmasq 0}. */
    public String summary() {
        String share = Double.isNaN(hitShare()) ? "" : String.format(java.util.Locale.ROOT, " (%.0f%% hits)",
                100 * hitShare());
        return String.format(java.util.Locale.ROOT, "dnsmasq cache %d hits, %d misses%s, %d evictions of %d; probe "
                + "errors: kubedns %d, dnsmasq %d", (long) hits, (long) misses, share, (long) evictions,
                (long) maxSize, (long) kubednsProbeErrors, (long) dnsmasqProbeErrors);
    }
}
