package dev.kdi.records;

import dev.kdi.records.KubernetesBackend.Entry;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The zone as CoreDNS's zone transfer lists it ({@code plugin/kubernetes/xfr.go}): SOA, NS and
 * glue, then Services in name order, then the SOA again. Endpoint names of ClusterIP Services,
 * PTRs, pod records and {@code dns-version} are not part of a transfer.
 */
final class ZoneTransfer {
    private final KubernetesBackend backend;
    private final long serial;

    ZoneTransfer(KubernetesBackend backend, long serial) {
        this.backend = backend;
        this.serial = serial;
    }

    List<ResourceRecord> records() {
        String zone = backend.plugin().primaryZone();
        long ttl = backend.ttl();
        List<ResourceRecord> out = new ArrayList<>();
        ResourceRecord soa = new ResourceRecord(zone, Math.min(ttl, 300),
                new Rdata.Soa("ns.dns." + zone, "hostmaster." + zone, serial, 7200, 1800, 86400, ttl));
        out.add(soa);
        List<Entry> ns = backend.nsEntries(new Trace(), zone, false);
        if (ns.isEmpty()) {
            out.add(new ResourceRecord(zone, ttl, new Rdata.Ns("ns.dns." + zone)));
        }
        Set<String> nsNames = new LinkedHashSet<>();
        for (Entry e : ns) {
            if (nsNames.add(e.domain())) {
                out.add(new ResourceRecord(zone, ttl, new Rdata.Ns(e.domain()), e.sources()));
            }
        }
        for (Entry e : ns) {
            // CoreDNS sends the glue without a TTL.
            out.add(address(e.domain(), 0, e.host(), e.sources()));
        }
        ModelIndex index = backend.index();
        List<Service> services = new ArrayList<>(index.snapshot.services());
        services.sort(Comparator.comparing(Service::name).thenComparing(Service::namespace));
        for (Service svc : services) {
            if (!backend.namespaceExposed(svc.namespace())) {
                continue;
            }
            String base = svc.name() + "." + svc.namespace() + ".svc." + zone;
            List<ObjectRef> svcRef = List.of(svc.ref());
            switch (svc.type()) {
                case CLUSTER_IP, NODE_PORT, LOAD_BALANCER -> {
                    if (svc.clusterIPs().isEmpty()) {
                        // Not allocated in the input; a real cluster always has one.
                        continue;
                    }
                    if (IpAddress.parse(svc.clusterIPs().get(0)).isPresent()) {
                        for (String ip : svc.clusterIPs()) {
                            if (IpAddress.parse(ip).isPresent()) {
                                out.add(address(base, ttl, ip, svcRef));
                            }
                        }
                        for (ServicePort p : svc.portsOrSentinel()) {
                            out.add(new ResourceRecord(base, ttl, new Rdata.Srv(0, 100, p.port() & 0xffff, base), svcRef));
                            if (!p.isNamed()) {
                                continue;
                            }
                            String owner = "_" + p.name().toLowerCase(Locale.ROOT) + "._"
                                    + p.protocol().name().toLowerCase(Locale.ROOT) + "." + base;
                            out.add(new ResourceRecord(owner, ttl, new Rdata.Srv(0, 100, p.port() & 0xffff, base), svcRef));
                        }
                        continue;
                    }
                    for (EndpointSlice slice : index.slicesOf(svc.name(), svc.namespace())) {
                        int addresses = KubernetesBackend.readyAddressCount(List.of(slice));
                        int weight = Math.max(1, (int) Math.floor(100.0 / (100.0 * addresses) * 100.0));
                        for (Endpoint ep : slice.endpoints()) {
                            if (!ep.isReady()) {
                                continue;
                            }
                            List<ObjectRef> sources = ep.targetPod() == null ? List.of(svc.ref(), slice.ref())
                                    : List.of(svc.ref(), slice.ref(), ObjectRef.pod(slice.namespace(), ep.targetPod()));
                            for (String a : ep.addresses()) {
                                Optional<IpAddress> ip = IpAddress.parse(a);
                                if (ip.isEmpty()) {
                                    continue;
                                }
                                out.add(address(base, ttl, a, sources));
                                String host = backend.endpointHostname(a, ep) + "." + base;
                                out.add(address(host, ttl, a, sources));
                                for (EndpointPort p : slice.ports()) {
                                    if (p.name().isEmpty()) {
                                        continue;
                                    }
                                    String owner = "_" + p.name().toLowerCase(Locale.ROOT) + "._"
                                            + p.protocol().name().toLowerCase(Locale.ROOT) + "." + base;
                                    out.add(new ResourceRecord(owner, ttl,
                                            new Rdata.Srv(0, weight, p.port() & 0xffff, host), sources));
                                }
                            }
                        }
                    }
                }
                case EXTERNAL_NAME -> {
                    String target = svc.externalName() == null ? "" : svc.externalName();
                    if (IpAddress.parse(target).isEmpty()) {
                        out.add(new ResourceRecord(base, ttl,
                                new Rdata.Cname(dev.kdi.records.names.DnsNames.absolute(target)), svcRef));
                    }
                }
            }
        }
        out.add(soa);
        return out;
    }

    private static ResourceRecord address(String owner, long ttl, String ip, List<ObjectRef> sources) {
        IpAddress parsed = IpAddress.parse(ip).orElseThrow();
        Rdata data = parsed.isIPv4() ? new Rdata.A(parsed.toString()) : new Rdata.Aaaa(parsed.toString());
        return new ResourceRecord(owner, ttl, data, sources);
    }
}
