package dev.kdi.records;

import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The questions that cover what a model serves: every owner of the zone listing with its types,
 * the endpoint names of ClusterIP Services, the PTRs of cluster IPs and endpoint addresses, and a
 * few names that must not exist. {@code kdi check} asks them of every replica; {@code kdi diff}
 * asks them of two models. One list, so both commands mean the same by "every name".
 */
public final class ZoneQuestions {
    private ZoneQuestions() {
    }

    /**
     * @param namespaces only names of these namespaces; empty for all (then also the zone's NS
     *     records and the probes outside any namespace)
     * @return the questions, in zone order first, each once
     */
    public static Set<Question> of(DnsModel model, Set<String> namespaces) {
        return collect(model, namespaces, probeNamespaces(model, namespaces));
    }

    /**
     * Of the questions {@code of(model, Set.of())} asks, those that belong to these namespaces:
     * their names, the PTRs of their addresses, and their probes among the ones asked for all.
     * The zone's own names (its NS records, the probes outside any namespace) are left out. An
     * incremental diff asks these of the namespaces it recomputes, of a model of those
     * namespaces only: so the probes are named, not found among the model's namespaces.
     *
     * @param namespaces the namespaces; not empty
     * @param probed the namespaces the whole cluster's questions probe ({@link #probed})
     */
    public static Set<Question> within(DnsModel model, Set<String> namespaces, Set<String> probed) {
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("no namespace given");
        }
        List<String> probes = new ArrayList<>();
        for (String ns : probed) {
            if (namespaces.contains(ns)) {
                probes.add(ns);
            }
        }
        probes.sort(String::compareTo);
        return collect(model, namespaces, probes);
    }

    /** The namespaces the whole cluster's questions probe for a name that must not exist: the first five by name. */
    public static Set<String> probed(Set<String> namespaces) {
        List<String> out = new ArrayList<>(namespaces);
        out.sort(String::compareTo);
        return Set.copyOf(out.size() > 5 ? out.subList(0, 5) : out);
    }

    /** @param probes the namespaces to probe, in order */
    private static Set<Question> collect(DnsModel model, Set<String> namespaces, List<String> probes) {
        String zone = model.clusterDomain().orElse("cluster.local.");
        Map<String, Service> services = new HashMap<>();
        for (Service s : model.snapshot().services()) {
            services.put(s.namespace() + "/" + s.name(), s);
        }
        Set<Question> out = new LinkedHashSet<>();
        for (ResourceRecord r : model.zone()) {
            if (r.type().equals(RrType.SOA)) {
                // The serial is the time CoreDNS last saw a change: no model can predict it.
                continue;
            }
            if (r.type().equals(RrType.NS)) {
                if (namespaces.isEmpty()) {
                    out.add(new Question(r.owner(), r.type()));
                }
                continue;
            }
            if (inNamespaces(r.owner(), zone, namespaces)) {
                out.add(new Question(r.owner(), r.type()));
            }
        }
        for (EndpointSlice slice : model.endpointSlices()) {
            if (!namespaces.isEmpty() && !namespaces.contains(slice.namespace())) {
                continue;
            }
            Service svc = services.get(slice.namespace() + "/" + slice.serviceName());
            for (Endpoint e : slice.endpoints()) {
                if (!e.isReady()) {
                    continue;
                }
                for (String a : e.addresses()) {
                    if (svc != null && !svc.isHeadless() && !svc.isExternalName()) {
                        String name = model.endpointName(a, e) + "." + svc.name() + "." + svc.namespace() + ".svc." + zone;
                        out.add(new Question(name, IpAddress.parse(a).map(ip -> ip.isIPv4() ? RrType.A : RrType.AAAA)
                                .orElse(RrType.A)));
                    }
                    IpAddress.parse(a).ifPresent(ip -> out.add(new Question(ip.reverseName(), RrType.PTR)));
                }
            }
        }
        for (Service svc : model.snapshot().services()) {
            if (!namespaces.isEmpty() && !namespaces.contains(svc.namespace())) {
                continue;
            }
            for (String ip : svc.clusterIPs()) {
                IpAddress.parse(ip).ifPresent(a -> out.add(new Question(a.reverseName(), RrType.PTR)));
            }
        }
        for (String ns : probes) {
            // Names that must not exist: a wrong answer here means a replica serves phantoms.
            out.add(new Question("kdi-probe-no-such-service." + ns + ".svc." + zone, RrType.A));
        }
        if (namespaces.isEmpty()) {
            out.add(new Question("kdi-probe-no-such-namespace.svc." + zone, RrType.A));
            out.add(new Question("kdi-probe." + zone, RrType.A));
        }
        return out;
    }

    private static List<String> probeNamespaces(DnsModel model, Set<String> namespaces) {
        if (namespaces.isEmpty()) {
            List<String> out = new ArrayList<>(probed(model.snapshot().namespaces()));
            out.sort(String::compareTo);
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String ns : namespaces) {
            if (model.snapshot().namespaces().contains(ns)) {
                out.add(ns);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    private static boolean inNamespaces(String owner, String zone, Set<String> namespaces) {
        if (namespaces.isEmpty()) {
            return true;
        }
        for (String ns : namespaces) {
            // Pod names (10-0-0-1.shop.pod.cluster.local.) belong to their namespace as Services' do.
            if (DnsNames.isSubdomain(ns + ".svc." + zone, owner) || DnsNames.isSubdomain(ns + ".pod." + zone, owner)) {
                return true;
            }
        }
        return false;
    }
}
