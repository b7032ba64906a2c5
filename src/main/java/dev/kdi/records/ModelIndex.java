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
import java.util.Arrays;
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
            int row = byKey.row(s.name(), s.namespace(), true);
            byKey.services[row] = append(byKey.services[row], s);
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
            int row = byKey.row(slice.serviceName(), slice.namespace(), true);
            byKey.slices[row] = append(byKey.slices[row], slice);
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
        byKey.trim();
        // All Services' endpoint-name keys in one array, each row its range: one object where
        // an array each was 15,000 at 150,000 pods.
        EndpointNameIndex[] built = new EndpointNameIndex[byKey.rows()];
        int keyCount = 0;
        for (int row = 0; row < built.length; row++) {
            built[row] = EndpointNameIndex.of(new Named(byKey, row).slices(), podNames);
            keyCount += built[row] == null ? 0 : built[row].size();
        }
        byKey.endpointNames = new long[keyCount];
        int at = 0;
        for (int row = 0; row < built.length; row++) {
            byKey.namesFrom[row] = at;
            if (built[row] != null) {
                at += built[row].copyKeys(byKey.endpointNames, at);
            }
            byKey.namesTo[row] = at;
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
     * What one key names: its Services and their slices, as {@link ByKey} holds them. A view made
     * per question; the index keeps no object per key.
     */
    static final class Named {
        private final ByKey byKey;
        /** The key's place in {@link ByKey}'s columns, or -1 when it names nothing. */
        private final int at;

        private Named(ByKey byKey, int at) {
            this.byKey = byKey;
            this.at = at;
        }

        List<Service> services() {
            return at < 0 ? List.of() : list(byKey.services[at]);
        }

        List<EndpointSlice> slices() {
            return at < 0 || byKey.slices[at] == null ? NO_SLICES : list(byKey.slices[at]);
        }

        /** The slices' endpoints by name, or null when a scan will do. */
        EndpointNameIndex endpointNames() {
            if (at < 0 || byKey.namesFrom[at] == byKey.namesTo[at]) {
                return null;
            }
            return new EndpointNameIndex(byKey.endpointNames, byKey.namesFrom[at], byKey.namesTo[at]);
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> list(Object held) {
            if (held == null) {
                return List.of();
            }
            return held instanceof Several<?> several ? (List<T>) several : List.of((T) held);
        }
    }

    /**
     * What each key names, in columns: one table for Services and slices, so a question costs one
     * lookup, and 20,000 Services one row each. Filled while the index is built, never changed
     * afterwards.
     *
     * <p>The key, {@link ModelIndex#key}, is not made: a row holds the name and namespace it was
     * first filed under (Strings the Service or slice has anyway) and is compared with a
     * question's as if the key were made. Most keys name one Service and one slice, held bare
     * until a second comes. At 20,000 Services in a HashMap of Strings to lists that was 120,000
     * objects (a key's String and bytes, a map entry, an object for the key's names, two
     * one-element lists) for each whole-heap collection to mark; here it is a few arrays.
     */
    private static final class ByKey {
        /** Open addressing: a row's number plus one, 0 for a free slot; doubled when half full. */
        private int[] table;
        private int rows;
        /** The name as filed, or the whole key when it is not all ASCII ({@link #namespaces} null there). */
        private String[] names = new String[0];
        private String[] namespaces = new String[0];
        private int[] hashes = new int[0];
        /** A Service, a {@code List<Service>} of several, or null. */
        Object[] services = new Object[0];
        /** An EndpointSlice, a {@code List<EndpointSlice>} of several, or null. */
        Object[] slices = new Object[0];
        /** All keys' {@link EndpointNameIndex} keys; a row's are {@code [namesFrom, namesTo)}, empty when a scan will do. */
        long[] endpointNames = new long[0];
        int[] namesFrom = new int[0];
        int[] namesTo = new int[0];

        ByKey(int expected) {
            table = new int[Integer.highestOneBit(Math.max(4, expected)) << 2];
            resize(Math.max(4, expected));
        }

        private void resize(int capacity) {
            names = Arrays.copyOf(names, capacity);
            namespaces = Arrays.copyOf(namespaces, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            services = Arrays.copyOf(services, capacity);
            slices = Arrays.copyOf(slices, capacity);
            namesFrom = Arrays.copyOf(namesFrom, capacity);
            namesTo = Arrays.copyOf(namesTo, capacity);
        }

        int rows() {
            return rows;
        }

        /** The row the key names, or -1; a new row when {@code file} and it names nothing yet. */
        int row(String name, String namespace, boolean file) {
            if (file && (rows + 1) * 2 > table.length) {
                grow();
            }
            boolean ascii = isAscii(name) && isAscii(namespace);
            String a = ascii ? name : key(name, namespace);
            String b = ascii ? namespace : null;
            int hash = hash(a, b);
            int mask = table.length - 1;
            int i = (hash ^ (hash >>> 16)) & mask;
            for (int r = table[i] - 1; r >= 0; r = table[i] - 1) {
                if (hashes[r] == hash && sameKey(names[r], namespaces[r], a, b)) {
                    return r;
                }
                i = (i + 1) & mask;
            }
            if (!file) {
                return -1;
            }
            if (rows == names.length) {
                resize(rows + Math.max(4, rows / 2));
            }
            int r = rows++;
            names[r] = a;
            namespaces[r] = b;
            hashes[r] = hash;
            table[i] = r + 1;
            return r;
        }

        private void grow() {
            table = new int[table.length * 2];
            int mask = table.length - 1;
            for (int r = 0; r < rows; r++) {
                int i = (hashes[r] ^ (hashes[r] >>> 16)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = r + 1;
            }
        }

        /** Drops the columns' spare room once built. */
        void trim() {
            resize(rows);
        }

        /** The key's length, as {@link ModelIndex#key} would make it from {@code a} and {@code b}. */
        private static int length(String a, String b) {
            return b == null ? a.length() : a.length() + 1 + b.length();
        }

        /** The key's character at {@code i}, as {@link ModelIndex#key} would make it. */
        private static char charAt(String a, String b, int i) {
            if (b == null) {
                return a.charAt(i);
            }
            int n = a.length();
            return i < n ? lowerAscii(a.charAt(i)) : i == n ? '.' : lowerAscii(b.charAt(i - n - 1));
        }

        /** {@link String#hashCode} of the key as made. */
        private static int hash(String a, String b) {
            int h = 0;
            for (int i = 0, n = length(a, b); i < n; i++) {
                h = 31 * h + charAt(a, b, i);
            }
            return h;
        }

        private static boolean sameKey(String a, String b, String c, String d) {
            int n = length(a, b);
            if (n != length(c, d)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (charAt(a, b, i) != charAt(c, d, i)) {
                    return false;
                }
            }
            return true;
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
        return new Named(byKey, byKey.row(name, namespace, false));
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
