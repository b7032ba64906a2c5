package dev.kdi.records.lint;

import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.ObjectRef;
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
 * by owner, workloads by kind and name, slices by Service. Every check works inside one of these,
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
    private final Map<String, Pod> podsByName;
    private final Map<String, Workload> workloadsByKindAndName;
    private final Map<String, List<Pod>> podsByOwner;
    private final Map<String, Map<String, List<Pod>>> podsByLabel;
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
        this.podsByName = new HashMap<>(allPods.size() * 2);
        this.podsByOwner = new HashMap<>();
        this.podsByLabel = new HashMap<>();
        for (Pod p : allPods) {
            if (p.phase().isTerminal()) {
                continue;
            }
            pods.add(p);
            podsByName.putIfAbsent(p.name(), p);
            if (p.owner() != null) {
                podsByOwner.computeIfAbsent(key(p.owner().kind(), p.owner().name()), k -> new ArrayList<>()).add(p);
            }
            for (Map.Entry<String, String> e : p.labels().entrySet()) {
                podsByLabel.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                        .computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(p);
            }
        }
        this.workloadsByKindAndName = new HashMap<>(workloads.size() * 2);
        for (Workload w : workloads) {
            workloadsByKindAndName.putIfAbsent(key(w.kind(), w.name()), w);
        }
    }

    private static String key(String kind, String name) {
        return kind + "/" + name;
    }

    Service service(String serviceName) {
        return serviceName == null ? null : servicesByName.get(serviceName);
    }

    Pod pod(String podName) {
        return podName == null ? null : podsByName.get(podName);
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
            List<Pod> candidates = podsByLabel.getOrDefault(e.getKey(), Map.of()).getOrDefault(e.getValue(), NO_PODS);
            if (smallest == null || candidates.size() < smallest.size()) {
                smallest = candidates;
            }
        }
        if (smallest.isEmpty() || selector.size() == 1) {
            return smallest;
        }
        List<Pod> out = new ArrayList<>(smallest.size());
        for (Pod p : smallest) {
            if (LabelSelector.serviceSelects(selector, p.labels())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The distinct values the namespace's pods carry for a label key, sorted. */
    List<String> labelValues(String labelKey) {
        List<String> values = new ArrayList<>(podsByLabel.getOrDefault(labelKey, Map.of()).keySet());
        values.sort(Comparator.naturalOrder());
        return values;
    }

    /** The live pods whose controlling owner is the given object, in ordinal order. */
    List<Pod> podsOwnedBy(String kind, String ownerName) {
        List<Pod> owned = new ArrayList<>(podsByOwner.getOrDefault(key(kind, ownerName), NO_PODS));
        owned.sort(Comparator.comparing(Pod::name, Words.NATURAL));
        return owned;
    }

    /**
     * The workload whose template stamped this pod: its owner, or for a ReplicaSet or Job the
     * Deployment or CronJob that owns that in turn. Null when the snapshot has none.
     */
    Workload templateOwner(Pod pod) {
        if (pod.owner() == null) {
            return null;
        }
        Workload direct = workloadsByKindAndName.get(key(pod.owner().kind(), pod.owner().name()));
        if (direct != null) {
            Workload parent = parentOf(direct);
            return parent != null ? parent : direct;
        }
        String parentKind = parentKind(pod.owner().kind());
        String parentName = withoutLastSegment(pod.owner().name());
        return parentKind == null || parentName == null ? null : workloadsByKindAndName.get(key(parentKind, parentName));
    }

    /**
     * The Deployment that owns a ReplicaSet (named {@code <deployment>-<hash>}), or the CronJob
     * that owns a Job (named {@code <cronjob>-<time>}); null otherwise. Their templates are
     * copies, so checks report the parent only.
     */
    Workload parentOf(Workload w) {
        String parentKind = parentKind(w.kind());
        String parentName = withoutLastSegment(w.name());
        return parentKind == null || parentName == null ? null : workloadsByKindAndName.get(key(parentKind, parentName));
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
