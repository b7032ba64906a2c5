package dev.kdi.records;

import dev.kdi.records.corefile.ExternalPlugin;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.Zones;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@code k8s_external} plugin in the chain, as {@code plugin/k8s_external} and the kubernetes
 * plugin's {@code External} answer: {@code <svc>.<ns>.<zone>} with the Service's external IPs and
 * load-balancer ingresses, the zone's apex (SOA, NS) and its {@code dns} sub-apex where the name
 * servers live; NXDOMAIN is the only miss {@code fallthrough} hands on.
 */
final class K8sExternal {
    /** What the plugin writes, or hands on (null from {@link #answer}). */
    record Reply(Status status, List<ResourceRecord> answer, List<ResourceRecord> additional, ResourceRecord authority) {
    }

    private final ExternalPlugin ext;
    private final KubernetesBackend backend;
    private final long serial;
    private final Trace trace;
    /** Looks a CNAME target up through CoreDNS itself (the plugin's upstream). */
    private final BiFunction<String, RrType, List<ResourceRecord>> upstream;

    K8sExternal(ExternalPlugin ext, KubernetesBackend backend, long serial, Trace trace,
                BiFunction<String, RrType, List<ResourceRecord>> upstream) {
        this.ext = ext;
        this.backend = backend;
        this.serial = serial;
        this.trace = trace;
        this.upstream = upstream;
    }

    /** The plugin's reply, or null when the name is not in its zones or it falls through. */
    Reply answer(String qname, RrType type) {
        String name = DnsNames.lower(DnsNames.absolute(qname));
        String zone = Zones.longest(ext.zones(), name);
        String where = ext.directive().where();
        if (zone == null) {
            return null;
        }
        for (String z : ext.zones()) {
            if (name.equals(z)) {
                return apex(qname, zone, type);
            }
            if (DnsNames.isSubdomain(ext.apex() + "." + z, name)) {
                return subApex(qname, name, zone, type);
            }
        }
        List<Found> found = new ArrayList<>();
        Status rcode = external(name, zone, type, found);
        if (rcode == null) {
            return incomplete();
        }
        if (found.isEmpty()) {
            if (ext.fallsThrough(name) && rcode == Status.NXDOMAIN) {
                trace.why(() -> "k8s_external (" + where + ") has no Service for " + name + "; its fallthrough hands the query on.");
                return null;
            }
            trace.why(() -> "k8s_external (" + where + ") has no Service with external addresses for " + name
                    + (rcode == Status.NXDOMAIN ? (ext.fallthrough() == null ? " and no fallthrough" : "") + ": NXDOMAIN."
                    : ": NOERROR with no records."));
            return new Reply(rcode == Status.NOERROR ? Status.NODATA : rcode, List.of(), List.of(), soa(zone));
        }
        List<ResourceRecord> answer = new ArrayList<>();
        List<ResourceRecord> extra = new ArrayList<>();
        if (type.equals(RrType.A) || type.equals(RrType.AAAA)) {
            addresses(qname, type, found, answer);
        } else if (type.equals(RrType.SRV)) {
            srv(qname, found, answer, extra);
        } else if (type.equals(RrType.PTR)) {
            Set<String> seen = new HashSet<>();
            for (Found f : found) {
                if (seen.add(f.host)) {
                    answer.add(new ResourceRecord(qname, ext.ttl(), new Rdata.Ptr(f.host + "." + ext.zones().get(0)),
                            List.of(f.service.ref())));
                }
            }
        }
        if (answer.isEmpty()) {
            trace.why(() -> "k8s_external (" + where + ") has " + name + " but no " + type + " record for it: NOERROR with no "
                    + "answer.");
            return new Reply(Status.NODATA, List.of(), List.of(), soa(zone));
        }
        trace.why(() -> "k8s_external (" + where + ") answers " + name + " with the external addresses of Service "
                + found.get(0).service.namespace() + "/" + found.get(0).service.name() + ".");
        return new Reply(Status.NOERROR, answer, extra, null);
    }

    /** One Service address and port the kubernetes plugin's {@code External} returns. */
    /**
     * @param endpoint the endpoint's name under the Service for a headless answer (SRV targets
     *     {@code <endpoint>.<svc>.<ns>.<zone>}), or null
     */
    private record Found(Service service, String host, int port, String endpoint) {
        Found(Service service, String host, int port) {
            this(service, host, port, null);
        }
    }

    /**
     * The kubernetes plugin's {@code External}: the Services the name asks for and the rcode to
     * give when there are none; null when the answer lies outside the model.
     */
    private Status external(String name, String zone, RrType type, List<Found> out) {
        if (type.equals(RrType.PTR)) {
            String ip = IpAddress.fromReverseName(name).orElse(null);
            if (ip != null) {
                KubernetesPlugin k = backend.plugin();
                for (Service s : backend.index().snapshot.services()) {
                    boolean has = s.externalAddresses().stream().anyMatch(a -> IpAddress.isAddress(a)
                            && IpAddress.canonical(a).equals(IpAddress.canonical(ip)));
                    if (has && (k.namespaces().isEmpty() || backend.namespaceExposed(s.namespace()))) {
                        out.add(new Found(s, s.name() + "." + s.namespace(), 0));
                    }
                }
                return out.isEmpty() ? Status.NXDOMAIN : Status.NOERROR;
            }
        }
        String base = name.substring(0, name.length() - zone.length());
        List<String> segs = DnsNames.labels(base);
        int last = segs.size() - 1;
        if (last < 0) {
            return Status.SERVFAIL;
        }
        String namespace = segs.get(last);
        if (!backend.namespaceExposed(namespace)) {
            trace.why(() -> "Namespace " + namespace + " is not exposed by the kubernetes plugin: k8s_external has nothing there.");
            return Status.NXDOMAIN;
        }
        last--;
        if (last < 0) {
            return Status.NOERROR;
        }
        String service = segs.get(last);
        last--;
        String endpoint = "";
        String port = "";
        String protocol = "";
        if (last == 0) {
            endpoint = stripUnderscore(segs.get(0));
            last--;
        } else if (last == 1) {
            protocol = stripUnderscore(segs.get(1));
            port = stripUnderscore(segs.get(0));
            last -= 2;
        }
        if (last != -1) {
            return Status.NXDOMAIN;
        }
        Status rcode = Status.NXDOMAIN;
        for (Service s : backend.index().services(service, namespace)) {
            if (ext.headless() && s.externalAddresses().isEmpty() && (s.isHeadless() || !endpoint.isEmpty())) {
                rcode = endpoints(s, endpoint, port, protocol, out, rcode);
                continue;
            }
            for (String ip : s.externalAddresses()) {
                for (ServicePort p : s.portsOrSentinel()) {
                    if (matches(port, p.name()) && matches(protocol, p.protocol().name())) {
                        rcode = Status.NOERROR;
                        out.add(new Found(s, ip, p.port()));
                    }
                }
            }
        }
        if (type.equals(RrType.PTR)) {
            out.clear();
        }
        return rcode;
    }

    /**
     * {@code headless}: a Service without external IPs, headless or asked for one endpoint, is
     * answered from its ready endpoints and their slice's ports (a slice without ports has the
     * port -1, which SRV leaves out), as the kubernetes plugin's {@code External} reads its
     * Endpoints index.
     */
    private Status endpoints(Service s, String endpoint, String port, String protocol, List<Found> out, Status rcode) {
        Status result = rcode;
        int before = out.size();
        for (EndpointSlice slice : backend.index().slicesOf(s.name(), s.namespace())) {
            List<EndpointPort> ports = slice.ports().isEmpty() ? List.of(new EndpointPort("", null, -1)) : slice.ports();
            for (Endpoint ep : slice.endpoints()) {
                if (!ep.isReady()) {
                    continue;
                }
                for (String address : ep.addresses()) {
                    String host = backend.endpointHostname(address, ep);
                    if (!endpoint.isEmpty() && !endpoint.equalsIgnoreCase(host)) {
                        continue;
                    }
                    for (EndpointPort p : ports) {
                        String name = p.name() == null ? "" : p.name();
                        String proto = p.protocol() == null ? "" : p.protocol().name();
                        if (matches(port, name) && matches(protocol, proto)) {
                            result = Status.NOERROR;
                            out.add(new Found(s, address, p.port(), host));
                        }
                    }
                }
            }
        }
        int found = out.size() - before;
        trace.why(() -> "k8s_external's 'headless' answers Service " + s.namespace() + "/" + s.name() + " (no external IPs) "
                + "from its ready endpoints" + (endpoint.isEmpty() ? "" : " named " + endpoint) + ": " + found
                + (found == 1 ? " address and port." : " addresses and ports."));
        return result;
    }

    private static boolean matches(String asked, String have) {
        return asked.isEmpty() || asked.equalsIgnoreCase(have);
    }

    private static String stripUnderscore(String s) {
        return s.startsWith("_") ? s.substring(1) : s;
    }

    private void addresses(String qname, RrType type, List<Found> found, List<ResourceRecord> answer) {
        boolean v4 = type.equals(RrType.A);
        Set<String> seen = new HashSet<>();
        for (Found f : found) {
            IpAddress ip = IpAddress.parse(f.host).orElse(null);
            if (ip == null) {
                String target = DnsNames.absolute(f.host);
                answer.add(new ResourceRecord(qname, backend.plugin().ttl(), new Rdata.Cname(target), List.of(f.service.ref())));
                trace.why(() -> "The load balancer of " + f.service.namespace() + "/" + f.service.name() + " has the hostname "
                        + f.host + ": k8s_external answers a CNAME and looks the name up through CoreDNS.");
                answer.addAll(upstream.apply(target, type));
            } else if (ip.isIPv4() == v4 && seen.add(f.host)) {
                answer.add(new ResourceRecord(qname, ext.ttl(), v4 ? new Rdata.A(f.host) : new Rdata.Aaaa(f.host),
                        List.of(f.service.ref())));
            }
        }
    }

    /** SRV as {@code External.srv}: equal weights, a target per Service, glue with the plugin's TTL. */
    private void srv(String qname, List<Found> found, List<ResourceRecord> answer, List<ResourceRecord> extra) {
        int weight = Math.max(1, (int) Math.floor(100.0 / (100.0 * found.size()) * 100));
        Set<String> seen = new HashSet<>();
        long ttl = backend.plugin().ttl();
        for (Found f : found) {
            if (f.port == -1) {
                continue;
            }
            IpAddress ip = IpAddress.parse(f.host).orElse(null);
            String target = ip == null ? DnsNames.absolute(f.host)
                    : ((f.endpoint == null ? "" : f.endpoint + ".") + f.service.name() + "." + f.service.namespace() + "."
                    + Zones.longest(ext.zones(), DnsNames.lower(DnsNames.absolute(qname)))).toLowerCase(Locale.ROOT);
            if (seen.add(target + " " + f.port)) {
                answer.add(new ResourceRecord(qname, ttl, new Rdata.Srv(0, weight, f.port, target), List.of(f.service.ref())));
            }
            if (seen.add(target + " @" + f.host)) {
                if (ip == null) {
                    extra.addAll(upstream.apply(target, RrType.A));
                    extra.addAll(upstream.apply(target, RrType.AAAA));
                } else {
                    extra.add(new ResourceRecord(target, ext.ttl(), ip.isIPv4() ? new Rdata.A(f.host) : new Rdata.Aaaa(f.host),
                            List.of(f.service.ref())));
                }
            }
        }
    }

    private Reply apex(String qname, String zone, RrType type) {
        String where = ext.directive().where();
        if (type.equals(RrType.SOA)) {
            trace.why(() -> "k8s_external (" + where + ") answers its zone's SOA.");
            return new Reply(Status.NOERROR, List.of(soa(zone)), List.of(), null);
        }
        if (type.equals(RrType.NS)) {
            String ns = "ns1." + ext.apex() + "." + zone;
            List<ResourceRecord> glue = new ArrayList<>();
            List<ResourceRecord> own = backend.externalNsRecords(zone, ext.ttl());
            if (own == null) {
                trace.incomplete();
                trace.why(() -> "No Service in the input has the DNS pods as endpoints, so CoreDNS gives " + ns + " the answering "
                        + "pod's own address, which the model cannot know.");
            } else {
                for (ResourceRecord r : own) {
                    glue.add(new ResourceRecord(ns, ext.ttl(), r.data(), r.sources()));
                }
            }
            trace.why(() -> "k8s_external (" + where + ") names its name server " + ns + (glue.isEmpty() ? ""
                    : " with the DNS Service's external addresses") + " (the apex's only NS).");
            return new Reply(Status.NOERROR, List.of(new ResourceRecord(zone, ext.ttl(), new Rdata.Ns(ns))), glue, null);
        }
        trace.why(() -> "k8s_external (" + where + ") has only SOA and NS at its zone's apex: NOERROR with no " + type + ".");
        return new Reply(Status.NODATA, List.of(), List.of(), soa(zone));
    }

    /** The {@code dns} label under the zone: {@code ns1.dns.<zone>} has the name server's addresses, nothing else. */
    private Reply subApex(String qname, String name, String zone, RrType type) {
        String where = ext.directive().where();
        List<String> labels = DnsNames.labels(name.substring(0, name.length() - zone.length()));
        if (labels.size() == 1) {
            trace.why(() -> ext.apex() + "." + zone + " holds only the name servers: NOERROR with no records.");
            return new Reply(Status.NODATA, List.of(), List.of(), soa(zone));
        }
        if (labels.size() != 2 || !labels.get(0).equals("ns1")) {
            trace.why(() -> "k8s_external (" + where + ") has only ns1." + ext.apex() + "." + zone + " under " + ext.apex() + "."
                    + zone + ": NXDOMAIN.");
            return new Reply(Status.NXDOMAIN, List.of(), List.of(), soa(zone));
        }
        List<ResourceRecord> answer = new ArrayList<>();
        if (type.equals(RrType.A) || type.equals(RrType.AAAA)) {
            List<ResourceRecord> own = backend.externalNsRecords(zone, ext.ttl());
            if (own == null) {
                trace.incomplete();
                trace.why(() -> "No Service in the input has the DNS pods as endpoints, so CoreDNS answers with the answering pod's "
                        + "own address, which the model cannot know.");
                own = List.of();
            }
            for (ResourceRecord r : own) {
                if (r.type().equals(type)) {
                    answer.add(new ResourceRecord(qname, ext.ttl(), r.data(), r.sources()));
                }
            }
        }
        if (answer.isEmpty()) {
            trace.why(() -> "k8s_external (" + where + ") has no " + type + " record for " + name + ": NOERROR with no answer.");
            return new Reply(Status.NODATA, List.of(), List.of(), soa(zone));
        }
        trace.why(() -> "k8s_external (" + where + ") answers its name server with the DNS Service's external addresses.");
        return new Reply(Status.NOERROR, answer, List.of(), null);
    }

    private ResourceRecord soa(String zone) {
        return new ResourceRecord(zone, ext.ttl(), new Rdata.Soa("ns1." + ext.apex() + "." + zone,
                "hostmaster." + ext.apex() + "." + zone, serial, 7200, 1800, 86400, ext.ttl()));
    }

    private Reply incomplete() {
        trace.incomplete();
        return new Reply(Status.FORWARDED, List.of(), List.of(), null);
    }
}
