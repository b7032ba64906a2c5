package dev.kdi.manifests;

import static dev.kdi.manifests.Fields.nonNull;
import static dev.kdi.manifests.Fields.quote;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EndpointSlices; slices of {@code addressType: FQDN} and slices without the
 * {@value ObjectConverter#SERVICE_NAME_LABEL} label serve no Service name and are skipped.
 */
final class EndpointSliceConverter {
    private static final FieldPath ADDRESS_TYPE = FieldPath.of("addressType");

    private final Interner interner;
    private final EndpointFields endpointFields;

    EndpointSliceConverter(Interner interner, EndpointFields endpointFields) {
        this.interner = interner;
        this.endpointFields = endpointFields;
    }

    Converted<EndpointSlice> convert(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice)
            throws InvalidObjectException {
        String namespace = Fields.namespaceOf(slice);
        String name = Fields.subdomainName(slice);
        String type = slice.getAddressType();
        if (type == null || type.isEmpty()) {
            throw InvalidObjectException.missing(ADDRESS_TYPE);
        }
        if (type.equals("FQDN")) {
            return Converted.skipped("addressType FQDN");
        }
        IpFamily family = Fields.ipFamily(type).orElseThrow(() -> InvalidObjectException.invalid(
                ADDRESS_TYPE, quote(type) + " is not one of IPv4, IPv6, FQDN"));
        Map<String, String> labels = Fields.labels(interner, slice.getMetadata());
        String serviceName = labels.get(ObjectConverter.SERVICE_NAME_LABEL);
        if (serviceName == null || serviceName.isEmpty()) {
            return Converted.skipped("no label " + ObjectConverter.SERVICE_NAME_LABEL);
        }

        List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> writtenPorts = nonNull(slice.getPorts());
        List<EndpointPort> ports = new ArrayList<>(writtenPorts.size());
        for (int i = 0; i < writtenPorts.size(); i++) {
            io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort p = writtenPorts.get(i);
            ports.add(endpointFields.port(p.getName(), p.getProtocol(), p.getPort(), false, FieldPath.of("ports").index(i)));
        }

        List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> writtenEndpoints = nonNull(slice.getEndpoints());
        List<Endpoint> endpoints = new ArrayList<>(writtenEndpoints.size());
        for (int i = 0; i < writtenEndpoints.size(); i++) {
            endpoints.add(endpoint(writtenEndpoints.get(i), family, FieldPath.of("endpoints").index(i)));
        }
        return Converted.kept(new EndpointSlice(interner.string(namespace), name, interner.string(serviceName), family,
                interner.list(ports), endpoints, EndpointSlice.Origin.GIVEN));
    }

    private Endpoint endpoint(io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e, IpFamily family, FieldPath path)
            throws InvalidObjectException {
        List<String> addresses = nonNull(e.getAddresses());
        for (int j = 0; j < addresses.size(); j++) {
            String a = addresses.get(j);
            Optional<IpAddress> ip = IpAddress.parse(a);
            // Go's To4() decides the family, so an IPv4-mapped IPv6 address counts as IPv4.
            if (ip.isEmpty() || ip.get().isIPv4() != (family == IpFamily.IPV4)) {
                throw InvalidObjectException.invalid(path.field("addresses").index(j),
                        quote(a) + " is not an " + (family == IpFamily.IPV4 ? "IPv4" : "IPv6") + " address");
            }
        }
        String hostname = Fields.optionalLabel(e.getHostname(), path.field("hostname"), "hostname");
        Boolean ready = e.getConditions() == null ? null : e.getConditions().getReady();
        return new Endpoint(addresses, ready, hostname, EndpointFields.targetPod(e.getTargetRef()),
                interner.string(e.getNodeName()));
    }
}
