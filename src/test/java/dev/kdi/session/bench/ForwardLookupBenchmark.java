package dev.kdi.session.bench;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwardStream;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.TcpRelay;
import dev.kdi.dns.ByteStream;
import dev.kdi.dns.DnsConnection;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.LiveSession;
import dev.kdi.session.Progress;
import dev.kdi.session.ReplicaAnswer;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.SessionInfo;
import dev.kdi.testing.GeneratedCluster;
import dev.kdi.testing.KnotServer;
import dev.kdi.testing.PreparedLists;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One lookup's round trip through the port-forward against direct TCP to the same DNS server: a
 * Knot server on loopback, reached directly, through a forward of the mock API server (its
 * kubelet emulation relays the pod's port to Knot, as the kubelet dials a pod), and through a live
 * session's {@code ask}, as {@code kdi lookup} asks. One question at a time; prints the median,
 * p90 and p99 of each and what the forward adds at the median (target at most 0.2 ms).
 *
 * <p>Run: {@code ./mvnw -q -Pbench -Dbench=ForwardLookup}.
 */
public final class ForwardLookupBenchmark {
    private static final int WARMUP = 3_000;
    private static final int ROUNDS = 5_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Question QUESTION = new Question("web.shop.svc.cluster.local.", RrType.A);

    private ForwardLookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String zone = """
                cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30
                cluster.local. 30 IN NS ns.dns.cluster.local.
                ns.dns.cluster.local. 30 IN A 10.96.0.10
                web.shop.svc.cluster.local. 30 IN A 10.96.10.20
                """;
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "bench-dns");
            t.setDaemon(true);
            return t;
        };
        GeneratedCluster cluster = GeneratedCluster.generate(0, 1, 1);
        try (KnotServer knot = KnotServer.start("cluster.local.", zone);
             MockApiServer api = MockApiServer.start(true, inner -> new PreparedLists(cluster, inner))) {
            // The kubelet emulation forwards only to pods its store holds.
            api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kube-system")
                    .endMetadata().build()).create();
            api.client().pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                    .withName(cluster.dnsPod()).withNamespace("kube-system").endMetadata().build()).create();
            PodPort pod = new PodPort("kube-system", cluster.dnsPod(), 53);
            api.portForwards().route(pod, TcpRelay.toLoopback(knot.port()));
            System.out.printf(Locale.ROOT, "lookup round trip, one A question at a time to Knot on %s; mock API server "
                    + "over HTTPS on 127.0.0.1; %d CPUs%n", knot.socketAddress(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-44s %9s %9s %9s%n", "", "p50 ms", "p90 ms", "p99 ms");

            long[] direct;
            try (DnsConnection conn = DnsConnection.open(ByteStream.connect(knot.socketAddress(), TIMEOUT), daemons,
                    (c, cause) -> { })) {
                direct = measure(() -> conn.query(QUESTION, TIMEOUT).get().answer());
            }
            print("direct TCP (baseline)", direct);

            long[] forward;
            try (PortForwarder forwarder = new PortForwarder(api.client())) {
                PortForwardStream stream = forwarder.open(pod);
                try (DnsConnection conn = DnsConnection.open(ByteStream.of(stream.fromPod(), stream.toPod(), "bench"),
                        daemons, (c, cause) -> { })) {
                    forward = measure(() -> conn.query(QUESTION, TIMEOUT).get().answer());
                } finally {
                    stream.close();
                }
            }
            print("through a port-forward (DnsConnection)", forward);

            long[] session;
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withTrustCerts(true)
                    .withOauthToken("bench").build();
            try (LiveSession live = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "bench", api.url(), "default"),
                    new ContextTarget("bench", "default", api.url(), config), new LiveOptions(List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                    TIMEOUT, 500), Clock.systemUTC())) {
                live.start(Progress.NONE);
                ReplicaChoice one = ReplicaChoice.one(cluster.dnsPod());
                session = measure(() -> {
                    ReplicaAnswer a = live.ask(QUESTION, one).get(10, TimeUnit.SECONDS).get(0);
                    return a.answer().orElseThrow(() -> new IllegalStateException(a.error().orElse("no answer")));
                });
            }
            print("through a live session's ask (kdi lookup)", session);

            double added = (median(session) - median(direct)) / 1e6;
            System.out.printf(Locale.ROOT, "3. added at the median: %.3f ms by the session's ask, %.3f ms by the "
                            + "forward alone (target <= 0.200 ms; direct TCP %.3f ms) %s%n", added,
                    (median(forward) - median(direct)) / 1e6, median(direct) / 1e6, added <= 0.2 ? "MET" : "MISSED");
        }
    }

    @FunctionalInterface
    private interface Lookup {
        Object run() throws Exception;
    }

    private static long[] measure(Lookup lookup) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            lookup.run();
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            lookup.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static void print(String what, long[] sorted) {
        System.out.printf(Locale.ROOT, "%-44s %9.3f %9.3f %9.3f%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 9 / 10] / 1e6, sorted[sorted.length * 99 / 100] / 1e6);
    }
}
