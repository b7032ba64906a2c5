package dev.kdi.session;

import dev.kdi.cluster.DnsPodDetails;
import dev.kdi.cluster.PodHttp;
import dev.kdi.cluster.PodPort;
import dev.kdi.http.HttpResult;
import dev.kdi.metrics.KubeDnsMetrics;
import dev.kdi.metrics.PrometheusText;
import dev.kdi.records.objects.Pod;
import dev.kdi.session.HealthReport.Endpoint;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.session.HealthReport.Finding;
import dev.kdi.session.HealthReport.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One kube-dns replica's health as its own containers serve it: kube-dns has no CoreDNS
 * {@code /health}, {@code /ready} or {@code :9153/metrics}. Its sidecar serves
 * {@code /healthcheck/kubedns} and {@code /healthcheck/dnsmasq} (the state of its own DNS probes of
 * each) and {@code /metrics} (dnsmasq's cache counters and the probes' errors) on 10054; kubedns
 * serves {@code /readiness} on 8081. Restarts and the last termination come from the pod status.
 */
final class KubeDnsHealth {
    /** The sidecar's port (kubernetes/dns cmd/sidecar {@code --prometheus-port}, and GKE's manifest). */
    static final int SIDECAR_PORT = 10054;
    /** kubedns's readiness port ({@code --readiness-port}). */
    static final int READINESS_PORT = 8081;
    /** kube-dns's containers (kubernetes/dns's manifest and GKE's). */
    static final Set<String> CONTAINERS = Set.of("kubedns", "dnsmasq", "sidecar");
    static final String NOTE = "kube-dns serves no CoreDNS /health, /ready or /metrics: kdi asks its sidecar's "
            + "/healthcheck/kubedns, /healthcheck/dnsmasq and /metrics (port " + SIDECAR_PORT + ", dnsmasq's cache "
            + "and the sidecar's probes) and kubedns's /readiness (port " + READINESS_PORT + "); requests by rcode, "
            + "upstream health and panics are not served, and kubedns's own skydns_* metrics (port 10055) are not read.";

    private final PodHttp http;
    private final DnsPodDetails details;
    private final Inspection inspection;

    KubeDnsHealth(PodHttp http, DnsPodDetails details, Inspection inspection) {
        this.http = http;
        this.details = details;
        this.inspection = inspection;
    }

    /** One replica asked, with the findings that concern it alone. */
    record Asked(HealthReport.Replica replica, List<Finding> findings) {
    }

    Asked ask(ReplicaStatus r, Duration interval) throws InterruptedException {
        String id = r.id();
        Endpoint health = endpoint(r, "/healthcheck/kubedns", SIDECAR_PORT);
        Endpoint dnsmasq = endpoint(r, "/healthcheck/dnsmasq", SIDECAR_PORT);
        Endpoint ready = endpoint(r, "/readiness", READINESS_PORT);
        Reading first = metrics(r);
        boolean twice = first.parsed().isPresent() && !interval.isZero();
        if (twice) {
            Thread.sleep(interval.toMillis());
        }
        Reading last = twice ? metrics(r) : first;
        List<Finding> findings = new ArrayList<>();
        if (ready.state() == EndpointState.FAILING) {
            findings.add(new Finding("REPLICA_NOT_READY", Severity.WARNING, id, "kubedns's /readiness answered "
                    + ready.status() + ": it has not synced with the API server, and Kubernetes sends it no traffic "
                    + "while that lasts."));
        }
        if (health.state() == EndpointState.FAILING) {
            findings.add(new Finding("REPLICA_UNHEALTHY", Severity.WARNING, id, "the sidecar's probe of kubedns fails ("
                    + health.detail() + "): names of the cluster get no answer from this replica."));
        }
        if (dnsmasq.state() == EndpointState.FAILING) {
            findings.add(new Finding("DNSMASQ_UNHEALTHY", Severity.WARNING, id, "the sidecar's probe of dnsmasq on "
                    + "port 53 fails (" + dnsmasq.detail() + "): this replica answers nothing."));
        }
        for (Endpoint e : List.of(health, ready, last.endpoint())) {
            if (e.state() == EndpointState.NOT_SERVED) {
                findings.add(new Finding("ENDPOINT_NOT_SERVED", Severity.WARNING, id, "kube-dns's pods serve "
                        + e.path() + " on port " + e.port() + ", but nothing listens there: is this pod laid out as"
                        + " GKE's kube-dns (kubedns, dnsmasq, sidecar)?"));
            } else if (e.state() == EndpointState.UNREACHABLE) {
                findings.add(new Finding("ENDPOINT_UNREACHABLE", Severity.WARNING, id, e.path() + " could not be "
                        + "asked: " + e.detail()));
            }
        }
        Optional<KubeDnsMetrics> before = first.parsed();
        Optional<KubeDnsMetrics> after = last.parsed();
        after.ifPresent(m -> {
            double kubedns = m.kubednsProbeErrors() - before.map(KubeDnsMetrics::kubednsProbeErrors).orElse(0.0);
            double dns = m.dnsmasqProbeErrors() - before.map(KubeDnsMetrics::dnsmasqProbeErrors).orElse(0.0);
            if (twice && (kubedns > 0 || dns > 0)) {
                findings.add(new Finding("KUBEDNS_PROBES_FAILING", Severity.WARNING, id, String.format(
                        java.util.Locale.ROOT, "the sidecar's probes failed just now (kubedns %d, dnsmasq %d times in"
                                + " %.1f s): this replica drops or fails queries.", (long) kubedns, (long) dns,
                        interval.toMillis() / 1000.0)));
            } else if (m.kubednsProbeErrors() + m.dnsmasqProbeErrors() > 0) {
                findings.add(new Finding("KUBEDNS_PROBE_ERRORS", Severity.NOTE, id, "the sidecar's probes have failed "
                        + (long) m.kubednsProbeErrors() + " (kubedns) and " + (long) m.dnsmasqProbeErrors()
                        + " (dnsmasq) time(s) since it started" + (twice ? ", none just now." : ".")));
            }
            if (m.kubeDnsSeries() == 0) {
                findings.add(new Finding("METRICS_NOT_KUBEDNS", Severity.NOTE, id, "/metrics on port " + SIDECAR_PORT
                        + " has no kubedns_* series: it is not kube-dns's sidecar."));
            }
            if (!m.problems().isEmpty()) {
                findings.add(new Finding("METRICS_UNREADABLE_LINES", Severity.NOTE, id, m.problems().size()
                        + " line(s) of /metrics could not be read, the first: " + m.problems().get(0)));
            }
        });
        DnsPodDetails.PodRead read = details.pod(r.namespace(), r.pod());
        Optional<DnsPodDetails.Pod> pod = read instanceof DnsPodDetails.PodFound f ? Optional.of(f.pod())
                : Optional.empty();
        if (pod.isPresent() && pod.get().restarts() > 0) {
            findings.add(new Finding("REPLICA_RESTARTED", Severity.NOTE, id, "restarted " + pod.get().restarts()
                    + " time(s)" + (pod.get().lastTermination().isEmpty() ? "" : ", last "
                    + pod.get().lastTermination()) + "."));
        } else if (read instanceof DnsPodDetails.PodNotRead n) {
            findings.add(new Finding("POD_UNREADABLE", Severity.NOTE, id, n.reason() + ": restarts are unknown."));
        }
        String node = inspection.pod(r.namespace(), r.pod()).map(Pod::nodeName).orElse("");
        HealthReport.Replica replica = new HealthReport.Replica(id, node == null ? "" : node, health, ready,
                last.endpoint(), Optional.empty(), Optional.empty(), pod.map(DnsPodDetails.Pod::restarts).orElse(-1),
                pod.map(DnsPodDetails.Pod::lastTermination).orElse(""),
                Optional.of(new HealthReport.KubeDns(pod.map(p -> images(p.images())).orElse(Map.of()),
                        // Without kubedns_* series, /metrics is no kube-dns sidecar: its zeros are no cache.
                        after.filter(m -> m.kubeDnsSeries() > 0).map(m -> new HealthReport.DnsmasqCache(
                                (long) m.hits(), (long) m.misses(), (long) m.evictions(), (long) m.maxSize())))));
        return new Asked(replica, findings);
    }

    /**
     * kube-dns's own containers' images; all the pod's when it names none of them. GKE adds
     * prometheus-to-sd, whose tag is no kube-dns release.
     */
    static Map<String, String> images(Map<String, String> all) {
        Map<String, String> ours = new LinkedHashMap<>(all);
        ours.keySet().retainAll(CONTAINERS);
        return ours.isEmpty() ? all : ours;
    }

    private record Reading(Endpoint endpoint, Optional<KubeDnsMetrics> parsed) {
    }

    private Reading metrics(ReplicaStatus r) throws InterruptedException {
        HttpResult result = http.get(new PodPort(r.namespace(), r.pod(), SIDECAR_PORT), "/metrics");
        if (result instanceof HttpResult.Response response && response.ok()) {
            KubeDnsMetrics parsed = KubeDnsMetrics.of(PrometheusText.parse(response.text()));
            return new Reading(new Endpoint("/metrics", SIDECAR_PORT, EndpointState.OK, response.status(),
                    parsed.series() + " series: " + parsed.summary()), Optional.of(parsed));
        }
        return new Reading(HealthRun.endpoint("/metrics", SIDECAR_PORT, result), Optional.empty());
    }

    private Endpoint endpoint(ReplicaStatus r, String path, int port) throws InterruptedException {
        return HealthRun.endpoint(path, port, http.get(new PodPort(r.namespace(), r.pod(), port), path));
    }
}
