package dev.kdi.records.controllers;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mirrors a legacy Endpoints object into EndpointSlices, as Kubernetes' EndpointSlice mirroring
 * controller does for Services without a selector (since CoreDNS 1.11 reads only slices).
 */
public final class EndpointsMirroring {
    /** The mirroring controller's default {@code --mirroring-max-endpoints-per-subset}. */
    public static final int MAX_ENDPOINTS_PER_SUBSET = 1000;

    private EndpointsMirroring() {
    }

    /** The mirrored slices; none when the Endpoints asks not to be mirrored. */
    public static List<EndpointSlice> slicesFor(Service svc, EndpointsObject eps) {
        List<EndpointSlice> out = new ArrayList<>();
        if (eps.skipMirror() || svc.hasSelector()) {
            return out;
        }
        int n = 0;
        for (EndpointsObject.Subset subset : eps.subsets()) {
            for (IpFamily family : IpFamily.values()) {
                List<Endpoint> endpoints = new ArrayList<>();
                addAll(endpoints, subset.addresses(), family, true);
                addAll(endpoints, subset.notReadyAddresses(), family, false);
                if (endpoints.size() > MAX_ENDPOINTS_PER_SUBSET) {
                    endpoints = endpoints.subList(0, MAX_ENDPOINTS_PER_SUBSET);
                }
                if (endpoints.isEmpty()) {
                    continue;
                }
                String name = eps.name() + "-mirrored-" + (family == IpFamily.IPV4 ? "ipv4" : "ipv6")
                        + (n == 0 ? "" : "-" + (n + 1));
                n++;
                out.add(new EndpointSlice(eps.namespace(), name, svc.name(), family, subset.ports(), endpoints,
                        EndpointSlice.Origin.MIRRORED_FROM_ENDPOINTS));
            }
        }
        return out;
    }

    private static void addAll(List<Endpoint> into, List<EndpointsObject.Address> addresses, IpFamily family,
                               boolean ready) {
        for (EndpointsObject.Address a : addresses) {
            Optional<IpAddress> ip = IpAddress.parse(a.ip());
            if (ip.isEmpty() || ip.get().isIPv4() != (family == IpFamily.IPV4)) {
                continue;
            }
            into.add(new Endpoint(List.of(a.ip()), ready, a.hostname(), a.targetPod(), a.nodeName()));
        }
    }
}
