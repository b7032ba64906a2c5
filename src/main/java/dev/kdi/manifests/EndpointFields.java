package dev.kdi.manifests;

import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.Protocol;
import io.fabric8.kubernetes.api.model.ObjectReference;

/** The fields EndpointSlices and legacy Endpoints share: ports and the pod an address belongs to. */
final class EndpointFields {
    private final Interner interner;

    EndpointFields(Interner interner) {
        this.interner = interner;
    }

    /** A port of an endpoint; Endpoints need its number, slices may leave it out (all ports). */
    EndpointPort port(String name, String protocol, Integer port, boolean portRequired, FieldPath path)
            throws InvalidObjectException {
        String n = name == null ? "" : name;
        Fields.checkPortName(n, path.field("name"));
        Protocol p = Fields.protocol(protocol, path.field("protocol"));
        int number = -1;
        if (port != null) {
            number = Fields.portNumber(port, path.field("port"));
        } else if (portRequired) {
            throw InvalidObjectException.missing(path.field("port"));
        }
        return interner.value(new EndpointPort(interner.string(n), p, number));
    }

    /** The name of the pod a {@code targetRef} points at, or null when it points at no pod. */
    static String targetPod(ObjectReference ref) {
        return ref != null && Kinds.POD.equals(ref.getKind()) ? ref.getName() : null;
    }
}
