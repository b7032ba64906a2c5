package dev.kdi.records.objects;

import java.util.List;

/**
 * An EndpointSlice ({@code discovery.k8s.io/v1}), given or derived.
 *
 * @param namespace the namespace
 * @param name the name
 * @param serviceName the value of label {@code kubernetes.io/service-name}
 * @param addressType {@code addressType}; null for {@code FQDN} slices, which hold names
 * @param ports {@code ports}, possibly empty
 * @param endpoints {@code endpoints}
 * @param origin whether the slice was in the input or derived by the model
 */
public record EndpointSlice(
        String namespace,
        String name,
        String serviceName,
        IpFamily addressType,
        List<EndpointPort> ports,
        List<Endpoint> endpoints,
        Origin origin) {

    /** Where a slice comes from; derived slices say so wherever they are shown. */
    public enum Origin {
        /** Read from the input (a manifest or the API). */
        GIVEN,
        /** Derived from a Service selector and pods, as the EndpointSlice controller would. */
        DERIVED_FROM_PODS,
        /** Mirrored from an Endpoints object, as the mirroring controller would. */
        MIRRORED_FROM_ENDPOINTS
    }

    public EndpointSlice {
        ports = List.copyOf(ports);
        // Immutable already, and copied its endpoints would all be made and kept.
        endpoints = endpoints instanceof PodEndpoints ? endpoints : List.copyOf(endpoints);
    }

    public ObjectRef ref() {
        return ObjectRef.endpointSlice(namespace, name);
    }
}
