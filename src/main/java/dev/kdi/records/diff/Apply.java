package dev.kdi.records.diff;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code kubectl apply} of a complete new manifest set makes of the old one, for the fields
 * DNS depends on: objects only in the new set are created, objects only in the old set deleted
 * (a pull request's base and head: the head is the whole truth), changed objects updated, except
 * where the API server refuses the update or keeps the live value.
 *
 * <p>The server refuses changes to immutable fields (read against Kubernetes' validation of
 * StatefulSets, Deployments, ReplicaSets, DaemonSets, Jobs, Pods and Services): a StatefulSet's
 * fields other than replicas, ordinals, template, update strategy, PVC retention policy and
 * minReadySeconds; the selector of the apps workloads; a Job's selector, template and completion
 * mode; a Pod's spec (hostname, subdomain, DNS settings); a Service's cluster IP once set. When a
 * Service manifest leaves {@code clusterIP} out, the server keeps the live one (also {@code None}:
 * removing {@code clusterIP: None} leaves the Service headless).
 *
 * @param applied the cluster after the apply: rejected objects as they were
 * @param recreated the cluster after deleting and recreating the rejected objects
 * @param rejected what the apply would not change
 */
public record Apply(ClusterSnapshot applied, ClusterSnapshot recreated, List<Rejection> rejected) {

    public Apply {
        rejected = List.copyOf(rejected);
    }

    private static final String RECREATE = "delete and recreate";

    /** Applies the whole new set over the old one. */
    public static Apply of(ClusterSnapshot before, ClusterSnapshot after) {
        return of(before, after, Set.of());
    }

    /**
     * The same, where the new set holds pods the controllers made rather than the manifests: only
     * those given are checked as pod updates (a rolled-out pod replaces, it does not update).
     *
     * @param controllerPods pods of {@code after} that a workload's rollout made; empty when every pod is a manifest's
     */
    public static Apply of(ClusterSnapshot before, ClusterSnapshot after, Set<ObjectRef> controllerPods) {
        List<Rejection> rejected = new ArrayList<>();
        Map<ObjectRef, Service> oldServices = new HashMap<>();
        before.services().forEach(s -> oldServices.put(s.ref(), s));
        List<Service> applied = new ArrayList<>();
        List<Service> recreated = new ArrayList<>();
        for (Service s : after.services()) {
            Service old = oldServices.get(s.ref());
            if (old == null || old.type() == ServiceType.EXTERNAL_NAME || s.type() == ServiceType.EXTERNAL_NAME) {
                // Created, or a type change the server allows (it clears or allocates the cluster IP).
                applied.add(s);
                recreated.add(s);
                continue;
            }
            String was = old.clusterIPs().isEmpty() ? null : old.clusterIPs().get(0);
            String now = s.clusterIPs().isEmpty() ? null : s.clusterIPs().get(0);
            Service kept = s.clusterIPs().isEmpty() && !old.clusterIPs().isEmpty() ? withClusterIps(s, old) : s;
            if (now == null && Service.NONE.equals(was)) {
                rejected.add(new Rejection(s.ref(), "spec.clusterIP", quote(was), "(not set)",
                        "apply would keep it headless (the API server keeps the live clusterIP None when the manifest "
                                + "leaves it out): " + RECREATE));
                applied.add(old);
                recreated.add(s);
            } else if (now != null && was != null && !now.equals(was)) {
                rejected.add(new Rejection(s.ref(), "spec.clusterIP", quote(was), quote(now),
                        "apply would be rejected (may not change once set): " + RECREATE));
                applied.add(old);
                recreated.add(s);
            } else if (now != null && was == null && Service.NONE.equals(now)) {
                rejected.add(new Rejection(s.ref(), "spec.clusterIP", "(assigned by the cluster)", quote(now),
                        "apply would be rejected (a Service with a cluster IP cannot become headless): " + RECREATE));
                applied.add(old);
                recreated.add(s);
            } else {
                applied.add(kept);
                recreated.add(kept);
            }
        }

        Map<ObjectRef, Workload> oldWorkloads = new HashMap<>();
        before.workloads().forEach(w -> oldWorkloads.put(w.ref(), w));
        List<Workload> appliedWorkloads = new ArrayList<>();
        List<Workload[]> kept = new ArrayList<>();
        for (Workload w : after.workloads()) {
            Workload old = oldWorkloads.get(w.ref());
            List<Rejection> found = old == null ? List.of() : workload(old, w);
            rejected.addAll(found);
            appliedWorkloads.add(found.isEmpty() ? w : old);
            if (!found.isEmpty()) {
                kept.add(new Workload[] {old, w});
            }
        }

        Map<ObjectRef, Pod> oldPods = new HashMap<>();
        before.pods().forEach(p -> oldPods.put(p.ref(), p));
        List<Pod> appliedPods = new ArrayList<>();
        for (Pod p : after.pods()) {
            Pod old = oldPods.get(p.ref());
            List<Rejection> found = old == null || controllerPods.contains(p.ref()) ? List.of() : pod(old, p);
            rejected.addAll(found);
            appliedPods.add(found.isEmpty() ? p : old);
        }
        for (Workload[] k : kept) {
            // A refused workload keeps its pods: the new template's pods are the recreate's.
            appliedPods.removeIf(p -> LiveApply.owns(k[0], p) || LiveApply.owns(k[1], p));
            before.pods().stream().filter(p -> LiveApply.owns(k[0], p)).forEach(appliedPods::add);
        }
        if (rejected.isEmpty()) {
            return new Apply(withServices(after, applied), withServices(after, recreated), List.of());
        }
        ClusterSnapshot a = new ClusterSnapshot(after.namespaces(), applied, after.endpointSlices(), after.endpoints(),
                appliedPods, appliedWorkloads, after.corefile(), after.slicesAuthoritative(), after.provisional(),
                after.dnsPodFiles());
        return new Apply(a, withServices(after, recreated), rejected);
    }

    private static List<Rejection> workload(Workload old, Workload w) {
        List<Rejection> out = new ArrayList<>();
        String kind = w.kind();
        if (!kind.equals(old.kind())) {
            return out;
        }
        if (Kinds.STATEFUL_SET.equals(kind)) {
            if (!Objects.equals(blankToNull(old.serviceName()), blankToNull(w.serviceName()))) {
                out.add(new Rejection(w.ref(), "spec.serviceName", quote(old.serviceName()), quote(w.serviceName()),
                        "apply would be rejected (a StatefulSet's spec may change only replicas, ordinals, template, "
                                + "updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds): "
                                + RECREATE));
            }
        }
        boolean selectorImmutable = Kinds.STATEFUL_SET.equals(kind) || Kinds.DEPLOYMENT.equals(kind)
                || Kinds.REPLICA_SET.equals(kind) || Kinds.DAEMON_SET.equals(kind) || Kinds.JOB.equals(kind);
        if (selectorImmutable && !Objects.equals(old.selector(), w.selector())) {
            out.add(new Rejection(w.ref(), "spec.selector", selector(old), selector(w), "apply would be rejected (field is immutable): " + RECREATE));
        }
        if (Kinds.JOB.equals(kind)) {
            if (!Objects.equals(old.template(), w.template())) {
                out.add(new Rejection(w.ref(), "spec.template", "(the live template)", "(the new template)",
                        "apply would be rejected (a Job's template is immutable): " + RECREATE));
            }
            if (old.indexed() != w.indexed()) {
                out.add(new Rejection(w.ref(), "spec.completionMode", old.indexed() ? "Indexed" : "NonIndexed",
                        w.indexed() ? "Indexed" : "NonIndexed", "apply would be rejected (field is immutable): " + RECREATE));
            }
        }
        return out;
    }

    private static List<Rejection> pod(Pod old, Pod p) {
        List<Rejection> out = new ArrayList<>();
        String reason = "apply would be rejected (a Pod's spec may change only images, activeDeadlineSeconds, "
                + "tolerations and terminationGracePeriodSeconds): " + RECREATE;
        if (!Objects.equals(old.hostname(), p.hostname())) {
            out.add(new Rejection(p.ref(), "spec.hostname", quote(old.hostname()), quote(p.hostname()), reason));
        }
        if (!Objects.equals(old.subdomain(), p.subdomain())) {
            out.add(new Rejection(p.ref(), "spec.subdomain", quote(old.subdomain()), quote(p.subdomain()), reason));
        }
        if (!Objects.equals(old.dns(), p.dns())) {
            out.add(new Rejection(p.ref(), "spec.dnsPolicy/dnsConfig", "(the live settings)", "(the new settings)",
                    reason));
        }
        return out;
    }

    private static Service withClusterIps(Service s, Service old) {
        return s.withClusterIPs(old.clusterIPs(), s.ipFamilies().isEmpty() ? old.ipFamilies() : s.ipFamilies());
    }

    private static ClusterSnapshot withServices(ClusterSnapshot s, List<Service> services) {
        return new ClusterSnapshot(s.namespaces(), services, s.endpointSlices(), s.endpoints(), s.pods(), s.workloads(),
                s.corefile(), s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
    }

    private static String selector(Workload w) {
        return w.selector() == null ? "(not set)" : String.valueOf(w.selector().matchLabels());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String quote(String s) {
        return s == null ? "(not set)" : "\"" + s + "\"";
    }
}
