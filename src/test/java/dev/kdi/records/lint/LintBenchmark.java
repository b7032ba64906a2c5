package dev.kdi.records.lint;

import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.TargetPort;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long the lint takes on a large generated cluster: 2,000 namespaces, 20,000 Services and
 * 150,000 pods (target: at most 1 s on two cores). Not a unit test; run it with
 *
 * <pre>
 * ./mvnw -q -B test-compile
 * java -cp target/classes:target/test-classes dev.kdi.records.lint.LintBenchmark [namespaces]
 * </pre>
 *
 * <p>Each namespace holds a StatefulSet {@code db} (3 pods) behind headless Service {@code db},
 * and nine Deployments of 8 pods behind eight ClusterIP Services and one headless one; about 2%
 * of pods are not ready, one namespace in ten has a StatefulSet whose serviceName names no
 * Service, one in twenty a Service that selects nothing, so that every kind of check has work.
 */
public final class LintBenchmark {
    private static final int SERVICES_PER_NAMESPACE = 10;
    private static final int DEPLOYMENT_PODS = 8;
    private static final int SET_PODS = 3;

    private LintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long t0 = System.nanoTime();
        ClusterSnapshot snapshot = generate(namespaces);
        long t1 = System.nanoTime();
        DnsModel model = DnsModel.build(snapshot, CorefileParser.kubeadmDefault());
        long t2 = System.nanoTime();
        System.out.printf("cluster: %,d namespaces, %,d Services, %,d pods, %,d workloads, %,d EndpointSlices%n",
                snapshot.namespaces().size(), snapshot.services().size(), snapshot.pods().size(),
                snapshot.workloads().size(), model.endpointSlices().size());
        System.out.printf("generate %.0f ms, build model %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        // Wall time, and this thread's CPU time: on a busy machine the two part ways.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Finding> findings = List.of();
        int runs = 10;
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            findings = Lint.findings(model);
            times[i] = System.nanoTime() - s;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        Map<String, Integer> byCode = new java.util.TreeMap<>();
        for (Finding f : findings) {
            bySeverity.merge(f.severity(), 1, Integer::sum);
            byCode.merge(f.code(), 1, Integer::sum);
        }
        long[] warm = Arrays.copyOfRange(times, 1, runs);
        long[] warmCpu = Arrays.copyOfRange(cpu, 1, runs);
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        System.out.printf("lint: first run %.0f ms (cpu %.0f ms), warm median %.0f ms (cpu %.0f ms), warm best %.0f ms"
                        + " (%d runs; load average %.1f)%n", times[0] / 1e6, cpu[0] / 1e6, warm[warm.length / 2] / 1e6,
                warmCpu[warmCpu.length / 2] / 1e6, warm[0] / 1e6, runs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("findings: %,d %s %s%n", findings.size(), bySeverity, byCode);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use after lint: %.0f MB (processors: %d)%n",
                (rt.totalMemory() - rt.freeMemory()) / 1e6, rt.availableProcessors());
    }

    /**
     * A cluster shaped like the class comment says, with pods sharing their template's maps; the
     * window's benchmark uses it too.
     */
    public static ClusterSnapshot generate(int namespaceCount) {
        Set<String> namespaces = new LinkedHashSet<>();
        List<Service> services = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        int ip = 0;
        int serviceIp = 0;
        List<ServicePort> named = List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080)));
        List<ServicePort> unnamed = List.of(new ServicePort("", Protocol.TCP, 6379, TargetPort.number(6379)));
        List<ContainerPort> containerPorts = List.of(new ContainerPort("http", Protocol.TCP, 8080));
        for (int n = 0; n < namespaceCount; n++) {
            String ns = "team-" + n;
            namespaces.add(ns);
            // The StatefulSet and its headless Service (one in ten names a Service that is missing).
            Map<String, String> dbLabels = Map.of("app", "db");
            String serviceName = n % 10 == 0 ? "db-headless" : "db";
            workloads.add(new Workload(Kinds.STATEFUL_SET, ns, "db", LabelSelector.of(dbLabels),
                    new PodTemplate(dbLabels, null, null, PodDns.DEFAULTS, containerPorts), serviceName, SET_PODS));
            services.add(new Service(ns, "db", ServiceType.CLUSTER_IP, List.of(Service.NONE), null, named, dbLabels,
                    false, List.of(IpFamily.IPV4), Map.of()));
            for (int i = 0; i < SET_PODS; i++) {
                pods.add(pod(ns, "db-" + i, dbLabels, ip++, "db-" + i, serviceName, new Owner(Kinds.STATEFUL_SET, "db"),
                        containerPorts));
            }
            for (int s = 1; s < SERVICES_PER_NAMESPACE; s++) {
                String app = "app-" + s;
                Map<String, String> labels = Map.of("app", app, "pod-template-hash", "5d9f" + s);
                Map<String, String> selector = Map.of("app", n % 20 == 0 && s == 1 ? app + "-gone" : app);
                boolean headless = s == SERVICES_PER_NAMESPACE - 1;
                List<String> clusterIps = headless ? List.of(Service.NONE)
                        : List.of("10.96." + (serviceIp / 250) % 250 + "." + (serviceIp++ % 250 + 1));
                services.add(new Service(ns, app, ServiceType.CLUSTER_IP, clusterIps, null, s == 2 ? unnamed : named,
                        selector, false, List.of(IpFamily.IPV4), Map.of()));
                workloads.add(new Workload(Kinds.DEPLOYMENT, ns, app, LabelSelector.of(Map.of("app", app)),
                        new PodTemplate(labels, null, null, PodDns.DEFAULTS, containerPorts), null, DEPLOYMENT_PODS));
                Owner rs = new Owner(Kinds.REPLICA_SET, app + "-5d9f" + s);
                for (int i = 0; i < DEPLOYMENT_PODS; i++) {
                    pods.add(pod(ns, app + "-5d9f" + s + "-" + i, labels, ip++, null, null, rs, containerPorts));
                }
            }
        }
        return new ClusterSnapshot(namespaces, services, List.of(), List.of(), pods, workloads, null);
    }

    private static Pod pod(String ns, String name, Map<String, String> labels, int n, String hostname, String subdomain,
                           Owner owner, List<ContainerPort> ports) {
        String address = "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
        boolean ready = n % 50 != 7;
        return new Pod(ns, name, labels, List.of(address), hostname, subdomain, Pod.Phase.RUNNING, ready, false, "node-1",
                owner, PodDns.DEFAULTS, ports);
    }
}
