package dev.kdi.records.objects;

import java.util.List;

/**
 * A legacy {@code v1} Endpoints object; only mirrored into slices for Services without a selector.
 *
 * @param namespace the namespace
 * @param name the name (equal to the Service's)
 * @param subsets its subsets
 * @param skipMirror true when labelled {@code endpointslice.kubernetes.io/skip-mirror: "true"}
 */
public record EndpointsObject(String namespace, String name, List<Subset> subsets, boolean skipMirror) {

    public EndpointsObject {
        subsets = List.copyOf(subsets);
    }

    /** One subset: addresses sharing a set of ports. */
    public record Subset(List<Address> addresses, List<Address> notReadyAddresses, List<EndpointPort> ports) {
        public Subset {
            addresses = List.copyOf(addresses);
            notReadyAddresses = List.copyOf(notReadyAddresses);
            ports = List.copyOf(ports);
        }
    }

    /** One address of a subset; {@code targetPod} names the pod when targetRef is a Pod. */
    public record Address(String ip, String hostname, String targetPod, String nodeName) {
    }
}
