package dev.kdi.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one CoreDNS replica's {@code /metrics} says, in CoreDNS's own terms, whatever its version
 * named the counters.
 *
 * <p>The forward plugin's upstream counters were renamed in v1.11.0: before, {@code
 * coredns_forward_requests_total{to}}, {@code coredns_forward_responses_total{rcode,to}} and {@code
 * coredns_forward_healthcheck_failures_total{to}}; from v1.11.0 the shared proxy package counts
 * instead, {@code coredns_proxy_request_duration_seconds{proxy_name,to,rcode}} (a histogram whose
 * count is the replies) and {@code coredns_proxy_healthcheck_failures_total{proxy_name,to}}, with
 * {@code proxy_name="forward"}; {@code coredns_forward_healthcheck_broken_total} and {@code
 * coredns_forward_max_concurrent_rejects_total} kept the old prefix.
 *
 * @param version {@code coredns_build_info}'s version, or empty
 * @param requests queries received
 * @param responsesByRcode replies sent, by rcode name
 * @param responsesByPlugin replies sent, by the plugin that wrote them (empty before CoreDNS counted it)
 * @param cacheHitsByType cache hits by cache ({@code success}, {@code denial})
 * @param cacheMisses cache misses
 * @param panics panics recovered
 * @param reloadFailures Corefile reloads that failed
 * @param scheme which names the upstream counters came under
 * @param upstreams the forward plugin's upstreams, by address
 * @param healthcheckBroken times every upstream was down at once
 * @param maxConcurrentRejects queries refused because {@code max_concurrent} was reached
 * @param series how many series the exposition held
 * @param problems lines of the exposition that could not be read
 */
public record CoreDnsMetrics(String version, double requests, Map<String, Double> responsesByRcode,
                             Map<String, Double> responsesByPlugin, Map<String, Double> cacheHitsByType,
                             double cacheMisses, double panics, double reloadFailures, UpstreamScheme scheme,
                             List<Upstream> upstreams, double healthcheckBroken, double maxConcurrentRejects,
                             int series, List<String> problems) {

    /** Under which names the forward plugin counted its upstreams. */
    public enum UpstreamScheme {
        /** {@code coredns_forward_*}: CoreDNS before v1.11.0. */
        FORWARD,
        /** {@code coredns_proxy_*} with {@code proxy_name="forward"}: CoreDNS v1.11.0 on. */
        PROXY,
        /** No upstream counters at all: no {@code forward}, or it has not been used yet. */
        NONE
    }

    public CoreDnsMetrics {
        Objects.requireNonNull(version, "version");
        responsesByRcode = Map.copyOf(responsesByRcode);
        responsesByPlugin = Map.copyOf(responsesByPlugin);
        cacheHitsByType = Map.copyOf(cacheHitsByType);
        Objects.requireNonNull(scheme, "scheme");
        upstreams = List.copyOf(upstreams);
        problems = List.copyOf(problems);
    }

    /** Reads CoreDNS's counters out of a parsed exposition. */
    public static CoreDnsMetrics of(Exposition e) {
        String version = e.samples("coredns_build_info").stream().map(s -> s.label("version"))
                .filter(v -> !v.isEmpty()).findFirst().orElse("");
        // Before v1.7.0 the request and rcode counters had other names.
        double requests = e.has("coredns_dns_requests_total") ? e.sum("coredns_dns_requests_total")
                : e.sum("coredns_dns_request_count_total");
        String responses = e.has("coredns_dns_responses_total") ? "coredns_dns_responses_total"
                : "coredns_dns_response_rcode_count_total";
        Map<String, Double> byRcode = e.sumBy(responses, "rcode", s -> true);
        Map<String, Double> byPlugin = new TreeMap<>(e.sumBy(responses, "plugin", s -> !s.label("plugin").isEmpty()));
        byPlugin.remove("");
        Map<String, Double> cacheHits = e.sumBy("coredns_cache_hits_total", "type", s -> true);
        double cacheMisses = e.sum("coredns_cache_misses_total");
        double panics = e.sum("coredns_panics_total");
        double reloadFailures = e.sum("coredns_reload_failed_total");

        List<Upstream> upstreams = new ArrayList<>();
        UpstreamScheme scheme;
        if (e.has("coredns_proxy_request_duration_seconds_count")
                || e.has("coredns_proxy_healthcheck_failures_total")) {
            scheme = UpstreamScheme.PROXY;
            String count = "coredns_proxy_request_duration_seconds_count";
            String checks = "coredns_proxy_healthcheck_failures_total";
            TreeSet<String> targets = new TreeSet<>();
            e.samples(count).stream().filter(CoreDnsMetrics::forwardProxy).forEach(s -> targets.add(s.label("to")));
            e.samples(checks).stream().filter(CoreDnsMetrics::forwardProxy).forEach(s -> targets.add(s.label("to")));
            for (String to : targets) {
                double sent = e.sum(count, s -> forwardProxy(s) && s.label("to").equals(to));
                upstreams.add(new Upstream(to, sent,
                        e.sumBy(count, "rcode", s -> forwardProxy(s) && s.label("to").equals(to)),
                        e.sum(checks, s -> forwardProxy(s) && s.label("to").equals(to))));
            }
        } else if (e.has("coredns_forward_requests_total") || e.has("coredns_forward_responses_total")
                || e.has("coredns_forward_healthcheck_failures_total")) {
            scheme = UpstreamScheme.FORWARD;
            TreeSet<String> targets = new TreeSet<>();
            for (String n : List.of("coredns_forward_requests_total", "coredns_forward_responses_total",
                    "coredns_forward_healthcheck_failures_total")) {
                e.samples(n).forEach(s -> targets.add(s.label("to")));
            }
            for (String to : targets) {
                upstreams.add(new Upstream(to, e.sum("coredns_forward_requests_total", s -> s.label("to").equals(to)),
                        e.sumBy("coredns_forward_responses_total", "rcode", s -> s.label("to").equals(to)),
                        e.sum("coredns_forward_healthcheck_failures_total", s -> s.label("to").equals(to))));
            }
        } else {
            scheme = UpstreamScheme.NONE;
        }
        return new CoreDnsMetrics(version, requests, byRcode, byPlugin, cacheHits, cacheMisses, panics, reloadFailures,
                scheme, upstreams, e.sum("coredns_forward_healthcheck_broken_total"),
                e.sum("coredns_forward_max_concurrent_rejects_total"), e.seriesCount(), e.problems());
    }

    private static boolean forwardProxy(Sample s) {
        return s.label("proxy_name").equals("forward");
    }

    /** Replies with this rcode name ({@code SERVFAIL}); 0 when none. */
    public double responses(String rcode) {
        return responsesByRcode.getOrDefault(rcode, 0.0);
    }

    /** All replies sent. */
    public double responses() {
        return responsesByRcode.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Failed health checks of every upstream together. */
    public double upstreamHealthcheckFailures() {
        return upstreams.stream().mapToDouble(Upstream::healthcheckFailures).sum();
    }
}
