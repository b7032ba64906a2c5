package dev.kdi.records.objects;

import java.util.List;

/**
 * The DNS-related settings of a pod or pod template.
 *
 * @param policy {@code dnsPolicy}
 * @param hostNetwork {@code hostNetwork}
 * @param setHostnameAsFQDN {@code setHostnameAsFQDN}
 * @param config {@code dnsConfig}, or null
 * @param hostAliases {@code hostAliases}, in order: lines of the pod's {@code /etc/hosts}
 */
public record PodDns(DnsPolicy policy, boolean hostNetwork, boolean setHostnameAsFQDN, PodDnsConfig config,
                     List<HostAlias> hostAliases) {

    /** The settings of a pod that sets none of them, shared to keep large clusters small. */
    public static final PodDns DEFAULTS = new PodDns(DnsPolicy.CLUSTER_FIRST, false, false, null);

    public PodDns {
        hostAliases = List.copyOf(hostAliases);
    }

    /** Settings without host aliases. */
    public PodDns(DnsPolicy policy, boolean hostNetwork, boolean setHostnameAsFQDN, PodDnsConfig config) {
        this(policy, hostNetwork, setHostnameAsFQDN, config, List.of());
    }
}
