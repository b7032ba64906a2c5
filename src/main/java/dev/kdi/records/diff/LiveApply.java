package dev.kdi.records.diff;

import dev.kdi.records.controllers.WorkloadPods;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A live cluster with new manifests applied as {@code kubectl apply -f} applies them, for the
 * fields DNS depends on: each new object replaces the live one of its name, values the server
 * assigned and the manifest leaves out are kept (cluster IPs, see {@link Apply}), nothing is
 * deleted unless named.
 *
 * <p>Pods follow their workloads as the controllers would: a workload whose pod template changes
 * rolls out new pods (new addresses, not known yet); a changed replica count adds or removes
 * pods and keeps the rest; an unchanged workload keeps its pods and their addresses. The
 * EndpointSlices of Services whose selector or pods change are written anew as the EndpointSlice
 * controller would; every other Service keeps the cluster's own slices.
 */
public final class LiveApply {
    private LiveApply() {
    }

    /**
     * @param live the cluster now
     * @param applied the objects of the manifests applied (their namespaces resolved as kubectl's)
     * @param deletes the objects named to be deleted ({@code --delete KIND/NS/NAME})
     * @return the cluster after, with slices derived where they change; not completed yet
     * @throws IllegalArgumentException when an object to delete is not in the cluster, naming it
     */
    public static ClusterSnapshot merge(ClusterSnapshot live, ClusterSnapshot applied, List<ObjectRef> deletes) {
        Map<ObjectRef, Service> services = new LinkedHashMap<>();
        live.services().forEach(s -> services.put(s.ref(), s));
        Map<ObjectRef, Workload> workloads = new LinkedHashMap<>();
        live.workloads().forEach(w -> workloads.put(w.ref(), w));
        Map<ObjectRef, Pod> pods = new LinkedHashMap<>();
        live.pods().forEach(p -> pods.put(p.ref(), p));
        Set<String> namespaces = new HashSet<>(live.namespaces());
        Set<String> changedServices = new HashSet<>();
        Set<String> podsChangedIn = new HashSet<>();

        for (ObjectRef d : deletes) {
            boolean found = switch (d.kind()) {
                case Kinds.SERVICE -> services.remove(d) != null && changedServices.add(key(d.namespace(), d.name()));
                case Kinds.POD -> pods.remove(d) != null && podsChangedIn.add(d.namespace());
                case Kinds.NAMESPACE -> {
                    boolean had = namespaces.remove(d.name());
                    services.keySet().removeIf(r -> r.namespace().equals(d.name()));
                    workloads.keySet().removeIf(r -> r.namespace().equals(d.name()));
                    pods.keySet().removeIf(r -> r.namespace().equals(d.name()));
                    yield had;
                }
                default -> {
                    Workload w = workloads.remove(d);
                    if (w != null) {
                        // Deleting a workload deletes its pods (foreground or background, they go).
                        pods.values().removeIf(p -> owns(w, p));
                        podsChangedIn.add(d.namespace());
                    }
                    yield w != null;
                }
            };
            if (!found) {
                throw new IllegalArgumentException("--delete " + d.kind() + "/" + d.namespace() + "/" + d.name()
                        + ": not found in the cluster");
            }
        }

        namespaces.addAll(applied.namespaces());
        for (Service s : applied.services()) {
            Service old = services.put(s.ref(), s);
            if (!s.equals(old)) {
                changedServices.add(key(s.namespace(), s.name()));
            }
        }
        for (Pod p : applied.pods()) {
            Pod old = pods.put(p.ref(), p);
            if (!p.equals(old)) {
                podsChangedIn.add(p.namespace());
            }
        }
        for (Workload w : applied.workloads()) {
            Workload old = workloads.put(w.ref(), w);
            if (w.equals(old)) {
                continue;
            }
            List<Pod> owned = new ArrayList<>();
            for (Pod p : pods.values()) {
                if (old != null && owns(old, p)) {
                    owned.add(p);
                }
            }
            List<Pod> next = podsAfter(old, w, owned);
            if (!next.equals(owned)) {
                owned.forEach(p -> pods.remove(p.ref()));
                next.forEach(p -> pods.put(p.ref(), p));
                podsChangedIn.add(w.namespace());
            }
        }

        List<EndpointSlice> slices = new ArrayList<>();
        for (EndpointSlice s : live.endpointSlices()) {
            Service svc = services.get(ObjectRef.service(s.namespace(), s.serviceName()));
            boolean rewrite = changedServices.contains(key(s.namespace(), s.serviceName()))
                    || (svc != null && svc.hasSelector() && podsChangedIn.contains(s.namespace()));
            if (svc != null && !rewrite && namespaces.contains(s.namespace())) {
                slices.add(s);
            }
        }
        String corefile = applied.corefile() != null ? applied.corefile() : live.corefile();
        return new ClusterSnapshot(namespaces, List.copyOf(services.values()), slices, live.endpoints(),
                List.copyOf(pods.values()), List.copyOf(workloads.values()), corefile, false, Provisional.NONE,
                live.dnsPodFiles());
    }

    /**
     * The pods of a workload after the apply: the live ones while the template stays (fewer or
     * more by the replica count), new ones (addresses not assigned yet) when the template changes.
     */
    private static List<Pod> podsAfter(Workload old, Workload w, List<Pod> owned) {
        List<Pod> generated = new ArrayList<>();
        for (Pod p : WorkloadPods.of(w)) {
            generated.add(asWritten(p));
        }
        if (old == null || !Objects.equals(old.template(), w.template()) || !Objects.equals(old.serviceName(), w.serviceName())
                || !old.kind().equals(w.kind())) {
            return generated;
        }
        if (old.replicas() == w.replicas()) {
            return owned;
        }
        Set<String> wanted = new HashSet<>();
        generated.forEach(p -> wanted.add(p.name()));
        List<Pod> out = new ArrayList<>();
        if (Kinds.STATEFUL_SET.equals(w.kind())) {
            // Ordinals: pods keep their names, the highest go first on scale-down.
            Set<String> kept = new HashSet<>();
            for (Pod p : owned) {
                if (wanted.contains(p.name())) {
                    out.add(p);
                    kept.add(p.name());
                }
            }
            generated.stream().filter(p -> !kept.contains(p.name())).forEach(out::add);
            return out;
        }
        List<Pod> sorted = new ArrayList<>(owned);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        int keep = Math.min(sorted.size(), Math.max(0, w.replicas()));
        out.addAll(sorted.subList(0, keep));
        Set<String> names = new HashSet<>();
        out.forEach(p -> names.add(p.name()));
        for (Pod p : generated) {
            if (out.size() >= Math.max(0, w.replicas())) {
                break;
            }
            if (names.add(p.name())) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * A pod the rollout will create, as a manifest would write it: no status, so that completion
     * gives it a placeholder address and takes it as Ready, as it does for pods of manifests.
     */
    private static Pod asWritten(Pod p) {
        return new Pod(p.namespace(), p.name(), p.labels(), List.of(), p.hostname(), p.subdomain(), Pod.Phase.UNKNOWN,
                false, false, null, p.owner(), p.dns(), p.containerPorts());
    }

    /** The workload's own pods: by owner, or by its selector (a Deployment's pods belong to its ReplicaSets). */
    static boolean owns(Workload w, Pod p) {
        return p.namespace().equals(w.namespace()) && WorkloadPods.hasPods(w, List.of(p));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
