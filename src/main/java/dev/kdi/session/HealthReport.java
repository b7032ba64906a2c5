package dev.kdi.session;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every DNS replica's health as its own endpoints and its pod say, with findings.
 *
 * @param source where the cluster DNS was found and where its Corefile came from, for a header
 * @param replicas one entry per replica asked
 * @param findings what is wrong or worth knowing, most severe first
 * @param notes why nothing could be asked, or what else the user should know
 */
public record HealthReport(String source, List<Replica> replicas, List<Finding> findings, List<String> notes) {

    public HealthReport {
        Objects.requireNonNull(source, "source");
        replicas = List.copyOf(replicas);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** No replica could be asked at all: nothing is known about their health. */
    public boolean couldNotAsk() {
        return replicas.isEmpty() || replicas.stream().allMatch(r -> r.health().state() == EndpointState.UNREACHABLE
                && r.ready().state() == EndpointState.UNREACHABLE && r.metrics().state() == EndpointState.UNREACHABLE);
    }

    /** Whether any finding is a warning. */
    public boolean hasWarnings() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.WARNING);
    }

    /** How bad a finding is: warnings fail {@code kdi health}, notes do not. */
    public enum Severity { WARNING, NOTE }

    /**
     * One finding.
     *
     * @param code stable, for scripts: {@code REPLICA_NOT_READY}
     * @param severity warning or note
     * @param replica the replica it concerns, or empty when it concerns them all
     * @param message one sentence saying what and what to do
     */
    public record Finding(String code, Severity severity, String replica, String message) {
    }

    /** How one endpoint answered. */
    public enum EndpointState {
        /** 2xx. */
        OK,
        /** Another status. */
        FAILING,
        /** The Corefile asks for it, but nothing listens on its port. */
        NOT_SERVED,
        /** The Corefile has no such plugin: nothing to ask. */
        NOT_CONFIGURED,
        /** It could not be asked, or its reply was broken. */
        UNREACHABLE
    }

    /**
     * One endpoint of one replica.
     *
     * @param path {@code /health}
     * @param port the pod port asked
     * @param state how it went
     * @param status the HTTP status, 0 when there was none
     * @param detail the body's first line for a status, or what went wrong
     */
    public record Endpoint(String path, int port, EndpointState state, int status, String detail) {
    }

    /**
     * One replica.
     *
     * @param id {@code namespace/pod}
     * @param node the node it runs on, or empty
     * @param health {@code /health}
     * @param ready {@code /ready}
     * @param metrics {@code /metrics}
     * @param counters what {@code /metrics} said (the later reading), when it could be read
     * @param rates what happened between the two readings, when both were read
     * @param restarts restarts of its containers, -1 when the pod could not be read
     * @param lastTermination the last termination's reason, or empty
     * @param kubeDns what a kube-dns replica says that CoreDNS's counters cannot; empty for CoreDNS
     */
    public record Replica(String id, String node, Endpoint health, Endpoint ready, Endpoint metrics,
                         Optional<Counters> counters, Optional<Rates> rates, int restarts, String lastTermination,
                         Optional<KubeDns> kubeDns) {
    }

    /**
     * A kube-dns replica's own facts: kube-dns has no {@code coredns_build_info}, so its version is
     * its images' tags, and its sidecar's {@code /metrics} holds dnsmasq's cache instead of counters.
     *
     * @param images the images of its kubedns, dnsmasq and sidecar containers (all its containers
     *     when it names none of them) by container name, in the pod's order; empty when the pod could
     *     not be read
     * @param cache dnsmasq's cache as the sidecar's {@code /metrics} said it (the later reading), when
     *     it could be read
     */
    public record KubeDns(Map<String, String> images, Optional<DnsmasqCache> cache) {
        public KubeDns {
            images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
        }

        /**
         * The tag all its images share ({@code 1.23.0-gke.9}: kube-dns releases its three images
         * together), or empty when they differ, one has no tag, or none is known.
         */
        public Optional<String> sharedTag() {
            List<String> tags = images.values().stream().map(KubeDns::tag).distinct().toList();
            return tags.size() == 1 && !tags.get(0).isEmpty() ? Optional.of(tags.get(0)) : Optional.empty();
        }

        /** An image reference's tag ({@code gke.gcr.io/k8s-dns-sidecar:1.23.0-gke.9}), or empty (a digest, none). */
        public static String tag(String image) {
            String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            int colon = name.lastIndexOf(':');
            return colon < 0 || name.indexOf('/', colon) >= 0 ? "" : name.substring(colon + 1);
        }
    }

    /**
     * dnsmasq's cache since dnsmasq started, as kube-dns's sidecar reads it.
     *
     * @param hits answers from the cache
     * @param misses names dnsmasq forwarded (to kubedns or upstream)
     * @param evictions entries dropped to make room: many mean the cache is too small
     * @param size entries it may hold ({@code --cache-size})
     */
    public record DnsmasqCache(long hits, long misses, long evictions, long size) {
        /** The share of queries answered from the cache, or NaN before any query. */
        public double hitShare() {
            return hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
        }
    }

    /**
     * A replica's CoreDNS counters, whatever its version named them.
     *
     * @param version {@code coredns_build_info}'s version, or empty
     * @param requests queries received
     * @param responsesByRcode replies by rcode
     * @param responsesByPlugin replies by the plugin that wrote them
     * @param cacheHitsByType cache hits by cache
     * @param cacheMisses cache misses
     * @param panics panics
     * @param reloadFailures failed Corefile reloads
     * @param upstreamNaming {@code coredns_forward_*}, {@code coredns_proxy_*} or {@code none}
     * @param upstreams the forward plugin's upstreams
     * @param series series in the exposition
     * @param problems lines of the exposition that could not be read
     */
    public record Counters(String version, double requests, Map<String, Double> responsesByRcode,
                           Map<String, Double> responsesByPlugin, Map<String, Double> cacheHitsByType,
                           double cacheMisses, double panics, double reloadFailures, String upstreamNaming,
                           List<Upstream> upstreams, int series, List<String> problems) {
        public Counters {
            responsesByRcode = Map.copyOf(responsesByRcode);
            responsesByPlugin = Map.copyOf(responsesByPlugin);
            cacheHitsByType = Map.copyOf(cacheHitsByType);
            upstreams = List.copyOf(upstreams);
            problems = List.copyOf(problems);
        }
    }

    /**
     * One upstream of the forward plugin.
     *
     * @param to its address
     * @param requests queries sent to it
     * @param servfails SERVFAIL replies it gave
     * @param healthcheckFailures failed health checks of it
     */
    public record Upstream(String to, double requests, double servfails, double healthcheckFailures) {
    }

    /**
     * Between the two readings.
     *
     * @param seconds the time between them
     * @param requestsPerSecond queries per second
     * @param servfailShare share of replies that were SERVFAIL
     * @param nxdomainShare share of replies that were NXDOMAIN
     * @param upstreamHealthcheckFailures failed upstream health checks
     * @param reset whether the process restarted in between
     */
    public record Rates(double seconds, double requestsPerSecond, double servfailShare, double nxdomainShare,
                        double upstreamHealthcheckFailures, boolean reset) {

        /**
         * What happened between two reports' readings of one replica, taken {@code between} apart:
         * how a view that asks on an interval turns each reading into a point. A counter that went
         * down was reset (the process restarted): as Prometheus does, its later value is the increase.
         */
        public static Rates between(Counters earlier, Counters later, Duration between) {
            dev.kdi.metrics.Rates r = dev.kdi.metrics.Rates.between(totals(earlier), totals(later), between);
            return new Rates(r.seconds(), r.requestsPerSecond(), r.servfailShare(), r.nxdomainShare(),
                    r.upstreamHealthcheckFailures(), r.reset());
        }

        private static dev.kdi.metrics.Rates.Totals totals(Counters c) {
            Map<String, Double> byRcode = c.responsesByRcode();
            return new dev.kdi.metrics.Rates.Totals(c.requests(),
                    byRcode.values().stream().mapToDouble(Double::doubleValue).sum(),
                    byRcode.getOrDefault("SERVFAIL", 0.0), byRcode.getOrDefault("NXDOMAIN", 0.0),
                    c.upstreams().stream().mapToDouble(Upstream::healthcheckFailures).sum(), 0);
        }
    }
}
