package dev.kdi.session;

import dev.kdi.cluster.DnsServers;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Service;
import java.util.List;
import java.util.Optional;

/**
 * The cluster DNS as an inspection found it, as much as the faces show of it.
 *
 * @param service the DNS Service ({@code kube-system/kube-dns} or OpenShift's), when found
 * @param replicas the ids ({@code namespace/pod}) of the DNS pods that can be asked
 * @param notes what the user should know (kube-dns instead of CoreDNS, NodeLocal DNSCache in front,
 *     no TCP port, no DNS at all)
 * @param source how the DNS Service was found ({@code openshift-dns/dns-default (OpenShift)},
 *     {@code shop/dns (--dns-service)}, {@code none found})
 */
public record ClusterDns(Optional<Service> service, List<String> replicas, List<String> notes, String source) {

    public ClusterDns {
        replicas = List.copyOf(replicas);
        notes = List.copyOf(notes);
    }

    /** What the faces need of the cluster DNS as found. */
    public static ClusterDns of(DnsServers.Found found) {
        return new ClusterDns(found.service(), found.replicas().stream().map(DnsServers.Replica::id).toList(),
                found.notes(), found.source());
    }

    /** The DNS Service's first cluster address, when the Service is known. */
    public Optional<String> address() {
        return service.flatMap(s -> s.clusterIPs().stream().filter(IpAddress::isAddress).findFirst());
    }
}
