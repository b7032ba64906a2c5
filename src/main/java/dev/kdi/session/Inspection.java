package dev.kdi.session;

import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.LoadReport;
import dev.kdi.records.DnsModel;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.objects.ClusterSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about the cluster at one moment: immutable, replaced whole when the cluster
 * changes.
 *
 * @param generation increases with every new inspection of the same session
 * @param snapshot the objects
 * @param model what the cluster DNS should answer
 * @param findings the lint's findings, most severe first
 * @param dns the cluster DNS as found (its Service, replicas, kind, notes)
 * @param report how complete and current the view is (access problems, stale watches)
 * @param corefileOrigin where the Corefile in force came from
 * @param clusterDomainSource how the cluster domain was learnt
 * @param at when this inspection was made
 * @param notes anything else the user should know (skipped objects, kube-dns, ...)
 */
public record Inspection(long generation, ClusterSnapshot snapshot, DnsModel model, List<Finding> findings,
                         DnsServers.Found dns, LoadReport report, String corefileOrigin, String clusterDomainSource,
                         Instant at, List<String> notes) {

    public Inspection {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** The cluster domain in force, without the trailing dot ({@code cluster.local}). */
    public String clusterDomain() {
        String d = model.clusterDomain().orElse("cluster.local.");
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
