package dev.kdi.records.lint;

import dev.kdi.records.DnsModel;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DNS lint: findings that say why a name someone expects does not exist, or does not answer
 * as they think, before they go hunting.
 *
 * <p>Stateless and thread-safe. Work is split by namespace: every check looks only at one
 * namespace's objects, through indexes built once, so a cluster of 150,000 pods costs about as
 * much as its objects, never Services times pods.
 */
public final class Lint {
    /**
     * The checks in the order they run: specific ones first, so that the generic ones after them
     * can leave alone what is already explained.
     */
    private static final List<NamespaceCheck> CHECKS = List.of(new StatefulSetChecks(), new SubdomainChecks(),
            new ServiceChecks(), new EndpointChecks(), new TemplateChecks(), new PodDnsChecks(), new NameChecks(),
            new CorefileChecks());

    /** Most severe first, then by the primary object's namespace, kind and name, then code. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(f -> namespaceOf(f.primary()))
            .thenComparing(f -> f.primary().kind())
            .thenComparing(f -> f.primary().name())
            .thenComparing(Finding::code)
            .thenComparing(Finding::message);

    private Lint() {
    }

    /** Every finding for the model's cluster and Corefile, in {@link #ORDER}. */
    public static List<Finding> findings(DnsModel model) {
        ClusterFacts facts = new ClusterFacts(model);
        List<NamespaceView> namespaces = partition(model);
        List<Finding> out = new ArrayList<>();
        CorefileChecks.checkCluster(facts, namespaces, out);
        if (!model.corefile().isKubeDns()) {
            // kube-dns loads no Corefile: the routing kdi derives from its ConfigMap is not the user's to fix.
            CorefilePluginChecks.check(model.corefile(), facts, out);
            CorefileZoneChecks.check(model.corefile(), facts, out);
        }
        for (NamespaceView ns : namespaces) {
            for (NamespaceCheck check : CHECKS) {
                check.check(ns, facts, out);
            }
        }
        out.sort(ORDER);
        shareEqualFixes(out);
        return List.copyOf(out);
    }

    /**
     * Findings kept with the snapshot share equal fix texts: most name no object ("Name the
     * port"), and at 2,000 namespaces 2,900 of 5,400 were copies, a String and its bytes each.
     */
    private static void shareEqualFixes(List<Finding> findings) {
        Map<String, String> fixes = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String fix = fixes.putIfAbsent(f.fix(), f.fix());
            if (fix != null && fix != f.fix()) {
                findings.set(i, new Finding(f.severity(), f.code(), f.objects(), f.message(), fix));
            }
        }
    }

    /** The rules findings come from, with severity and a one-line description each. */
    public static List<Rule> catalogue() {
        return Rule.catalogue();
    }

    /** A namespace finding sorts with the objects inside that namespace. */
    private static String namespaceOf(ObjectRef ref) {
        return ref.kind().equals(Kinds.NAMESPACE) ? ref.name() : ref.namespace();
    }

    /** One pass over each list, grouping every object under its namespace (sorted by name). */
    private static List<NamespaceView> partition(DnsModel model) {
        ClusterSnapshot snap = model.snapshot();
        Map<String, Parts> parts = new HashMap<>();
        for (String ns : snap.namespaces()) {
            parts.computeIfAbsent(ns, k -> new Parts());
        }
        for (Service s : snap.services()) {
            parts.computeIfAbsent(s.namespace(), k -> new Parts()).services.add(s);
        }
        // Pods usually arrive namespace by namespace: skip the map while the namespace stays the same.
        String lastNamespace = null;
        Parts last = null;
        for (Pod p : snap.pods()) {
            if (!p.namespace().equals(lastNamespace)) {
                lastNamespace = p.namespace();
                last = parts.computeIfAbsent(lastNamespace, k -> new Parts());
            }
            last.pods.add(p);
        }
        for (Workload w : snap.workloads()) {
            parts.computeIfAbsent(w.namespace(), k -> new Parts()).workloads.add(w);
        }
        for (EndpointSlice s : model.endpointSlices()) {
            parts.computeIfAbsent(s.namespace(), k -> new Parts()).slices
                    .computeIfAbsent(s.serviceName(), k -> new ArrayList<>(1)).add(s);
        }
        List<NamespaceView> out = new ArrayList<>(parts.size());
        for (Map.Entry<String, Parts> e : new TreeMap<>(parts).entrySet()) {
            Parts p = e.getValue();
            out.add(new NamespaceView(e.getKey(), p.services, p.pods, p.workloads, p.slices));
        }
        return out;
    }

    private static final class Parts {
        final List<Service> services = new ArrayList<>();
        final List<Pod> pods = new ArrayList<>();
        final List<Workload> workloads = new ArrayList<>();
        final Map<String, List<EndpointSlice>> slices = new HashMap<>();
    }
}
