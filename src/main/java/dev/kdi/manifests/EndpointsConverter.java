package dev.kdi.manifests;

import static dev.kdi.manifests.Fields.nonNull;

import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointsObject;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.util.ArrayList;
import java.util.List;

/** Legacy Endpoints objects, which the mirroring controller turns into slices. */
final class EndpointsConverter {
    private final Interner interner;
    private final EndpointFields endpointFields;

    EndpointsConverter(Interner interner, EndpointFields endpointFields) {
        this.interner = interner;
        this.endpointFields = endpointFields;
    }

    EndpointsObject convert(Endpoints endpoints) throws InvalidObjectException {
        String namespace = Fields.namespaceOf(endpoints);
        String name = Fields.subdomainName(endpoints);
        List<EndpointSubset> written = nonNull(endpoints.getSubsets());
        List<EndpointsObject.Subset> subsets = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            EndpointSubset s = written.get(i);
            FieldPath path = FieldPath.of("subsets").index(i);
            List<EndpointsObject.Address> ready = addresses(s.getAddresses(), path.field("addresses"));
            List<EndpointsObject.Address> notReady = addresses(s.getNotReadyAddresses(), path.field("notReadyAddresses"));
            List<io.fabric8.kubernetes.api.model.EndpointPort> writtenPorts = nonNull(s.getPorts());
            List<EndpointPort> ports = new ArrayList<>(writtenPorts.size());
            for (int j = 0; j < writtenPorts.size(); j++) {
                io.fabric8.kubernetes.api.model.EndpointPort p = writtenPorts.get(j);
                ports.add(endpointFields.port(p.getName(), p.getProtocol(), p.getPort(), true, path.field("ports").index(j)));
            }
            subsets.add(new EndpointsObject.Subset(ready, notReady, interner.list(ports)));
        }
        boolean skipMirror = "true".equals(Fields.labels(interner, endpoints.getMetadata()).get(ObjectConverter.SKIP_MIRROR_LABEL));
        return new EndpointsObject(interner.string(namespace), name, subsets, skipMirror);
    }

    private List<EndpointsObject.Address> addresses(List<EndpointAddress> written, FieldPath path)
            throws InvalidObjectException {
        List<EndpointAddress> list = nonNull(written);
        List<EndpointsObject.Address> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            EndpointAddress a = list.get(i);
            FieldPath at = path.index(i);
            String ip = Fields.ip(a.getIp(), at.field("ip"));
            String hostname = Fields.optionalLabel(a.getHostname(), at.field("hostname"), "hostname");
            out.add(new EndpointsObject.Address(ip, hostname, EndpointFields.targetPod(a.getTargetRef()),
                    interner.string(a.getNodeName())));
        }
        return out;
    }
}
