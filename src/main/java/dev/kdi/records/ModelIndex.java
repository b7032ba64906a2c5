package dev.kdi.records;

import dev.kdi.records.controllers.EffectiveSlices;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lookups CoreDNS's informer caches offer, built once per snapshot: Services by name, slices
 * by Service, Services by cluster IP, slices by endpoint address, pods by IP.
 *
 * <p>Keys are {@code name.namespace} in lower case, as CoreDNS's {@code ServiceKey}; names in a
 * cluster are lower case already, so this only matters for invalid manifests.
 */
final class ModelIndex {
    private static final List<EndpointSlice> NO_SLICES = List.of();

    final ClusterSnapshot snapshot;
    final List<EndpointSlice> slices;
    final Set<String> namespaces;
    private final Map<String, Named> byKey;
    /** What a key that names nothing stands for; per index, as Named's fields are written while building. */
    private final Named nothing = new Named();
    private final TextIndex<Service> servicesByClusterIp;
    private final AddressIndex byAddress;
    private final TextIndex<Pod> podsByIp;
    private final Map<String, List<Pod>> podsByNamespace;
    private final Map<String, Workload> statefulSetsByService;
    final List<String> dnsPodIps;

    ModelIndex(ClusterSnapshot snapshot, KubernetesPlugin plugin) {
        this.snapshot = snapshot;
        this.namespaces = snapshot.namespaces();
        // With noendpoints CoreDNS never watches slices: it knows no endpoint at all.
        this.slices = plugin != null && plugin.noEndpoints() ? NO_SLICES : EffectiveSlices.of(snapshot);
        this.byKey = new HashMap<>(snapshot.services().size() * 2);
        int clusterIps = 0;
        for (Service s : snapshot.services()) {
            clusterIps += s.clusterIPs().size();
        }
        this.servicesByClusterIp = new TextIndex<>(clusterIps);
        for (Service s : snapshot.services()) {
            Named n = byKey.computeIfAbsent(key(s.name(), s.namespace()), k -> new Named());
            n.services = append(n.services, s);
            for (String ip : s.clusterIPs()) {
                servicesByClusterIp.add(ip, s);
            }
        }
        int readyAddresses = 0;
        for (EndpointSlice slice : slices) {
            for (Endpoint e : slice.endpoints()) {
                readyAddresses += e.isReady() ? e.addresses().size() : 0;
            }
        }
        this.byAddress = new AddressIndex(readyAddresses);
        for (EndpointSlice slice : slices) {
            Named n = byKey.computeIfAbsent(key(slice.serviceName(), slice.namespace()), k -> new Named());
            n.slices = append(n.slices, slice);
            List<Endpoint> endpoints = slice.endpoints();
            for (int i = 0; i < endpoints.size(); i++) {
                Endpoint e = endpoints.get(i);
                if (!e.isReady()) {
                    continue;
                }
                for (String a : e.addresses()) {
                    byAddress.add(a, slice, i);
                }
            }
        }
        boolean podNames = plugin != null && plugin.endpointPodNames();
        for (Named n : byKey.values()) {
            n.endpointNames = EndpointNameIndex.of(n.slices, podNames);
        }
        boolean verified = plugin != null && plugin.pods() == PodMode.VERIFIED;
        this.podsByIp = new TextIndex<>(verified ? snapshot.pods().size() : 0);
        if (verified) {
            for (Pod p : snapshot.pods()) {
                // CoreDNS's pod cache drops pods that are being deleted, and indexes the primary IP.
                if (!p.terminating() && p.primaryIp() != null) {
                    podsByIp.add(p.primaryIp(), p);
                }
            }
        }
        this.dnsPodIps = findDnsPodIps(snapshot);
        // Explanations of misses look pods and StatefulSets up by namespace; scanning all of
        // them per question made each miss cost as much as a thousand hits.
        this.podsByNamespace = new HashMap<>();
        for (Pod p : snapshot.pods()) {
            podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
        }
        this.statefulSetsByService = new HashMap<>();
        for (Workload w : snapshot.workloads()) {
            if (w.isStatefulSet() && w.serviceName() != null) {
                statefulSetsByService.putIfAbsent(w.namespace() + "/" + w.serviceName(), w);
            }
        }
    }

    /** The pods of a namespace (exact name), in input order. */
    List<Pod> podsIn(String namespace) {
        return podsByNamespace.getOrDefault(namespace, List.of());
    }

    /** The first StatefulSet (in input order) of the namespace whose serviceName is exactly the name, or null. */
    Workload statefulSetNaming(String serviceName, String namespace) {
        return statefulSetsByService.get(namespace + "/" + serviceName);
    }

    static String key(String name, String namespace) {
        return (name + "." + namespace).toLowerCase(Locale.ROOT);
    }

    /**
     * What one key names: its Services and their slices. One map for both, so a question costs
     * one key and one lookup, and 20,000 Services one entry each. Filled while the index is
     * built, never changed afterwards.
     */
    static final class Named {
        private List<Service> services = List.of();
        private List<EndpointSlice> slices = NO_SLICES;
        private EndpointNameIndex endpointNames;

        List<Service> services() {
            return services;
        }

        List<EndpointSlice> slices() {
            return slices;
        }

        /** The slices' endpoints by name, or null when a scan will do. */
        EndpointNameIndex endpointNames() {
            return endpointNames;
        }
    }

    /** Most keys name one Service and one slice: a one-element list until a second comes. */
    private static <T> List<T> append(List<T> list, T item) {
        if (list.isEmpty()) {
            return List.of(item);
        }
        List<T> out = list.size() == 1 ? new ArrayList<>(2) : list;
        if (out != list) {
            out.addAll(list);
        }
        out.add(item);
        return out;
    }

    /** The Services and slices a name and namespace stand for, matched as CoreDNS's index keys match. */
    Named named(String name, String namespace) {
        return byKey.getOrDefault(key(name, namespace), nothing);
    }

    List<Service> services(String name, String namespace) {
        return named(name, namespace).services;
    }

    List<EndpointSlice> slicesOf(String serviceName, String namespace) {
        return named(serviceName, namespace).slices;
    }

    List<Service> servicesWithClusterIp(String ip) {
        return servicesByClusterIp.get(ip);
    }

    List<EndpointSlice> slicesWithAddress(String ip) {
        return byAddress.slices(ip);
    }

    /** The index of the only ready endpoint with the address in its only slice, or -1: scan the slices then. */
    int onlyEndpointWithAddress(String ip) {
        return byAddress.onlyEndpoint(ip);
    }

    List<Pod> podsWithIp(String ip) {
        return podsByIp.get(ip);
    }

    /** Whether the namespace exists (CoreDNS watches Namespaces and requires it). */
    boolean namespaceExists(String namespace) {
        return namespaces.contains(namespace);
    }

    /**
     * The DNS pods' addresses: pods labelled as cluster DNS in {@code kube-system} (CoreDNS keeps
     * kube-dns's {@code k8s-app: kube-dns} label) or OpenShift's {@code openshift-dns}, and the
     * ready endpoints of the DNS Service. CoreDNS answers NS queries from the Services whose
     * slices hold its own address.
     */
    private List<String> findDnsPodIps(ClusterSnapshot snap) {
        Set<String> ips = new LinkedHashSet<>();
        for (Pod p : snap.pods()) {
            boolean kubeDns = p.namespace().equals("kube-system") && "kube-dns".equals(p.labels().get("k8s-app"));
            boolean openShift = p.namespace().equals("openshift-dns")
                    && p.labels().containsKey("dns.operator.openshift.io/daemonset-dns");
            if ((kubeDns || openShift) && !p.phase().isTerminal()) {
                ips.addAll(p.ips());
            }
        }
        for (String[] dnsService : new String[][] {{"kube-dns", "kube-system"}, {"dns-default", "openshift-dns"}}) {
            for (EndpointSlice slice : slicesOf(dnsService[0], dnsService[1])) {
                for (Endpoint e : slice.endpoints()) {
                    if (e.isReady()) {
                        ips.addAll(e.addresses());
                    }
                }
            }
        }
        return List.copyOf(ips);
    }
}
