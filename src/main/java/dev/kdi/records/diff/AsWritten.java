package dev.kdi.records.diff;

import dev.kdi.records.controllers.OfflineCompletion;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * Two versions of one cluster's manifests, completed as the cluster would complete them once
 * applied ({@link OfflineCompletion}), alike: both sides assume the same address families, so a
 * change to one Service's families does not move every other placeholder.
 *
 * @param before the completed snapshot before
 * @param after the completed snapshot after
 */
public record AsWritten(ClusterSnapshot before, ClusterSnapshot after) {

    /** Completes both sides with the families both sides' Services ask for together. */
    public static AsWritten complete(ClusterSnapshot before, ClusterSnapshot after) {
        List<Service> all = new ArrayList<>(before.services());
        all.addAll(after.services());
        List<IpFamily> families = OfflineCompletion.podFamilies(all);
        return new AsWritten(OfflineCompletion.complete(before, families), OfflineCompletion.complete(after, families));
    }
}
