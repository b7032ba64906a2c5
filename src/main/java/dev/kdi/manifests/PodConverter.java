package dev.kdi.manifests;

import static dev.kdi.manifests.Fields.SPEC;
import static dev.kdi.manifests.Fields.nonNull;
import static dev.kdi.manifests.Fields.quote;

import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;

/** Pods, with their IPs read as the API server's conversion reads them. */
final class PodConverter {
    private static final FieldPath STATUS = FieldPath.of("status");

    private final Interner interner;
    private final PodSpecFields specFields;

    PodConverter(Interner interner, PodSpecFields specFields) {
        this.interner = interner;
        this.specFields = specFields;
    }

    Pod convert(io.fabric8.kubernetes.api.model.Pod pod) throws InvalidObjectException {
        String namespace = Fields.namespaceOf(pod);
        String name = Fields.subdomainName(pod);
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        ObjectMeta meta = pod.getMetadata();

        Pod.Phase phase = Pod.Phase.parse(status.getPhase());
        List<String> ips = ips(status);
        if (status.getPhase() != null && phase == Pod.Phase.UNKNOWN && !"Unknown".equals(status.getPhase())) {
            throw InvalidObjectException.invalid(STATUS.field("phase"), quote(status.getPhase())
                    + " is not one of Pending, Running, Succeeded, Failed, Unknown");
        }
        boolean ready = false;
        for (PodCondition c : nonNull(status.getConditions())) {
            if (c != null && "Ready".equals(c.getType())) {
                ready = "True".equals(c.getStatus());
            }
        }
        boolean terminating = meta.getDeletionTimestamp() != null && !meta.getDeletionTimestamp().isEmpty();

        return new Pod(
                interner.string(namespace),
                name,
                Fields.labels(interner, meta),
                ips,
                Fields.optionalLabel(spec.getHostname(), SPEC.field("hostname"), "hostname"),
                interner.string(Fields.optionalLabel(spec.getSubdomain(), SPEC.field("subdomain"), "subdomain")),
                phase,
                ready,
                terminating,
                interner.string(spec.getNodeName()),
                owner(meta),
                specFields.podDns(spec, SPEC),
                specFields.containerPorts(spec, SPEC));
    }

    private static List<String> ips(PodStatus status) throws InvalidObjectException {
        List<String> ips = new ArrayList<>(2);
        List<PodIP> podIPs = nonNull(status.getPodIPs());
        if (!podIPs.isEmpty()) {
            for (int i = 0; i < podIPs.size(); i++) {
                String ip = podIPs.get(i) == null ? null : podIPs.get(i).getIp();
                ips.add(Fields.ip(ip, STATUS.field("podIPs").index(i).field("ip")));
            }
        } else if (status.getPodIP() != null && !status.getPodIP().isEmpty()) {
            ips.add(Fields.ip(status.getPodIP(), STATUS.field("podIP")));
        }
        return ips.isEmpty() ? List.of() : List.copyOf(ips);
    }

    private Owner owner(ObjectMeta meta) throws InvalidObjectException {
        List<OwnerReference> refs = nonNull(meta.getOwnerReferences());
        for (int i = 0; i < refs.size(); i++) {
            OwnerReference r = refs.get(i);
            if (r != null && Boolean.TRUE.equals(r.getController())) {
                FieldPath path = FieldPath.of("metadata", "ownerReferences").index(i);
                if (r.getKind() == null || r.getKind().isEmpty()) {
                    throw InvalidObjectException.missing(path.field("kind"));
                }
                if (r.getName() == null || r.getName().isEmpty()) {
                    throw InvalidObjectException.missing(path.field("name"));
                }
                return interner.value(new Owner(interner.string(r.getKind()), interner.string(r.getName())));
            }
        }
        return null;
    }
}
