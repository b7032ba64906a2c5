package dev.kdi.records.controllers;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.Unassigned;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifests as people write them, completed as the cluster would complete them once applied:
 * workloads without pods get the pods their controllers would create, and cluster and pod IPs
 * not assigned yet get {@link Placeholders placeholders}, marked so every answer that depends on
 * one says so. Offline only: a live snapshot is returned as it is.
 */
public final class OfflineCompletion {
    private OfflineCompletion() {
    }

    /** The completed snapshot, with {@link ClusterSnapshot#provisional()} saying what was added. */
    public static ClusterSnapshot complete(ClusterSnapshot s) {
        return complete(s, podFamilies(s.services()));
    }

    /**
     * The same, with the pods' address families given: two versions of one cluster (the sides of
     * a diff) must assume the same families, or removing the one dual-stack Service would move
     * every other Service's placeholder to another family.
     *
     * @param podFamilies the families pods and family-less Services get, the primary first (see
     *     {@link #podFamilies})
     */
    public static ClusterSnapshot complete(ClusterSnapshot s, List<IpFamily> podFamilies) {
        if (s.slicesAuthoritative()) {
            return s;
        }
        Map<String, List<Pod>> podsByNamespace = new HashMap<>();
        Set<ObjectRef> podNames = new HashSet<>();
        for (Pod p : s.pods()) {
            podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
            podNames.add(p.ref());
        }
        Map<ObjectRef, ObjectRef> generators = new LinkedHashMap<>();
        Set<ObjectRef> standIns = new HashSet<>();
        List<Pod> pods = new ArrayList<>(s.pods());
        for (Workload w : s.workloads()) {
            if (WorkloadPods.hasPods(w, podsByNamespace.getOrDefault(w.namespace(), List.of()))) {
                continue;
            }
            for (Pod p : WorkloadPods.of(w)) {
                if (podNames.add(p.ref())) {
                    pods.add(p);
                    generators.put(p.ref(), w.ref());
                    if (Kinds.DAEMON_SET.equals(w.kind())) {
                        standIns.add(p.ref());
                    }
                }
            }
        }

        Set<String> taken = new HashSet<>();
        s.services().forEach(svc -> taken.addAll(svc.clusterIPs()));
        s.pods().forEach(p -> taken.addAll(p.ips()));
        Placeholders placeholders = new Placeholders(taken);
        Set<ObjectRef> assumedReady = new HashSet<>();
        for (Pod p : pods) {
            if (generators.containsKey(p.ref()) || isAsWritten(p)) {
                assumedReady.add(p.ref());
                for (IpFamily f : podFamilies) {
                    placeholders.request(new Unassigned(Unassigned.Kind.POD_IP, p.ref()), f);
                }
            }
        }
        for (Service svc : s.services()) {
            if (needsClusterIp(svc)) {
                for (IpFamily f : clusterIpFamilies(svc, podFamilies)) {
                    placeholders.request(new Unassigned(Unassigned.Kind.CLUSTER_IP, svc.ref()), f);
                }
            }
        }
        Map<Placeholders.Request, String> assigned = placeholders.assign();
        if (assigned.isEmpty() && generators.isEmpty()) {
            return s;
        }
        Map<ObjectRef, List<String>> addresses = new HashMap<>();
        Map<String, Unassigned> byAddress = new HashMap<>();
        // Requests were made per object in family order; keep that order for each object.
        Map<Placeholders.Request, String> inRequestOrder = new LinkedHashMap<>();
        for (Pod p : pods) {
            for (IpFamily f : podFamilies) {
                put(inRequestOrder, assigned, new Placeholders.Request(new Unassigned(Unassigned.Kind.POD_IP, p.ref()), f));
            }
        }
        for (Service svc : s.services()) {
            for (IpFamily f : clusterIpFamilies(svc, podFamilies)) {
                put(inRequestOrder, assigned, new Placeholders.Request(new Unassigned(Unassigned.Kind.CLUSTER_IP, svc.ref()), f));
            }
        }
        for (Map.Entry<Placeholders.Request, String> e : inRequestOrder.entrySet()) {
            addresses.computeIfAbsent(e.getKey().what().object(), k -> new ArrayList<>()).add(e.getValue());
            byAddress.put(e.getValue(), e.getKey().what());
        }

        List<Pod> completedPods = new ArrayList<>(pods.size());
        for (Pod p : pods) {
            List<String> ips = addresses.get(p.ref());
            completedPods.add(ips == null ? p : new Pod(p.namespace(), p.name(), p.labels(), List.copyOf(ips),
                    p.hostname(), p.subdomain(), Pod.Phase.RUNNING, true, false, p.nodeName(), p.owner(), p.dns(),
                    p.containerPorts()));
        }
        List<Service> services = new ArrayList<>(s.services().size());
        for (Service svc : s.services()) {
            List<String> ips = addresses.get(svc.ref());
            services.add(ips == null ? svc : svc.withClusterIPs(ips, svc.ipFamilies()));
        }
        return new ClusterSnapshot(s.namespaces(), services, s.endpointSlices(), s.endpoints(), completedPods,
                s.workloads(), s.corefile(), false, new Provisional(generators, standIns, assumedReady, byAddress),
                s.dnsPodFiles());
    }

    private static void put(Map<Placeholders.Request, String> into, Map<Placeholders.Request, String> assigned,
                            Placeholders.Request r) {
        String address = assigned.get(r);
        if (address != null) {
            into.put(r, address);
        }
    }

    /**
     * A pod as written in a manifest, not as read from a cluster: no status at all (no phase, no
     * address, no Ready condition). It will be created, get an address and, we assume, be Ready.
     */
    static boolean isAsWritten(Pod p) {
        return p.ips().isEmpty() && p.phase() == Pod.Phase.UNKNOWN && !p.ready() && !p.terminating();
    }

    /** A Service the API server gives a cluster IP, whose manifest leaves it out. */
    static boolean needsClusterIp(Service svc) {
        return svc.type() != ServiceType.EXTERNAL_NAME && svc.clusterIPs().isEmpty();
    }

    private static List<IpFamily> clusterIpFamilies(Service svc, List<IpFamily> podFamilies) {
        return svc.ipFamilies().isEmpty() ? List.of(podFamilies.get(0)) : svc.ipFamilies();
    }

    /**
     * The families pods get: IPv4 alone unless some Service's {@code ipFamilies} names IPv6; then
     * both, IPv6 first only when every Service naming families puts IPv6 first.
     */
    public static List<IpFamily> podFamilies(List<Service> services) {
        boolean v4 = false;
        boolean v6 = false;
        boolean v6First = true;
        boolean any = false;
        for (Service svc : services) {
            if (svc.ipFamilies().isEmpty()) {
                continue;
            }
            any = true;
            v4 |= svc.ipFamilies().contains(IpFamily.IPV4);
            v6 |= svc.ipFamilies().contains(IpFamily.IPV6);
            v6First &= svc.ipFamilies().get(0) == IpFamily.IPV6;
        }
        if (!any || !v6) {
            return List.of(IpFamily.IPV4);
        }
        if (!v4) {
            return List.of(IpFamily.IPV6);
        }
        return v6First ? List.of(IpFamily.IPV6, IpFamily.IPV4) : List.of(IpFamily.IPV4, IpFamily.IPV6);
    }
}
