package dev.kdi.records.diff;

import dev.kdi.records.DnsModel;
import dev.kdi.records.ZoneQuestions;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.ServerBlock;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The diff of a change, recomputing only what the change can alter: the namespaces whose objects
 * change, the namespaces that depend on them, and nothing else. Its result is the full diff's
 * ({@link ModelDiff#compare}), found at the cost of the namespaces involved rather than the
 * cluster's.
 *
 * <p>What a namespace's names answer depends on its own objects, the namespace list and the
 * Corefile, with three exceptions, each followed here:
 * <ul>
 *   <li>an ExternalName whose target is a name of the zone: CoreDNS follows the CNAME inside the
 *       zone, so the Service's namespace depends on the target's (transitively);</li>
 *   <li>a reverse name: its PTRs come from every Service and endpoint holding the address, so
 *       namespaces sharing an address (host-network pods, a moved IP) go together;</li>
 *   <li>the cluster DNS itself: its namespace and every object holding a DNS pod's address make
 *       the zone's own NS records and the addresses a {@code forward} would loop to.</li>
 * </ul>
 * A change to the Corefile (or the DNS pods' files), to the cluster DNS, or under a Corefile with
 * {@code noendpoints} (whose finding lists every headless Service) recomputes everything.
 *
 * <p>The before side is prepared once ({@link #of}); each {@link #compare} then walks both sides'
 * lists for what differs and reads only those namespaces of the after side. Both sides are
 * modelled from the same namespaces: those recomputed, those their ExternalNames lead to, and the
 * cluster DNS's namespace.
 */
public final class IncrementalDiff {
    /** Where CoreDNS and its Service live; a change there can move names of every namespace. */
    private static final Set<String> DNS_NAMESPACES = Set.of("kube-system", "openshift-dns");

    private final ClusterSnapshot before;
    private final Corefile corefile;
    private final Partition parts;
    private final Map<String, Set<String>> namespacesByAddress;
    private final Set<String> dnsAddresses;
    private final Set<String> zones;
    private final Set<String> probed;
    private final Map<String, Set<String>> dependsOn = new HashMap<>();

    private IncrementalDiff(ClusterSnapshot before, Corefile corefile) {
        this.before = before;
        this.corefile = corefile;
        this.parts = Partition.of(before);
        this.namespacesByAddress = new HashMap<>();
        parts.byNamespace.forEach((ns, p) -> p.addresses().forEach(
                a -> namespacesByAddress.computeIfAbsent(a, k -> new HashSet<>(2)).add(ns)));
        this.dnsAddresses = new HashSet<>();
        DnsModel.build(restrict(before, parts::get, DNS_NAMESPACES), corefile).dnsPodAddresses()
                .forEach(a -> dnsAddresses.add(Part.canonical(a)));
        this.zones = zones(corefile);
        this.probed = ZoneQuestions.probed(before.namespaces());
        edges(parts, zones, dependsOn);
    }

    /**
     * Prepares the before side: one pass over its objects, as a model build makes.
     *
     * @param before the cluster before the change, complete (as it is modelled)
     * @param corefile the Corefile in force before
     */
    public static IncrementalDiff of(ClusterSnapshot before, Corefile corefile) {
        return new IncrementalDiff(before, corefile);
    }

    /**
     * What an incremental diff found, and how much it had to look at.
     *
     * @param diff the diff, as {@link ModelDiff#compare} over the whole clusters gives it
     * @param recomputed the namespaces whose names and findings were compared; every namespace
     *     when {@code everything} says why
     * @param modelled the namespaces whose objects went into the models of both sides
     * @param everything why the whole cluster was recomputed, or empty when it was not
     */
    public record Result(DnsDiff diff, Set<String> recomputed, Set<String> modelled, Optional<String> everything) {
        public Result {
            recomputed = Set.copyOf(recomputed);
            modelled = Set.copyOf(modelled);
        }
    }

    /**
     * @param after the cluster after the change, complete (as it is modelled)
     * @param afterCorefile the Corefile in force after
     * @param referrers who refers to which name after the change, for the breaking heuristic
     */
    public Result compare(ClusterSnapshot after, Corefile afterCorefile, Referrers referrers) {
        Optional<String> global = globalChange(after, afterCorefile);
        if (global.isPresent()) {
            return whole(after, afterCorefile, referrers, global.get());
        }
        // The walk's candidates are a superset; their objects, compared whole, say which changed.
        Candidates candidates = candidates(before, after);
        Partition afterParts = Partition.of(after, candidates, parts);
        Set<String> touched = new TreeSet<>();
        for (String ns : candidates.namespaces()) {
            if (!parts.get(ns).same(afterParts.get(ns))) {
                touched.add(ns);
            }
        }
        if (touched.isEmpty()) {
            return new Result(new DnsDiff(List.of(), List.of(), List.of()), Set.of(), Set.of(), Optional.empty());
        }
        for (String ns : touched) {
            if (DNS_NAMESPACES.contains(ns)) {
                return whole(after, afterCorefile, referrers, "the cluster DNS's namespace " + ns + " changes");
            }
        }
        // Only the touched namespaces differ: the rest of the after side is the before side's.
        Map<String, Set<String>> edges = new HashMap<>(dependsOn);
        Map<String, Set<String>> afterEdges = new HashMap<>();
        edges(afterParts, zones, afterEdges);
        // The baseline's sets stay as they are: the union is a new set.
        afterEdges.forEach((from, tos) -> edges.merge(from, tos, (x, y) -> {
            Set<String> union = new HashSet<>(x);
            union.addAll(y);
            return union;
        }));
        Map<String, Set<String>> dependants = new HashMap<>();
        edges.forEach((from, tos) -> tos.forEach(to -> dependants.computeIfAbsent(to, k -> new HashSet<>()).add(from)));

        Set<String> recomputed = new TreeSet<>(touched);
        Set<String> addresses = new HashSet<>();
        for (String ns : touched) {
            addresses.addAll(parts.get(ns).addresses());
            addresses.addAll(afterParts.get(ns).addresses());
        }
        for (String a : addresses) {
            if (dnsAddresses.contains(a)) {
                return whole(after, afterCorefile, referrers, "a changed object holds the DNS pods' address " + a);
            }
            // Untouched namespaces are alike on both sides: the before side's index is theirs.
            recomputed.addAll(namespacesByAddress.getOrDefault(a, Set.of()));
        }
        recomputed.addAll(closure(recomputed, dependants));
        Set<String> modelled = new TreeSet<>(closure(recomputed, edges));
        modelled.addAll(DNS_NAMESPACES);
        modelled.removeIf(ns -> !parts.byNamespace.containsKey(ns) && !afterParts.byNamespace.containsKey(ns));

        ModelDiff.Side oldSide = side(restrict(before, ns -> parts.get(ns), modelled), corefile);
        ModelDiff.Side newSide = side(restrict(after, ns -> touched.contains(ns) ? afterParts.get(ns) : parts.get(ns),
                modelled), afterCorefile);
        Set<String> probes = new HashSet<>(probed);
        if (!before.namespaces().equals(after.namespaces())) {
            probes.addAll(ZoneQuestions.probed(after.namespaces()));
        }
        DnsDiff diff = ModelDiff.compare(oldSide, newSide, ModelDiff.Scope.within(recomputed, probes), referrers);
        return new Result(diff, recomputed, modelled, Optional.empty());
    }

    /** Why a change must recompute everything, if it must: it changes what every namespace sees. */
    private Optional<String> globalChange(ClusterSnapshot after, Corefile afterCorefile) {
        if (!corefile.equals(afterCorefile) || !java.util.Objects.equals(before.corefile(), after.corefile())) {
            return Optional.of("the Corefile changes");
        }
        if (!java.util.Objects.equals(before.dnsPodFiles(), after.dnsPodFiles())) {
            return Optional.of("the DNS pods' files change");
        }
        if (before.slicesAuthoritative() != after.slicesAuthoritative()) {
            return Optional.of("one side is a live cluster, the other manifests");
        }
        for (ServerBlock b : corefile.blocks()) {
            if (b.kubernetes().map(KubernetesPlugin::noEndpoints).orElse(false)) {
                return Optional.of("the Corefile sets noendpoints, whose finding names every headless Service");
            }
        }
        return Optional.empty();
    }

    private Result whole(ClusterSnapshot after, Corefile afterCorefile, Referrers referrers, String why) {
        DnsDiff diff = ModelDiff.compare(side(before, corefile), side(after, afterCorefile), ModelDiff.Scope.ALL,
                referrers);
        Set<String> all = new TreeSet<>(before.namespaces());
        all.addAll(after.namespaces());
        return new Result(diff, all, all, Optional.of(why));
    }

    private static ModelDiff.Side side(ClusterSnapshot s, Corefile corefile) {
        DnsModel model = DnsModel.build(s, corefile);
        return new ModelDiff.Side(model, Lint.findings(model));
    }

    /** The zones CoreDNS follows a CNAME into: the kubernetes plugins' zones. */
    private static Set<String> zones(Corefile corefile) {
        Set<String> out = new LinkedHashSet<>();
        for (ServerBlock b : corefile.blocks()) {
            b.kubernetes().ifPresent(k -> k.zones().forEach(z -> out.add(DnsNames.absolute(z).toLowerCase(Locale.ROOT))));
        }
        return out;
    }

    /**
     * The namespaces whose objects may differ, found by walking both sides' lists side by side: a
     * change made to a copy of the cluster leaves every other object where it was (or a few places
     * along, after insertions or deletions), so unchanged objects pair up at the cost of a
     * comparison each, usually of two references. Every object that pairs with no alike object
     * marks its namespace; a namespace left unmarked has the same objects in the same order. A
     * longer run of insertions or deletions marks more namespaces than changed, never fewer.
     */
    private static Candidates candidates(ClusterSnapshot a, ClusterSnapshot b) {
        Set<String> out = new TreeSet<>();
        if (!a.namespaces().equals(b.namespaces())) {
            a.namespaces().stream().filter(ns -> !b.namespaces().contains(ns)).forEach(out::add);
            b.namespaces().stream().filter(ns -> !a.namespaces().contains(ns)).forEach(out::add);
        }
        boolean[] differs = {
            walk(a.services(), b.services(), Service::namespace, out),
            walk(a.endpointSlices(), b.endpointSlices(), EndpointSlice::namespace, out),
            walk(a.endpoints(), b.endpoints(), EndpointsObject::namespace, out),
            walk(a.pods(), b.pods(), Pod::namespace, out),
            walk(a.workloads(), b.workloads(), Workload::namespace, out)};
        return new Candidates(out, differs);
    }

    /**
     * What the walk found.
     *
     * @param namespaces the namespaces whose objects may differ
     * @param differs for services, slices, Endpoints, pods and workloads: whether that list differs
     *     at all (an alike list need not be read again)
     */
    private record Candidates(Set<String> namespaces, boolean[] differs) {
    }

    /** How far the walk looks ahead for the object it lost: runs of insertions or deletions this long. */
    private static final int LOOKAHEAD = 16;

    /** @return whether the lists differ */
    private static <T> boolean walk(List<T> a, List<T> b, Function<T, String> namespace, Set<String> out) {
        int i = 0;
        int j = 0;
        boolean differs = a.size() != b.size();
        while (i < a.size() && j < b.size()) {
            T x = a.get(i);
            T y = b.get(j);
            if (alike(x, y)) {
                i++;
                j++;
                continue;
            }
            differs = true;
            int skip = 0;
            for (int k = 1; k <= LOOKAHEAD && skip == 0; k++) {
                if (i + k < a.size() && alike(a.get(i + k), y)) {
                    skip = k;
                } else if (j + k < b.size() && alike(x, b.get(j + k))) {
                    skip = -k;
                }
            }
            if (skip > 0) {
                // a[i..i+skip) were deleted.
                for (int k = 0; k < skip; k++) {
                    out.add(namespace.apply(a.get(i + k)));
                }
                i += skip;
            } else if (skip < 0) {
                // b[j..j-skip) were inserted.
                for (int k = 0; k < -skip; k++) {
                    out.add(namespace.apply(b.get(j + k)));
                }
                j -= skip;
            } else {
                out.add(namespace.apply(x));
                out.add(namespace.apply(y));
                i++;
                j++;
            }
        }
        for (; i < a.size(); i++) {
            out.add(namespace.apply(a.get(i)));
        }
        for (; j < b.size(); j++) {
            out.add(namespace.apply(b.get(j)));
        }
        return differs;
    }

    private static boolean alike(Object x, Object y) {
        return x == y || x.equals(y);
    }

    /** Each namespace with an ExternalName into the zone depends on the namespace its target names. */
    private static void edges(Partition parts, Set<String> zones, Map<String, Set<String>> dependsOn) {
        for (Map.Entry<String, Part> e : parts.byNamespace.entrySet()) {
            for (Service svc : e.getValue().services) {
                if (!svc.isExternalName() || svc.externalName() == null || svc.externalName().isBlank()) {
                    continue;
                }
                String target = DnsNames.absolute(svc.externalName().trim()).toLowerCase(Locale.ROOT);
                for (String zone : zones) {
                    String into = ModelDiff.namespaceOfName(target, zone);
                    if (!into.isEmpty() && !into.equals(e.getKey())) {
                        dependsOn.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(into);
                    }
                }
            }
        }
    }

    /** The namespaces reachable from {@code start} along the edges, with {@code start}. */
    private static Set<String> closure(Set<String> start, Map<String, Set<String>> edges) {
        Set<String> out = new HashSet<>(start);
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
                if (out.add(next)) {
                    todo.push(next);
                }
            }
        }
        return out;
    }

    /**
     * The snapshot with these namespaces and their objects only. Their names answer as in the
     * whole: what decides them is in them, or in namespaces their ExternalNames lead to, which
     * are among them too.
     */
    private static ClusterSnapshot restrict(ClusterSnapshot s, Function<String, Part> parts, Set<String> namespaces) {
        List<Service> services = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        List<EndpointsObject> endpoints = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        for (String ns : new TreeSet<>(namespaces)) {
            Part p = parts.apply(ns);
            services.addAll(p.services);
            slices.addAll(p.slices);
            endpoints.addAll(p.endpoints);
            pods.addAll(p.pods);
            workloads.addAll(p.workloads);
        }
        Set<String> existing = new HashSet<>();
        for (String ns : namespaces) {
            if (s.namespaces().contains(ns)) {
                existing.add(ns);
            }
        }
        return new ClusterSnapshot(existing, services, slices, endpoints, pods, workloads, s.corefile(),
                s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
    }

    /** A snapshot's objects by namespace, each list in the snapshot's order. */
    private record Partition(Map<String, Part> byNamespace) {
        private static final Part EMPTY = new Part(false);

        static Partition of(ClusterSnapshot s) {
            Map<String, Part> out = new HashMap<>();
            for (String ns : s.namespaces()) {
                out.put(ns, new Part(true));
            }
            Function<String, Part> part = ns -> out.computeIfAbsent(ns, k -> new Part(false));
            s.services().forEach(x -> part.apply(x.namespace()).services.add(x));
            s.endpointSlices().forEach(x -> part.apply(x.namespace()).slices.add(x));
            s.endpoints().forEach(x -> part.apply(x.namespace()).endpoints.add(x));
            s.pods().forEach(x -> part.apply(x.namespace()).pods.add(x));
            s.workloads().forEach(x -> part.apply(x.namespace()).workloads.add(x));
            return new Partition(out);
        }

        /**
         * The candidates' objects of the after side: read from the lists that differ, taken from
         * the before side's partition where a list is alike throughout.
         */
        static Partition of(ClusterSnapshot s, Candidates c, Partition before) {
            Map<String, Part> out = new HashMap<>();
            for (String ns : c.namespaces()) {
                Part p = new Part(s.namespaces().contains(ns));
                Part was = before.get(ns);
                if (!c.differs()[0]) {
                    p.services.addAll(was.services);
                }
                if (!c.differs()[1]) {
                    p.slices.addAll(was.slices);
                }
                if (!c.differs()[2]) {
                    p.endpoints.addAll(was.endpoints);
                }
                if (!c.differs()[3]) {
                    p.pods.addAll(was.pods);
                }
                if (!c.differs()[4]) {
                    p.workloads.addAll(was.workloads);
                }
                out.put(ns, p);
            }
            if (c.differs()[0]) {
                for (Service x : s.services()) {
                    Part p = out.get(x.namespace());
                    if (p != null) {
                        p.services.add(x);
                    }
                }
            }
            if (c.differs()[1]) {
                for (EndpointSlice x : s.endpointSlices()) {
                    Part p = out.get(x.namespace());
                    if (p != null) {
                        p.slices.add(x);
                    }
                }
            }
            if (c.differs()[2]) {
                for (EndpointsObject x : s.endpoints()) {
                    Part p = out.get(x.namespace());
                    if (p != null) {
                        p.endpoints.add(x);
                    }
                }
            }
            if (c.differs()[3]) {
                for (Pod x : s.pods()) {
                    Part p = out.get(x.namespace());
                    if (p != null) {
                        p.pods.add(x);
                    }
                }
            }
            if (c.differs()[4]) {
                for (Workload x : s.workloads()) {
                    Part p = out.get(x.namespace());
                    if (p != null) {
                        p.workloads.add(x);
                    }
                }
            }
            return new Partition(out);
        }

        Part get(String ns) {
            return byNamespace.getOrDefault(ns, EMPTY);
        }
    }

    /** One namespace's objects, and whether the namespace itself exists. */
    private static final class Part {
        final boolean exists;
        final List<Service> services = new ArrayList<>();
        final List<EndpointSlice> slices = new ArrayList<>();
        final List<EndpointsObject> endpoints = new ArrayList<>();
        final List<Pod> pods = new ArrayList<>();
        final List<Workload> workloads = new ArrayList<>();

        Part(boolean exists) {
            this.exists = exists;
        }

        /** Alike object by object, in order, and alike in existing. */
        boolean same(Part o) {
            return exists == o.exists && same(services, o.services) && same(slices, o.slices)
                    && same(endpoints, o.endpoints) && same(pods, o.pods) && same(workloads, o.workloads);
        }

        private static <T> boolean same(List<T> a, List<T> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!alike(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Every address a PTR could be answered from: cluster IPs, endpoints, pods. */
        Set<String> addresses() {
            Set<String> out = new HashSet<>();
            for (Service s : services) {
                s.clusterIPs().forEach(ip -> out.add(canonical(ip)));
            }
            for (EndpointSlice s : slices) {
                for (Endpoint e : s.endpoints()) {
                    e.addresses().forEach(a -> out.add(canonical(a)));
                }
            }
            for (EndpointsObject e : endpoints) {
                for (EndpointsObject.Subset sub : e.subsets()) {
                    sub.addresses().forEach(a -> out.add(canonical(a.ip())));
                    sub.notReadyAddresses().forEach(a -> out.add(canonical(a.ip())));
                }
            }
            for (Pod p : pods) {
                p.ips().forEach(ip -> out.add(canonical(ip)));
            }
            out.remove(Service.NONE);
            return out;
        }

        static String canonical(String address) {
            String c = dev.kdi.records.names.IpAddress.canonical(address);
            return c == null ? address : c;
        }
    }
}
