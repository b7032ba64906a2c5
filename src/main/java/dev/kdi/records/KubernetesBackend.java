package dev.kdi.records;

import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The record lookups of CoreDNS's {@code kubernetes} plugin ({@code kubernetes.go},
 * {@code parse.go}, {@code reverse.go}, {@code ns.go}), returning the intermediate "services"
 * that the generic lookup code turns into records. Each branch also says, in plain words, why.
 */
final class KubernetesBackend {

    /** A name error: CoreDNS answers NXDOMAIN (or falls through) for any of these. */
    enum NameError { NONE, NO_ITEMS, NAMESPACE_NOT_EXPOSED, INVALID_REQUEST }

    /**
     * CoreDNS's {@code msg.Service}: a host (an address or a name), a port, text, a TTL, and the
     * domain its key stands for (the SRV target).
     */
    record Entry(String host, int port, String text, long ttl, String domain, List<ObjectRef> sources) {
        /** A, AAAA or CNAME, as {@code msg.Service.HostType} decides it. */
        RrType hostType() {
            return switch (IpAddress.version(host)) {
                case 4 -> RrType.A;
                case 6 -> RrType.AAAA;
                default -> RrType.CNAME;
            };
        }
    }

    /** Entries plus the name error, CoreDNS's {@code ([]msg.Service, error)}. */
    record Result(List<Entry> entries, NameError error) {
        static final Result EMPTY = new Result(List.of(), NameError.NONE);

        static Result error(NameError e) {
            return new Result(List.of(), e);
        }

        boolean isNameError() {
            return error != NameError.NONE;
        }
    }

    /** A parsed query name, CoreDNS's {@code recordRequest}. */
    record Request(String port, String protocol, String endpoint, String service, String namespace, String podOrSvc) {
        static final Request EMPTY = new Request("", "", "", "", "", "");
    }

    static final String SCHEMA_VERSION = "1.1.0";
    static final long SCHEMA_VERSION_TTL = 28800;

    private final ModelIndex index;
    private final KubernetesPlugin plugin;

    KubernetesBackend(ModelIndex index, KubernetesPlugin plugin) {
        this.index = index;
        this.plugin = plugin;
    }

    long ttl() {
        return plugin.ttl();
    }

    ModelIndex index() {
        return index;
    }

    KubernetesPlugin plugin() {
        return plugin;
    }

    /**
     * {@code Services}: the type-specific front of {@link #records}.
     *
     * @param qname the name as asked (case kept)
     * @param name the name in lower case
     * @param zone the matched zone, in the case of the query
     */
    Result services(Trace trace, String qname, String name, String zone, RrType type) {
        if (type.equals(RrType.TXT)) {
            String base = trimZone(name, zone);
            List<String> segs = DnsNames.labels(base);
            if (segs.size() == 1 && segs.get(0).equals("dns-version")) {
                trace.why(() -> "dns-version." + zone + " is the DNS schema version record; its TTL is fixed at 28800.");
                return new Result(List.of(new Entry(null, 0, SCHEMA_VERSION, SCHEMA_VERSION_TTL, qname, List.of())),
                        NameError.NONE);
            }
            Result existing = records(trace, name, zone);
            if (!existing.entries().isEmpty()) {
                trace.why("The name exists, but the cluster DNS serves no TXT records other than dns-version.");
                return Result.EMPTY;
            }
            return Result.error(NameError.NO_ITEMS);
        }
        if (type.equals(RrType.NS)) {
            // Only reached for the zone apex.
            return new Result(nsEntries(trace, zone, false), NameError.NONE);
        }
        if (isDefaultNs(name, zone)) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : nsEntries(trace, zone, true)) {
                if (e.hostType().equals(type)) {
                    out.add(new Entry(e.host(), 0, null, plugin.ttl(), qname, e.sources()));
                }
            }
            trace.why(() -> "ns.dns." + zone + " names the cluster DNS itself.");
            return new Result(out, NameError.NONE);
        }
        Result r = records(trace, name, zone);
        if (!type.equals(RrType.SRV)) {
            return r;
        }
        // CoreDNS does not serve SRV records for ExternalName Services.
        List<Entry> internal = new ArrayList<>(r.entries().size());
        for (Entry e : r.entries()) {
            if (!e.hostType().equals(RrType.CNAME)) {
                internal.add(e);
            }
        }
        if (internal.size() < r.entries().size()) {
            trace.why("ExternalName Services have no SRV records.");
        }
        return new Result(internal, r.error());
    }

    private static boolean isDefaultNs(String name, String zone) {
        // CoreDNS compares the lower-case name with the zone in the query's case here.
        return name.startsWith("ns.dns.") && name.indexOf(zone) == "ns.dns.".length();
    }

    /** {@code Records}: parse the name and find Services or pods. */
    Result records(Trace trace, String name, String zone) {
        Request r = parseRequest(trace, name, zone);
        if (r == null) {
            return Result.error(NameError.INVALID_REQUEST);
        }
        if (r.podOrSvc().isEmpty()) {
            trace.why(() -> name + " is a structural name of the zone (" + zone + ", svc or pod): it exists and holds no records.");
            return Result.EMPTY;
        }
        if (name.endsWith(".in-addr.arpa.") || name.endsWith(".ip6.arpa.")) {
            return Result.error(NameError.NO_ITEMS);
        }
        if (!namespaceExposed(r.namespace())) {
            explainNamespace(trace, r.namespace());
            return Result.error(NameError.NAMESPACE_NOT_EXPOSED);
        }
        if (r.podOrSvc().equals("pod")) {
            return findPods(trace, r, zone);
        }
        return findServices(trace, r, zone);
    }

    private void explainNamespace(Trace trace, String namespace) {
        if (!plugin.exposes(namespace)) {
            trace.why(() -> "Namespace " + namespace + " is not exposed: the Corefile's kubernetes plugin lists only "
                    + String.join(", ", new java.util.TreeSet<>(plugin.namespaces())) + " under 'namespaces'.");
        } else {
            trace.why(() -> "There is no namespace " + namespace + ".");
        }
    }

    boolean namespaceExposed(String namespace) {
        return plugin.exposes(namespace) && index.namespaceExists(namespace);
    }

    /**
     * {@code parseRequest}: the labels left of the zone, read right to left; null when CoreDNS
     * calls the name invalid.
     */
    Request parseRequest(Trace trace, String name, String zone) {
        String base = trimZone(name, zone);
        if (base.isEmpty() || base.equals("svc") || base.equals("pod")) {
            return Request.EMPTY;
        }
        List<String> segs = DnsNames.labels(base);
        int last = segs.size() - 1;
        if (last < 0) {
            // Only empty labels left of the zone ("..cluster.local."): parse.go's own guard.
            return Request.EMPTY;
        }
        String podOrSvc = segs.get(last);
        if (!podOrSvc.equals("pod") && !podOrSvc.equals("svc")) {
            trace.why(() -> "Names in " + zone + " have the form <service>.<namespace>.svc." + zone + " or <pod>.<namespace>.pod."
                    + zone + "; '" + podOrSvc + "' is neither svc nor pod.");
            return null;
        }
        last--;
        if (last < 0) {
            return new Request("", "", "", "", "", podOrSvc);
        }
        String namespace = segs.get(last--);
        if (last < 0) {
            return new Request("", "", "", "", namespace, podOrSvc);
        }
        String service = segs.get(last--);
        if (last < 0) {
            return new Request("", "", "", service, namespace, podOrSvc);
        }
        return switch (last) {
            case 0 -> new Request("", "", segs.get(0), service, namespace, podOrSvc);
            case 1 -> new Request(stripUnderscore(segs.get(0)), stripUnderscore(segs.get(1)), "", service, namespace,
                    podOrSvc);
            default -> {
                int labels = last + 1;
                trace.why(() -> "The name has " + labels + " labels before " + service + "." + namespace + "." + podOrSvc
                        + ": at most two are defined (an endpoint, or _port._protocol).");
                yield null;
            }
        };
    }

    private static String stripUnderscore(String s) {
        return s.startsWith("_") ? s.substring(1) : s;
    }

    /** {@code dnsutil.TrimZone}: the name without its last labels, as many as the zone has. */
    static String trimZone(String name, String zone) {
        int zoneLabels = DnsNames.labelCount(zone);
        int nameLabels = DnsNames.labelCount(name);
        int keep = nameLabels - zoneLabels;
        if (keep <= 0) {
            return "";
        }
        int dots = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.' && ++dots == keep) {
                return name.substring(0, i);
            }
        }
        return name;
    }

    private Result findPods(Trace trace, Request r, String zone) {
        if (plugin.pods() == PodMode.DISABLED) {
            trace.why(() -> "Pod names (<a-b-c-d>.<namespace>.pod." + zone + ") are not served: the Corefile's kubernetes "
                    + "plugin has 'pods disabled' (CoreDNS's default).");
            return Result.error(NameError.NO_ITEMS);
        }
        String podName = r.service();
        if (podName.isEmpty()) {
            return Result.EMPTY;
        }
        String domain = podName + "." + r.namespace() + ".pod." + zone;
        long dashes = podName.chars().filter(c -> c == '-').count();
        String ip = dashes == 3 && !podName.contains("--") ? podName.replace('-', '.') : podName.replace('-', ':');
        if (plugin.pods() == PodMode.INSECURE) {
            if (IpAddress.parse(ip).isEmpty()) {
                trace.why(() -> "'" + podName + "' does not spell an IP address with dashes.");
                return Result.error(NameError.NO_ITEMS);
            }
            trace.why("pods insecure: the address is read from the name itself, whether or not such a pod exists.");
            return new Result(List.of(new Entry(ip, 0, null, plugin.ttl(), domain, List.of())), NameError.NONE);
        }
        List<Entry> out = new ArrayList<>();
        for (Pod p : index.podsWithIp(ip)) {
            if (ip.equals(p.primaryIp()) && DnsNames.equalIgnoringCase(p.namespace(), r.namespace())) {
                out.add(new Entry(ip, 0, null, plugin.ttl(), domain, List.of(p.ref())));
                trace.why(() -> "pods verified: pod " + p.namespace() + "/" + p.name() + " has address " + ip + ".");
            }
        }
        if (out.isEmpty()) {
            trace.why(() -> "pods verified: no pod in namespace " + r.namespace() + " has address " + ip + ".");
            return Result.error(NameError.NO_ITEMS);
        }
        return new Result(out, NameError.NONE);
    }

    private Result findServices(Trace trace, Request r, String zone) {
        if (r.service().isEmpty()) {
            trace.why(() -> "Namespace " + r.namespace() + " exists; its name holds no records itself.");
            return Result.EMPTY;
        }
        ModelIndex.Named named = index.named(r.service(), r.namespace());
        List<Service> candidates = named.services();
        if (candidates.isEmpty()) {
            trace.why(() -> "There is no Service " + r.service() + " in namespace " + r.namespace() + ".");
            explainMissingService(trace, r);
            return Result.error(NameError.NO_ITEMS);
        }
        NameError err = NameError.NO_ITEMS;
        List<Entry> out = new ArrayList<>();
        List<EndpointSlice> slices = named.slices();
        for (Service svc : candidates) {
            if (!DnsNames.equalIgnoringCase(svc.namespace(), r.namespace())
                    || !DnsNames.equalIgnoringCase(svc.name(), r.service())) {
                continue;
            }
            ObjectRef svcRef = svc.ref();
            if (plugin.ignoreEmptyService() && svc.type() != ServiceType.EXTERNAL_NAME && !svc.isHeadless()
                    && readyAddressCount(slices) == 0) {
                trace.why(() -> "Service " + svc.namespace() + "/" + svc.name() + " has no ready endpoint and the Corefile "
                        + "says 'ignore empty_service': CoreDNS answers as if it did not exist.");
                continue;
            }
            if (svc.isExternalName()) {
                if (!r.endpoint().isEmpty() || !r.port().isEmpty() || !r.protocol().isEmpty()) {
                    trace.why(() -> "ExternalName Service " + svc.namespace() + "/" + svc.name()
                            + " has no endpoint or port names below it.");
                    continue;
                }
                String target = svc.externalName() == null ? "" : svc.externalName();
                Entry e = new Entry(target, 0, null, plugin.ttl(), svcDomain(svc, zone), List.of(svcRef));
                if (e.hostType().equals(RrType.CNAME)) {
                    trace.why(() -> "ExternalName Service " + svc.namespace() + "/" + svc.name() + " is an alias (CNAME) for "
                            + DnsNames.absolute(target) + ".");
                    out.add(e);
                    err = NameError.NONE;
                } else {
                    trace.why(() -> "ExternalName Service " + svc.namespace() + "/" + svc.name() + " points at the address "
                            + target + "; CoreDNS serves no record for it (externalName must be a DNS name).");
                }
                continue;
            }
            if (svc.isHeadless() || !r.endpoint().isEmpty()) {
                int before = out.size();
                EndpointNameIndex byName = named.endpointNames();
                if (!r.endpoint().isEmpty() && byName != null && EndpointNameIndex.isAscii(r.endpoint())) {
                    // The candidates come in slice order, as the scan below would find them.
                    int hash = EndpointNameIndex.hash(r.endpoint());
                    for (int i = byName.first(hash); i >= 0; i = byName.next(i, hash)) {
                        EndpointSlice slice = slices.get(byName.slice(i));
                        Endpoint ep = slice.endpoints().get(byName.endpoint(i));
                        String address = ep.addresses().get(byName.address(i));
                        if (endpointNameIs(r.endpoint(), address, ep)
                                && addEndpoint(out, r, svc, svcRef, slice, ep, address, zone)) {
                            err = NameError.NONE;
                        }
                    }
                } else {
                    for (EndpointSlice slice : slices) {
                        for (Endpoint ep : slice.endpoints()) {
                            if (!ep.isReady()) {
                                continue;
                            }
                            for (String address : ep.addresses()) {
                                if (!r.endpoint().isEmpty() && !endpointNameIs(r.endpoint(), address, ep)) {
                                    continue;
                                }
                                if (addEndpoint(out, r, svc, svcRef, slice, ep, address, zone)) {
                                    err = NameError.NONE;
                                }
                            }
                        }
                    }
                }
                explainEndpoints(trace, svc, r, slices, out.size() - before);
                continue;
            }
            boolean anyPort = false;
            for (ServicePort p : svc.portsOrSentinel()) {
                if (!matchPortAndProtocol(r.port(), p.name(), r.protocol(), protocolOf(p))) {
                    continue;
                }
                anyPort = true;
                err = NameError.NONE;
                for (String ip : svc.clusterIPs()) {
                    out.add(new Entry(ip, p.port(), null, plugin.ttl(), svcDomain(svc, zone), List.of(svcRef)));
                }
            }
            if (!anyPort) {
                trace.why(() -> "Service " + svc.namespace() + "/" + svc.name() + " has no port named '" + r.port()
                        + "' with protocol '" + r.protocol() + "'; its ports: " + describePorts(svc) + ".");
            } else if (svc.clusterIPs().isEmpty()) {
                trace.why(() -> "Service " + svc.namespace() + "/" + svc.name() + " has no cluster IP in the input (the API "
                        + "server assigns one when it is created), so the model cannot say its address.");
            } else if (r.port().isEmpty() && r.protocol().isEmpty()) {
                trace.why(() -> "Service " + svc.namespace() + "/" + svc.name() + " answers with its cluster IP "
                        + String.join(", ", svc.clusterIPs()) + ", whether or not it has ready endpoints.");
            } else {
                trace.why(() -> "Service " + svc.namespace() + "/" + svc.name() + " port " + r.port() + "/" + r.protocol()
                        + " is served on its cluster IP with the Service port.");
            }
        }
        return new Result(out, err);
    }

    /** The entries of one endpoint address, one per slice port that the request's port matches; whether any. */
    private boolean addEndpoint(List<Entry> out, Request r, Service svc, ObjectRef svcRef, EndpointSlice slice, Endpoint ep,
                                String address, String zone) {
        String host = endpointHostname(address, ep);
        boolean any = false;
        for (EndpointPort p : portsOrSentinel(slice.ports())) {
            if (!matchPortAndProtocol(r.port(), p.name(), r.protocol(), protocolOf(p))) {
                continue;
            }
            any = true;
            out.add(new Entry(address, p.port(), null, plugin.ttl(), host + "." + svcDomain(svc, zone),
                    endpointSources(svcRef, slice, ep)));
        }
        return any;
    }

    private void explainEndpoints(Trace trace, Service svc, Request r, List<EndpointSlice> slices, int found) {
        String what = svc.namespace() + "/" + svc.name();
        String kind = svc.isHeadless() ? "headless Service " : "Service ";
        if (found > 0) {
            if (r.endpoint().isEmpty()) {
                trace.why(() -> "The " + kind + what + " answers with its ready endpoints" + sliceOrigin(slices) + ".");
            } else {
                trace.why(() -> "Endpoint " + r.endpoint() + " of " + kind + what + " is ready" + sliceOrigin(slices) + ".");
            }
            return;
        }
        int ready = readyAddressCount(slices);
        int notReady = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                if (!e.isReady()) {
                    notReady += e.addresses().size();
                }
            }
        }
        if (plugin.noEndpoints()) {
            trace.why(() -> "The Corefile's kubernetes plugin has 'noendpoints': CoreDNS knows no endpoints, so "
                    + "headless Services and endpoint names do not resolve.");
        } else if (ready == 0) {
            String reason = slices.isEmpty() ? (svc.hasSelector() ? "its selector selects no pod with an address"
                    : "it has no selector and no EndpointSlices") : notReady + " endpoint address(es), none ready";
            trace.why(() -> "The " + kind + what + " has no ready endpoint (" + reason + "), so "
                    + (r.endpoint().isEmpty() ? "its name is NXDOMAIN." : "no endpoint name below it resolves."));
        } else if (!r.endpoint().isEmpty()) {
            trace.why(() -> kind + what + " has no ready endpoint named " + r.endpoint() + ".");
            explainEndpointName(trace, svc, r);
        } else {
            trace.why(() -> kind + what + " has no port named '" + r.port() + "' with protocol '" + r.protocol()
                    + "' on its endpoints.");
        }
    }

    /** Why a pod the user probably meant is not named that way under this Service. */
    private void explainEndpointName(Trace trace, Service svc, Request r) {
        for (Pod p : index.podsIn(svc.namespace())) {
            boolean byName = p.name().equalsIgnoreCase(r.endpoint());
            boolean byHostname = p.hostname() != null && p.hostname().equalsIgnoreCase(r.endpoint());
            if (!byName && !byHostname) {
                continue;
            }
            String pod = p.name();
            if (!dev.kdi.records.objects.LabelSelector.serviceSelects(svc.selector(), p.labels())) {
                trace.why(() -> "Pod " + pod + " is not selected by Service " + svc.name() + " (selector "
                        + (svc.selector() == null ? "none" : svc.selector()) + ", pod labels " + p.labels() + ").");
            } else if (p.hostname() == null || p.hostname().isEmpty()) {
                trace.why(() -> "Pod " + pod + " sets no hostname, so its endpoint is named by its address ("
                        + (p.primaryIp() == null ? "none yet" : dashed(p.primaryIp())) + ").");
            } else if (!svc.name().equals(p.subdomain())) {
                trace.why(() -> pod + "'s subdomain is " + (p.subdomain() == null ? "not set" : p.subdomain()) + ", not "
                        + svc.name() + ", so in " + svc.name() + " its endpoint is named by its address ("
                        + (p.primaryIp() == null ? "none yet" : dashed(p.primaryIp())) + ").");
            } else if (!p.ready()) {
                trace.why(() -> "Pod " + pod + " is not ready, so its endpoint is left out of DNS.");
            } else if (p.ips().isEmpty()) {
                trace.why(() -> "Pod " + pod + " has no address yet.");
            }
            return;
        }
    }

    /** No such Service: a hint when a StatefulSet or pod subdomain expects one. */
    private void explainMissingService(Trace trace, Request r) {
        dev.kdi.records.objects.Workload w = index.statefulSetNaming(r.service(), r.namespace());
        if (w != null) {
            trace.why(() -> "StatefulSet " + w.namespace() + "/" + w.name() + " has serviceName " + w.serviceName()
                    + ", but no Service of that name exists: its pods get no per-pod names.");
        }
    }

    private static String dashed(String ip) {
        return ip.contains(".") ? ip.replace('.', '-') : ip.replace(':', '-');
    }

    private static String sliceOrigin(List<EndpointSlice> slices) {
        for (EndpointSlice s : slices) {
            if (s.origin() == EndpointSlice.Origin.DERIVED_FROM_PODS) {
                return " (EndpointSlices derived from its selector and the pods, as the EndpointSlice controller would write them)";
            }
            if (s.origin() == EndpointSlice.Origin.MIRRORED_FROM_ENDPOINTS) {
                return " (EndpointSlices mirrored from its Endpoints object)";
            }
        }
        return "";
    }

    private static String describePorts(Service svc) {
        if (svc.ports().isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (ServicePort p : svc.ports()) {
            parts.add((p.isNamed() ? p.name() : "(unnamed)") + " " + p.port() + "/" + p.protocol());
        }
        return String.join(", ", parts);
    }

    static int readyAddressCount(List<EndpointSlice> slices) {
        int n = 0;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                if (e.isReady()) {
                    n += e.addresses().size();
                }
            }
        }
        return n;
    }

    private static List<ObjectRef> endpointSources(ObjectRef svc, EndpointSlice slice, Endpoint ep) {
        if (ep.targetPod() == null) {
            return List.of(svc, slice.ref());
        }
        return List.of(svc, slice.ref(), ObjectRef.pod(slice.namespace(), ep.targetPod()));
    }

    /** The slice's ports, or CoreDNS's sentinel (port -1, no name) when it has none. */
    static List<EndpointPort> portsOrSentinel(List<EndpointPort> ports) {
        return ports.isEmpty() ? SENTINEL_PORTS : ports;
    }

    /** CoreDNS's stand-in port for slices without ports: port -1, no name, no protocol. */
    static final EndpointPort SENTINEL_PORT = new EndpointPort("", dev.kdi.records.objects.Protocol.TCP, -1);
    private static final List<EndpointPort> SENTINEL_PORTS = List.of(SENTINEL_PORT);

    private static String protocolOf(EndpointPort p) {
        return p == SENTINEL_PORT ? "" : p.protocol().name();
    }

    private static String protocolOf(ServicePort p) {
        return p == Service.SENTINEL_PORT ? "" : p.protocol().name();
    }

    static boolean matchPortAndProtocol(String aPort, String bPort, String aProtocol, String bProtocol) {
        return (aPort.isEmpty() || DnsNames.equalIgnoringCase(aPort, bPort))
                && (aProtocol.isEmpty() || DnsNames.equalIgnoringCase(aProtocol, bProtocol));
    }

    /** {@code endpointHostname}: hostname, pod name (endpoint_pod_names), or the dashed address. */
    String endpointHostname(String address, Endpoint ep) {
        return endpointHostname(address, ep, plugin.endpointPodNames());
    }

    /**
     * Whether the endpoint's name ({@link #endpointHostname}) equals {@code name} ignoring case,
     * without building the name: endpoint queries compare against every endpoint of a Service.
     */
    boolean endpointNameIs(String name, String address, Endpoint ep) {
        String hostname = ep.hostname();
        if (hostname != null && !hostname.isEmpty()) {
            return DnsNames.equalIgnoringCase(name, hostname);
        }
        String pod = plugin.endpointPodNames() ? targetPodLabel(ep) : null;
        if (pod != null) {
            return DnsNames.equalIgnoringCase(name, pod);
        }
        char separator = address.indexOf('.') >= 0 ? '.' : address.indexOf(':') >= 0 ? ':' : 0;
        if (separator == 0) {
            return name.isEmpty();
        }
        int n = address.length();
        char last = address.charAt(n - 1);
        boolean zeroAdded = separator == ':' && (last == ':' || last == '-');
        if (name.length() != n + (zeroAdded ? 1 : 0)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char a = address.charAt(i);
            char b = name.charAt(i);
            if (a >= 0x80 || b >= 0x80) {
                // Outside ASCII, leave case folding to the JDK.
                return name.equalsIgnoreCase(endpointHostname(address, ep));
            }
            if (a == separator) {
                a = '-';
            }
            if (a != b && asciiLower(a) != asciiLower(b)) {
                return false;
            }
        }
        return !zeroAdded || name.charAt(n) == '0';
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * The name of the endpoint's pod when it can be a label, else null: CoreDNS keeps a
     * {@code targetRef} name only under 64 characters (object/endpoint.go), though the API server
     * allows pod names of up to 253.
     */
    static String targetPodLabel(Endpoint ep) {
        String pod = ep.targetPod();
        return pod == null || pod.isEmpty() || pod.length() >= 64 ? null : pod;
    }

    static String endpointHostname(String address, Endpoint ep, boolean podNames) {
        if (ep.hostname() != null && !ep.hostname().isEmpty()) {
            return ep.hostname();
        }
        String pod = podNames ? targetPodLabel(ep) : null;
        if (pod != null) {
            return pod;
        }
        if (address.contains(".")) {
            return address.replace('.', '-');
        }
        if (address.contains(":")) {
            String dashed = address.replace(':', '-');
            return dashed.endsWith("-") ? dashed + "0" : dashed;
        }
        return "";
    }

    static String svcDomain(Service svc, String zone) {
        return svc.name() + "." + svc.namespace() + ".svc." + zone;
    }

    /** {@code Reverse}: PTR targets for a reverse name. */
    Result reverse(Trace trace, String name, String zone) {
        Optional<String> ip = IpAddress.fromReverseName(name);
        if (ip.isEmpty()) {
            Result r = records(trace, name, zone);
            return new Result(List.of(), r.error());
        }
        List<Entry> out = serviceRecordsForIp(trace, ip.get());
        if (out.isEmpty()) {
            trace.why(() -> "No Service cluster IP and no ready endpoint has the address " + ip.get() + ".");
            return Result.error(NameError.NO_ITEMS);
        }
        return new Result(out, NameError.NONE);
    }

    private List<Entry> serviceRecordsForIp(Trace trace, String ip) {
        String primary = plugin.primaryZone();
        for (Service svc : index.servicesWithClusterIp(ip)) {
            if (!plugin.namespaces().isEmpty() && !namespaceExposed(svc.namespace())) {
                continue;
            }
            trace.why(() -> ip + " is the cluster IP of Service " + svc.namespace() + "/" + svc.name()
                    + " (a cluster IP names its Service only, never the endpoints).");
            return List.of(new Entry(svcDomain(svc, primary), 0, null, plugin.ttl(), null, List.of(svc.ref())));
        }
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        // Nearly every address has one endpoint: read that one instead of scanning its slice.
        int only = index.onlyEndpointWithAddress(ip);
        for (EndpointSlice slice : index.slicesWithAddress(ip)) {
            if (!plugin.namespaces().isEmpty() && !namespaceExposed(slice.namespace())) {
                continue;
            }
            List<Endpoint> endpoints = only < 0 ? slice.endpoints() : slice.endpoints().subList(only, only + 1);
            for (Endpoint ep : endpoints) {
                if (!ep.isReady()) {
                    continue;
                }
                for (String address : ep.addresses()) {
                    if (!address.equals(ip)) {
                        continue;
                    }
                    String target = endpointHostname(address, ep) + "." + slice.serviceName() + "." + slice.namespace()
                            + ".svc." + primary;
                    out.add(new Entry(target, 0, null, plugin.ttl(), null,
                            endpointSources(dev.kdi.records.objects.ObjectRef.service(slice.namespace(), slice.serviceName()),
                                    slice, ep)));
                    if (seen.add(slice.namespace() + "/" + slice.serviceName())) {
                        trace.why(() -> ip + " is a ready endpoint of Service " + slice.namespace() + "/" + slice.serviceName()
                                + ", named " + target + ".");
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code nsAddrs}: the names and addresses of the cluster DNS, from the Services whose slices
     * hold the DNS pods; {@code ns.dns.<zone>} with the answering pod's own address otherwise.
     *
     * @param forAddressQuery when false (NS answers, transfers), the fallback carries no address
     *     the model can know; the trace then marks the answer incomplete
     */
    List<Entry> nsEntries(Trace trace, String zone, boolean forAddressQuery) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DnsPodService d : dnsPodServices()) {
            Service svc = d.service();
            String svcName = svc.name() + "." + svc.namespace() + ".svc." + zone;
            if (svc.isHeadless()) {
                for (Endpoint ep : d.slice().endpoints()) {
                    if (!ep.isReady()) {
                        continue;
                    }
                    for (String a : ep.addresses()) {
                        String n = endpointHostname(a, ep) + "." + svcName;
                        if (seen.add(n + " " + a)) {
                            out.add(new Entry(a, 0, null, plugin.ttl(), n, List.of(svc.ref(), d.slice().ref())));
                        }
                    }
                }
            } else {
                for (String ip : svc.clusterIPs()) {
                    if (IpAddress.parse(ip).isPresent() && seen.add(svcName + " " + ip)) {
                        out.add(new Entry(ip, 0, null, plugin.ttl(), svcName, List.of(svc.ref())));
                    }
                }
            }
        }
        if (!knowsDnsService()) {
            trace.incomplete();
            trace.why(() -> "No Service in the input has the DNS pods as endpoints, so CoreDNS names itself ns.dns." + zone
                    + " with the answering pod's own address, which the model cannot know.");
        } else {
            trace.why("The cluster DNS names itself after the Service whose endpoints are the DNS pods.");
        }
        return out;
    }

    /**
     * {@code nsAddrs} as {@code k8s_external} asks for it: the external addresses of the Services
     * whose slices hold the DNS pods, named {@code <svc>.<ns>.<zone>}; null when no such Service is
     * in the input (CoreDNS then takes the answering pod's own address, which the model cannot know).
     */
    List<ResourceRecord> externalNsRecords(String zone, long ttl) {
        if (!knowsDnsService()) {
            return null;
        }
        List<ResourceRecord> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DnsPodService d : dnsPodServices()) {
            Service svc = d.service();
            String svcName = svc.name() + "." + svc.namespace() + "." + zone;
            for (String ip : svc.externalAddresses()) {
                var parsed = IpAddress.parse(ip).orElse(null);
                if (parsed != null && seen.add(svcName + " " + ip)) {
                    out.add(new ResourceRecord(svcName, ttl, parsed.isIPv4() ? new Rdata.A(ip) : new Rdata.Aaaa(ip),
                            List.of(svc.ref())));
                }
            }
        }
        return out;
    }

    /** A Service and one of its slices that holds a DNS pod: CoreDNS names itself after it. */
    private record DnsPodService(EndpointSlice slice, Service service) {
    }

    /** Every Service whose slices hold the DNS pods, in the order CoreDNS walks them. */
    private List<DnsPodService> dnsPodServices() {
        List<DnsPodService> out = new ArrayList<>();
        for (String localIp : index.dnsPodIps) {
            for (EndpointSlice slice : index.slicesWithAddress(localIp)) {
                for (Service svc : index.services(slice.serviceName(), slice.namespace())) {
                    out.add(new DnsPodService(slice, svc));
                }
            }
        }
        return out;
    }

    /** Whether the DNS pods' Service was found; otherwise the NS name is {@code ns.dns.<zone>}. */
    boolean knowsDnsService() {
        for (String localIp : index.dnsPodIps) {
            if (!index.slicesWithAddress(localIp).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
