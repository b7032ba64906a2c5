package dev.kdi.cluster.bench;

import dev.kdi.cluster.ClusterLoader;
import dev.kdi.cluster.DnsFieldsSerialization;
import dev.kdi.demo.MockApiServer;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.testing.GeneratedCluster;
import dev.kdi.testing.PreparedLists;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openjdk.jol.info.GraphLayout;

/**
 * Loading a generated cluster of 150,000 pods, 20,000 Services and their EndpointSlices into the
 * model's snapshot ({@code ClusterLoader.load} + {@code snapshot()}), against the floor: a plain
 * fabric8 list of the same objects, page by page, kept as fabric8 objects. Prints the ratio of the
 * two (target at most 1.3) and the heap the snapshot retains per pod (JOL; target at most 1 KB),
 * beside what fabric8's full objects retain.
 *
 * <p>The lists come from {@link PreparedLists}, pages rendered once, over HTTPS on 127.0.0.1, in
 * pages of 500 as the loader asks for them. A benchmark that prints figures, not a test.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -Dbench=ClusterLoad} (its own JVM with a 6 GB heap); the
 * defaults 150,000 pods, 20,000 Services and 5 rounds may be changed with {@code -Dkdi.bench.pods},
 * {@code -Dkdi.bench.services} and {@code -Dkdi.bench.rounds} when run with {@code exec:java}.
 */
public final class ClusterLoadBenchmark {
    private static final int PAGE = 500;
    private static final int FABRIC8_SAMPLE = 10_000;
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(Namespace.class, Service.class,
            EndpointSlice.class, Pod.class, StatefulSet.class, Deployment.class, ReplicaSet.class, DaemonSet.class,
            Job.class, CronJob.class);

    private ClusterLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // JOL needs this to measure records (Unsafe refuses their field offsets).
        System.setProperty("jol.magicFieldOffset", "true");
        // System properties, not arguments: exec:java hands the pom's exec:exec command line to main.
        int pods = Integer.getInteger("kdi.bench.pods", 150_000);
        int services = Integer.getInteger("kdi.bench.services", 20_000);
        int rounds = Integer.getInteger("kdi.bench.rounds", 5);
        GeneratedCluster cluster = GeneratedCluster.generate(pods, services, 200);
        System.out.printf(Locale.ROOT, "cluster: %,d pods (%,d bytes of JSON each on average), %,d Services, %,d "
                        + "EndpointSlices, %,d namespaces; pages of %d over HTTPS on 127.0.0.1; %d CPUs, heap %,d MB%n",
                cluster.count("pods"), cluster.jsonBytes("pods") / cluster.count("pods"), cluster.count("services"),
                cluster.count("endpointslices"), cluster.count("namespaces"), PAGE,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (MockApiServer api = MockApiServer.start(true, inner -> new PreparedLists(cluster, inner));
             KubernetesClient client = new KubernetesClientBuilder().withConfig(config(api)).build();
             // The client a live session reads with: it skips, while parsing, what DNS never reads.
             KubernetesClient kdiClient = new KubernetesClientBuilder().withConfig(config(api))
                     .withKubernetesSerialization(DnsFieldsSerialization.create()).build()) {
            String[] names = {"plain fabric8 list, each page dropped", "plain fabric8 list, objects kept",
                "ClusterLoader.load + snapshot, kdi's client", "ClusterLoader.load + snapshot, default client"};
            long[][] wall = new long[names.length][rounds];
            long[][] cpu = new long[names.length][rounds];
            for (int warmup = 0; warmup < 2; warmup++) {
                plainList(client, true);
                load(kdiClient, scheduler);
                load(client, scheduler);
            }
            List<List<HasMetadata>> fabric8Objects = null;
            ClusterSnapshot snapshot = null;
            for (int i = 0; i < rounds; i++) {
                // Each in turn goes first, so none always follows the others' garbage.
                for (int j = 0; j < names.length; j++) {
                    int which = (i + j) % names.length;
                    fabric8Objects = which == 1 ? null : fabric8Objects;
                    snapshot = which == 2 ? null : snapshot;
                    System.gc();
                    long cpuStart = processCpu();
                    long start = System.nanoTime();
                    switch (which) {
                        case 0 -> plainList(client, false);
                        case 1 -> fabric8Objects = plainList(client, true);
                        case 2 -> snapshot = load(kdiClient, scheduler);
                        default -> load(client, scheduler);
                    }
                    wall[which][i] = System.nanoTime() - start;
                    cpu[which][i] = processCpu() - cpuStart;
                }
            }
            System.out.printf(Locale.ROOT, "%-48s %9s %9s   %s%n", "", "wall ms", "CPU ms", "wall ms of each round");
            for (int k = 0; k < names.length; k++) {
                row(names[k], wall[k], cpu[k]);
            }
            // The stricter floor: listing alone, nothing kept; keeping fabric8's objects is slower still.
            long floor = Math.min(median(wall[0]), median(wall[1]));
            long loaderMedian = median(wall[2]);
            double ratio = (double) loaderMedian / floor;
            System.out.printf(Locale.ROOT, "1. load ratio: %.2f (kdi's loader %,d ms against the plain list's %,d ms; "
                    + "target <= 1.30) %s; with a default client %.2f%n", ratio, loaderMedian / 1_000_000,
                    floor / 1_000_000, ratio <= 1.3 ? "MET" : "MISSED", (double) median(wall[3]) / floor);

            // JOL walks every object it measures: fabric8's 150,000 full pods are millions of them, so
            // their figure comes from a sample; the snapshot is measured whole.
            List<HasMetadata> fabric8Pods = fabric8Objects.get(KINDS.indexOf(Pod.class));
            List<HasMetadata> sample = new ArrayList<>(fabric8Pods.subList(0, Math.min(FABRIC8_SAMPLE, fabric8Pods.size())));
            fabric8Objects = null;
            fabric8Pods = null;
            System.gc();
            long fabric8PerPod = GraphLayout.parseInstance(sample).totalSize() / sample.size();
            sample = null;
            long snapshotBytes = GraphLayout.parseInstance(snapshot).totalSize();
            long storeBytes = storeOf(kdiClient, scheduler);
            long podBytes = GraphLayout.parseInstance(snapshot.pods()).totalSize();
            int podCount = snapshot.pods().size();
            System.out.printf(Locale.ROOT, "snapshot retains %,d bytes in all (%,d per pod, Services and slices "
                    + "included); its %,d pods alone %,d bytes%n", snapshotBytes, snapshotBytes / podCount, podCount,
                    podBytes);
            System.out.printf(Locale.ROOT, "a live loader's own store (every kind, keyed by namespace/name) retains "
                    + "%,d bytes (%,d per pod)%n", storeBytes, storeBytes / podCount);
            System.out.printf(Locale.ROOT, "fabric8's full Pod objects retain %,d bytes per pod (measured on %,d)%n",
                    fabric8PerPod, Math.min(FABRIC8_SAMPLE, podCount));
            System.out.printf(Locale.ROOT, "2. retained heap per pod: %,d bytes (target <= 1,024; fabric8: %,d) %s%n",
                    podBytes / podCount, fabric8PerPod, podBytes / podCount <= 1024 ? "MET" : "MISSED");
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static Config config(MockApiServer api) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withTrustCerts(true).withOauthToken("bench")
                .withRequestTimeout(60_000).build();
    }

    /** The floor: every kind listed page by page, kept as fabric8 objects or each page dropped. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<List<HasMetadata>> plainList(KubernetesClient client, boolean keep) {
        List<List<HasMetadata>> all = new ArrayList<>();
        long seen = 0;
        for (Class<? extends HasMetadata> kind : KINDS) {
            List<HasMetadata> items = new ArrayList<>();
            String token = null;
            do {
                var options = new ListOptionsBuilder().withLimit((long) PAGE).withContinue(token).build();
                KubernetesResourceList<? extends HasMetadata> page = kind == Namespace.class
                        ? client.namespaces().list(options)
                        : (KubernetesResourceList) client.resources(kind).inAnyNamespace().list(options);
                if (keep) {
                    items.addAll(page.getItems());
                }
                seen += page.getItems().size();
                token = page.getMetadata().getContinue();
            } while (token != null && !token.isEmpty());
            all.add(items);
        }
        if (seen == 0) {
            throw new IllegalStateException("the server listed nothing");
        }
        return all;
    }

    private static ClusterSnapshot load(KubernetesClient client, ScheduledExecutorService scheduler) throws Exception {
        try (ClusterLoader loader = new ClusterLoader(client, new ObjectConverter(new Interner()), List.of("default"),
                PAGE, scheduler, Clock.systemUTC(), () -> { })) {
            loader.load();
            return loader.snapshot();
        }
    }

    /** What a loader that stays open (as a session's does) holds: its store, read by reflection. */
    private static long storeOf(KubernetesClient client, ScheduledExecutorService scheduler) throws Exception {
        try (ClusterLoader loader = new ClusterLoader(client, new ObjectConverter(new Interner()), List.of("default"),
                PAGE, scheduler, Clock.systemUTC(), () -> { })) {
            loader.load();
            Field store = ClusterLoader.class.getDeclaredField("store");
            store.setAccessible(true);
            return GraphLayout.parseInstance(store.get(loader)).totalSize();
        }
    }

    private static void row(String what, long[] wall, long[] cpu) {
        System.out.printf(Locale.ROOT, "%-48s %,9d %,9d   %s%n", what, median(wall) / 1_000_000, median(cpu) / 1_000_000,
                millis(wall));
    }

    /** CPU time of the whole process: the client's parsing runs on Vert.x threads, and GC counts too. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).map(n -> n / 1_000_000).toArray());
    }
}
