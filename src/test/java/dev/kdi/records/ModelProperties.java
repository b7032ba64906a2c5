package dev.kdi.records;

import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.gen.ClusterNames;
import dev.kdi.records.gen.QuestionMix;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The properties every model must have, whatever the cluster: each returns the violations it
 * finds. Where CoreDNS itself breaks a property's naive form, the exception is spelled out next to
 * the rule with the CoreDNS code that causes it.
 */
final class ModelProperties {

    /** One broken promise: which rule, and the case that breaks it. */
    record Violation(String rule, String detail) {
        @Override
        public String toString() {
            return rule + ": " + detail;
        }
    }

    private final DnsModel model;
    private final KubernetesPlugin plugin;
    private final ClusterNames names;
    private final String zone;
    private final Map<String, Integer> readyAddresses = new HashMap<>();

    ModelProperties(DnsModel model) {
        this.model = model;
        this.plugin = model.plugin().orElseThrow();
        this.names = ClusterNames.of(model);
        this.zone = names.zone();
        for (EndpointSlice s : model.endpointSlices()) {
            int n = 0;
            for (Endpoint e : s.endpoints()) {
                n += e.isReady() ? e.addresses().size() : 0;
            }
            readyAddresses.merge(s.namespace() + "/" + s.serviceName(), n, Integer::sum);
        }
    }

    ClusterNames names() {
        return names;
    }

    // ---- 1. every owner of the zone answers for its type

    List<Violation> zoneOwnersAnswer() {
        List<Violation> out = new ArrayList<>();
        for (ResourceRecord r : model.zone()) {
            if (r.data() instanceof Rdata.Srv srv && srv.port() == 65535) {
                // xfr.go writes the port -1 that stands for "no port" (a Service without ports, a
                // slice port without a number) as 65535; plugin.SRV skips port -1 in answers.
                continue;
            }
            Optional<Service> svc = serviceOf(r.ownerKey());
            if (svc.isPresent() && emptyServiceIgnored(svc.get())) {
                // xfr.go lists every Service; only findServices applies 'ignore empty_service'.
                continue;
            }
            if (svc.isPresent() && !exposed(svc.get().namespace())) {
                // nsAddrs names the DNS Service without asking whether its namespace is exposed.
                continue;
            }
            Answer a = model.answer(r.owner(), r.type());
            if (a.status() != Status.NOERROR || a.answer().isEmpty()) {
                out.add(new Violation("a zone owner does not answer for its type",
                        r.text() + " -> " + a.status() + " " + a.explanation()));
            }
        }
        return out;
    }

    // ---- 2. what a transfer would carry of an answer is in the zone

    List<Violation> answersAreInTheZone() {
        Set<String> zoneKeys = new HashSet<>();
        for (ResourceRecord r : model.zone()) {
            zoneKeys.add(key(r));
        }
        Set<String> serviceNames = lower(names.clusterIpServices(), names.headlessServices());
        Set<String> externalNames = lower(names.externalNames(), List.of());
        Set<String> portNames = lower(names.portNames(), List.of());
        Set<String> headlessEndpoints = new HashSet<>();
        for (String e : names.endpointNames()) {
            String service = e.substring(e.indexOf('.') + 1);
            if (lower(names.headlessServices(), List.of()).contains(service.toLowerCase(Locale.ROOT))) {
                headlessEndpoints.add(e.toLowerCase(Locale.ROOT));
            }
        }
        List<Question> questions = new ArrayList<>();
        for (String n : serviceNames) {
            questions.add(new Question(n, RrType.A));
            questions.add(new Question(n, RrType.AAAA));
        }
        for (String n : externalNames) {
            questions.add(new Question(n, RrType.CNAME));
            questions.add(new Question(n, RrType.A));
        }
        for (String n : portNames) {
            questions.add(new Question(n, RrType.SRV));
        }
        for (String n : headlessEndpoints) {
            questions.add(new Question(n, RrType.A));
            questions.add(new Question(n, RrType.AAAA));
        }
        List<Violation> out = new ArrayList<>();
        for (Question q : questions) {
            Answer a = model.answer(q);
            for (ResourceRecord r : a.answer()) {
                String owner = r.ownerKey();
                RrType t = r.type();
                boolean carried = t.equals(RrType.A) || t.equals(RrType.AAAA)
                        ? serviceNames.contains(owner) || headlessEndpoints.contains(owner)
                        : t.equals(RrType.SRV) ? portNames.contains(owner)
                        : t.equals(RrType.CNAME) && externalNames.contains(owner);
                if (carried && !zoneKeys.contains(key(r))) {
                    out.add(new Violation("an answer record a transfer carries is not in the zone",
                            q + " answers " + r.text() + " " + r.sources()));
                }
            }
        }
        return out;
    }

    private static String key(ResourceRecord r) {
        Rdata d = r.data() instanceof Rdata.Srv srv ? srv.withoutWeight() : r.data().normalized();
        return r.ownerKey() + " " + d.type() + " " + d.text();
    }

    // ---- 3. PTRs and forward records agree

    List<Violation> pointersInvertForwardRecords() {
        List<Violation> out = new ArrayList<>();
        String primary = plugin.primaryZone();
        Set<String> asked = new HashSet<>();
        for (String address : names.addresses()) {
            Optional<IpAddress> ip = IpAddress.parse(address);
            if (ip.isEmpty() || !asked.add(ip.get().toString())) {
                continue;
            }
            String canonical = ip.get().toString();
            Answer ptr = model.answer(ip.get().reverseName(), RrType.PTR);
            if (ptr.status() != Status.NOERROR) {
                continue;
            }
            for (ResourceRecord r : ptr.answer()) {
                String target = ((Rdata.Ptr) r.data()).target();
                if (!forwardNameIsServed(target, primary)) {
                    continue;
                }
                RrType type = ip.get().isIPv4() ? RrType.A : RrType.AAAA;
                Answer forward = model.answer(target, type);
                boolean back = forward.answer().stream().anyMatch(f -> f.owner().equalsIgnoreCase(target)
                        && f.data().text().equals(canonical));
                if (!back) {
                    out.add(new Violation("a PTR target does not resolve back to the address",
                            r.text() + " but " + target + " " + type + " -> " + forward.status() + " "
                                    + forward.answer() + " " + forward.explanation()));
                }
            }
        }
        for (EndpointSlice slice : model.endpointSlices()) {
            if (!reverseExposed(slice.namespace())) {
                continue;
            }
            for (Endpoint e : slice.endpoints()) {
                if (!e.isReady()) {
                    continue;
                }
                for (String address : e.addresses()) {
                    Optional<IpAddress> ip = IpAddress.parse(address);
                    // The reverse index holds the address as written; queries spell it canonically.
                    if (ip.isEmpty() || !ip.get().toString().equals(address) || !inReverseZones(ip.get())
                            || isExposedClusterIp(address)) {
                        continue;
                    }
                    String expected = model.endpointName(address, e) + "." + slice.serviceName() + "." + slice.namespace()
                            + ".svc." + primary;
                    Answer ptr = model.answer(ip.get().reverseName(), RrType.PTR);
                    boolean found = ptr.answer().stream()
                            .anyMatch(r -> r.data() instanceof Rdata.Ptr p && p.target().equalsIgnoreCase(expected));
                    if (!found) {
                        out.add(new Violation("an endpoint's address has no PTR back to its name",
                                address + " should point at " + expected + " but " + ptr.status() + " " + ptr.answer()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether the forward name of a PTR target is one CoreDNS answers. {@code reverse.go} does not
     * check what {@code findServices} does: that the Service and namespace exist and that
     * 'ignore empty_service' spares it.
     */
    private boolean forwardNameIsServed(String target, String primary) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".svc." + primary)) {
            return true;
        }
        List<String> labels = DnsNames.labels(lower.substring(0, lower.length() - (".svc." + primary).length()));
        String ns = labels.get(labels.size() - 1);
        String name = labels.get(labels.size() - 2);
        Optional<Service> svc = model.snapshot().services().stream()
                .filter(s -> s.namespace().equals(ns) && s.name().equals(name)).findFirst();
        return svc.isPresent() && exposed(ns) && !emptyServiceIgnored(svc.get()) && !svc.get().isExternalName();
    }

    private boolean inReverseZones(IpAddress ip) {
        String reverse = ip.reverseName();
        for (String z : plugin.zones()) {
            if ((z.endsWith("in-addr.arpa.") || z.endsWith("ip6.arpa.")) && DnsNames.isSubdomain(z, reverse)) {
                return true;
            }
        }
        return false;
    }

    /** A cluster IP names its Service only (serviceRecordForIP looks at Services first). */
    private boolean isExposedClusterIp(String address) {
        for (Service s : model.snapshot().services()) {
            if (s.clusterIPs().contains(address) && reverseExposed(s.namespace())) {
                return true;
            }
        }
        return false;
    }

    /** reverse.go checks exposure only when the 'namespaces' option lists some. */
    private boolean reverseExposed(String namespace) {
        return plugin.namespaces().isEmpty() || exposed(namespace);
    }

    // ---- 4 and 5. nothing throws, and every answer is consistent

    /** Asks the fuzzing mix and every known name with every type; checks each answer. */
    List<Violation> everyAnswerIsConsistent(long seed, int fuzzCount) {
        List<Question> questions = new ArrayList<>(QuestionMix.fuzz(names, new Random(seed), fuzzCount));
        RrType[] types = {RrType.A, RrType.AAAA, RrType.SRV, RrType.PTR, RrType.TXT, RrType.CNAME, RrType.NS, RrType.SOA,
                RrType.MX, RrType.ANY};
        List<String> known = new ArrayList<>(names.clusterIpServices());
        known.addAll(names.headlessServices());
        known.addAll(names.externalNames());
        known.addAll(names.endpointNames());
        known.addAll(names.podNames());
        known.addAll(names.reverseNames());
        for (String n : known) {
            for (RrType t : types) {
                questions.add(new Question(n, t));
            }
        }
        List<Violation> out = new ArrayList<>();
        for (Question q : questions) {
            Answer a;
            try {
                a = model.answer(q);
            } catch (RuntimeException e) {
                out.add(new Violation("answer() throws", q + ": " + e));
                continue;
            }
            out.addAll(consistency(a));
        }
        return out;
    }

    List<Violation> consistency(Answer a) {
        List<Violation> out = new ArrayList<>();
        Question q = a.question();
        String what = q + " -> " + a.status() + " " + a.answer() + " " + a.explanation();
        boolean transfer = q.type().equals(RrType.AXFR) || q.type().equals(RrType.IXFR);
        if (!a.question().equals(q)) {
            out.add(new Violation("the answer is not for the question", what));
        }
        switch (a.status()) {
            case NXDOMAIN, NODATA -> {
                if (!a.answer().isEmpty()) {
                    out.add(new Violation("a negative answer has records", what));
                }
                if (a.authority() == null || !a.authority().type().equals(RrType.SOA)) {
                    out.add(new Violation("a negative answer carries no SOA authority", what));
                }
            }
            case FORWARDED, REFUSED, SERVFAIL -> {
                if (!a.answer().isEmpty() || !a.additional().isEmpty() || a.authority() != null) {
                    out.add(new Violation("an answer the model cannot give has records", what));
                }
            }
            case NOERROR -> {
                if (a.answer().isEmpty() && !a.incomplete()) {
                    out.add(new Violation("NOERROR without records and not marked incomplete", what));
                }
                if (!transfer && !a.answer().isEmpty() && !a.answer().get(0).owner().equals(q.name())) {
                    out.add(new Violation("the first answer record's owner does not echo the question", what));
                }
            }
        }
        for (ResourceRecord r : a.answer()) {
            // A transfer lists the zone as configured (lower case), whatever the question's case.
            if (!transfer && r.owner().equalsIgnoreCase(q.name()) && !r.owner().equals(q.name())) {
                out.add(new Violation("an answer owner does not keep the question's case", what));
            }
            if (r.sources().isEmpty() && !sourceless(r)) {
                out.add(new Violation("an answer record has no source object", r.text() + " in " + what));
            }
        }
        return out;
    }

    /** SOA, the ns.dns fallback, dns-version and insecure pod records come from no object. */
    private boolean sourceless(ResourceRecord r) {
        String owner = r.ownerKey();
        Rdata d = r.data();
        if (d instanceof Rdata.Soa) {
            return true;
        }
        if (d instanceof Rdata.Ns ns) {
            return ns.target().toLowerCase(Locale.ROOT).startsWith("ns.dns.");
        }
        if (d instanceof Rdata.Txt) {
            return owner.startsWith("dns-version.");
        }
        if (d instanceof Rdata.A || d instanceof Rdata.Aaaa || d instanceof Rdata.Srv) {
            // findPods reads the address from the name; labels left of it are ignored.
            return plugin.pods() == PodMode.INSECURE && isPodName(owner);
        }
        return false;
    }

    private boolean isPodName(String owner) {
        for (String z : plugin.zones()) {
            if (DnsNames.isSubdomain(z, owner)) {
                String rest = owner.substring(0, owner.length() - z.length());
                List<String> labels = DnsNames.labels(rest);
                return labels.size() >= 3 && labels.get(labels.size() - 1).equals("pod");
            }
        }
        return false;
    }

    // ---- helpers

    /** The Service whose name, or a name under it, the owner is. */
    private Optional<Service> serviceOf(String owner) {
        String primary = plugin.primaryZone();
        if (!owner.endsWith(".svc." + primary)) {
            return Optional.empty();
        }
        List<String> labels = DnsNames.labels(owner.substring(0, owner.length() - (".svc." + primary).length()));
        if (labels.size() < 2) {
            return Optional.empty();
        }
        String ns = labels.get(labels.size() - 1);
        String name = labels.get(labels.size() - 2);
        return model.snapshot().services().stream().filter(s -> s.namespace().equals(ns) && s.name().equals(name))
                .findFirst();
    }

    /** 'ignore empty_service' hides Services with a cluster IP and no ready endpoint. */
    private boolean emptyServiceIgnored(Service svc) {
        return plugin.ignoreEmptyService() && !svc.isExternalName() && !svc.isHeadless()
                && readyAddresses.getOrDefault(svc.namespace() + "/" + svc.name(), 0) == 0;
    }

    private boolean exposed(String namespace) {
        return plugin.exposes(namespace) && model.snapshot().namespaces().contains(namespace);
    }

    @SafeVarargs
    private static Set<String> lower(List<String>... lists) {
        Set<String> out = new HashSet<>();
        for (List<String> l : lists) {
            for (String s : l) {
                out.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
