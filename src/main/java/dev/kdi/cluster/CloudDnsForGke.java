package dev.kdi.cluster;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a cluster whose DNS Cloud DNS for GKE answers: GKE Autopilot's only DNS provider (from
 * 1.25.9-gke.400 and 1.26.4-gke.500, as GKE's "Service discovery and DNS" page says), and an option
 * of GKE Standard. There is no DNS pod then: each node's metadata server (169.254.169.254) answers
 * from a private zone GKE's clouddns-controller keeps ("About Cloud DNS for GKE", and Cloud DNS's
 * "Name resolution order" for GKE nodes), so nothing can be asked through a port-forward. The
 * {@code kube-system/kube-dns} Service stays, with nothing behind it.
 *
 * <p>Known from the objects kdi reads, each needed: the DNS Service is {@code kube-system/kube-dns};
 * no EndpointSlice of it has an endpoint, ready or not, and no pod matches its selector (a kube-dns
 * whose pods are all failing is a sick kube-dns, not Cloud DNS); no {@code kube-dns} or CoreDNS
 * Deployment in kube-system wants a replica (GKE leaves kube-dns's at 0, or it is absent); and the
 * pods run on GKE's nodes, named {@code gke-CLUSTER-POOL-...} on Standard and {@code gk3-CLUSTER-POOL-...}
 * on Autopilot (as {@code kubectl get nodes} lists them). The node names are what a user who may
 * read only their own namespace still sees, on their own pods.
 */
final class CloudDnsForGke {
    /** What the user reads wherever kdi would otherwise ask a DNS pod. */
    static final String NOTE = "Cloud DNS for GKE answers this cluster's DNS: there are no DNS pods to ask "
            + "through a port-forward.";

    private CloudDnsForGke() {
    }

    /**
     * Which GKE the cluster's DNS is Cloud DNS of ({@code GKE Autopilot}, {@code GKE}), or empty when
     * the cluster does not show it.
     */
    static Optional<String> answers(ClusterSnapshot snapshot, Service service) {
        if (!service.namespace().equals("kube-system") || !service.name().equals("kube-dns")) {
            return Optional.empty();
        }
        for (EndpointSlice slice : snapshot.endpointSlices()) {
            if (slice.namespace().equals("kube-system") && slice.serviceName().equals("kube-dns")
                    && !slice.endpoints().isEmpty()) {
                return Optional.empty();
            }
        }
        Map<String, String> selector = service.selector();
        String gke = null;
        for (Pod p : snapshot.pods()) {
            if (p.namespace().equals("kube-system") && LabelSelector.serviceSelects(selector, p.labels())) {
                return Optional.empty();
            }
            String node = p.nodeName() == null ? "" : p.nodeName();
            if (node.startsWith("gk3-")) {
                gke = "GKE Autopilot";
            } else if (node.startsWith("gke-") && gke == null) {
                gke = "GKE";
            }
        }
        for (Workload w : snapshot.workloads()) {
            if (w.namespace().equals("kube-system") && w.kind().equals("Deployment") && w.replicas() > 0
                    && (w.name().equals("kube-dns") || w.name().equals("coredns") || w.name().startsWith("coredns-"))) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(gke);
    }
}
