package dev.kdi.records.diff;

import dev.kdi.records.DnsModel;
import dev.kdi.records.controllers.OfflineCompletion;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.ObjectRef;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 */
public record ChangeReport(DnsDiff diff, List<Rejection> rejected, Optional<DnsDiff> recreate,
                           Optional<CorefileChange> corefile) {

    public ChangeReport {
        rejected = List.copyOf(rejected);
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
        List<IpFamily> families = AsWritten.families(List.of(before, after));
        return compare(before, OfflineCompletion.complete(before, families), beforeCorefile, after, Set.of(),
                afterCorefile, references, families);
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
                AsWritten.families(List.of(live, merged)));
    }

    private static ChangeReport compare(ClusterSnapshot before, ClusterSnapshot beforeModelled, Corefile beforeCorefile,
                                        ClusterSnapshot after, Set<ObjectRef> rolledOut, Corefile afterCorefile,
                                        List<NameReference> references, List<IpFamily> families) {
        Apply apply = Apply.of(before, after, rolledOut);
        ClusterSnapshot applied = OfflineCompletion.complete(apply.applied(), families);
        ModelDiff.Side oldSide = side(beforeModelled, beforeCorefile);
        ModelDiff.Side appliedSide = side(applied, afterCorefile);
        DnsDiff diff = ModelDiff.compare(oldSide, appliedSide, Set.of(), referrers(appliedSide, references));
        Optional<DnsDiff> recreate = Optional.empty();
        if (!apply.rejected().isEmpty()) {
            ModelDiff.Side recreated = side(OfflineCompletion.complete(apply.recreated(), families), afterCorefile);
            recreate = Optional.of(ModelDiff.compare(appliedSide, recreated, Set.of(), referrers(recreated, references)));
        }
        return new ChangeReport(diff, apply.rejected(), recreate, CorefileChange.of(beforeCorefile, afterCorefile));
    }

    /** Whether anything changes or is refused: {@code kdi diff} exits 1 then. */
    public boolean changes() {
        return !diff.isEmpty() || !rejected.isEmpty() || recreate.map(d -> !d.isEmpty()).orElse(false);
    }

    private static ModelDiff.Side side(ClusterSnapshot s, Corefile corefile) {
        DnsModel model = DnsModel.build(s, corefile);
        return new ModelDiff.Side(model, Lint.findings(model));
    }

    private static Referrers referrers(ModelDiff.Side side, List<NameReference> references) {
        return Referrers.of(side.model().snapshot(), side.model().clusterDomain().orElse("cluster.local."), references);
    }
}
