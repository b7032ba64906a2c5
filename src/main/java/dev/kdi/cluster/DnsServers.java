package dev.kdi.cluster;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the cluster DNS in a snapshot: its Service, the replicas behind it (the pods to
 * port-forward to, with the TCP port their EndpointSlice gives), which DNS server it runs, and
 * whether NodeLocal DNSCache sits in front of it.
 */
public final class DnsServers {
    /**
     * Where distributions put the cluster DNS Service, in the order they are tried.
     *
     * @param namespace the Service's namespace
     * @param name its name
     * @param corefile the ConfigMap of that namespace holding the Corefile under the key
     *     {@code Corefile}, read by name only when no DNS pod says where its Corefile is
     * @param layout who puts it there, as the source of the DNS is shown ({@code kubeadm})
     */
    record WellKnown(String namespace, String name, String corefile, String layout) {
    }

    static final List<WellKnown> DNS_SERVICES = List.of(
            new WellKnown("kube-system", "kube-dns", "coredns", "kubeadm"),
            new WellKnown("openshift-dns", "dns-default", "dns-default", "OpenShift"),
            // The rke2-coredns chart's fullname; its ConfigMap has the same name.
            new WellKnown("kube-system", "rke2-coredns-rke2-coredns", "rke2-coredns-rke2-coredns", "RKE2"));

    /**
     * How GKE Standard's layout is shown: kubeadm's Service name in front of the kube-dns
     * Deployment (dnsmasq on 53, kubedns behind it), configured by ConfigMap kube-system/kube-dns.
     */
    static final String KUBE_DNS_LAYOUT = "kube-dns (GKE)";

    /** How a Service the user names ({@code --dns-service}) is shown as the source of the DNS. */
    static final String GIVEN = "--dns-service";

    /**
     * A DNS Service named by the user, overriding detection.
     *
     * @param namespace its namespace
     * @param name its name
     */
    public record ServiceRef(String namespace, String name) {
        /**
         * Parses {@code NAMESPACE/NAME}.
         *
         * @throws IllegalArgumentException with a one-line message when the text is not of that form
         */
        public static ServiceRef parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2 || !isDnsLabel(parts[0]) || !isDnsLabel(parts[1])) {
                throw new IllegalArgumentException("--dns-service: give the DNS Service as NAMESPACE/NAME "
                        + "(e.g. kube-system/kube-dns), not '" + text + "'");
            }
            return new ServiceRef(parts[0], parts[1]);
        }

        public String id() {
            return namespace + "/" + name;
        }

        private static boolean isDnsLabel(String s) {
            return s.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
        }
    }

    /**
     * Where to look for the DNS Service, in order: the Service the user gave, or the well-known
     * places (a given Service that is one of them keeps its Corefile's conventional ConfigMap).
     */
    static List<WellKnown> candidates(Optional<ServiceRef> given) {
        if (given.isEmpty()) {
            return DNS_SERVICES;
        }
        ServiceRef g = given.get();
        String corefile = DNS_SERVICES.stream().filter(w -> w.namespace().equals(g.namespace())
                && w.name().equals(g.name())).map(WellKnown::corefile).findFirst().orElse("coredns");
        return List.of(new WellKnown(g.namespace(), g.name(), corefile, GIVEN));
    }

    /**
     * The ConfigMap that conventionally holds the Corefile of the DNS Service found: the
     * distribution's own for a well-known Service, kubeadm's {@code kube-system/coredns} otherwise.
     */
    static WellKnown conventionalCorefile(ClusterSnapshot snapshot, List<WellKnown> candidates) {
        for (WellKnown candidate : candidates) {
            if (service(snapshot, candidate.namespace(), candidate.name()) != null) {
                return candidate;
            }
        }
        return candidates.get(0);
    }

    private static Service service(ClusterSnapshot snapshot, String namespace, String name) {
        for (Service s : snapshot.services()) {
            if (s.namespace().equals(namespace) && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** NodeLocal DNSCache's conventional link-local address. */
    public static final String NODE_LOCAL_ADDRESS = "169.254.20.10";

    private DnsServers() {
    }

    /** Which server answers: CoreDNS (what the model models) or the older kube-dns. */
    public enum Flavor { COREDNS, KUBE_DNS }

    /**
     * One DNS pod to ask.
     *
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @param address its address
     * @param port the TCP port its EndpointSlice gives for DNS
     * @param node the node it runs on, or empty
     */
    public record Replica(String namespace, String pod, String address, int port, String node) {
        public String id() {
            return namespace + "/" + pod;
        }
    }

    /**
     * The cluster DNS as found.
     *
     * @param service the DNS Service, when found
     * @param replicas its ready endpoints that are pods, with their TCP DNS port
     * @param flavor CoreDNS or kube-dns
     * @param nodeLocalDns the NodeLocal DNSCache DaemonSet, when present
     * @param notes what the user should know (kube-dns, NodeLocal DNSCache, no TCP port, ...)
     * @param source how the Service was found, as the status bar and {@code kdi health} show it
     *     ({@code openshift-dns/dns-default (OpenShift)}, {@code shop/dns (--dns-service)})
     * @param cloudDns Cloud DNS for GKE answers, so there is neither a DNS pod nor a Corefile
     */
    public record Found(Optional<Service> service, List<Replica> replicas, Flavor flavor,
                        Optional<Workload> nodeLocalDns, List<String> notes, String source, boolean cloudDns) {
        public Found {
            replicas = List.copyOf(replicas);
            notes = List.copyOf(notes);
        }
    }

    public static Found locate(ClusterSnapshot snapshot) {
        return locate(snapshot, Optional.empty());
    }

    /** @param given the Service the user named with {@code --dns-service}, which replaces detection */
    public static Found locate(ClusterSnapshot snapshot, Optional<ServiceRef> given) {
        return locate(snapshot, candidates(given));
    }

    /** @param candidates where to look, in order (see {@link #candidates}) */
    static Found locate(ClusterSnapshot snapshot, List<WellKnown> candidates) {
        Optional<WellKnown> given = candidates.stream().filter(c -> c.layout().equals(GIVEN)).findFirst();
        List<String> notes = new ArrayList<>();
        Service service = null;
        String source = "none found";
        Flavor flavor = detectFlavor(snapshot);
        for (WellKnown candidate : candidates) {
            service = service(snapshot, candidate.namespace(), candidate.name());
            if (service != null) {
                String layout = flavor == Flavor.KUBE_DNS && candidate.equals(DNS_SERVICES.get(0))
                        ? KUBE_DNS_LAYOUT : candidate.layout();
                source = candidate.namespace() + "/" + candidate.name() + " (" + layout + ")";
                break;
            }
        }
        List<Replica> replicas = new ArrayList<>();
        if (service == null && given.isPresent()) {
            notes.add("No Service " + given.get().namespace() + "/" + given.get().name()
                    + " (given with --dns-service): there is no DNS to ask.");
        } else if (service == null) {
            notes.add("No cluster DNS Service found (looked for " + DNS_SERVICES.stream()
                    .map(w -> w.namespace() + "/" + w.name()).collect(java.util.stream.Collectors.joining(", "))
                    + ", and the Service at the kubelet's clusterDNS address; name it with --dns-service NS/NAME): "
                    + "there is no DNS to ask.");
        } else {
            boolean anyTcp = false;
            for (EndpointSlice slice : snapshot.endpointSlices()) {
                if (!slice.namespace().equals(service.namespace()) || !slice.serviceName().equals(service.name())) {
                    continue;
                }
                Optional<EndpointPort> tcp = slice.ports().stream()
                        .filter(p -> p.protocol() == Protocol.TCP && p.port() > 0)
                        .sorted((a, b) -> Boolean.compare(!isDnsName(a.name()), !isDnsName(b.name())))
                        .findFirst();
                if (tcp.isEmpty()) {
                    continue;
                }
                anyTcp = true;
                for (Endpoint e : slice.endpoints()) {
                    if (!e.isReady() || e.targetPod() == null || e.addresses().isEmpty()) {
                        continue;
                    }
                    replicas.add(new Replica(slice.namespace(), e.targetPod(), e.addresses().get(0), tcp.get().port(),
                            e.nodeName() == null ? "" : e.nodeName()));
                }
            }
            if (!anyTcp) {
                notes.add("Service " + service.namespace() + "/" + service.name() + " has no TCP port on its endpoints: "
                        + "a port-forward carries TCP only, so its DNS cannot be asked.");
            } else if (replicas.isEmpty()) {
                notes.add("Service " + service.namespace() + "/" + service.name() + " has no ready DNS pod to ask.");
            }
        }
        replicas.sort((a, b) -> a.id().compareTo(b.id()));
        if (flavor == Flavor.KUBE_DNS) {
            notes.add("This cluster runs kube-dns, not CoreDNS (dnsmasq on port 53 in front of kubedns): predictions "
                    + "follow kube-dns's rules where kdi models them, and names it does not are marked \"not modelled "
                    + "for kube-dns\" and skipped by check.");
        }
        Optional<Workload> nodeLocal = snapshot.workloads().stream()
                .filter(w -> w.kind().equals("DaemonSet") && w.name().equals("node-local-dns")).findFirst();
        nodeLocal.ifPresent(w -> notes.add("NodeLocal DNSCache runs here (DaemonSet " + w.namespace() + "/" + w.name()
                + "): pods ask it first at " + NODE_LOCAL_ADDRESS + " on their node, and it caches and forwards to the "
                + "cluster DNS, whose CoreDNS pods kdi asks. The cache itself cannot be asked through a port-forward: "
                + "its pods use the node's network (hostNetwork), where a port-forward reaches 127.0.0.1, and the cache "
                + "binds only " + NODE_LOCAL_ADDRESS + " and the DNS Service's address (its metrics, on :9253 of "
                + "every address, could be read). A stale cache is not visible here."));
        Optional<String> cloudDns = service == null ? Optional.empty() : CloudDnsForGke.answers(snapshot, service);
        if (cloudDns.isPresent()) {
            // Not a Service without pods to fix, nor a kube-dns or node cache to ask: there is no DNS
            // pod by design, and this one note says why.
            notes.clear();
            notes.add(CloudDnsForGke.NOTE);
            source = service.namespace() + "/" + service.name() + " (Cloud DNS for " + cloudDns.get() + ")";
            // Cloud DNS follows the Kubernetes DNS specification, as the model does: a kube-dns
            // Deployment GKE left at 0 replicas answers nothing.
            flavor = Flavor.COREDNS;
        }
        return new Found(Optional.ofNullable(service), replicas, flavor, nodeLocal, notes, source, cloudDns.isPresent());
    }

    /**
     * The Service whose cluster address is the kubelet's {@code clusterDNS}: the address every
     * {@code ClusterFirst} pod's resolv.conf names, so the cluster DNS whatever its name.
     */
    static Optional<WellKnown> atKubeletAddress(ClusterSnapshot snapshot, String address) {
        for (Service s : snapshot.services()) {
            if (s.clusterIPs().contains(address)) {
                return Optional.of(new WellKnown(s.namespace(), s.name(), "coredns",
                        "the kubelet's clusterDNS " + address));
            }
        }
        return Optional.empty();
    }

    /** kubeadm's and OpenShift's {@code dns-tcp}, the CoreDNS chart's {@code tcp-53}. */
    private static boolean isDnsName(String portName) {
        return portName.equals("dns-tcp") || portName.equals("dns") || portName.equals("tcp-53");
    }

    /**
     * kube-dns if its Deployment runs in kube-system and no CoreDNS does (GKE Standard's default);
     * CoreDNS otherwise. CoreDNS keeps kube-dns's Service name and labels, so those do not tell.
     */
    static Flavor detectFlavor(ClusterSnapshot snapshot) {
        boolean kubeDns = false;
        boolean coreDns = snapshot.corefile() != null;
        for (Workload w : snapshot.workloads()) {
            if (!w.namespace().equals("kube-system")) {
                continue;
            }
            String n = w.name();
            if (w.kind().equals("Deployment") && n.equals("kube-dns")) {
                kubeDns = true;
            }
            if (n.equals("coredns") || n.startsWith("coredns-") || n.equals("rke2-coredns-rke2-coredns")) {
                coreDns = true;
            }
        }
        for (Pod p : snapshot.pods()) {
            if (p.namespace().equals("kube-system") && p.owner() != null && p.owner().name().startsWith("coredns")) {
                coreDns = true;
            }
            // The kube-dns Deployment's ReplicaSet, for a user who may read pods but not Deployments.
            if (p.namespace().equals("kube-system") && p.owner() != null && p.owner().kind().equals("ReplicaSet")
                    && p.owner().name().startsWith("kube-dns-") && "kube-dns".equals(p.labels().get("k8s-app"))) {
                kubeDns = true;
            }
        }
        return kubeDns && !coreDns ? Flavor.KUBE_DNS : Flavor.COREDNS;
    }
}
