package dev.kdi.session;

import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.LoadReport;
import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.objects.ClusterSnapshot;
import java.time.Instant;
import java.util.List;

/** Builds an {@link Inspection} from a snapshot and the Corefile in force. */
final class Inspections {
    private Inspections() {
    }

    static Inspection build(long generation, ClusterSnapshot snapshot, Corefile corefile, String clusterDomainSource,
                            LoadReport report, List<String> notes, Instant at) {
        return build(generation, snapshot, corefile, clusterDomainSource, report, notes, List.of(), at);
    }

    /** The same, for manifests of which some files were left out. */
    static Inspection build(long generation, ClusterSnapshot snapshot, Corefile corefile, String clusterDomainSource,
                            LoadReport report, List<String> notes, List<String> skippedFiles, Instant at) {
        DnsModel model = DnsModel.build(snapshot, corefile);
        DnsServers.Found dns = DnsServers.locate(snapshot);
        return new Inspection(generation, snapshot, model, Lint.findings(model), dns, report, corefile.origin(),
                clusterDomainSource, at, notes, skippedFiles);
    }

    static LoadReport completeReport(Instant at) {
        return new LoadReport(List.of(), List.of(), false, List.of(), at);
    }
}
