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
        Alike alike = Alike.of(List.of(before, after));
        return new AsWritten(alike.complete(before), alike.complete(after));
    }

    /**
     * How versions of one cluster are completed alike: with the pod families all the versions'
     * Services ask for together.
     *
     * @param families those families
     */
    public record Alike(List<IpFamily> families) {
        public Alike {
            families = List.copyOf(families);
        }

        /** The completion shared by these versions. */
        public static Alike of(List<ClusterSnapshot> versions) {
            List<Service> all = new ArrayList<>();
            versions.forEach(v -> all.addAll(v.services()));
            return new Alike(OfflineCompletion.podFamilies(all));
        }

        /** One version completed. */
        public ClusterSnapshot complete(ClusterSnapshot version) {
            return OfflineCompletion.complete(version, families);
        }
    }
}
