package dev.kdi.records.gen;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random small clusters and Corefiles from a seed: every kind of Service (single- and dual-stack
 * ClusterIP, NodePort, LoadBalancer, headless with and without ports, ExternalName pointing out,
 * in, at an address or at nonsense), pods in every state, StatefulSets whose {@code serviceName}
 * matches or not, hand-made EndpointSlices and Endpoints, and the kubernetes plugin options.
 *
 * <p>Objects pass Kubernetes validation except where a case is generated on purpose (an invalid
 * ExternalName, a slice left without a port number, a namespace that was never created), because
 * the model is exact only for what a real API server can hold.
 */
public final class ClusterGenerator {
    private static final String[] NAMESPACES = {"shop", "db", "team-a", "monitoring", "payments", "edge", "data"};
    private static final String[] SERVICE_NAMES = {"web", "api", "db", "cache", "pg", "kafka", "redis", "frontend",
            "backend", "auth", "mq", "search", "sample-headless", "zk", "grafana", "etcd"};
    private static final String[] PORT_NAMES = {"http", "https", "grpc", "metrics", "dns", "admin", "peer", "client"};
    private static final int[] PORT_NUMBERS = {80, 443, 53, 8080, 9090, 5432, 6379, 2379, 9092, 8443};
    private static final String[] CONTAINER_PORT_NAMES = {"web", "metrics-port", "grpc-port"};
    private static final String[] HOSTNAMES = {"primary", "replica-1", "node-a", "leader"};
    private static final String[] OUTSIDE_TARGETS = {"api.example.com", "api.example.com.", "db.prod.example.org",
            "storage.googleapis.com"};
    private static final String[] INVALID_TARGETS = {"", "not a name", "-bad-.example.com", "a..b", "2001:db8::1",
            "1.2.3.4"};

    private final Random random;
    private final Addresses addresses = new Addresses();
    private final String domain;

    private final Set<String> namespaces = new LinkedHashSet<>();
    private final List<Service> services = new ArrayList<>();
    private final List<EndpointSlice> slices = new ArrayList<>();
    private final List<EndpointsObject> endpoints = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();

    private ClusterGenerator(long seed) {
        this.random = new Random(seed);
        this.domain = chance(0.85) ? "cluster.local" : "k8s.example.test";
    }

    /** A random cluster and a random Corefile for it, both from the seed. */
    public static GeneratedCluster random(long seed) {
        ClusterGenerator g = new ClusterGenerator(seed);
        ClusterSnapshot snapshot = g.cluster();
        String corefile = g.corefile();
        return new GeneratedCluster(seed, g.domain, snapshot, corefile);
    }

    // ---- the cluster

    private ClusterSnapshot cluster() {
        namespaces.add("default");
        namespaces.add("kube-system");
        List<String> pool = new ArrayList<>(List.of(NAMESPACES));
        int extra = 1 + random.nextInt(3);
        for (int i = 0; i < extra; i++) {
            namespaces.add(pool.remove(random.nextInt(pool.size())));
        }
        if (chance(0.6)) {
            clusterDns();
        }
        List<String> used = new ArrayList<>(namespaces);
        if (chance(0.07)) {
            // Objects from manifests whose Namespace object was never created.
            used.add("ghost");
        }
        List<String[]> externalNames = new ArrayList<>();
        for (String ns : used) {
            List<String> names = new ArrayList<>(List.of(SERVICE_NAMES));
            int count = 1 + random.nextInt(ns.equals("kube-system") ? 2 : 5);
            for (int i = 0; i < count; i++) {
                String name = names.remove(random.nextInt(names.size()));
                double kind = random.nextDouble();
                if (kind < 0.15) {
                    externalNames.add(new String[] {ns, name});
                } else if (kind < 0.50) {
                    headless(ns, name, names);
                } else if (kind < 0.53) {
                    addService(ns, name, ServiceType.CLUSTER_IP, List.of(), servicePorts(false), selectorFor(ns, name, names),
                            List.of());
                } else {
                    clusterIp(ns, name, names);
                }
            }
            if (chance(0.05)) {
                // A slice left behind for a Service that is gone.
                slices.add(givenSlice(ns, "gone", List.of()));
            }
            if (chance(0.05)) {
                endpoints.add(new EndpointsObject(ns, "orphan", List.of(subset(List.of())), false));
            }
        }
        if (chance(0.2)) {
            hostNetworkDaemonSet(pick(new ArrayList<>(namespaces)));
        }
        // ExternalNames last, so that they can point at the other Services.
        for (String[] e : externalNames) {
            addService(e[0], e[1], ServiceType.EXTERNAL_NAME, List.of(), chance(0.2) ? servicePorts(false) : List.of(), null,
                    List.of(), externalTarget(e[0], e[1]), false);
        }
        return new ClusterSnapshot(namespaces, services, slices, endpoints, pods, workloads, null);
    }

    /** kube-dns and its CoreDNS pods, whose addresses the NS records and glue use. */
    private void clusterDns() {
        Map<String, String> labels = Map.of("k8s-app", "kube-dns");
        List<ServicePort> ports = List.of(new ServicePort("dns", Protocol.UDP, 53, TargetPort.number(53)),
                new ServicePort("dns-tcp", Protocol.TCP, 53, TargetPort.number(53)));
        boolean v6 = chance(0.2);
        List<String> ips = v6 ? List.of(addresses.serviceV4(), addresses.serviceV6()) : List.of(addresses.serviceV4());
        services.add(new Service("kube-system", "kube-dns", ServiceType.CLUSTER_IP, ips, null, ports, labels, false,
                v6 ? List.of(IpFamily.IPV4, IpFamily.IPV6) : List.of(), Map.of()));
        Owner owner = new Owner(Kinds.REPLICA_SET, "coredns-5d78c9869d");
        for (int i = 0; i < 2; i++) {
            List<String> podIps = v6 ? List.of(addresses.podV4(), addresses.podV6()) : List.of(addresses.podV4());
            pods.add(new Pod("kube-system", "coredns-5d78c9869d-" + randomSuffix(), labels, podIps, null, null,
                    Pod.Phase.RUNNING, chance(0.9), false, "node-" + i, owner, PodDns.DEFAULTS, List.of()));
        }
    }

    private void clusterIp(String ns, String name, List<String> otherNames) {
        ServiceType type = chance(0.7) ? ServiceType.CLUSTER_IP : chance(0.5) ? ServiceType.NODE_PORT
                : ServiceType.LOAD_BALANCER;
        double f = random.nextDouble();
        List<String> ips;
        List<IpFamily> families;
        if (f < 0.6) {
            ips = List.of(addresses.serviceV4());
            families = chance(0.5) ? List.of(IpFamily.IPV4) : List.of();
        } else if (f < 0.7) {
            ips = List.of(addresses.serviceV6());
            families = chance(0.5) ? List.of(IpFamily.IPV6) : List.of();
        } else if (f < 0.9) {
            ips = List.of(addresses.serviceV4(), addresses.serviceV6());
            families = List.of(IpFamily.IPV4, IpFamily.IPV6);
        } else {
            ips = List.of(addresses.serviceV6(), addresses.serviceV4());
            families = List.of(IpFamily.IPV6, IpFamily.IPV4);
        }
        List<ServicePort> ports = servicePorts(false);
        Map<String, String> selector = selectorFor(ns, name, otherNames);
        addService(ns, name, type, ips, ports, selector, families);
        if (selector != null && name.equals(selector.get("app"))) {
            workload(ns, name, ports, false);
        }
    }

    private void headless(String ns, String name, List<String> otherNames) {
        double f = random.nextDouble();
        List<IpFamily> families = f < 0.5 ? List.of() : f < 0.75 ? List.of(IpFamily.IPV4)
                : f < 0.85 ? List.of(IpFamily.IPV6) : List.of(IpFamily.IPV4, IpFamily.IPV6);
        List<ServicePort> ports = servicePorts(true);
        Map<String, String> selector = selectorFor(ns, name, otherNames);
        addService(ns, name, ServiceType.CLUSTER_IP, List.of(Service.NONE), ports, selector, families);
        if (selector != null && name.equals(selector.get("app"))) {
            workload(ns, name, ports, true);
        }
    }

    private void addService(String ns, String name, ServiceType type, List<String> ips, List<ServicePort> ports,
                            Map<String, String> selector, List<IpFamily> families) {
        addService(ns, name, type, ips, ports, selector, families, null, chance(0.1));
        if (selector == null) {
            handMadeEndpoints(ns, name, ports);
        } else if (chance(0.1)) {
            // Given slices win over what the controller would derive.
            slices.add(givenSlice(ns, name, ports));
        }
    }

    private void addService(String ns, String name, ServiceType type, List<String> ips, List<ServicePort> ports,
                            Map<String, String> selector, List<IpFamily> families, String externalName,
                            boolean publishNotReady) {
        services.add(new Service(ns, name, type, ips, externalName, ports, selector, publishNotReady, families, Map.of()));
    }

    /** The selector of a Service: usually its own app label; sometimes another's, or none. */
    private Map<String, String> selectorFor(String ns, String name, List<String> otherNames) {
        double f = random.nextDouble();
        if (f < 0.15) {
            return null;
        }
        if (f < 0.25) {
            // Overlapping selection: this Service selects another workload's pods (as in the seed).
            for (Service s : services) {
                if (s.namespace().equals(ns) && s.hasSelector()) {
                    return s.selector();
                }
            }
        }
        if (f < 0.30) {
            return Map.of("app", "nothing-" + pick(otherNames));
        }
        return Map.of("app", name);
    }

    /** Service ports as the API allows them: several only if all are named, names unique. */
    private List<ServicePort> servicePorts(boolean headless) {
        double f = random.nextDouble();
        int count = headless ? (f < 0.3 ? 0 : f < 0.7 ? 1 : 2 + random.nextInt(2))
                : (f < 0.05 ? 0 : f < 0.6 ? 1 : 2 + random.nextInt(2));
        List<String> names = new ArrayList<>(List.of(PORT_NAMES));
        List<ServicePort> out = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            String name = count == 1 && chance(0.5) ? "" : names.remove(random.nextInt(names.size()));
            Protocol protocol = protocol();
            int port = PORT_NUMBERS[random.nextInt(PORT_NUMBERS.length)];
            if (!used.add(port + "/" + protocol)) {
                continue;
            }
            double t = random.nextDouble();
            TargetPort target = t < 0.4 ? TargetPort.number(port) : t < 0.7 ? TargetPort.number(8000 + random.nextInt(100))
                    : TargetPort.named(pick(CONTAINER_PORT_NAMES));
            out.add(new ServicePort(name, protocol, port, target));
        }
        return out;
    }

    private Protocol protocol() {
        double p = random.nextDouble();
        return p < 0.8 ? Protocol.TCP : p < 0.95 ? Protocol.UDP : Protocol.SCTP;
    }

    // ---- workloads and pods

    private void workload(String ns, String app, List<ServicePort> ports, boolean headless) {
        Map<String, String> labels = chance(0.5) ? Map.of("app", app) : Map.of("app", app, "tier", pick("web", "data"));
        List<ContainerPort> containerPorts = containerPorts();
        int replicas = random.nextInt(5);
        double f = random.nextDouble();
        if (headless && f < 0.6) {
            // StatefulSet: hostname = pod name, subdomain = serviceName (which may name no Service).
            String sts = app + (chance(0.5) ? "" : "-set");
            String serviceName = chance(0.8) ? app : app + "-peers";
            Owner owner = new Owner(Kinds.STATEFUL_SET, sts);
            workloads.add(new Workload(Kinds.STATEFUL_SET, ns, sts, LabelSelector.of(labels),
                    new PodTemplate(labels, null, null, PodDns.DEFAULTS, containerPorts), serviceName, replicas));
            for (int i = 0; i < replicas; i++) {
                String name = sts + "-" + i;
                pods.add(pod(ns, name, labels, name, serviceName, owner, containerPorts));
            }
            return;
        }
        if (f < 0.85) {
            String deploy = app + (chance(0.5) ? "" : "-deployment");
            String hash = randomHash();
            // A template hostname gives every replica the same name.
            String hostname = headless && chance(0.3) ? "shared" : null;
            String subdomain = hostname == null ? null : chance(0.8) ? app : "elsewhere";
            Owner owner = new Owner(Kinds.REPLICA_SET, deploy + "-" + hash);
            workloads.add(new Workload(Kinds.DEPLOYMENT, ns, deploy, LabelSelector.of(labels),
                    new PodTemplate(labels, hostname, subdomain, PodDns.DEFAULTS, containerPorts), null, replicas));
            for (int i = 0; i < replicas; i++) {
                pods.add(pod(ns, deploy + "-" + hash + "-" + randomSuffix(), labels, hostname, subdomain, owner,
                        containerPorts));
            }
            return;
        }
        // Bare pods, some with hostname and subdomain.
        for (int i = 0; i < replicas; i++) {
            String hostname = chance(0.5) ? app + "-host-" + i : null;
            String subdomain = hostname == null ? null : chance(0.7) ? app : pick(SERVICE_NAMES);
            pods.add(pod(ns, app + "-pod-" + i, labels, hostname, subdomain, null, containerPorts));
        }
    }

    private List<ContainerPort> containerPorts() {
        List<ContainerPort> out = new ArrayList<>();
        for (String name : CONTAINER_PORT_NAMES) {
            if (chance(0.6)) {
                // Mostly TCP; a UDP one does not resolve a TCP targetPort of the same name.
                out.add(new ContainerPort(name, chance(0.85) ? Protocol.TCP : Protocol.UDP, 9000 + random.nextInt(100)));
            }
        }
        return List.copyOf(out);
    }

    private Pod pod(String ns, String name, Map<String, String> labels, String hostname, String subdomain, Owner owner,
                    List<ContainerPort> containerPorts) {
        double f = random.nextDouble();
        List<String> ips = f < 0.65 ? List.of(addresses.podV4()) : f < 0.75 ? List.of(addresses.podV6())
                : f < 0.90 ? List.of(addresses.podV4(), addresses.podV6())
                : f < 0.95 ? List.of(addresses.podV6(), addresses.podV4()) : List.of();
        double p = random.nextDouble();
        Pod.Phase phase = ips.isEmpty() ? Pod.Phase.PENDING : p < 0.9 ? Pod.Phase.RUNNING
                : p < 0.95 ? Pod.Phase.SUCCEEDED : Pod.Phase.FAILED;
        boolean ready = phase == Pod.Phase.RUNNING && chance(0.8);
        boolean terminating = chance(0.07);
        return new Pod(ns, name, labels, ips, hostname, subdomain, phase, ready, terminating, "node-" + random.nextInt(3),
                owner, PodDns.DEFAULTS, containerPorts);
    }

    /** Host-network pods share their node's address, so one address has several pods. */
    private void hostNetworkDaemonSet(String ns) {
        Map<String, String> labels = Map.of("app", "node-exporter");
        Owner owner = new Owner(Kinds.DAEMON_SET, "node-exporter");
        PodDns dns = new PodDns(dev.kdi.records.objects.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, true, false, null);
        workloads.add(new Workload(Kinds.DAEMON_SET, ns, "node-exporter", LabelSelector.of(labels),
                new PodTemplate(labels, null, null, dns, List.of()), null, -1));
        List<ServicePort> ports = List.of(new ServicePort("metrics", Protocol.TCP, 9100, TargetPort.number(9100)));
        services.add(new Service(ns, "node-exporter", ServiceType.CLUSTER_IP, List.of(Service.NONE), null, ports, labels,
                false, List.of(), Map.of()));
        for (int node = 0; node < 3; node++) {
            String nodeIp = "192.168.0." + (10 + node);
            pods.add(new Pod(ns, "node-exporter-" + randomSuffix(), labels, List.of(nodeIp), null, null, Pod.Phase.RUNNING,
                    true, false, "node-" + node, owner, dns, List.of()));
            // Another host-network pod on the same node, in kube-system.
            if (chance(0.5)) {
                pods.add(new Pod("kube-system", "kube-proxy-" + randomSuffix(), Map.of("k8s-app", "kube-proxy"),
                        List.of(nodeIp), null, null, Pod.Phase.RUNNING, true, false, "node-" + node,
                        new Owner(Kinds.DAEMON_SET, "kube-proxy"), dns, List.of()));
            }
        }
    }

    // ---- hand-made endpoints

    /** A selector-less Service's endpoints: hand-made slices, a legacy Endpoints object, or none. */
    private void handMadeEndpoints(String ns, String name, List<ServicePort> ports) {
        double f = random.nextDouble();
        if (f < 0.55) {
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                slices.add(givenSlice(ns, name, ports));
            }
        } else if (f < 0.9) {
            int n = 1 + random.nextInt(2);
            List<EndpointsObject.Subset> subsets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                subsets.add(subset(ports));
            }
            endpoints.add(new EndpointsObject(ns, name, subsets, chance(0.1)));
        }
    }

    private EndpointSlice givenSlice(String ns, String service, List<ServicePort> servicePorts) {
        IpFamily family = chance(0.7) ? IpFamily.IPV4 : IpFamily.IPV6;
        List<EndpointPort> ports = new ArrayList<>();
        if (!chance(0.25)) {
            for (ServicePort sp : servicePorts) {
                // A port the slice leaves without a number reads as -1.
                int port = chance(0.05) ? -1 : sp.targetPort().isNamed() ? 9000 + random.nextInt(100) : sp.targetPort().number();
                ports.add(new EndpointPort(sp.name(), sp.protocol(), port));
            }
            if (servicePorts.isEmpty() && chance(0.5)) {
                ports.add(new EndpointPort(chance(0.5) ? "" : "http", Protocol.TCP, 8080));
            }
        }
        List<Endpoint> eps = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String address = family == IpFamily.IPV4 ? v4EndpointAddress(ns) : v6EndpointAddress();
            Boolean ready = chance(0.6) ? Boolean.TRUE : chance(0.5) ? Boolean.FALSE : null;
            String hostname = chance(0.25) ? pick(HOSTNAMES) : null;
            eps.add(new Endpoint(List.of(address), ready, hostname, targetPod(ns), chance(0.5) ? "node-1" : null));
        }
        return new EndpointSlice(ns, service + "-" + randomSuffix(), service, family, ports, eps, EndpointSlice.Origin.GIVEN);
    }

    /** Mostly an outside address; sometimes a pod's or a Service's, so that addresses are shared. */
    private String v4EndpointAddress(String ns) {
        double f = random.nextDouble();
        if (f < 0.1) {
            for (Pod p : pods) {
                if (!p.ips().isEmpty() && p.ips().get(0).contains(".") && chance(0.3)) {
                    return p.ips().get(0);
                }
            }
        }
        if (f < 0.13) {
            for (Service s : services) {
                if (!s.isHeadless() && !s.clusterIPs().isEmpty() && s.clusterIPs().get(0).contains(".")) {
                    return s.clusterIPs().get(0);
                }
            }
        }
        return addresses.externalV4();
    }

    /** IPv6 as people write it by hand: canonical, zero-padded, upper case or fully expanded. */
    private String v6EndpointAddress() {
        int n = 1 + random.nextInt(0xfffe);
        String hex = Integer.toHexString(n);
        return switch (random.nextInt(5)) {
            case 0 -> "fd00:db8::" + hex;
            case 1 -> "fd00:0db8:0000:0000:0000:0000:0000:" + hex;
            case 2 -> ("FD00:DB8::" + hex).toUpperCase(java.util.Locale.ROOT);
            case 3 -> "fd00:db8:0:0:0:0:0:" + hex;
            default -> "fd00:db8::" + hex + ":0";
        };
    }

    /** The pod behind a hand-made endpoint: none, a pod's name, or a name too long to be a label. */
    private String targetPod(String ns) {
        double f = random.nextDouble();
        if (f < 0.6) {
            return null;
        }
        if (f < 0.93) {
            return "external-" + randomSuffix();
        }
        return "a-very-long-pod-name-that-is-longer-than-a-dns-label-may-be-" + randomSuffix();
    }

    private EndpointsObject.Subset subset(List<ServicePort> servicePorts) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : servicePorts) {
            ports.add(new EndpointPort(sp.name(), sp.protocol(),
                    sp.targetPort().isNamed() ? 9000 + random.nextInt(100) : sp.targetPort().number()));
        }
        return new EndpointsObject.Subset(addressList(random.nextInt(4)), addressList(random.nextInt(3)), ports);
    }

    private List<EndpointsObject.Address> addressList(int n) {
        List<EndpointsObject.Address> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ip = chance(0.8) ? addresses.externalV4() : "fd00:db8:1::" + Integer.toHexString(1 + random.nextInt(0xfffe));
            out.add(new EndpointsObject.Address(ip, chance(0.25) ? pick(HOSTNAMES) + "-" + i : null,
                    chance(0.3) ? "legacy-" + randomSuffix() : null, null));
        }
        return out;
    }

    // ---- ExternalName

    private String externalTarget(String ns, String name) {
        double f = random.nextDouble();
        if (f < 0.35) {
            return pick(OUTSIDE_TARGETS);
        }
        if (f < 0.75 && !services.isEmpty()) {
            // Another Service of the cluster, possibly an ExternalName itself, in any case spelling.
            Service target = services.get(random.nextInt(services.size()));
            String fqdn = target.name() + "." + target.namespace() + ".svc." + domain;
            if (chance(0.2)) {
                fqdn = fqdn.toUpperCase(java.util.Locale.ROOT);
            }
            return chance(0.3) ? fqdn + "." : fqdn;
        }
        if (f < 0.82) {
            // Itself: a loop CoreDNS must not follow.
            return name + "." + ns + ".svc." + domain;
        }
        if (f < 0.87 && !pods.isEmpty()) {
            Pod p = pods.get(random.nextInt(pods.size()));
            if (p.primaryIp() != null && p.primaryIp().contains(".")) {
                return p.primaryIp().replace('.', '-') + "." + p.namespace() + ".pod." + domain;
            }
        }
        if (f < 0.9) {
            return "nowhere." + ns + ".svc." + domain;
        }
        return pick(INVALID_TARGETS);
    }

    // ---- the Corefile

    private String corefile() {
        StringBuilder k = new StringBuilder();
        if (chance(0.4)) {
            k.append("        ttl ").append(pick("0", "5", "30", "300", "3600")).append('\n');
        }
        double p = random.nextDouble();
        if (p < 0.85) {
            k.append("        pods ").append(p < 0.25 ? "disabled" : p < 0.6 ? "insecure" : "verified").append('\n');
        }
        if (chance(0.25)) {
            k.append("        endpoint_pod_names\n");
        }
        if (chance(0.15)) {
            List<String> all = new ArrayList<>(namespaces);
            k.append("        namespaces ").append(pick(all));
            if (chance(0.5)) {
                k.append(' ').append(pick(all));
            }
            if (chance(0.3)) {
                k.append(" not-created");
            }
            k.append('\n');
        }
        if (chance(0.08)) {
            k.append("        noendpoints\n");
        }
        if (chance(0.15)) {
            k.append("        ignore empty_service\n");
        }
        if (chance(0.3)) {
            k.append("        fallthrough").append(pick("", " in-addr.arpa ip6.arpa", " " + domain)).append('\n');
        }
        String zones = domain;
        if (chance(0.1)) {
            zones += " corp.internal";
        }
        double r = random.nextDouble();
        zones += r < 0.5 ? " in-addr.arpa ip6.arpa" : r < 0.65 ? " 10.96.0.0/12"
                : r < 0.8 ? " 10.0.0.0/8 fd00::/8" : r < 0.85 ? " 172.16.0.0/12 192.168.0.0/16" : "";
        StringBuilder c = new StringBuilder(".:53 {\n    errors\n    health\n    kubernetes ").append(zones);
        if (k.length() > 0) {
            c.append(" {\n").append(k).append("    }\n");
        } else {
            c.append('\n');
        }
        if (chance(0.7)) {
            c.append("    transfer {\n        to *\n    }\n");
        }
        if (chance(0.85)) {
            c.append("    forward . /etc/resolv.conf\n");
        }
        c.append("    cache 30\n}\n");
        return c.toString();
    }

    // ---- small helpers

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String randomSuffix() {
        return randomChars("bcdfghjklmnpqrstvwxz2456789", 5);
    }

    private String randomHash() {
        return randomChars("0123456789abcdef", 9 + random.nextInt(2));
    }

    private String randomChars(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
