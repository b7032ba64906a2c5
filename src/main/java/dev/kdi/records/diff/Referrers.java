package dev.kdi.records.diff;

import dev.kdi.records.names.DnsNames;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which names of the zone other objects refer to: ExternalName targets inside the zone, and FQDNs
 * or {@code svc.ns} forms in the texts given (container env and args, ConfigMap values).
 *
 * <p>A heuristic, and said to be one wherever it shows: a text may name a Service without a form
 * we recognise (a short name resolved through the search path, a name built at run time), and a
 * string that looks like {@code web.shop} may not be a DNS name at all. Only names that end in
 * the cluster domain, in {@code .svc}, or are two labels whose second is a namespace of the
 * cluster are taken.
 */
public final class Referrers {
    /** Runs of characters a host name may hold; URLs, ports and paths split on the rest. */
    private static final Pattern HOSTISH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Map<String, List<String>> byName;

    private Referrers(Map<String, List<String>> byName) {
        this.byName = byName;
    }

    /** Nobody refers to anything. */
    public static Referrers none() {
        return new Referrers(Map.of());
    }

    /**
     * @param snapshot the objects after the change: their references are what a change breaks
     * @param zone the cluster domain, absolute ({@code cluster.local.})
     * @param texts the texts of objects that may name names
     */
    public static Referrers of(ClusterSnapshot snapshot, String zone, List<NameReference> texts) {
        String z = DnsNames.absolute(zone).toLowerCase(Locale.ROOT);
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Service svc : snapshot.services()) {
            if (svc.isExternalName() && svc.externalName() != null && !svc.externalName().isBlank()) {
                String target = DnsNames.absolute(svc.externalName().trim()).toLowerCase(Locale.ROOT);
                if (DnsNames.isSubdomain(z, target)) {
                    add(byName, target, "ExternalName " + svc.ref());
                }
            }
        }
        for (NameReference r : texts) {
            Matcher m = HOSTISH.matcher(r.text());
            while (m.find()) {
                clusterName(m.group(), z, snapshot.namespaces())
                        .ifPresent(name -> add(byName, name, r.from() + " " + r.field()));
            }
        }
        return new Referrers(byName);
    }

    /** Who refers to the name (absolute, any case); empty when nobody does. */
    public List<String> of(String name) {
        List<String> found = byName.get(DnsNames.absolute(name).toLowerCase(Locale.ROOT));
        return found == null ? List.of() : found;
    }

    /** The names referred to, each with who refers to it. */
    public Map<String, List<String>> all() {
        return Map.copyOf(byName);
    }

    /**
     * The absolute name a word of text means in the cluster, if it is one of the forms taken:
     * {@code web.shop.svc.cluster.local[.]}, {@code web.shop.svc}, {@code web.shop} where {@code
     * shop} is a namespace.
     */
    static Optional<String> clusterName(String word, String zone, Set<String> namespaces) {
        String w = word.toLowerCase(Locale.ROOT);
        while (w.startsWith(".")) {
            w = w.substring(1);
        }
        if (!w.contains(".")) {
            return Optional.empty();
        }
        String abs = w.endsWith(".") ? w : w + ".";
        if (DnsNames.isSubdomain(zone, abs) && !abs.equals(zone)) {
            return Optional.of(abs);
        }
        if (abs.endsWith(".svc.")) {
            return Optional.of(abs + zone);
        }
        String[] labels = w.split("\\.");
        if (labels.length == 2 && !w.endsWith(".") && namespaces.contains(labels[1]) && !labels[0].isEmpty()) {
            return Optional.of(labels[0] + "." + labels[1] + ".svc." + zone);
        }
        return Optional.empty();
    }

    private static void add(Map<String, List<String>> byName, String name, String who) {
        List<String> list = byName.computeIfAbsent(name, k -> new ArrayList<>());
        if (!list.contains(who)) {
            list.add(who);
        }
    }
}
