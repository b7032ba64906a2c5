package dev.kdi.session;

import dev.kdi.cluster.DnsServers;
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
                            LoadSummary report, List<String> notes, Instant at) {
        return build(generation, snapshot, corefile, clusterDomainSource, DnsServers.locate(snapshot), report, notes,
                List.of(), at);
    }

    /** The same, with the cluster DNS already located (a live session forwards to its replicas). */
    static Inspection build(long generation, ClusterSnapshot snapshot, Corefile corefile, String clusterDomainSource,
                            DnsServers.Found dns, LoadSummary report, List<String> notes, Instant at) {
        return build(generation, snapshot, corefile, clusterDomainSource, dns, report, notes, List.of(), at);
    }

    /** The same, for manifests of which some files were left out (one line each). */
    static Inspection build(long generation, ClusterSnapshot snapshot, Corefile corefile, String clusterDomainSource,
                            DnsServers.Found dns, LoadSummary report, List<String> notes, List<String> skippedFiles,
                            Instant at) {
        DnsModel model = DnsModel.build(snapshot, corefile);
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(model.corefileNotes());
        return new Inspection(generation, snapshot, model, Lint.findings(model), ClusterDns.of(dns), report,
                corefile.origin(), clusterDomainSource, at, all, skippedFiles);
    }
}
