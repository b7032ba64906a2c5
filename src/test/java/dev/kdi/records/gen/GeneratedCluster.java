package dev.kdi.records.gen;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.objects.ClusterSnapshot;

/**
 * A generated cluster and the Corefile to read it with.
 *
 * @param seed the seed that generated it (rerun with {@code -Dkdi.seed=<seed>})
 * @param clusterDomain the cluster domain the objects and Corefile use, without trailing dot
 * @param snapshot the cluster
 * @param corefileText the Corefile
 */
public record GeneratedCluster(long seed, String clusterDomain, ClusterSnapshot snapshot, String corefileText) {

    /** The Corefile, parsed; generated Corefiles always parse. */
    public Corefile corefile() {
        try {
            return CorefileParser.parse(corefileText, "generated Corefile (seed " + seed + ")");
        } catch (CorefileException e) {
            throw new IllegalStateException("the generator wrote a Corefile that does not parse (seed " + seed + ")", e);
        }
    }

    /** The same Corefile with another cluster snapshot, as shrinking uses it. */
    public GeneratedCluster withSnapshot(ClusterSnapshot other) {
        return new GeneratedCluster(seed, clusterDomain, other, corefileText);
    }

    /** One line of counts, for test output. */
    public String summary() {
        return "seed " + seed + ": " + snapshot.namespaces().size() + " namespaces, " + snapshot.services().size()
                + " Services, " + snapshot.pods().size() + " pods, " + snapshot.endpointSlices().size()
                + " EndpointSlices, " + snapshot.endpoints().size() + " Endpoints, " + snapshot.workloads().size()
                + " workloads";
    }
}
