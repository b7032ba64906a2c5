package dev.kdi.records.diff;

import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything {@code kdi diff} says about one change: the DNS effect of applying it, what the API
 * server would refuse, the effect of deleting and recreating those objects instead, and when a
 * Corefile change takes effect.
 *
 * @param diff what {@code kubectl apply} would change in DNS (refused changes left out)
 * @param rejected what the apply would not change
 * @param recreate what deleting and recreating the rejected objects would change on top; empty
 *     when nothing is rejected
 * @param corefile the Corefile change, when there is one
 * @param after the cluster the change leaves, complete as it is modelled (with the rejected
 *     objects deleted and recreated, when there are any): what shows the names it adds
 * @param afterCorefile the Corefile in force after
 */
public record ChangeReport(DnsDiff diff, List<Rejection> rejected, Optional<DnsDiff> recreate,
                           Optional<CorefileChange> corefile, ClusterSnapshot after, Corefile afterCorefile) {

    public ChangeReport {
        rejected = List.copyOf(rejected);
        java.util.Objects.requireNonNull(after, "after");
        java.util.Objects.requireNonNull(afterCorefile, "afterCorefile");
    }

    /**
     * Two complete manifest sets, as written (completed here, alike, as the cluster would complete
     * them): an object only in {@code before} is deleted.
     *
     * @param references texts of the new set's objects that may name cluster names (env, args,
     *     ConfigMap values), for the breaking heuristic
     */
    public static ChangeReport offline(ClusterSnapshot before, Corefile beforeCorefile, ClusterSnapshot after,
                                       Corefile afterCorefile, List<NameReference> references) {
        AsWritten.Alike alike = AsWritten.Alike.of(List.of(before, after));
        return compare(before, alike.complete(before), beforeCorefile, after, Set.of(), afterCorefile, references,
                alike);
    }

    /**
     * A live cluster and the same cluster with new manifests applied ({@link LiveApply#merge}): the
     * live objects are taken as they are; what the apply adds is completed as the cluster would.
     *
     * @param applied the objects of the manifests applied
     * @param deletes the objects named to be deleted
     * @throws IllegalArgumentException when an object to delete is not in the cluster
     */
    public static ChangeReport live(ClusterSnapshot live, Corefile liveCorefile, ClusterSnapshot applied,
                                    List<ObjectRef> deletes, Corefile afterCorefile, List<NameReference> references) {
        ClusterSnapshot merged = LiveApply.merge(live, applied, deletes);
        Set<ObjectRef> fromManifests = new HashSet<>();
        applied.pods().forEach(p -> fromManifests.add(p.ref()));
        Set<ObjectRef> rolledOut = new HashSet<>();
        merged.pods().forEach(p -> {
            if (!fromManifests.contains(p.ref())) {
                rolledOut.add(p.ref());
            }
        });
        return compare(live, live, liveCorefile, merged, rolledOut, afterCorefile, references,
                AsWritten.Alike.of(List.of(live, merged)));
    }

    /**
     * Both diffs are incremental ({@link IncrementalDiff}): a change recomputes the namespaces it
     * touches and their dependants, whatever the cluster's size.
     */
    private static ChangeReport compare(ClusterSnapshot before, ClusterSnapshot beforeModelled, Corefile beforeCorefile,
                                        ClusterSnapshot after, Set<ObjectRef> rolledOut, Corefile afterCorefile,
                                        List<NameReference> references, AsWritten.Alike alike) {
        Apply apply = Apply.of(before, after, rolledOut);
        ClusterSnapshot applied = alike.complete(apply.applied());
        DnsDiff diff = IncrementalDiff.of(beforeModelled, beforeCorefile)
                .compare(applied, afterCorefile, referrers(applied, afterCorefile, references)).diff();
        Optional<DnsDiff> recreate = Optional.empty();
        ClusterSnapshot last = applied;
        if (!apply.rejected().isEmpty()) {
            ClusterSnapshot recreated = alike.complete(apply.recreated());
            recreate = Optional.of(IncrementalDiff.of(applied, afterCorefile)
                    .compare(recreated, afterCorefile, referrers(recreated, afterCorefile, references)).diff());
            last = recreated;
        }
        return new ChangeReport(diff, apply.rejected(), recreate, CorefileChange.of(beforeCorefile, afterCorefile),
                last, afterCorefile);
    }

    /**
     * The model of the cluster after the change, of these namespaces only (the ones whose names it
     * adds, say): a few namespaces cost what they hold, not what the cluster does. Their own names
     * answer as in the whole; a name that follows an ExternalName out of them may not.
     */
    public DnsModel afterModel(Set<String> namespaces) {
        Predicate<String> in = namespaces::contains;
        List<Service> services = after.services().stream().filter(x -> in.test(x.namespace())).toList();
        List<EndpointSlice> slices = after.endpointSlices().stream().filter(x -> in.test(x.namespace())).toList();
        List<EndpointsObject> endpoints = after.endpoints().stream().filter(x -> in.test(x.namespace())).toList();
        List<Pod> pods = after.pods().stream().filter(x -> in.test(x.namespace())).toList();
        List<Workload> workloads = after.workloads().stream().filter(x -> in.test(x.namespace())).toList();
        Set<String> kept = new HashSet<>(after.namespaces());
        kept.retainAll(namespaces);
        return DnsModel.build(new ClusterSnapshot(kept, services, slices, endpoints, pods, workloads, after.corefile(),
                after.slicesAuthoritative(), after.provisional(), after.dnsPodFiles()), afterCorefile);
    }

    /** Whether anything changes or is refused: {@code kdi diff} exits 1 then. */
    public boolean changes() {
        return !diff.isEmpty() || !rejected.isEmpty() || recreate.map(d -> !d.isEmpty()).orElse(false);
    }

    private static Referrers referrers(ClusterSnapshot after, Corefile corefile, List<NameReference> references) {
        return Referrers.of(after, corefile.kubernetes().map(KubernetesPlugin::primaryZone).orElse("cluster.local."),
                references);
    }
}
