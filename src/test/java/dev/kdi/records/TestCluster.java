package dev.kdi.records;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.IpFamily;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A small fluent builder of clusters for the model's tests (public: the lint tests reuse it). */
public final class TestCluster {
    public static final String PLAIN_COREFILE = """
            .:53 {
                errors
                kubernetes cluster.local in-addr.arpa ip6.arpa
                transfer {
                    to *
                }
                forward . /etc/resolv.conf
            }
            """;

    /**
     * {@link #PLAIN_COREFILE} with kubernetes handing unknown reverse names on to forward, as
     * kubeadm's does: for lint tests about objects, which corefile-reverse-no-fallthrough would
     * otherwise join.
     */
    public static final String PLAIN_FALLTHROUGH_COREFILE = PLAIN_COREFILE.replace(
            "kubernetes cluster.local in-addr.arpa ip6.arpa\n",
            "kubernetes cluster.local in-addr.arpa ip6.arpa {\n        fallthrough in-addr.arpa ip6.arpa\n    }\n");

    private final Set<String> namespaces = new LinkedHashSet<>(List.of("default", "kube-system"));
    private final List<Service> services = new ArrayList<>();
    private final List<EndpointSlice> slices = new ArrayList<>();
    private final List<EndpointsObject> endpoints = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private String corefile;

    public TestCluster namespace(String... names) {
        namespaces.addAll(List.of(names));
        return this;
    }

    public TestCluster add(Service s) {
        namespaces.add(s.namespace());
        services.add(s);
        return this;
    }

    public TestCluster add(Pod p) {
        namespaces.add(p.namespace());
        pods.add(p);
        return this;
    }

    public TestCluster add(EndpointSlice s) {
        namespaces.add(s.namespace());
        slices.add(s);
        return this;
    }

    public TestCluster add(EndpointsObject e) {
        endpoints.add(e);
        return this;
    }

    public TestCluster add(Workload w) {
        namespaces.add(w.namespace());
        workloads.add(w);
        return this;
    }

    public TestCluster corefileInConfigMap(String text) {
        this.corefile = text;
        return this;
    }

    public ClusterSnapshot snapshot() {
        return new ClusterSnapshot(namespaces, services, slices, endpoints, pods, workloads, corefile);
    }

    public DnsModel model(String corefileText) {
        return DnsModel.build(snapshot(), corefile(corefileText));
    }

    public DnsModel plain() {
        return model(PLAIN_COREFILE);
    }

    public DnsModel plainFallingThrough() {
        return model(PLAIN_FALLTHROUGH_COREFILE);
    }

    public DnsModel kubeadm() {
        return DnsModel.build(snapshot(), CorefileParser.kubeadmDefault());
    }

    public static Corefile corefile(String text) {
        try {
            return CorefileParser.parse(text, "test Corefile");
        } catch (CorefileException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Corefile withOptions(String options) {
        return corefile(".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa {\n" + options + "\n }\n forward . /etc/resolv.conf\n}\n");
    }

    // ---- Services

    public static SvcBuilder svc(String namespace, String name) {
        return new SvcBuilder(namespace, name);
    }

    public static final class SvcBuilder {
        private final String namespace;
        private final String name;
        private ServiceType type = ServiceType.CLUSTER_IP;
        private List<String> clusterIPs = List.of();
        private String externalName;
        private final List<ServicePort> ports = new ArrayList<>();
        private Map<String, String> selector;
        private boolean publishNotReady;
        private List<IpFamily> families = List.of();

        SvcBuilder(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        public SvcBuilder clusterIp(String... ips) {
            clusterIPs = List.of(ips);
            return this;
        }

        public SvcBuilder headless() {
            clusterIPs = List.of("None");
            return this;
        }

        public SvcBuilder type(ServiceType t) {
            type = t;
            return this;
        }

        public SvcBuilder externalName(String target) {
            type = ServiceType.EXTERNAL_NAME;
            externalName = target;
            clusterIPs = List.of();
            return this;
        }

        public SvcBuilder port(String portName, int port) {
            return port(portName, Protocol.TCP, port, TargetPort.number(port));
        }

        public SvcBuilder port(String portName, int port, int targetPort) {
            return port(portName, Protocol.TCP, port, TargetPort.number(targetPort));
        }

        public SvcBuilder port(String portName, Protocol protocol, int port, TargetPort target) {
            ports.add(new ServicePort(portName, protocol, port, target));
            return this;
        }

        public SvcBuilder selector(String... kv) {
            selector = pairs(kv);
            return this;
        }

        public SvcBuilder publishNotReady() {
            publishNotReady = true;
            return this;
        }

        public SvcBuilder families(IpFamily... f) {
            families = List.of(f);
            return this;
        }

        public Service build() {
            return new Service(namespace, name, type, clusterIPs, externalName, ports, selector, publishNotReady,
                    families, Map.of());
        }
    }

    // ---- Pods

    public static PodBuilder pod(String namespace, String name) {
        return new PodBuilder(namespace, name);
    }

    public static final class PodBuilder {
        private final String namespace;
        private final String name;
        private Map<String, String> labels = Map.of();
        private List<String> ips = List.of();
        private String hostname;
        private String subdomain;
        private Pod.Phase phase = Pod.Phase.RUNNING;
        private boolean ready = true;
        private boolean terminating;
        private Owner owner;
        private PodDns dns = PodDns.DEFAULTS;
        private final List<ContainerPort> ports = new ArrayList<>();

        PodBuilder(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        public PodBuilder labels(String... kv) {
            labels = pairs(kv);
            return this;
        }

        public PodBuilder ip(String... addresses) {
            ips = List.of(addresses);
            return this;
        }

        public PodBuilder hostname(String h, String s) {
            hostname = h;
            subdomain = s;
            return this;
        }

        public PodBuilder notReady() {
            ready = false;
            return this;
        }

        public PodBuilder terminating() {
            terminating = true;
            return this;
        }

        public PodBuilder phase(Pod.Phase p) {
            phase = p;
            return this;
        }

        public PodBuilder owner(String kind, String ownerName) {
            owner = new Owner(kind, ownerName);
            return this;
        }

        public PodBuilder dns(PodDns d) {
            dns = d;
            return this;
        }

        public PodBuilder containerPort(String portName, int port) {
            ports.add(new ContainerPort(portName, Protocol.TCP, port));
            return this;
        }

        public Pod build() {
            return new Pod(namespace, name, labels, ips, hostname, subdomain, phase, ready, terminating, "node-1", owner,
                    dns, List.copyOf(ports));
        }
    }

    // ---- Slices

    public static EndpointSlice slice(String namespace, String name, String service, IpFamily family, List<EndpointPort> ports,
                               Endpoint... endpoints) {
        return new EndpointSlice(namespace, name, service, family, ports, List.of(endpoints), EndpointSlice.Origin.GIVEN);
    }

    public static Endpoint endpoint(String address, Boolean ready, String hostname, String pod) {
        return new Endpoint(List.of(address), ready, hostname, pod, null);
    }

    public static EndpointPort tcp(String name, int port) {
        return new EndpointPort(name, Protocol.TCP, port);
    }

    public static Workload statefulSet(String namespace, String name, String serviceName, String... selector) {
        Map<String, String> labels = pairs(selector);
        return new Workload("StatefulSet", namespace, name, LabelSelector.of(labels),
                new PodTemplate(labels, null, null, PodDns.DEFAULTS, List.of()), serviceName, 1);
    }

    /** A workload of any kind; its template labels double as its selector. */
    public static WorkloadBuilder workload(String kind, String namespace, String name) {
        return new WorkloadBuilder(kind, namespace, name);
    }

    public static final class WorkloadBuilder {
        private final String kind;
        private final String namespace;
        private final String name;
        private Map<String, String> labels = Map.of();
        private String hostname;
        private String subdomain;
        private PodDns dns = PodDns.DEFAULTS;
        private String serviceName;
        private int replicas = 1;

        WorkloadBuilder(String kind, String namespace, String name) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
        }

        public WorkloadBuilder labels(String... kv) {
            labels = pairs(kv);
            return this;
        }

        public WorkloadBuilder hostname(String h, String s) {
            hostname = h;
            subdomain = s;
            return this;
        }

        public WorkloadBuilder dns(PodDns d) {
            dns = d;
            return this;
        }

        public WorkloadBuilder serviceName(String s) {
            serviceName = s;
            return this;
        }

        public WorkloadBuilder replicas(int n) {
            replicas = n;
            return this;
        }

        public Workload build() {
            return new Workload(kind, namespace, name, LabelSelector.of(labels),
                    new PodTemplate(labels, hostname, subdomain, dns, List.of()), serviceName, replicas);
        }
    }

    public static Map<String, String> pairs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The records of an answer section as zone-file lines, sorted, for order-free comparison. */
    public static List<String> lines(List<ResourceRecord> records) {
        return records.stream().map(ResourceRecord::text).sorted().collect(Collectors.toList());
    }

    public static List<String> sorted(String... lines) {
        return java.util.Arrays.stream(lines).sorted().collect(Collectors.toList());
    }
}
