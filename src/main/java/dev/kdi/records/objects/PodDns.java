package dev.kdi.records.objects;

/**
 * The DNS-related settings of a pod or pod template.
 *
 * @param policy {@code dnsPolicy}
 * @param hostNetwork {@code hostNetwork}
 * @param setHostnameAsFQDN {@code setHostnameAsFQDN}
 * @param config {@code dnsConfig}, or null
 */
public record PodDns(DnsPolicy policy, boolean hostNetwork, boolean setHostnameAsFQDN, PodDnsConfig config) {

    /** The settings of a pod that sets none of them, shared to keep large clusters small. */
    public static final PodDns DEFAULTS = new PodDns(DnsPolicy.CLUSTER_FIRST, false, false, null);
}
