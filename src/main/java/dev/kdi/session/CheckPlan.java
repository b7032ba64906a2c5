package dev.kdi.session;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
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
 * The questions a check asks: every owner of the zone listing with its types, the endpoint names
 * of ClusterIP Services, the PTRs of cluster IPs and endpoint addresses, and a few names that
 * must not exist. Names the model says the cluster DNS forwards are left out: the model cannot
 * know their answers.
 */
public final class CheckPlan {
    private CheckPlan() {
    }

    /**
     * The questions to ask, and how many were left out because the cluster DNS forwards them.
     *
     * @param asked the questions, in zone order first
     * @param forwarded the questions the model marks FORWARDED, not asked
     * @param predicted the model's answer to each question asked, computed once for every replica
     */
    public record Plan(List<Question> asked, List<Question> forwarded, Map<Question, Answer> predicted) {
        public Plan {
            asked = List.copyOf(asked);
            forwarded = List.copyOf(forwarded);
            predicted = Map.copyOf(predicted);
        }

        /** How many questions were left out because the cluster DNS forwards them. */
        public int skipped() {
            return forwarded.size();
        }

        /** The model's answer to a question of the plan. */
        public Answer predicted(Question q) {
            return predicted.get(q);
        }
    }

    /** The plan of a request: its namespaces, and only its questions when it names some. */
    public static Plan plan(DnsModel model, CheckRequest request) {
        Plan all = plan(model, request.namespaces());
        if (request.only().isEmpty()) {
            return all;
        }
        return new Plan(all.asked().stream().filter(request.only()::contains).toList(),
                all.forwarded().stream().filter(request.only()::contains).toList(), all.predicted());
    }

    /**
     * @param namespaces only names of these namespaces; empty for all
     */
    public static Plan plan(DnsModel model, Set<String> namespaces) {
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
        for (String ns : probeNamespaces(model, namespaces)) {
            // Names that must not exist: a wrong answer here means a replica serves phantoms.
            out.add(new Question("kdi-probe-no-such-service." + ns + ".svc." + zone, RrType.A));
        }
        if (namespaces.isEmpty()) {
            out.add(new Question("kdi-probe-no-such-namespace.svc." + zone, RrType.A));
            out.add(new Question("kdi-probe." + zone, RrType.A));
        }
        List<Question> asked = new ArrayList<>(out.size());
        Map<Question, Answer> predicted = new HashMap<>(out.size() * 2);
        List<Question> forwarded = new ArrayList<>();
        for (Question q : out) {
            Answer a = model.answer(q);
            if (a.status() == Status.FORWARDED) {
                forwarded.add(q);
            } else {
                asked.add(q);
                predicted.put(q, a);
            }
        }
        return new Plan(asked, forwarded, predicted);
    }

    private static List<String> probeNamespaces(DnsModel model, Set<String> namespaces) {
        List<String> out = new ArrayList<>();
        for (String ns : namespaces.isEmpty() ? model.snapshot().namespaces() : namespaces) {
            if (model.snapshot().namespaces().contains(ns)) {
                out.add(ns);
            }
        }
        out.sort(String::compareTo);
        return out.size() > 5 && namespaces.isEmpty() ? out.subList(0, 5) : out;
    }

    private static boolean inNamespaces(String owner, String zone, Set<String> namespaces) {
        if (namespaces.isEmpty()) {
            return true;
        }
        for (String ns : namespaces) {
            if (DnsNames.isSubdomain(ns + ".svc." + zone, owner)) {
                return true;
            }
        }
        return false;
    }
}
