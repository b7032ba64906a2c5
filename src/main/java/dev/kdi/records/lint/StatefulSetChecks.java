package dev.kdi.records.lint;

import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A StatefulSet's per-pod names ({@code db-0.db.shop.svc.cluster.local}) exist only when a
 * Service named by its {@code serviceName} exists in its namespace and selects its pods; and the
 * Service name itself returns the pods only when that Service is headless.
 */
final class StatefulSetChecks implements NamespaceCheck {

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        for (Workload w : ns.workloads) {
            if (!w.isStatefulSet() || w.serviceName() == null || w.serviceName().isEmpty()) {
                continue;
            }
            List<Pod> pods = ns.podsOfStatefulSet(w.name());
            for (Pod p : pods) {
                if (w.serviceName().equals(p.subdomain())) {
                    // This check says everything about these pods' per-pod names.
                    ns.explainPod(p.name());
                }
            }
            checkOne(ns, facts, w, pods, out);
        }
    }

    private void checkOne(NamespaceView ns, ClusterFacts facts, Workload w, List<Pod> pods, List<Finding> out) {
        String svcName = w.serviceName();
        List<String> podNames = podNames(w, pods);
        Service svc = ns.service(svcName);
        if (svc == null) {
            out.add(Finding.of(Rule.STS_SERVICE_MISSING, refs(w, pods),
                    who(w, podNames) + perPod(podNames) + example(facts, ns, podNames, svcName)
                            + ": no Service " + svcName + " exists in " + ns.name + ".",
                    missingFix(ns, w, svcName)));
            return;
        }
        List<String> unselected = new ArrayList<>();
        String why = notSelectingReason(ns, w, pods, podNames, svc, unselected);
        if (why != null) {
            ns.explainService(svcName);
            List<ObjectRef> objects = refs(w, pods);
            objects.add(1, svc.ref());
            out.add(Finding.of(Rule.STS_SERVICE_NOT_SELECTING, objects,
                    who(w, unselected) + perPod(unselected) + example(facts, ns, unselected, svcName) + ": " + why
                            + ".",
                    notSelectingFix(w, svc)));
            return;
        }
        if (!svc.isHeadless()) {
            String address = facts.clusterIpWords(svc);
            String perPod = podNames.isEmpty() ? "" : " (" + podNames.get(0) + "." + facts.serviceName(svcName, ns.name)
                    + " still resolves)";
            out.add(Finding.of(Rule.STS_SERVICE_NOT_HEADLESS, List.of(w.ref(), svc.ref()),
                    "Service " + ns.name + "/" + svcName + ", the serviceName of StatefulSet " + ns.name + "/" + w.name()
                            + ", is not headless, so " + facts.serviceName(svcName, ns.name) + " returns " + address
                            + ", not the pods' addresses" + perPod + ".",
                    "Nothing to fix if " + svcName + " is meant as the set's client address; if clients must "
                            + "get the pods' addresses from it, recreate it with clusterIP: None (clusterIP cannot "
                            + "be changed in place)."));
        }
    }

    /**
     * Why the Service gives (some of) the set's pods no names, collecting those pods' names;
     * null when it selects them all.
     */
    private static String notSelectingReason(NamespaceView ns, Workload w, List<Pod> pods, List<String> podNames,
                                             Service svc, List<String> unselected) {
        String svcRef = "Service " + svc.name();
        if (svc.isExternalName()) {
            unselected.addAll(podNames);
            return svcRef + " is an ExternalName alias, which has no endpoints";
        }
        if (!svc.hasSelector()) {
            // Hand-made slices may still name the pods; only hostnames in them give per-pod names.
            Set<String> named = new HashSet<>();
            for (EndpointSlice s : ns.slicesOf(svc.name())) {
                for (Endpoint e : s.endpoints()) {
                    if (e.hostname() != null) {
                        named.add(e.hostname());
                    }
                }
            }
            for (String n : podNames) {
                if (!named.contains(n)) {
                    unselected.add(n);
                }
            }
            return unselected.isEmpty() ? null
                    : svcRef + " has no selector, and no EndpointSlice of it gives " + Words.list(unselected)
                            + " a hostname";
        }
        Map<String, String> labels;
        if (pods.isEmpty()) {
            labels = w.template().labels();
            if (!LabelSelector.serviceSelects(svc.selector(), labels)) {
                unselected.addAll(podNames);
            }
        } else {
            labels = null;
            for (Pod p : pods) {
                if (!LabelSelector.serviceSelects(svc.selector(), p.labels())) {
                    unselected.add(p.name());
                    if (labels == null) {
                        labels = p.labels();
                    }
                }
            }
        }
        if (unselected.isEmpty()) {
            return null;
        }
        return svcRef + " selects " + Words.selector(svc.selector()) + ", but "
                + Words.plural(unselected.size(), "the pod has ", "the pods have ")
                + Words.labelsForKeys(svc.selector(), labels);
    }

    private static String missingFix(NamespaceView ns, Workload w, String svcName) {
        String create = "Create a headless Service named " + svcName + " in " + ns.name + " that selects "
                + Words.selector(podSelector(w));
        Service alternative = null;
        for (Service s : ns.services) {
            if (s.hasSelector() && !s.isExternalName() && LabelSelector.serviceSelects(s.selector(), w.template().labels())
                    && (alternative == null || (s.isHeadless() && !alternative.isHeadless()))) {
                alternative = s;
            }
        }
        if (alternative == null) {
            return create + ".";
        }
        return create + ", or recreate the StatefulSet with serviceName: " + alternative.name()
                + " (serviceName cannot be changed in place).";
    }

    private static String notSelectingFix(Workload w, Service svc) {
        if (svc.isExternalName() || !svc.hasSelector()) {
            return "Make " + svc.name() + " a headless Service (clusterIP: None) that selects "
                    + Words.selector(podSelector(w)) + ", or recreate the StatefulSet with the name of one that does.";
        }
        return "Change Service " + svc.name() + "'s selector to " + Words.selector(podSelector(w))
                + " (the StatefulSet's pod labels), or add " + Words.selector(svc.selector())
                + " to the StatefulSet's pod template labels.";
    }

    /** The labels a Service should select this set's pods by: its matchLabels, else its template's. */
    static Map<String, String> podSelector(Workload w) {
        if (!w.selector().matchLabels().isEmpty()) {
            return w.selector().matchLabels();
        }
        return Words.selectableLabels(w.template().labels());
    }

    /** The pods' names: those in the snapshot, else the names the controller would give them. */
    static List<String> podNames(Workload w, List<Pod> pods) {
        List<String> names = new ArrayList<>();
        if (!pods.isEmpty()) {
            for (Pod p : pods) {
                names.add(p.name());
            }
            return names;
        }
        for (int i = 0; i < Math.max(0, w.replicas()); i++) {
            names.add(w.name() + "-" + i);
        }
        return names;
    }

    /** {@code Pods db-0 and db-1 of StatefulSet shop/db get}, with the verb agreeing. */
    private static String who(Workload w, List<String> podNames) {
        String set = "StatefulSet " + w.namespace() + "/" + w.name();
        return podNames.isEmpty() ? "The pods of " + set + " get"
                : Words.pods(podNames) + " of " + set + Words.plural(podNames.size(), " gets", " get");
    }

    private static String perPod(List<String> podNames) {
        return podNames.size() == 1 ? " no per-pod name" : " no per-pod names";
    }

    private static String example(ClusterFacts facts, NamespaceView ns, List<String> podNames, String svcName) {
        return podNames.isEmpty() ? ""
                : " (" + podNames.get(0) + "." + facts.serviceName(svcName, ns.name) + " is NXDOMAIN)";
    }

    private static List<ObjectRef> refs(Workload w, List<Pod> pods) {
        List<ObjectRef> refs = new ArrayList<>(pods.size() + 2);
        refs.add(w.ref());
        for (Pod p : pods) {
            refs.add(p.ref());
        }
        return refs;
    }
}
