package dev.kdi.session.bench;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.demo.DnsResponder;
import dev.kdi.demo.MockApiServer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.compare.Verdict;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.LiveSession;
import dev.kdi.session.Progress;
import dev.kdi.session.SessionInfo;
import dev.kdi.testing.GeneratedCluster;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code kdi check} throughput through one forward: a generated cluster (20,000 pods, 2,000
 * Services, their slices) served by the mock API server, one CoreDNS pod whose port-forward is
 * answered by a {@link DnsResponder} from the same model, and a live session checking every name
 * against that one replica. Prints names checked per second (target at least 5,000).
 *
 * <p>Run: {@code ./mvnw -q -Pbench -Dbench=CheckThroughput}.
 */
public final class CheckThroughputBenchmark {
    private static final int ROUNDS = 5;

    private CheckThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        GeneratedCluster cluster = GeneratedCluster.generate(20_000, 2_000, 50);
        AtomicReference<DnsModel> model = new AtomicReference<>();
        try (MockApiServer api = MockApiServer.start(true, inner -> new PreparedLists(cluster, inner))) {
            // The kubelet emulation forwards only to pods its store holds.
            api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kube-system")
                    .endMetadata().build()).create();
            api.client().pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata()
                    .withName(cluster.dnsPod()).withNamespace("kube-system").endMetadata().build()).create();
            api.portForwards().route(new PodPort("kube-system", cluster.dnsPod(), 53), new DnsResponder(model::get));
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withTrustCerts(true)
                    .withOauthToken("bench").withRequestTimeout(60_000).build();
            try (LiveSession live = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "bench", api.url(), "default"),
                    new ContextTarget("bench", "default", api.url(), config), new LiveOptions(List.of(), Optional.empty(), Optional.empty(),
                    Duration.ofSeconds(10), 500), Clock.systemUTC())) {
                live.start(Progress.NONE);
                model.set(live.current().model());
                CheckRequest request = new CheckRequest(Set.of(), Optional.of(cluster.dnsPod()));
                CheckReport warm = live.check(request, Progress.NONE).get(10, TimeUnit.MINUTES);
                System.out.printf(Locale.ROOT, "check of %,d names (%,d pods, %,d Services) against one DNS replica "
                                + "through one port-forward; mock API server over HTTPS on 127.0.0.1; %d CPUs%n",
                        warm.items().size(), cluster.count("pods"), cluster.count("services"),
                        Runtime.getRuntime().availableProcessors());
                if (warm.count(Verdict.Kind.OK) != warm.items().size()) {
                    throw new IllegalStateException("the replica should agree with the model: " + warm.summary());
                }
                double[] rates = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    long start = System.nanoTime();
                    CheckReport r = live.check(request, Progress.NONE).get(10, TimeUnit.MINUTES);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates[i] = r.items().size() / seconds;
                    System.out.printf(Locale.ROOT, "  round %d: %,d names in %.2f s: %,.0f names/s (%s)%n", i + 1,
                            r.items().size(), seconds, rates[i], r.summary());
                }
                Arrays.sort(rates);
                double median = rates[ROUNDS / 2];
                System.out.printf(Locale.ROOT, "4. check throughput: %,.0f names/s at the median (target >= 5,000) %s%n",
                        median, median >= 5_000 ? "MET" : "MISSED");
            }
        }
    }
}
