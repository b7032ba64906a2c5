package dev.kdi.cli;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.objects.Unassigned;
import dev.kdi.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kdi records}: the zone, as CoreDNS's zone transfer would list it; on kube-dns, what kube-dns
 * serves of those names, with one line for those kdi does not model for kube-dns.
 */
@Command(name = "records", mixinStandardHelpOptions = true,
        description = {"Lists the zone the cluster DNS should serve, as a zone transfer would: SOA, NS and glue, then "
                + "every Service's records in name order.",
            "From manifests, addresses not assigned yet are placeholders (240.0.0.0/4, 100::/64) marked "
                + "'; unassigned: ...' (JSON: \"unassigned\").",
            "Endpoint names of ClusterIP Services, PTRs and pod records are not part of a transfer: ask for them "
                    + "with 'kdi predict'.",
            "On kube-dns (GKE Standard), the records kube-dns serves of those names; what kdi does not model "
                    + "for kube-dns (SRV, the zone's SOA and NS, ...) is left out, and one line on stderr says so."})
final class RecordsCommand implements Callable<Integer> {
    /** {@code -o zone|json}. */
    enum Format { ZONE, JSON }

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Only the records of Services in this namespace (repeatable). "
                    + InputOptions.NAMESPACE_WITH_FILES + " Live, also the namespaces to read one by one when "
                    + "listing across all namespaces is forbidden.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "zone",
            description = "zone (one record per line, as in a zone file) or json: a bare array of records "
                    + "[{\"owner\", \"ttl\", \"class\", \"type\", \"data\", \"sources\"}, ...], kept bare on purpose because scripts rely "
                    + "on it; how complete and current the view is goes to standard error, as for zone.")
    Format format;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    RecordsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        List<ResourceRecord> zone;
        DnsModel model;
        List<Answer> notModelled;
        try (Session session = CliSessions.open(terminal.sessions(), input, root.global, namespaces, terminal)) {
            model = session.current().model();
            DnsModel.Listing listing = model.listing();
            zone = filter(model, listing.records(), ResourceRecord::owner);
            notModelled = filter(model, listing.notModelled(), a -> a.question().name());
        }
        if (!notModelled.isEmpty()) {
            // As check skips them: one line, so the listing itself stays a zone file (or JSON).
            Set<RrType> types = new TreeSet<>();
            notModelled.forEach(a -> types.add(a.question().type()));
            terminal.err().println("kdi records: not listed: " + notModelled.size() + " names and types kdi does not "
                    + "model for kube-dns (" + types.stream().map(RrType::toString).collect(Collectors.joining(", "))
                    + "), e.g. " + notModelled.get(0).question() + ": " + notModelled.get(0).explanation().get(0));
        }
        if (format == Format.JSON) {
            // The same records as JSON; a partial or stale view is said on stderr, as for text.
            Json json = new Json(model.snapshot().provisional());
            List<Map<String, Object>> records = new ArrayList<>(zone.size());
            for (ResourceRecord r : zone) {
                Map<String, Object> m = json.record(r);
                m.put("unassigned", Json.keys(model.unassigned(r)));
                records.add(m);
            }
            terminal.out().println(json.write(records));
        } else {
            for (ResourceRecord r : zone) {
                List<Unassigned> marks = model.unassigned(r);
                // A zone-file comment, so the listing stays a valid zone file.
                terminal.out().println(marks.isEmpty() ? r.text() : r.text() + " ; unassigned: " + RecordText.unassigned(marks));
            }
        }
        return input.exit(ExitCodes.OK);
    }

    private <T> List<T> filter(DnsModel model, List<T> zone, Function<T, String> owner) {
        if (namespaces.isEmpty()) {
            return zone;
        }
        String domain = model.clusterDomain().orElse("cluster.local.");
        List<T> out = new ArrayList<>();
        for (T r : zone) {
            for (String ns : namespaces) {
                if (DnsNames.isSubdomain(ns + ".svc." + domain, owner.apply(r))) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }
}
