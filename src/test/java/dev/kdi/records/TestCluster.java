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

/** A small fluent builder of clusters for the model's tests. */
final class TestCluster {
    static final String PLAIN_COREFILE = """
            .:53 {
                errors
                kubernetes cluster.local in-addr.arpa ip6.arpa
                transfer {
                    to *
                }
                forward . /etc/resolv.conf
            }
            """;

    private final Set<String> namespaces = new LinkedHashSet<>(List.of("default", "kube-system"));
    private final List<Service> services = new ArrayList<>();
    private final List<EndpointSlice> slices = new ArrayList<>();
    private final List<EndpointsObject> endpoints = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private String corefile;

    TestCluster namespace(String... names) {
        namespaces.addAll(List.of(names));
        return this;
    }

    TestCluster add(Service s) {
        namespaces.add(s.namespace());
        services.add(s);
        return this;
    }

    TestCluster add(Pod p) {
        namespaces.add(p.namespace());
        pods.add(p);
        return this;
    }

    TestCluster add(EndpointSlice s) {
        namespaces.add(s.namespace());
        slices.add(s);
        return this;
    }

    TestCluster add(EndpointsObject e) {
        endpoints.add(e);
        return this;
    }

    TestCluster add(Workload w) {
        namespaces.add(w.namespace());
        workloads.add(w);
        return this;
    }

    TestCluster corefileInConfigMap(String text) {
        this.corefile = text;
        return this;
    }

    ClusterSnapshot snapshot() {
        return new ClusterSnapshot(namespaces, services, slices, endpoints, pods, workloads, corefile);
    }

    DnsModel model(String corefileText) {
        return DnsModel.build(snapshot(), corefile(corefileText));
    }

    DnsModel plain() {
        return model(PLAIN_COREFILE);
    }

    DnsModel kubeadm() {
        return DnsModel.build(snapshot(), CorefileParser.kubeadmDefault());
    }

    static Corefile corefile(String text) {
        try {
            return CorefileParser.parse(text, "test Corefile");
        } catch (CorefileException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Corefile withOptions(String options) {
        return corefile(".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa {\n" + options + "\n }\n forward . /etc/resolv.conf\n}\n");
    }

    // ---- Services

    static SvcBuilder svc(String namespace, String name) {
        return new SvcBuilder(namespace, name);
    }

    static final class SvcBuilder {
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

        SvcBuilder clusterIp(String... ips) {
            clusterIPs = List.of(ips);
            return this;
        }

        SvcBuilder headless() {
            clusterIPs = List.of("None");
            return this;
        }

        SvcBuilder type(ServiceType t) {
            type = t;
            return this;
        }

        SvcBuilder externalName(String target) {
            type = ServiceType.EXTERNAL_NAME;
            externalName = target;
            clusterIPs = List.of();
            return this;
        }

        SvcBuilder port(String portName, int port) {
            return port(portName, Protocol.TCP, port, TargetPort.number(port));
        }

        SvcBuilder port(String portName, int port, int targetPort) {
            return port(portName, Protocol.TCP, port, TargetPort.number(targetPort));
        }

        SvcBuilder port(String portName, Protocol protocol, int port, TargetPort target) {
            ports.add(new ServicePort(portName, protocol, port, target));
            return this;
        }

        SvcBuilder selector(String... kv) {
            selector = pairs(kv);
            return this;
        }

        SvcBuilder publishNotReady() {
            publishNotReady = true;
            return this;
        }

        SvcBuilder families(IpFamily... f) {
            families = List.of(f);
            return this;
        }

        Service build() {
            return new Service(namespace, name, type, clusterIPs, externalName, ports, selector, publishNotReady,
                    families, Map.of());
        }
    }

    // ---- Pods

    static PodBuilder pod(String namespace, String name) {
        return new PodBuilder(namespace, name);
    }

    static final class PodBuilder {
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

        PodBuilder labels(String... kv) {
            labels = pairs(kv);
            return this;
        }

        PodBuilder ip(String... addresses) {
            ips = List.of(addresses);
            return this;
        }

        PodBuilder hostname(String h, String s) {
            hostname = h;
            subdomain = s;
            return this;
        }

        PodBuilder notReady() {
            ready = false;
            return this;
        }

        PodBuilder terminating() {
            terminating = true;
            return this;
        }

        PodBuilder phase(Pod.Phase p) {
            phase = p;
            return this;
        }

        PodBuilder owner(String kind, String ownerName) {
            owner = new Owner(kind, ownerName);
            return this;
        }

        PodBuilder dns(PodDns d) {
            dns = d;
            return this;
        }

        PodBuilder containerPort(String portName, int port) {
            ports.add(new ContainerPort(portName, Protocol.TCP, port));
            return this;
        }

        Pod build() {
            return new Pod(namespace, name, labels, ips, hostname, subdomain, phase, ready, terminating, "node-1", owner,
                    dns, List.copyOf(ports));
        }
    }

    // ---- Slices

    static EndpointSlice slice(String namespace, String name, String service, IpFamily family, List<EndpointPort> ports,
                               Endpoint... endpoints) {
        return new EndpointSlice(namespace, name, service, family, ports, List.of(endpoints), EndpointSlice.Origin.GIVEN);
    }

    static Endpoint endpoint(String address, Boolean ready, String hostname, String pod) {
        return new Endpoint(List.of(address), ready, hostname, pod, null);
    }

    static EndpointPort tcp(String name, int port) {
        return new EndpointPort(name, Protocol.TCP, port);
    }

    static Workload statefulSet(String namespace, String name, String serviceName, String... selector) {
        Map<String, String> labels = pairs(selector);
        return new Workload("StatefulSet", namespace, name, LabelSelector.of(labels),
                new PodTemplate(labels, null, null, PodDns.DEFAULTS, List.of()), serviceName, 1);
    }

    static Map<String, String> pairs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The records of an answer section as zone-file lines, sorted, for order-free comparison. */
    static List<String> lines(List<ResourceRecord> records) {
        return records.stream().map(ResourceRecord::text).sorted().collect(Collectors.toList());
    }

    static List<String> sorted(String... lines) {
        return java.util.Arrays.stream(lines).sorted().collect(Collectors.toList());
    }
}
