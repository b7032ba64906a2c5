package dev.kdi.cluster.bench;

import dev.kdi.cluster.ForwardState;
import dev.kdi.cluster.PodHttp;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwardStream;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.HttpResponder;
import dev.kdi.dns.ByteStream;
import dev.kdi.dns.DnsConnection;
import dev.kdi.http.HttpResult;
import dev.kdi.metrics.CoreDnsMetrics;
import dev.kdi.metrics.Exposition;
import dev.kdi.metrics.PrometheusText;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Prints the median time to fetch and parse one replica's {@code /metrics} (a 2,000-series CoreDNS
 * exposition) through a port-forward, next to one DNS round trip through a forward to the same pod
 * in the same run (the target: the fetch within 50 ms), and the heap the parsed result keeps.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -Dbench=MetricsFetch}. Both go through the demo's in-process API
 * server over HTTPS on loopback; figures depend on the machine, so compare them with each other.
 */
public final class MetricsFetchBenchmark {

    private static final int SERIES = 2_000;
    private static final int WARMUP = 30;
    private static final int RUNS = 60;

    private MetricsFetchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String exposition = exposition(SERIES);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (DemoCluster demo = DemoCluster.start(); PortForwarder forwarder = new PortForwarder(demo.client())) {
            PodPort metrics = new PodPort("kube-system", DemoCluster.HEALTHY_REPLICA, 9153);
            demo.portForwards().route(metrics, new HttpResponder(path ->
                    new HttpResponder.Reply(200, "text/plain; version=0.0.4; charset=utf-8", exposition)));
            PodHttp http = new PodHttp(forwarder, timer, Duration.ofSeconds(10));
            int series = PrometheusText.parse(exposition).seriesCount();
            System.out.printf(Locale.ROOT, "metrics fetch benchmark: %,d series, %,d bytes, demo API server over HTTPS"
                    + " on 127.0.0.1, %d CPUs%n", series, exposition.length(), Runtime.getRuntime().availableProcessors());

            for (int i = 0; i < WARMUP; i++) {
                fetch(http, metrics);
                dnsOnFreshForward(forwarder);
            }
            long[] fetches = new long[RUNS];
            long[] parses = new long[RUNS];
            long[] dnsFresh = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                String body = fetch(http, metrics);
                long fetched = System.nanoTime();
                CoreDnsMetrics.of(PrometheusText.parse(body));
                long parsed = System.nanoTime();
                fetches[i] = parsed - start;
                parses[i] = parsed - fetched;
                dnsFresh[i] = dnsOnFreshForward(forwarder);
            }
            long[] dnsOpen = dnsOnOpenForward(forwarder);
            System.out.printf(Locale.ROOT, "  /metrics fetch + parse (new forward each): median %.1f ms, max %.1f ms"
                    + " (target <= 50 ms); parse alone median %.1f ms%n", median(fetches), max(fetches), median(parses));
            System.out.printf(Locale.ROOT, "  one DNS query on a new forward (baseline): median %.1f ms, max %.1f ms%n",
                    median(dnsFresh), max(dnsFresh));
            System.out.printf(Locale.ROOT, "  one DNS round trip on an open forward:    median %.2f ms%n",
                    median(dnsOpen));
            System.out.printf(Locale.ROOT, "  fetch + parse / DNS query on a new forward: %.1fx%n",
                    median(fetches) / median(dnsFresh));
            System.out.printf(Locale.ROOT, "  heap kept by the parsed exposition: %,d KiB (%,d bytes of text)%n",
                    retained(exposition) / 1024, exposition.length());
        } finally {
            timer.shutdownNow();
        }
    }

    private static String fetch(PodHttp http, PodPort port) throws InterruptedException {
        HttpResult r = http.get(port, "/metrics");
        if (r instanceof HttpResult.Response response && response.ok()) {
            return response.text();
        }
        throw new IllegalStateException("the metrics fetch failed: " + r);
    }

    private static long dnsOnFreshForward(PortForwarder forwarder) throws Exception {
        long start = System.nanoTime();
        try (PortForwardStream stream = forwarder.open(new PodPort("kube-system", DemoCluster.HEALTHY_REPLICA, 53))) {
            DnsConnection conn = connect(stream);
            conn.query(new Question("kubernetes.default.svc.cluster.local.", RrType.A), Duration.ofSeconds(10)).get();
            long took = System.nanoTime() - start;
            conn.close();
            return took;
        }
    }

    private static long[] dnsOnOpenForward(PortForwarder forwarder) throws Exception {
        try (PortForwardStream stream = forwarder.open(new PodPort("kube-system", DemoCluster.HEALTHY_REPLICA, 53))) {
            DnsConnection conn = connect(stream);
            Question q = new Question("kubernetes.default.svc.cluster.local.", RrType.A);
            for (int i = 0; i < WARMUP * 10; i++) {
                conn.query(q, Duration.ofSeconds(10)).get();
            }
            long[] out = new long[RUNS * 10];
            for (int i = 0; i < out.length; i++) {
                long start = System.nanoTime();
                conn.query(q, Duration.ofSeconds(10)).get();
                out[i] = System.nanoTime() - start;
            }
            conn.close();
            return out;
        }
    }

    private static DnsConnection connect(PortForwardStream stream) throws InterruptedException {
        ForwardState state = stream.awaitSettled(Duration.ofSeconds(10));
        if (!(state instanceof ForwardState.Ready)) {
            throw new IllegalStateException("the forward did not open: " + state);
        }
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "bench-dns");
            t.setDaemon(true);
            return t;
        };
        return DnsConnection.open(ByteStream.of(stream.fromPod(), stream.toPod(), stream.target().toString()), threads,
                (c, cause) -> { });
    }

    /** Heap growth while 20 parsed copies are held, per copy. */
    private static long retained(String text) {
        Exposition[] kept = new Exposition[20];
        long before = usedAfterGc();
        for (int i = 0; i < kept.length; i++) {
            kept[i] = PrometheusText.parse(text);
        }
        long after = usedAfterGc();
        if (kept[kept.length - 1].seriesCount() == 0) {
            throw new IllegalStateException("nothing parsed");
        }
        return (after - before) / kept.length;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A CoreDNS-shaped exposition: request-duration histograms over many zones and types, then counters. */
    static String exposition(int series) {
        StringBuilder out = new StringBuilder(series * 120);
        out.append("# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and"
                + " goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\n");
        out.append("coredns_build_info{goversion=\"go1.23.3\",revision=\"51e11f1\",version=\"1.12.0\"} 1\n");
        int written = 1;
        out.append("# HELP coredns_dns_request_duration_seconds Histogram of the time (in seconds) each request took"
                + " per zone.\n# TYPE coredns_dns_request_duration_seconds histogram\n");
        String[] types = {"A", "AAAA", "SRV", "PTR", "TXT", "other"};
        int zone = 0;
        outer:
        while (true) {
            for (String type : types) {
                if (written + 19 > series - 40) {
                    break outer;
                }
                String labels = "server=\"dns://:53\",type=\"" + type + "\",view=\"\",zone=\"zone-" + zone + ".example.\"";
                long cumulative = 0;
                for (int b = 0; b < 16; b++) {
                    cumulative += (b * 7 + zone) % 13;
                    out.append("coredns_dns_request_duration_seconds_bucket{").append(labels).append(",le=\"")
                            .append(0.00025 * (1L << b)).append("\"} ").append(cumulative).append('\n');
                }
                out.append("coredns_dns_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                        .append(cumulative).append('\n');
                out.append("coredns_dns_request_duration_seconds_sum{").append(labels).append("} ")
                        .append(cumulative * 0.0013).append('\n');
                out.append("coredns_dns_request_duration_seconds_count{").append(labels).append("} ")
                        .append(cumulative).append('\n');
                written += 19;
            }
            zone++;
        }
        out.append("# HELP coredns_dns_responses_total Counter of response status codes.\n"
                + "# TYPE coredns_dns_responses_total counter\n");
        while (written < series) {
            out.append("coredns_dns_responses_total{plugin=\"kubernetes\",rcode=\"NOERROR\",server=\"dns://:53\","
                    + "view=\"\",zone=\"zone-").append(written).append(".example.\"} ").append(written * 3).append('\n');
            written++;
        }
        return out.toString();
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
