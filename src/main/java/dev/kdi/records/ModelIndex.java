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
 * <p>Keys are {@code name.namespace} in lower case. CoreDNS's {@code ServiceKey} keeps the object's
 * case while the question is lower-cased, so CoreDNS never finds a Service named {@code Web}; the
 * API server refuses such names, so this differs only for invalid manifests, which the lint
 * reports ({@code name-not-dns-label}).
 */
final class ModelIndex {
    private static final List<EndpointSlice> NO_SLICES = List.of();

    final ClusterSnapshot snapshot;
    final List<EndpointSlice> slices;
    final Set<String> namespaces;
    private final ByKey byKey;
    /** What a key that names nothing stands for; per index, as Named's fields are written while building. */
    private final Named nothing = new Named("", null);
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
        this.byKey = new ByKey(snapshot.services().size());
        int clusterIps = 0;
        for (Service s : snapshot.services()) {
            clusterIps += s.clusterIPs().size();
        }
        this.servicesByClusterIp = new TextIndex<>(clusterIps);
        for (Service s : snapshot.services()) {
            Named n = byKey.named(s.name(), s.namespace(), true);
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
            Named n = byKey.named(slice.serviceName(), slice.namespace(), true);
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
        // All Services' endpoint-name keys in one array, each Named its range: one object where
        // an array each was 15,000 at 150,000 pods.
        List<EndpointNameIndex> built = new ArrayList<>();
        int keyCount = 0;
        for (Named n : byKey.table) {
            EndpointNameIndex names = n == null ? null : EndpointNameIndex.of(n.slices(), podNames);
            built.add(names);
            keyCount += names == null ? 0 : names.size();
        }
        long[] allNames = new long[keyCount];
        int at = 0;
        for (int i = 0; i < byKey.table.length; i++) {
            EndpointNameIndex names = built.get(i);
            if (names != null) {
                Named n = byKey.table[i];
                n.endpointNames = allNames;
                n.namesFrom = at;
                at += names.copyKeys(allNames, at);
                n.namesTo = at;
            }
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
     * What one key names: its Services and their slices. One table for both, so a question costs
     * one lookup, and 20,000 Services one entry each. Filled while the index is built, never
     * changed afterwards.
     *
     * <p>The key, {@link ModelIndex#key}, is not made: a Named holds the name and namespace it was first
     * filed under (Strings the Service or slice has anyway) and is compared with a question's as
     * if the key were made. Most keys name one Service and one slice, held bare until a second
     * comes. At 20,000 Services that is 100,000 objects fewer (a key's String and bytes, a map
     * entry, two one-element lists) for each whole-heap collection to mark.
     */
    static final class Named {
        /** The name as filed, or the whole key when it is not all ASCII ({@link #namespace} null then). */
        private final String name;
        private final String namespace;
        private final int hash;
        /** A Service, a {@code List<Service>} of several, or null. */
        private Object services;
        /** An EndpointSlice, a {@code List<EndpointSlice>} of several, or null. */
        private Object slices;
        /** Holds {@link EndpointNameIndex}'s keys in {@code [namesFrom, namesTo)}; null when a scan will do. */
        private long[] endpointNames;
        private int namesFrom;
        private int namesTo;

        private Named(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
            int h = 0;
            for (int i = 0, n = length(); i < n; i++) {
                h = 31 * h + charAt(i);
            }
            this.hash = h;
        }

        List<Service> services() {
            return list(services);
        }

        List<EndpointSlice> slices() {
            return slices == null ? NO_SLICES : list(slices);
        }

        /** The slices' endpoints by name, or null when a scan will do. */
        EndpointNameIndex endpointNames() {
            return endpointNames == null ? null : new EndpointNameIndex(endpointNames, namesFrom, namesTo);
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> list(Object held) {
            if (held == null) {
                return List.of();
            }
            return held instanceof Several<?> several ? (List<T>) several : List.of((T) held);
        }

        /** The key's length, as {@link ModelIndex#key} would make it. */
        private int length() {
            return namespace == null ? name.length() : name.length() + 1 + namespace.length();
        }

        /** The key's character at {@code i}, as {@link ModelIndex#key} would make it. */
        private char charAt(int i) {
            if (namespace == null) {
                return name.charAt(i);
            }
            int n = name.length();
            return i < n ? lowerAscii(name.charAt(i)) : i == n ? '.' : lowerAscii(namespace.charAt(i - n - 1));
        }

        private boolean sameKey(Named other) {
            if (hash != other.hash || length() != other.length()) {
                return false;
            }
            for (int i = 0, n = length(); i < n; i++) {
                if (charAt(i) != other.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A name and namespace as a key: bare when both are ASCII, where lower-casing is one
         * character for one; else the key itself, as {@link ModelIndex#key} makes it.
         */
        static Named of(String name, String namespace) {
            return isAscii(name) && isAscii(namespace) ? new Named(name, namespace)
                    : new Named(key(name, namespace), null);
        }

        private static boolean isAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        private static char lowerAscii(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }

    /** Named by key: open addressing over one array, doubled when half full. */
    private static final class ByKey {
        private Named[] table;
        private int size;

        ByKey(int expected) {
            table = new Named[Integer.highestOneBit(Math.max(4, expected)) << 2];
        }

        /** What the key names, or null; filed afresh when {@code file} and it names nothing yet. */
        Named named(String name, String namespace, boolean file) {
            Named probe = Named.of(name, namespace);
            int mask = table.length - 1;
            int i = (probe.hash ^ (probe.hash >>> 16)) & mask;
            for (Named n = table[i]; n != null; n = table[i]) {
                if (n.sameKey(probe)) {
                    return n;
                }
                i = (i + 1) & mask;
            }
            if (!file) {
                return null;
            }
            table[i] = probe;
            if (++size * 2 > table.length) {
                grow();
            }
            return probe;
        }

        private void grow() {
            Named[] old = table;
            table = new Named[old.length * 2];
            int mask = table.length - 1;
            for (Named n : old) {
                if (n != null) {
                    int i = (n.hash ^ (n.hash >>> 16)) & mask;
                    while (table[i] != null) {
                        i = (i + 1) & mask;
                    }
                    table[i] = n;
                }
            }
        }
    }

    /** Most keys name one Service and one slice: held bare until a second comes. */
    @SuppressWarnings("unchecked")
    private static <T> Object append(Object held, T item) {
        if (held == null) {
            return item;
        }
        if (held instanceof Several<?> several) {
            ((Several<T>) several).add(item);
            return several;
        }
        Several<T> two = new Several<>();
        two.add((T) held);
        two.add(item);
        return two;
    }

    /** Its own list type, so that a filed object is never mistaken for a list of them. */
    private static final class Several<T> extends ArrayList<T> {
        Several() {
            super(2);
        }
    }

    /** The Services and slices a name and namespace stand for, matched as CoreDNS's index keys match. */
    Named named(String name, String namespace) {
        Named n = byKey.named(name, namespace, false);
        return n != null ? n : nothing;
    }

    List<Service> services(String name, String namespace) {
        return named(name, namespace).services();
    }

    List<EndpointSlice> slicesOf(String serviceName, String namespace) {
        return named(serviceName, namespace).slices();
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
