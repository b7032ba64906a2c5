package dev.kdi.records.objects;

import java.util.List;
import java.util.Set;

/**
 * One immutable view of a cluster's DNS-relevant objects, from manifests or the live API.
 *
 * @param namespaces the namespaces that exist
 * @param services the Services
 * @param endpointSlices the EndpointSlices as given (derived ones are the model's business)
 * @param endpoints the legacy Endpoints objects as given
 * @param pods the pods
 * @param workloads the pod-owning workloads
 * @param corefile the {@code Corefile} key of ConfigMap {@code kube-system/coredns}, or null
 * @param slicesAuthoritative true when the EndpointSlices are the cluster's own (a live API):
 *     CoreDNS sees exactly those, so none are derived; false for manifests, which rarely carry
 *     slices, so the model writes what the controllers would
 * @param provisional what the input does not hold yet and the model stands in for: pods generated
 *     from workloads, placeholder addresses ({@link Provisional#NONE} for a live cluster)
 * @param dnsPodFiles the DNS pods' ConfigMap mounts and the ConfigMaps behind them, or null when
 *     unknown; the Corefile's imports and hosts files are read through them
 */
public record ClusterSnapshot(
        Set<String> namespaces,
        List<Service> services,
        List<EndpointSlice> endpointSlices,
        List<EndpointsObject> endpoints,
        List<Pod> pods,
        List<Workload> workloads,
        String corefile,
        boolean slicesAuthoritative,
        Provisional provisional,
        DnsPodFiles dnsPodFiles) {

    /** A snapshot with nothing provisional: every pod and address is the cluster's own. */
    public ClusterSnapshot(Set<String> namespaces, List<Service> services, List<EndpointSlice> endpointSlices,
                           List<EndpointsObject> endpoints, List<Pod> pods, List<Workload> workloads, String corefile,
                           boolean slicesAuthoritative) {
        this(namespaces, services, endpointSlices, endpoints, pods, workloads, corefile, slicesAuthoritative,
                Provisional.NONE, null);
    }

    /** A snapshot whose DNS pods' files are unknown. */
    public ClusterSnapshot(Set<String> namespaces, List<Service> services, List<EndpointSlice> endpointSlices,
                           List<EndpointsObject> endpoints, List<Pod> pods, List<Workload> workloads, String corefile,
                           boolean slicesAuthoritative, Provisional provisional) {
        this(namespaces, services, endpointSlices, endpoints, pods, workloads, corefile, slicesAuthoritative,
                provisional, null);
    }

    /** This snapshot with the DNS pods' files. */
    public ClusterSnapshot withDnsPodFiles(DnsPodFiles files) {
        return new ClusterSnapshot(namespaces, services, endpointSlices, endpoints, pods, workloads, corefile,
                slicesAuthoritative, provisional, files);
    }

    /** A snapshot of manifests: slices the input lacks are derived. */
    public ClusterSnapshot(Set<String> namespaces, List<Service> services, List<EndpointSlice> endpointSlices,
                           List<EndpointsObject> endpoints, List<Pod> pods, List<Workload> workloads, String corefile) {
        this(namespaces, services, endpointSlices, endpoints, pods, workloads, corefile, false);
    }

    public ClusterSnapshot {
        namespaces = Set.copyOf(namespaces);
        services = List.copyOf(services);
        endpointSlices = List.copyOf(endpointSlices);
        endpoints = List.copyOf(endpoints);
        pods = List.copyOf(pods);
        workloads = List.copyOf(workloads);
        java.util.Objects.requireNonNull(provisional, "provisional");
    }

    public static ClusterSnapshot empty() {
        return new ClusterSnapshot(Set.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }
}
