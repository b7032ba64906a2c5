package dev.kdi.records;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Service;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * kube-dns's answers (kubernetes/dns {@code pkg/dns/dns.go} behind skydns, with dnsmasq in front)
 * where they differ from CoreDNS's {@code kubernetes} plugin, over the answers of the CoreDNS
 * model that routes names as kube-dns does ({@link dev.kdi.records.corefile.KubeDnsConfig}).
 *
 * <p>Modelled: a Service's own name ({@code svc.ns.svc.zone}: a ClusterIP Service's addresses, a
 * headless one's ready endpoints, NXDOMAIN for a headless Service with none, since kube-dns keeps
 * no record for it); an endpoint's name only for a headless Service's endpoint with a hostname
 * (kube-dns gives ClusterIP Services no endpoint names, and names a headless endpoint without a
 * hostname by a hash, not its dashed address); any well-formed IPv4 pod name
 * {@code a-b-c-d.ns.pod.zone}, whatever the namespace; NXDOMAIN for any type of a name kube-dns
 * keeps no record under; NODATA for A or AAAA of a name whose records are of the other family.
 * Names outside the cluster zone keep the routing's answer (forwarded to a stub domain's servers
 * or the upstreams).
 *
 * <p>Not modelled, so {@link Status#NOT_MODELLED} with the reason: types other than A and AAAA
 * for names that exist (SRV with skydns's priority 10 and weight shares, TXT, ...), reverse names
 * (kube-dns's PTRs differ: ClusterIP Services and named headless endpoints only), the zone's own
 * and namespace-level names (skydns answers those with every record below), wildcards,
 * ExternalName Services (skydns chases the CNAME itself), kube-dns's hash names, IPv6 pod names,
 * {@code _port._proto} names, federation names, and headless Services with more endpoints than
 * the Endpoints object kube-dns reads can hold.
 */
final class KubeDnsRules {
    /** What the Endpoints controller writes at most into one Endpoints object, which kube-dns reads. */
    static final int ENDPOINTS_MAX = 1000;
    /** kube-dns's record TTL ({@code defaultTTL} in pkg/dns/util). */
    static final long TTL = 30;
    static final String NOT_MODELLED = "not modelled for kube-dns: ";
    /** kube-dns's label for a record without a hostname: the hex of the hex of an FNV-32a hash. */
    private static final Pattern HASH_LABEL = Pattern.compile("[0-9a-f]{16}");

    private final String zone;
    private final boolean federations;
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, Set<String>> hostnames = new HashMap<>();
    private final Map<String, Integer> addresses = new HashMap<>();
    private final Function<Question, Answer> routing;

    /**
     * @param zone the cluster domain, absolute and lower case
     * @param routing the CoreDNS model's answer, whose records kube-dns shares where the rules say so
     */
    KubeDnsRules(String zone, boolean federations, List<Service> services, List<EndpointSlice> slices,
                 Function<Question, Answer> routing) {
        this.zone = zone;
        this.federations = federations;
        this.routing = routing;
        for (Service s : services) {
            this.services.put(s.namespace() + "/" + s.name(), s);
        }
        for (EndpointSlice slice : slices) {
            String key = slice.namespace() + "/" + slice.serviceName();
            for (Endpoint e : slice.endpoints()) {
                addresses.merge(key, e.addresses().size(), Integer::sum);
                if (e.hostname() != null && !e.hostname().isEmpty()) {
                    hostnames.computeIfAbsent(key, k -> new HashSet<>()).add(e.hostname().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    Answer answer(Question q) {
        String name = q.name().toLowerCase(Locale.ROOT);
        if (q.type().equals(RrType.ANY)) {
            return notModelled(q, "skydns refuses ANY, and dnsmasq in front answers it from its cache");
        }
        if (name.endsWith(".in-addr.arpa.") || name.endsWith(".ip6.arpa.") || name.equals("in-addr.arpa.")
                || name.equals("ip6.arpa.")) {
            return notModelled(q, "kube-dns keeps PTRs for ClusterIP Services and named headless endpoints only");
        }
        if (!name.endsWith("." + zone)) {
            return name.equals(zone) ? notModelled(q, "skydns answers the zone's own name with every record below it")
                    : routing.apply(q);
        }
        String[] labels = name.substring(0, name.length() - zone.length() - 1).split("\\.");
        for (String l : labels) {
            if (l.equals("*") || l.equals("any")) {
                return notModelled(q, "skydns's wildcards are not modelled");
            }
        }
        String kind = labels[labels.length - 1];
        if (kind.equals("pod")) {
            return pod(q, labels);
        }
        if (!kind.equals("svc")) {
            return notModelled(q, "kube-dns keeps records under svc and pod only; skydns's answer here is not modelled");
        }
        if (labels.length <= 2) {
            return notModelled(q, "skydns answers a namespace-level name with every record below it");
        }
        for (String l : labels) {
            if (l.startsWith("_")) {
                return notModelled(q, "kube-dns's _port._proto names (skydns SRV shapes) are not modelled");
            }
        }
        String ns = labels[labels.length - 2];
        if (labels.length == 4 && federations) {
            return notModelled(q, "the ConfigMap names federations, whose CNAMEs kube-dns gives such names");
        }
        if (labels.length == 4 && HASH_LABEL.matcher(labels[0]).matches()) {
            return notModelled(q, "kube-dns names records without a hostname by a hash kdi does not compute");
        }
        Service svc = labels.length >= 3 ? services.get(ns + "/" + labels[labels.length - 3]) : null;
        if (svc == null || labels.length > 4) {
            return nxdomain(q, svc == null ? "kube-dns: no Service " + ns + "/" + labels[labels.length - 3]
                    : "kube-dns keeps no record this deep under a Service");
        }
        if (svc.isExternalName()) {
            return notModelled(q, "skydns follows an ExternalName's CNAME itself");
        }
        String key = svc.namespace() + "/" + svc.name();
        if (labels.length == 4) {
            if (!svc.isHeadless()) {
                return nxdomain(q, "kube-dns gives ClusterIP Service " + key + " no endpoint names");
            }
            if (!hostnames.getOrDefault(key, Set.of()).contains(labels[0])) {
                return nxdomain(q, "kube-dns names headless Service " + key + "'s endpoints by their hostname only");
            }
            return typed(q, routing.apply(q), "kube-dns: the endpoint of " + key + " with hostname " + labels[0]);
        }
        if (svc.isHeadless()) {
            if (addresses.getOrDefault(key, 0) > ENDPOINTS_MAX) {
                return notModelled(q, "headless Service " + key + " has more than " + ENDPOINTS_MAX
                        + " endpoints, more than the Endpoints object kube-dns reads holds");
            }
            Answer a = routing.apply(new Question(q.name(), RrType.A));
            Answer aaaa = routing.apply(new Question(q.name(), RrType.AAAA));
            if (a.answer().isEmpty() && aaaa.answer().isEmpty()) {
                return nxdomain(q, "kube-dns keeps no record for headless Service " + key + " without ready endpoints");
            }
            return typed(q, q.type().equals(RrType.AAAA) ? aaaa : q.type().equals(RrType.A) ? a : null,
                    "kube-dns: the ready endpoints of headless Service " + key);
        }
        return typed(q, q.type().equals(RrType.A) || q.type().equals(RrType.AAAA) ? routing.apply(q) : null,
                "kube-dns: the cluster addresses of Service " + key);
    }

    /** {@code a-b-c-d.ns.pod.zone}: kube-dns answers any IPv4 address, not checking namespace or pod. */
    private Answer pod(Question q, String[] labels) {
        if (labels.length != 3) {
            return notModelled(q, "only a-b-c-d.NAMESPACE.pod names are modelled");
        }
        String ip = labels[0].replace('-', '.');
        if (!IpAddress.isAddress(ip) || IpAddress.version(ip) != 4 || !ip.equals(IpAddress.canonical(ip))) {
            return notModelled(q, "kube-dns reads only dashed IPv4 addresses as pod names");
        }
        String why = "kube-dns answers any well-formed pod name with its address (like CoreDNS's pods insecure)";
        if (q.type().equals(RrType.A)) {
            return new Answer(q, Status.NOERROR, List.of(new ResourceRecord(q.name(), TTL, new Rdata.A(ip))), List.of(),
                    null, false, List.of(why));
        }
        if (q.type().equals(RrType.AAAA)) {
            return new Answer(q, Status.NODATA, List.of(), List.of(), null, false, List.of(why));
        }
        return notModelled(q, "kube-dns's " + q.type().mnemonic() + " answers for existing names are not modelled");
    }

    /** A or AAAA from the routing's records; other types of an existing name are not modelled. */
    private Answer typed(Question q, Answer from, String why) {
        if (from == null || !(q.type().equals(RrType.A) || q.type().equals(RrType.AAAA))) {
            return notModelled(q, "kube-dns's " + q.type().mnemonic() + " answers for existing names are not modelled");
        }
        List<ResourceRecord> records = from.answer().stream().filter(r -> r.type().equals(q.type()))
                .map(r -> r.withTtl(TTL)).toList();
        return new Answer(q, records.isEmpty() ? Status.NODATA : Status.NOERROR, records, List.of(), null, false,
                List.of(why));
    }

    private static Answer nxdomain(Question q, String why) {
        return new Answer(q, Status.NXDOMAIN, List.of(), List.of(), null, false, List.of(why));
    }

    private static Answer notModelled(Question q, String why) {
        return new Answer(q, Status.NOT_MODELLED, List.of(), List.of(), null, false, List.of(NOT_MODELLED + why));
    }
}
