package dev.kdi.records.gen;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.List;

/** A cluster as a few readable lines, one per object, for failure messages. */
public final class ClusterText {
    private ClusterText() {
    }

    public static String describe(ClusterSnapshot s) {
        StringBuilder sb = new StringBuilder();
        sb.append("  namespaces ").append(s.namespaces()).append('\n');
        for (Service svc : s.services()) {
            sb.append("  ").append(service(svc)).append('\n');
        }
        for (Workload w : s.workloads()) {
            sb.append("  ").append(w.kind()).append(' ').append(w.namespace()).append('/').append(w.name());
            if (w.serviceName() != null) {
                sb.append(" serviceName=").append(w.serviceName());
            }
            sb.append('\n');
        }
        for (Pod p : s.pods()) {
            sb.append("  ").append(pod(p)).append('\n');
        }
        for (EndpointSlice slice : s.endpointSlices()) {
            sb.append("  ").append(slice(slice)).append('\n');
        }
        for (EndpointsObject e : s.endpoints()) {
            sb.append("  Endpoints ").append(e.namespace()).append('/').append(e.name())
                    .append(e.skipMirror() ? " skip-mirror" : "").append(' ').append(e.subsets()).append('\n');
        }
        return sb.toString();
    }

    public static String service(Service svc) {
        StringBuilder sb = new StringBuilder("Service ").append(svc.namespace()).append('/').append(svc.name()).append(' ')
                .append(svc.type().spelling());
        if (svc.isExternalName()) {
            sb.append(" externalName='").append(svc.externalName()).append('\'');
        } else {
            sb.append(' ').append(svc.clusterIPs());
        }
        if (!svc.ipFamilies().isEmpty()) {
            sb.append(" families ").append(svc.ipFamilies());
        }
        List<String> ports = new ArrayList<>();
        for (ServicePort p : svc.ports()) {
            ports.add((p.isNamed() ? p.name() + " " : "") + p.port() + "/" + p.protocol() + "->" + p.targetPort());
        }
        sb.append(" ports ").append(ports);
        sb.append(" selector ").append(svc.selector());
        if (svc.publishNotReadyAddresses()) {
            sb.append(" publishNotReadyAddresses");
        }
        return sb.toString();
    }

    public static String pod(Pod p) {
        StringBuilder sb = new StringBuilder("Pod ").append(p.namespace()).append('/').append(p.name()).append(' ')
                .append(p.ips()).append(' ').append(p.phase());
        sb.append(p.ready() ? " ready" : " not-ready");
        if (p.terminating()) {
            sb.append(" terminating");
        }
        if (p.hostname() != null) {
            sb.append(" hostname=").append(p.hostname());
        }
        if (p.subdomain() != null) {
            sb.append(" subdomain=").append(p.subdomain());
        }
        sb.append(" labels ").append(p.labels());
        if (!p.containerPorts().isEmpty()) {
            sb.append(" containerPorts ").append(p.containerPorts());
        }
        return sb.toString();
    }

    public static String slice(EndpointSlice slice) {
        StringBuilder sb = new StringBuilder("EndpointSlice ").append(slice.namespace()).append('/').append(slice.name())
                .append(" (").append(slice.origin()).append(") service=").append(slice.serviceName()).append(' ')
                .append(slice.addressType());
        List<String> ports = new ArrayList<>();
        for (EndpointPort p : slice.ports()) {
            ports.add((p.name().isEmpty() ? "" : p.name() + " ") + p.port() + "/" + p.protocol());
        }
        sb.append(" ports ").append(ports).append(" endpoints [");
        String sep = "";
        for (Endpoint e : slice.endpoints()) {
            sb.append(sep).append(e.addresses()).append(" ready=").append(e.ready());
            if (e.hostname() != null) {
                sb.append(" hostname=").append(e.hostname());
            }
            if (e.targetPod() != null) {
                sb.append(" pod=").append(e.targetPod());
            }
            sep = "; ";
        }
        return sb.append(']').toString();
    }
}
