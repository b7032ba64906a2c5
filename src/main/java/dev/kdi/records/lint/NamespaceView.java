package dev.kdi.records.lint;

import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.FlatSelector;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One namespace's objects with the lookups the checks need: Services by name, pods by label and
 * by StatefulSet, workloads by kind and name, slices by Service. Every check works inside one of these,
 * so no check ever pairs a Service with the pods of the whole cluster.
 *
 * <p>Also carries what earlier checks have already explained ({@link #explainService},
 * {@link #explainPod}), so that later, less specific checks stay quiet about it.
 */
final class NamespaceView {
    private static final List<Pod> NO_PODS = List.of();

    final String name;
    final List<Service> services;
    /** The pods that are not Succeeded or Failed; terminal pods play no part in DNS. */
    final List<Pod> pods;
    final List<Workload> workloads;
    private final Map<String, List<EndpointSlice>> slicesByService;
    private final Map<String, Service> servicesByName;
    /** Pods that set a subdomain: few, and the only ones endpoint naming checks care about. */
    private final Map<String, Pod> podsWithSubdomain;
    private final Map<Owner, Workload> workloadsByKindAndName;
    /** Pods owned by StatefulSets, by owner; the only owners whose pods are looked up as a set. */
    private final Map<String, List<Pod>> podsByStatefulSet;
    /** Pods that are not ready or are terminating: few, and what readiness checks look up. */
    private final Map<String, Pod> unreadyPods;
    /** Resolved {@link #templateOwner} per owner reference; pods of one owner share the answer. */
    private final Map<Owner, Workload> templateOwners = new HashMap<>();
    /** Built on first use: most namespaces never need it. */
    private Map<String, Map<String, List<Pod>>> podsByLabel;
    private final Set<String> explainedServices = new HashSet<>();
    private final Set<String> explainedPods = new HashSet<>();

    NamespaceView(String name, List<Service> services, List<Pod> allPods, List<Workload> workloads,
                  Map<String, List<EndpointSlice>> slicesByService) {
        this.name = name;
        this.services = services;
        this.workloads = workloads;
        this.slicesByService = slicesByService;
        this.servicesByName = new HashMap<>(services.size() * 2);
        for (Service s : services) {
            servicesByName.putIfAbsent(s.name(), s);
        }
        this.pods = new ArrayList<>(allPods.size());
        this.podsWithSubdomain = new HashMap<>();
        this.podsByStatefulSet = new HashMap<>();
        this.unreadyPods = new HashMap<>();
        for (Pod p : allPods) {
            if (p.phase().isTerminal()) {
                continue;
            }
            pods.add(p);
            if (p.subdomain() != null && !p.subdomain().isEmpty()) {
                podsWithSubdomain.putIfAbsent(p.name(), p);
            }
            if (!p.ready() || p.terminating()) {
                unreadyPods.putIfAbsent(p.name(), p);
            }
            if (p.owner() != null && Kinds.STATEFUL_SET.equals(p.owner().kind())) {
                podsByStatefulSet.computeIfAbsent(p.owner().name(), k -> new ArrayList<>()).add(p);
            }
        }
        this.workloadsByKindAndName = new HashMap<>(workloads.size() * 2);
        for (Workload w : workloads) {
            workloadsByKindAndName.putIfAbsent(new Owner(w.kind(), w.name()), w);
        }
    }

    Service service(String serviceName) {
        return serviceName == null ? null : servicesByName.get(serviceName);
    }

    /** The live pod of that name if it is not ready or is terminating; null otherwise. */
    Pod unreadyPod(String podName) {
        return podName == null || unreadyPods.isEmpty() ? null : unreadyPods.get(podName);
    }

    /** The live pod of that name if it sets a subdomain; null otherwise. */
    Pod podWithSubdomain(String podName) {
        return podName == null || podsWithSubdomain.isEmpty() ? null : podsWithSubdomain.get(podName);
    }

    List<EndpointSlice> slicesOf(String serviceName) {
        return slicesByService.getOrDefault(serviceName, List.of());
    }

    /**
     * The live pods a Service selector selects. Starts from the rarest of the selector's labels,
     * so a namespace of many pods costs only the pods that carry it.
     */
    List<Pod> selectedBy(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return NO_PODS;
        }
        List<Pod> smallest = null;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            List<Pod> candidates = labelIndex().getOrDefault(e.getKey(), Map.of()).getOrDefault(e.getValue(), NO_PODS);
            if (smallest == null || candidates.size() < smallest.size()) {
                smallest = candidates;
            }
        }
        if (smallest.isEmpty() || selector.size() == 1) {
            return smallest;
        }
        List<Pod> out = new ArrayList<>(smallest.size());
        FlatSelector flat = FlatSelector.of(selector);
        for (Pod p : smallest) {
            if (flat.selects(p.labels())) {
                out.add(p);
            }
        }
        return out;
    }

    private Map<String, Map<String, List<Pod>>> labelIndex() {
        if (podsByLabel == null) {
            podsByLabel = new HashMap<>();
            for (Pod p : pods) {
                for (Map.Entry<String, String> e : p.labels().entrySet()) {
                    podsByLabel.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                            .computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        return podsByLabel;
    }

    /** The distinct values the namespace's pods carry for a label key, sorted. */
    List<String> labelValues(String labelKey) {
        List<String> values = new ArrayList<>(labelIndex().getOrDefault(labelKey, Map.of()).keySet());
        values.sort(Comparator.naturalOrder());
        return values;
    }

    /**
     * The workloads whose pod template a Service selector matches: the pods it will select once
     * they are created, whether or not any exist now.
     */
    List<Workload> templatesSelectedBy(Map<String, String> selector) {
        List<Workload> out = new ArrayList<>(1);
        FlatSelector flat = FlatSelector.of(selector);
        for (Workload w : workloads) {
            if (flat.selects(w.template().labels())) {
                out.add(w);
            }
        }
        return out;
    }

    /** The live pods of a StatefulSet, in ordinal order. */
    List<Pod> podsOfStatefulSet(String setName) {
        List<Pod> owned = new ArrayList<>(podsByStatefulSet.getOrDefault(setName, NO_PODS));
        owned.sort(Comparator.comparing(Pod::name, Words.NATURAL));
        return owned;
    }

    /**
     * The workload whose template stamped this pod: its owner, or for a ReplicaSet or Job the
     * Deployment or CronJob that owns that in turn. Null when the snapshot has none.
     */
    Workload templateOwner(Pod pod) {
        Owner owner = pod.owner();
        if (owner == null) {
            return null;
        }
        Workload cached = templateOwners.get(owner);
        if (cached != null || templateOwners.containsKey(owner)) {
            return cached;
        }
        Workload resolved;
        Workload direct = workloadsByKindAndName.get(owner);
        if (direct != null) {
            Workload parent = parentOf(direct);
            resolved = parent != null ? parent : direct;
        } else {
            resolved = parent(owner.kind(), owner.name());
        }
        templateOwners.put(owner, resolved);
        return resolved;
    }

    /**
     * The Deployment that owns a ReplicaSet (named {@code <deployment>-<hash>}), or the CronJob
     * that owns a Job (named {@code <cronjob>-<time>}); null otherwise. Their templates are
     * copies, so checks report the parent only.
     */
    Workload parentOf(Workload w) {
        return parent(w.kind(), w.name());
    }

    private Workload parent(String kind, String name) {
        String parentKind = parentKind(kind);
        String parentName = parentKind == null ? null : withoutLastSegment(name);
        return parentName == null ? null : workloadsByKindAndName.get(new Owner(parentKind, parentName));
    }

    private static String parentKind(String kind) {
        return switch (kind) {
            case Kinds.REPLICA_SET -> Kinds.DEPLOYMENT;
            case Kinds.JOB -> Kinds.CRON_JOB;
            default -> null;
        };
    }

    private static String withoutLastSegment(String s) {
        int dash = s.lastIndexOf('-');
        return dash <= 0 ? null : s.substring(0, dash);
    }

    /**
     * Who a finding about this pod should name first: the workload whose template made it, else
     * its owner, else the pod itself.
     */
    ObjectRef subject(Pod pod) {
        Workload w = templateOwner(pod);
        if (w != null) {
            return w.ref();
        }
        if (pod.owner() != null) {
            return new ObjectRef(pod.owner().kind(), name, pod.owner().name());
        }
        return pod.ref();
    }

    /** Marks a Service as explained by a specific finding; generic Service checks then skip it. */
    void explainService(String serviceName) {
        explainedServices.add(serviceName);
    }

    boolean isServiceExplained(String serviceName) {
        return explainedServices.contains(serviceName);
    }

    /** Marks a pod's subdomain as checked already (by its StatefulSet's check). */
    void explainPod(String podName) {
        explainedPods.add(podName);
    }

    boolean isPodExplained(String podName) {
        return explainedPods.contains(podName);
    }
}
