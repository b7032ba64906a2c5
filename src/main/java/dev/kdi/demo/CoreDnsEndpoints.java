package dev.kdi.demo;

import dev.kdi.demo.HttpResponder.Reply;
import dev.kdi.records.Answer;
import dev.kdi.records.Status;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One demo DNS pod's {@code /health}, {@code /ready} and {@code /metrics}, as CoreDNS v1.12's
 * {@code health}, {@code ready} and {@code prometheus} plugins serve them, counting the queries that
 * pod's {@link DnsResponder} really answered.
 *
 * <p>A pod's upstream may be dead: CoreDNS's forward plugin checks an upstream every 0.5 s, so
 * such a pod's {@code coredns_proxy_healthcheck_failures_total} grows by two a second, and its
 * forwarded queries are SERVFAIL from forward.
 */
public final class CoreDnsEndpoints {
    /** What the demo's Corefile forwards to (the node's resolv.conf), as CoreDNS labels it. */
    static final String UPSTREAM = "10.0.0.2:53";
    static final String VERSION = "1.12.0";

    private final Clock clock;
    private final long startMillis;
    private final boolean upstreamDead;
    private final LongAdder requests = new LongAdder();
    /** rcode name, plugin → replies. */
    private final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
    private final LongAdder forwarded = new LongAdder();

    /** @param upstreamDead whether this pod's upstream answers nothing (its health checks fail) */
    public CoreDnsEndpoints(Clock clock, boolean upstreamDead) {
        this.clock = clock;
        this.startMillis = clock.millis();
        this.upstreamDead = upstreamDead;
    }

    /** Counts one answered query, as CoreDNS's metrics plugin does when the reply is written. */
    void answered(Answer answer) {
        requests.increment();
        Status status = answer.status();
        String rcode = switch (status) {
            case NOERROR, NODATA -> "NOERROR";
            case NXDOMAIN -> "NXDOMAIN";
            case REFUSED -> "REFUSED";
            case SERVFAIL, FORWARDED -> "SERVFAIL";
            // acl's drop writes nothing; CoreDNS counts no response for it.
            case DROPPED -> null;
            // The demo runs CoreDNS, whose every answer the model knows.
            case NOT_MODELLED -> throw new IllegalArgumentException("the demo's CoreDNS has no unmodelled answer");
        };
        if (rcode == null) {
            return;
        }
        String plugin = status == Status.FORWARDED ? "forward" : plugin(answer);
        if (status == Status.FORWARDED) {
            forwarded.increment();
        }
        responses.computeIfAbsent(rcode + "\u0000" + plugin, k -> new LongAdder()).increment();
    }

    /** Counts a query that could not be read: CoreDNS answers it itself, no plugin. */
    void failed(String rcode) {
        requests.increment();
        responses.computeIfAbsent(rcode + "\u0000", k -> new LongAdder()).increment();
    }

    private static String plugin(Answer answer) {
        if (answer.answeredBy() == null || answer.answeredBy().chain().isEmpty()) {
            return "";
        }
        return answer.answeredBy().chain().get(answer.answeredBy().chain().size() - 1);
    }

    /** The reply to a GET on the health port (8080). */
    public Reply health(String path) {
        return path.equals("/health") ? Reply.text(200, "OK") : notFound();
    }

    /** The reply to a GET on the ready port (8181): ready once the kubernetes plugin has synced. */
    public Reply ready(String path) {
        return path.equals("/ready") ? Reply.text(200, "OK") : notFound();
    }

    /** The reply to a GET on the metrics port (9153). */
    public Reply metrics(String path) {
        if (!path.equals("/metrics")) {
            return notFound();
        }
        return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", exposition());
    }

    private static Reply notFound() {
        return Reply.text(404, "404 page not found\n");
    }

    String exposition() {
        StringBuilder out = new StringBuilder(4096);
        family(out, "coredns_build_info", "gauge", "A metric with a constant '1' value labeled by version, revision,"
                + " and goversion from which CoreDNS was built.");
        out.append("coredns_build_info{goversion=\"go1.23.3\",revision=\"51e11f1\",version=\"").append(VERSION)
                .append("\"} 1\n");
        family(out, "coredns_dns_requests_total", "counter", "Counter of DNS requests made per zone, protocol and"
                + " family.");
        out.append("coredns_dns_requests_total{family=\"1\",proto=\"tcp\",server=\"dns://:53\",type=\"other\","
                + "view=\"\",zone=\".\"} ").append(requests.sum()).append('\n');
        family(out, "coredns_dns_responses_total", "counter", "Counter of response status codes.");
        Map<String, Long> sorted = new TreeMap<>();
        responses.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.forEach((key, count) -> {
            String[] parts = key.split("\u0000", -1);
            out.append("coredns_dns_responses_total{plugin=\"").append(parts[1]).append("\",rcode=\"").append(parts[0])
                    .append("\",server=\"dns://:53\",view=\"\",zone=\".\"} ").append(count).append('\n');
        });
        family(out, "coredns_forward_healthcheck_broken_total", "counter", "Counter of the number of complete"
                + " failures of the healthchecks.");
        out.append("coredns_forward_healthcheck_broken_total ").append(upstreamDead ? checks() : 0).append('\n');
        family(out, "coredns_panics_total", "counter", "A metrics that counts the number of panics.");
        out.append("coredns_panics_total 0\n");
        family(out, "coredns_proxy_healthcheck_failures_total", "counter", "Counter of the number of failed"
                + " healthchecks.");
        out.append("coredns_proxy_healthcheck_failures_total{proxy_name=\"forward\",to=\"").append(UPSTREAM)
                .append("\"} ").append(upstreamDead ? checks() : 0).append('\n');
        family(out, "coredns_proxy_request_duration_seconds", "histogram", "Histogram of the time each request took.");
        long sent = forwarded.sum();
        String labels = "proxy_name=\"forward\",rcode=\"SERVFAIL\",to=\"" + UPSTREAM + "\"";
        out.append("coredns_proxy_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                .append(sent).append('\n');
        out.append("coredns_proxy_request_duration_seconds_sum{").append(labels).append("} ")
                .append(upstreamDead ? sent * 2.0 : 0.0).append('\n');
        out.append("coredns_proxy_request_duration_seconds_count{").append(labels).append("} ").append(sent)
                .append('\n');
        family(out, "coredns_reload_failed_total", "counter", "Counter of the number of failed reload attempts.");
        out.append("coredns_reload_failed_total 0\n");
        return out.toString();
    }

    /** Health checks since start: the forward plugin checks every 0.5 s. */
    private long checks() {
        return Math.max(0, (clock.millis() - startMillis) / 500);
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
