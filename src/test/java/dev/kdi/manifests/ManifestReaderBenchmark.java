package dev.kdi.manifests;

import dev.kdi.records.objects.ClusterSnapshot;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints how long reading a large generated cluster takes and how much memory the resulting
 * snapshot retains. Not a test: run it by hand after {@code ./mvnw test-compile} and
 * {@code ./mvnw dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt}:
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.kdi.manifests.ManifestReaderBenchmark 150000}.
 *
 * <p>The cluster: Deployments of 50 pods each, every pod with labels, an owner, a named port and a
 * Ready condition, as multi-document YAML and as one {@code kind: List} (the shape of
 * {@code kubectl get pods -A -o yaml}).
 */
public final class ManifestReaderBenchmark {

    private ManifestReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // JOL needs this to measure records (Unsafe refuses their field offsets).
        System.setProperty("jol.magicFieldOffset", "true");
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
        byte[] documents = generate(pods, false).getBytes(StandardCharsets.UTF_8);
        byte[] list = generate(pods, true).getBytes(StandardCharsets.UTF_8);
        System.out.printf("%,d pods: %,d bytes of multi-document YAML, %,d bytes as one List%n",
                pods, documents.length, list.length);
        for (int round = 1; round <= 3; round++) {
            measure("documents, round " + round, documents, round == 3);
            measure("List,      round " + round, list, false);
        }
    }

    private static void measure(String what, byte[] input, boolean footprint) throws ManifestException {
        ManifestReader reader = new ManifestReader(() -> new ByteArrayInputStream(input), new ObjectConverter(new Interner()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        ManifestSet set = reader.read(List.of("-"));
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        long millis = (System.nanoTime() - start) / 1_000_000;
        ClusterSnapshot snapshot = set.snapshot();
        // CPU time of the reading thread says more than wall time on a busy machine.
        System.out.printf("%s: %,d objects in %,d ms wall, %,d ms CPU (%.1f µs CPU per object)%n",
                what, set.objects(), millis, cpuMillis, cpuMillis * 1000.0 / set.objects());
        if (footprint) {
            long bytes = GraphLayout.parseInstance(snapshot).totalSize();
            System.out.printf("snapshot retains %,d bytes: %,d bytes per pod%n", bytes, bytes / snapshot.pods().size());
        }
    }

    static String generate(int pods, boolean asList) {
        StringBuilder sb = new StringBuilder(pods * 700);
        if (asList) {
            sb.append("apiVersion: v1\nitems:\n");
        }
        for (int i = 0; i < pods; i++) {
            int deployment = i / 50;
            String pod = """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: app-%1$d-7d9f8b6c5-%2$d
                      namespace: team-%3$d
                      labels: {app: app-%1$d, pod-template-hash: 7d9f8b6c5}
                      ownerReferences:
                      - {apiVersion: apps/v1, kind: ReplicaSet, name: app-%1$d-7d9f8b6c5, uid: u-%1$d, controller: true}
                    spec:
                      nodeName: node-%4$d
                      containers:
                      - name: app
                        image: registry.example.com/app:1.0
                        ports: [{name: http, containerPort: 8080}]
                    status:
                      phase: Running
                      podIP: 10.%5$d.%6$d.%7$d
                      podIPs: [{ip: 10.%5$d.%6$d.%7$d}]
                      conditions: [{type: Ready, status: "True"}]
                    """.formatted(deployment, i, deployment % 20, i % 100, i / 65536, (i / 256) % 256, i % 256);
            if (asList) {
                sb.append("- ").append(pod.strip().replace("\n", "\n  ")).append('\n');
            } else {
                sb.append("---\n").append(pod);
            }
        }
        if (asList) {
            sb.append("kind: List\nmetadata: {resourceVersion: \"\"}\n");
        }
        return sb.toString();
    }
}
