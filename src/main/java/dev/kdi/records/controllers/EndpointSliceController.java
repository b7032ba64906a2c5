package dev.kdi.records.controllers;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.FlatSelector;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a selector Service's EndpointSlices from its pods, as Kubernetes' EndpointSlice
 * controller does ({@code k8s.io/endpointslice}: {@code reconciler.go}, {@code utils.go}).
 */
public final class EndpointSliceController {
    /** The controller's default {@code --max-endpoints-per-slice}. */
    public static final int MAX_ENDPOINTS_PER_SLICE = 100;

    private EndpointSliceController() {
    }

    /** The slices for one Service, given the pods of its namespace. */
    public static List<EndpointSlice> slicesFor(Service svc, List<Pod> podsInNamespace) {
        return slicesFor(svc, podsInNamespace, new SharedValues());
    }

    /** As {@link #slicesFor(Service, List)}, sharing equal port lists and names with other Services' slices. */
    static List<EndpointSlice> slicesFor(Service svc, List<Pod> podsInNamespace, SharedValues shared) {
        List<EndpointSlice> out = new ArrayList<>();
        FlatSelector selector = FlatSelector.of(svc.selector());
        PortResolver ports = new PortResolver(svc, shared);
        for (IpFamily family : addressTypes(svc)) {
            // Pods whose ports resolve alike share slices; the key is the resolved port list.
            Map<List<EndpointPort>, Members> byPorts = new LinkedHashMap<>();
            for (Pod pod : podsInNamespace) {
                if (!selector.selects(pod.labels()) || !belongsInEndpoints(pod)) {
                    continue;
                }
                List<String> addresses = addressesOf(pod, family);
                if (addresses.isEmpty()) {
                    continue;
                }
                Members members = byPorts.computeIfAbsent(ports.of(pod), k -> new Members());
                members.pods.add(pod);
                members.addresses.add(addresses);
            }
            int n = 0;
            for (Map.Entry<List<EndpointPort>, Members> e : byPorts.entrySet()) {
                Members m = e.getValue();
                for (int from = 0; from < m.pods.size(); from += MAX_ENDPOINTS_PER_SLICE) {
                    int to = Math.min(m.pods.size(), from + MAX_ENDPOINTS_PER_SLICE);
                    // Made from the pods when read (endpointFor): an Endpoint per pod kept was
                    // 149,200 objects at 150,000 pods.
                    List<Endpoint> chunk = shared.pods.endpoints(svc, EndpointSliceController::endpointFor,
                            m.pods.subList(from, to), m.addresses.subList(from, to));
                    out.add(new EndpointSlice(svc.namespace(), shared.name(sliceName(svc, family, n++)), svc.name(), family,
                            e.getKey(), chunk, EndpointSlice.Origin.DERIVED_FROM_PODS));
                }
            }
        }
        return out;
    }

    /** The pods of one port list, and their addresses in the slice. */
    private static final class Members {
        final List<Pod> pods = new ArrayList<>();
        final List<List<String>> addresses = new ArrayList<>();
    }

    private static String sliceName(Service svc, IpFamily family, int n) {
        String base = svc.name() + "-derived-" + (family == IpFamily.IPV4 ? "ipv4" : "ipv6");
        return n == 0 ? base : base + "-" + (n + 1);
    }

    /** Terminal pods and pods without an address are left out; terminating ones stay, not ready. */
    static boolean belongsInEndpoints(Pod pod) {
        return !pod.phase().isTerminal() && !pod.ips().isEmpty();
    }

    /** {@code ready = publishNotReadyAddresses || (pod Ready && not terminating)}. */
    static Endpoint endpointFor(Pod pod, Service svc, List<String> addresses) {
        boolean ready = svc.publishNotReadyAddresses() || (pod.ready() && !pod.terminating());
        String hostname = shouldSetHostname(pod, svc) ? pod.hostname() : null;
        return new Endpoint(addresses, ready, hostname, pod.name(), pod.nodeName());
    }

    /** The hostname goes into the slice only when the pod's subdomain names this Service. */
    public static boolean shouldSetHostname(Pod pod, Service svc) {
        return pod.hostname() != null && !pod.hostname().isEmpty() && svc.name().equals(pod.subdomain())
                && svc.namespace().equals(pod.namespace());
    }

    /**
     * The families the controller writes slices for: {@code spec.ipFamilies}; else the cluster
     * IP's family; else, for headless Services, both.
     */
    static Set<IpFamily> addressTypes(Service svc) {
        if (!svc.ipFamilies().isEmpty()) {
            return EnumSet.copyOf(svc.ipFamilies());
        }
        if (!svc.clusterIPs().isEmpty() && !svc.isHeadless()) {
            Optional<IpAddress> ip = IpAddress.parse(svc.clusterIPs().get(0));
            if (ip.isPresent()) {
                return EnumSet.of(ip.get().isIPv4() ? IpFamily.IPV4 : IpFamily.IPV6);
            }
        }
        return EnumSet.of(IpFamily.IPV4, IpFamily.IPV6);
    }

    /** The pod's addresses of one family, re-printed canonically as the controller does. */
    static List<String> addressesOf(Pod pod, IpFamily family) {
        List<String> out = new ArrayList<>(1);
        boolean same = true;
        List<String> ips = pod.ips();
        if (family == IpFamily.IPV4 && ips.size() == 1 && IpAddress.isPlainIPv4(ips.get(0))) {
            // The common case, one dotted address already as the controller prints it, decided
            // without parsing it into bytes and printing it again for every Service selecting it.
            return ips;
        }
        for (String ip : ips) {
            Optional<IpAddress> parsed = IpAddress.parse(ip);
            if (parsed.isEmpty() || parsed.get().isIPv4() != (family == IpFamily.IPV4)) {
                same = false;
                continue;
            }
            String canonical = parsed.get().toString();
            if (canonical.equals(ip)) {
                out.add(ip);
            } else {
                out.add(canonical);
                same = false;
            }
        }
        // Reuse the pod's own list when nothing changed: 150,000 pods stay small.
        return same ? pod.ips() : List.copyOf(out);
    }

    /**
     * {@link #portsFor} for one Service across its pods: a Service whose target ports are all
     * numbers resolves alike for every pod, so once; named ones are resolved once per distinct
     * list of container ports (pods of one template share theirs).
     */
    private static final class PortResolver {
        private final Service svc;
        private final List<EndpointPort> numeric;
        private final SharedValues shared;
        private final Map<List<ContainerPort>, List<EndpointPort>> named = new java.util.HashMap<>();

        PortResolver(Service svc, SharedValues shared) {
            this.svc = svc;
            this.shared = shared;
            boolean anyNamed = false;
            for (ServicePort sp : svc.ports()) {
                anyNamed |= sp.targetPort().isNamed();
            }
            this.numeric = anyNamed ? null : shared.ports(portsFor(svc, null));
        }

        List<EndpointPort> of(Pod pod) {
            return numeric != null ? numeric
                    : named.computeIfAbsent(pod.containerPorts(), k -> shared.ports(portsFor(svc, pod)));
        }
    }

    /**
     * The resolved ports: a numeric targetPort as is, a named one looked up among the pod's
     * container ports with the same protocol; a port that cannot be resolved is left out. A
     * headless Service without ports gets none.
     */
    static List<EndpointPort> portsFor(Service svc, Pod pod) {
        if (svc.ports().isEmpty()) {
            return List.of();
        }
        List<EndpointPort> out = new ArrayList<>(svc.ports().size());
        for (ServicePort sp : svc.ports()) {
            int port = -1;
            if (sp.targetPort().isNamed()) {
                for (ContainerPort cp : pod.containerPorts()) {
                    if (cp.name().equals(sp.targetPort().name()) && cp.protocol() == sp.protocol()) {
                        port = cp.port();
                        break;
                    }
                }
                if (port < 0) {
                    continue;
                }
            } else {
                port = sp.targetPort().number();
            }
            out.add(new EndpointPort(sp.name(), sp.protocol(), port));
        }
        return List.copyOf(out);
    }
}
