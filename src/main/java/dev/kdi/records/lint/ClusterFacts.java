package dev.kdi.records.lint;

import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.Service;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every check needs to know about the cluster as a whole: the cluster domain, the
 * kubernetes plugin's options, and the address of the cluster DNS.
 */
final class ClusterFacts {
    /** Where the Corefile lives in a kubeadm-style cluster; findings point there when its text names no ConfigMap. */
    static final ObjectRef COREFILE = new ObjectRef(Kinds.CONFIG_MAP, "kube-system", "coredns");
    private static final Pattern CONFIG_MAP_SOURCE = Pattern.compile("^ConfigMap ([^/\\s]+)/([^\\s]+)");

    private final DnsModel model;
    private final KubernetesPlugin plugin;
    private final String zone;
    private final List<String> clusterDnsIps;

    ClusterFacts(DnsModel model) {
        this.model = model;
        this.plugin = model.plugin().orElse(null);
        // Without a kubernetes plugin there is no zone; messages still need one to name things.
        this.zone = Words.relative(model.clusterDomain().orElse("cluster.local."));
        this.clusterDnsIps = findClusterDnsIps(model);
    }

    /** The cluster domain without its trailing dot, e.g. {@code cluster.local}. */
    String zone() {
        return zone;
    }

    /** Whether the Corefile has a kubernetes plugin (otherwise no cluster name resolves). */
    boolean servesCluster() {
        return plugin != null;
    }

    /** Whether CoreDNS knows endpoints at all (no plugin, or {@code noendpoints}, means not). */
    boolean knowsEndpoints() {
        return plugin != null && !plugin.noEndpoints();
    }

    boolean endpointPodNames() {
        return plugin != null && plugin.endpointPodNames();
    }

    /**
     * Whether the objects are manifests rather than a live cluster: findings then never send the
     * reader to {@code kubectl}, and pods that will be created count as what they will be.
     */
    boolean offline() {
        return !model.snapshot().slicesAuthoritative();
    }

    /** The pods generated from templates and the placeholder addresses (offline input). */
    Provisional provisional() {
        return model.snapshot().provisional();
    }

    /**
     * "its cluster IP 10.96.0.10", or words for an address the API server has yet to assign:
     * offline, a placeholder stands in for it, and printing the placeholder would read as a real
     * address.
     */
    String clusterIpWords(Service svc) {
        List<String> ips = svc.clusterIPs();
        if (ips.isEmpty() || ips.stream().anyMatch(provisional()::isPlaceholder)) {
            return "the cluster IP the API server assigns it";
        }
        return "its cluster IP " + String.join(", ", ips);
    }

    KubernetesPlugin plugin() {
        return plugin;
    }

    String corefileOrigin() {
        return model.corefile().origin();
    }

    /** The ConfigMap the Corefile in force came from (OpenShift's, RKE2's, kubeadm's...). */
    ObjectRef corefileObject() {
        return corefileObject(corefileOrigin());
    }

    /**
     * The ConfigMap a Corefile text was read from, given its source ({@code ConfigMap
     * kube-system/coredns-custom key lab.server}), so a finding points where the line is written and
     * not always at kubeadm's ConfigMap.
     */
    static ObjectRef corefileObject(String source) {
        Matcher m = CONFIG_MAP_SOURCE.matcher(source == null ? "" : source);
        return m.find() ? new ObjectRef(Kinds.CONFIG_MAP, m.group(1), m.group(2)) : COREFILE;
    }

    /** {@code svc.ns.svc.zone}. */
    String serviceName(String service, String namespace) {
        return service + "." + namespace + ".svc." + zone;
    }

    /** {@code host.svc.ns.svc.zone}: the name an endpoint has under its Service. */
    String endpointName(String address, Endpoint endpoint, String service, String namespace) {
        return model.endpointName(address, endpoint) + "." + serviceName(service, namespace);
    }

    /** The cluster DNS Service's addresses (the kubelet's {@code clusterDNS}), when known. */
    List<String> clusterDnsIps() {
        return clusterDnsIps;
    }

    /**
     * A DNS pod whose own {@code /etc/resolv.conf} names the cluster DNS Service (dnsPolicy
     * ClusterFirst without hostNetwork, or ClusterFirstWithHostNet), or null when none is known to.
     * The node's resolver is not among the facts kdi reads, so a loopback stub there is never known.
     */
    Pod dnsPodResolvingThroughCluster() {
        for (Pod p : model.snapshot().pods()) {
            if (!p.namespace().equals("kube-system") || !"kube-dns".equals(p.labels().get("k8s-app")) || p.dns() == null) {
                continue;
            }
            DnsPolicy policy = p.dns().policy();
            if ((policy == DnsPolicy.CLUSTER_FIRST && !p.dns().hostNetwork()) || policy == DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET) {
                return p;
            }
        }
        return null;
    }

    private static List<String> findClusterDnsIps(DnsModel model) {
        for (Service s : model.snapshot().services()) {
            boolean kubeDns = s.namespace().equals("kube-system") && s.name().equals("kube-dns");
            boolean openShift = s.namespace().equals("openshift-dns") && s.name().equals("dns-default");
            if ((kubeDns || openShift) && !s.isHeadless() && !s.clusterIPs().isEmpty()) {
                return s.clusterIPs().subList(0, 1);
            }
        }
        return List.of();
    }
}
