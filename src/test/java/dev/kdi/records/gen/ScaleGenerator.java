package dev.kdi.records.gen;

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
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Large clusters of realistic shape from a seed: N namespaces, M Services (a quarter headless,
 * a tenth ExternalName) and P pods, the pods grouped under StatefulSets (for headless Services)
 * and Deployments (for the others) of skewed sizes, plus a few pods no Service selects.
 *
 * <p>Pods of one workload share their label map, container ports, owner and DNS settings, and
 * equal strings are one instance, as a loader that deduplicates them would leave them: the
 * memory figures measured on these clusters assume that.
 */
public final class ScaleGenerator {

    /**
     * The size of a generated cluster.
     *
     * @param namespaces the number of namespaces (kube-system and default come on top)
     * @param services the number of Services
     * @param pods the number of pods
     */
    public record Scale(int namespaces, int services, int pods) {
        /** The Kubernetes scalability limits the benchmarks are held to. */
        public static final Scale KUBERNETES_LIMIT = new Scale(2000, 20000, 150000);
    }

    private static final String[] TEAMS = {"payments", "search", "checkout", "ml", "platform", "data", "web",
            "identity", "ads", "media"};
    private static final String[] APPS = {"api", "web", "worker", "db", "cache", "queue", "auth", "gateway", "store",
            "index", "feed", "mailer", "billing", "report", "events", "users", "cart", "catalog", "orders", "notify"};
    private static final List<ContainerPort> WEB_PORTS = List.of(new ContainerPort("metrics", Protocol.TCP, 9090));
    private static final List<ContainerPort> NO_PORTS = List.of();

    private final Random random;
    private final Addresses addresses = new Addresses();
    private final List<String> nodes;

    private ScaleGenerator(long seed, int pods) {
        this.random = new Random(seed);
        int nodeCount = Math.max(3, pods / 100);
        List<String> n = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            n.add("node-" + i);
        }
        this.nodes = n;
    }

    /** A cluster of the given size. */
    public static ClusterSnapshot generate(Scale scale, long seed) {
        return new ScaleGenerator(seed, scale.pods()).cluster(scale);
    }

    private enum Kind { CLUSTER_IP, HEADLESS, EXTERNAL_NAME }

    private ClusterSnapshot cluster(Scale scale) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add("default");
        namespaces.add("kube-system");
        List<String> ns = new ArrayList<>(scale.namespaces());
        for (int i = 0; i < scale.namespaces(); i++) {
            String name = TEAMS[i % TEAMS.length] + "-" + i;
            ns.add(name);
            namespaces.add(name);
        }
        List<Kind> kinds = new ArrayList<>(scale.services());
        int headless = scale.services() / 4;
        int external = scale.services() / 10;
        for (int i = 0; i < scale.services(); i++) {
            kinds.add(i < headless ? Kind.HEADLESS : i < headless + external ? Kind.EXTERNAL_NAME : Kind.CLUSTER_IP);
        }
        Collections.shuffle(kinds, random);

        // Where each Service lives and its name, unique in its namespace.
        List<String> svcNamespace = new ArrayList<>(scale.services());
        List<String> svcName = new ArrayList<>(scale.services());
        int[] perNamespace = new int[ns.size()];
        for (int i = 0; i < scale.services(); i++) {
            int n = random.nextInt(ns.size());
            int k = perNamespace[n]++;
            svcNamespace.add(ns.get(n));
            svcName.add(APPS[k % APPS.length] + (k < APPS.length ? "" : "-" + (k / APPS.length)));
        }

        // Workload sizes: mostly small, a few large; scaled to the pod count.
        int unselected = scale.pods() * 3 / 100;
        int[] sizes = workloadSizes(kinds, scale.pods() - unselected);

        List<Service> services = new ArrayList<>(scale.services());
        List<Pod> pods = new ArrayList<>(scale.pods());
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < scale.services(); i++) {
            String namespace = svcNamespace.get(i);
            String name = svcName.get(i);
            switch (kinds.get(i)) {
                case EXTERNAL_NAME -> {
                    String target = random.nextInt(10) == 0 && i > 0
                            ? svcName.get(i - 1) + "." + svcNamespace.get(i - 1) + ".svc.cluster.local"
                            : name + "-" + i + ".rds.example.com";
                    services.add(new Service(namespace, name, ServiceType.EXTERNAL_NAME, List.of(), target, List.of(), null,
                            false, List.of(), Map.of()));
                }
                case HEADLESS -> statefulSet(namespace, name, sizes[i], services, pods, workloads);
                case CLUSTER_IP -> deployment(namespace, name, sizes[i], services, pods, workloads);
            }
        }
        // Pods no Service selects (log agents, jobs), spread over the namespaces.
        Map<String, String> agentLabels = Map.of("app", "log-agent");
        Owner agent = new Owner(Kinds.DAEMON_SET, "log-agent");
        for (int i = 0; i < unselected; i++) {
            pods.add(new Pod(ns.get(i % ns.size()), "log-agent-" + suffix(), agentLabels, List.of(addresses.podV4()), null,
                    null, Pod.Phase.RUNNING, true, false, node(), agent, PodDns.DEFAULTS, NO_PORTS));
        }
        return new ClusterSnapshot(namespaces, services, List.of(), List.of(), pods, workloads, null);
    }

    private int[] workloadSizes(List<Kind> kinds, int total) {
        double[] raw = new double[kinds.size()];
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            if (kinds.get(i) == Kind.EXTERNAL_NAME) {
                continue;
            }
            double f = random.nextDouble();
            raw[i] = f < 0.7 ? 1 + random.nextInt(5) : f < 0.95 ? 6 + random.nextInt(25) : 31 + random.nextInt(270);
            sum += raw[i];
        }
        int[] sizes = new int[raw.length];
        int assigned = 0;
        for (int i = 0; i < raw.length; i++) {
            sizes[i] = (int) Math.floor(raw[i] * total / sum);
            assigned += sizes[i];
        }
        while (assigned < total) {
            int i = random.nextInt(raw.length);
            if (kinds.get(i) != Kind.EXTERNAL_NAME) {
                sizes[i]++;
                assigned++;
            }
        }
        return sizes;
    }

    private void statefulSet(String ns, String name, int replicas, List<Service> services, List<Pod> pods,
                             List<Workload> workloads) {
        Map<String, String> labels = Map.of("app", name, "controller-revision-hash", name + "-" + hash());
        List<ServicePort> ports = random.nextInt(5) == 0 ? List.of()
                : List.of(new ServicePort(random.nextBoolean() ? "peer" : "client", Protocol.TCP, 7000, TargetPort.number(7000)));
        services.add(new Service(ns, name, ServiceType.CLUSTER_IP, List.of(Service.NONE), null, ports, labels, false,
                List.of(), Map.of()));
        // One StatefulSet in ten names a Service that does not exist: the classic silent mistake.
        String serviceName = random.nextInt(10) == 0 ? name + "-headless" : name;
        Owner owner = new Owner(Kinds.STATEFUL_SET, name);
        workloads.add(new Workload(Kinds.STATEFUL_SET, ns, name, LabelSelector.of(labels),
                new PodTemplate(labels, null, null, PodDns.DEFAULTS, NO_PORTS), serviceName, replicas));
        for (int k = 0; k < replicas; k++) {
            String pod = name + "-" + k;
            pods.add(pod(ns, pod, labels, pod, serviceName, owner, NO_PORTS, false));
        }
    }

    private void deployment(String ns, String name, int replicas, List<Service> services, List<Pod> pods,
                            List<Workload> workloads) {
        String hash = hash();
        Map<String, String> labels = Map.of("app", name, "pod-template-hash", hash);
        boolean dual = random.nextInt(20) == 0;
        boolean metrics = random.nextInt(5) < 2;
        List<ServicePort> ports = metrics
                ? List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080)),
                        new ServicePort("metrics", Protocol.TCP, 9090, TargetPort.named("metrics")))
                : List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080)));
        List<String> ips = dual ? List.of(addresses.serviceV4(), addresses.serviceV6()) : List.of(addresses.serviceV4());
        List<IpFamily> families = dual ? List.of(IpFamily.IPV4, IpFamily.IPV6) : List.of(IpFamily.IPV4);
        // The selector leaves out the template hash, as Deployments' Services do.
        services.add(new Service(ns, name, ServiceType.CLUSTER_IP, ips, null, ports, Map.of("app", name), false, families,
                Map.of()));
        List<ContainerPort> containerPorts = metrics ? WEB_PORTS : NO_PORTS;
        Owner owner = new Owner(Kinds.REPLICA_SET, name + "-" + hash);
        workloads.add(new Workload(Kinds.DEPLOYMENT, ns, name, LabelSelector.of(Map.of("app", name)),
                new PodTemplate(labels, null, null, PodDns.DEFAULTS, containerPorts), null, replicas));
        String prefix = name + "-" + hash + "-";
        for (int k = 0; k < replicas; k++) {
            pods.add(pod(ns, prefix + suffix(), labels, null, null, owner, containerPorts, dual));
        }
    }

    private Pod pod(String ns, String name, Map<String, String> labels, String hostname, String subdomain, Owner owner,
                    List<ContainerPort> ports, boolean dual) {
        List<String> ips = dual ? List.of(addresses.podV4(), addresses.podV6()) : List.of(addresses.podV4());
        int state = random.nextInt(100);
        boolean ready = state >= 3;
        boolean terminating = state == 0;
        return new Pod(ns, name, labels, ips, hostname, subdomain, Pod.Phase.RUNNING, ready, terminating, node(), owner,
                PodDns.DEFAULTS, ports);
    }

    private String node() {
        return nodes.get(random.nextInt(nodes.size()));
    }

    private String hash() {
        return chars("0123456789abcdef", 10);
    }

    private String suffix() {
        return chars("bcdfghjklmnpqrstvwxz2456789", 5);
    }

    private String chars(String alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(c);
    }
}
