package dev.kdi.records.corefile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What kube-dns (GKE Standard's cluster DNS: dnsmasq in front of kubedns) loads from its ConfigMap
 * {@code kube-system/kube-dns}: there is no Corefile. dnsmasq hands names under a stub domain to
 * that domain's servers, names outside the cluster zone to the upstream nameservers (or, with
 * none, to the node's resolv.conf), and the cluster zone and the reverse zones to kubedns.
 *
 * @param stubDomains domain → its nameservers ({@code IP} or {@code IP:port}), in the ConfigMap's order
 * @param upstreamNameservers the upstreams for names outside the cluster; empty for the node's resolv.conf
 * @param federations whether the ConfigMap names federations (kube-dns then answers some
 *     {@code svc.ns.federation.svc} names with CNAMEs kdi does not model)
 * @param origin where it was read ({@code ConfigMap kube-system/kube-dns}), or what stood in for it
 */
public record KubeDnsConfig(Map<String, List<String>> stubDomains, List<String> upstreamNameservers,
                            boolean federations, String origin) {

    public KubeDnsConfig {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        stubDomains.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        stubDomains = java.util.Collections.unmodifiableMap(copy);
        upstreamNameservers = List.copyOf(upstreamNameservers);
    }

    /** kube-dns with no ConfigMap: no stub domains, the node's resolv.conf upstream. */
    public static KubeDnsConfig defaults(String origin) {
        return new KubeDnsConfig(Map.of(), List.of(), false, origin);
    }

    /**
     * The CoreDNS Corefile that routes names as this kube-dns does (the same translation kubeadm's
     * kube-dns to CoreDNS migration makes): the cluster zone and the reverse zones answered from
     * the cluster's objects with kube-dns's TTL of 30 s and any well-formed pod name, each stub
     * domain forwarded to its servers, everything else to the upstreams. Which answers kube-dns
     * gives differently is the model's kube-dns rules' business, not this routing's.
     *
     * @param clusterDomain kubedns's {@code --domain}
     */
    public String corefileText(String clusterDomain) {
        String zone = clusterDomain.endsWith(".") ? clusterDomain.substring(0, clusterDomain.length() - 1) : clusterDomain;
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> stub : stubDomains.entrySet()) {
            sb.append(stub.getKey()).append(":53 {\n    errors\n    cache 30\n    forward .");
            stub.getValue().forEach(ns -> sb.append(' ').append(ns));
            sb.append("\n}\n");
        }
        sb.append(".:53 {\n    errors\n    kubernetes ").append(zone).append(" in-addr.arpa ip6.arpa {\n")
                .append("        pods insecure\n        ttl 30\n    }\n    forward . ");
        sb.append(upstreamNameservers.isEmpty() ? "/etc/resolv.conf" : String.join(" ", upstreamNameservers));
        sb.append("\n    cache 30\n}\n");
        return sb.toString();
    }
}
