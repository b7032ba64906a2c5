package dev.kdi.records.corefile;

import java.util.List;
import java.util.Set;

/**
 * The options of CoreDNS's {@code kubernetes} plugin that change answers, with CoreDNS's defaults
 * for those a Corefile omits.
 *
 * @param zones the zones it is authoritative for, absolute and lower case (CIDRs expanded into
 *     reverse zones)
 * @param ttl {@code ttl}, default 5
 * @param pods {@code pods}, default disabled
 * @param endpointPodNames {@code endpoint_pod_names}
 * @param namespaces {@code namespaces}; empty exposes every namespace
 * @param noEndpoints {@code noendpoints}
 * @param ignoreEmptyService {@code ignore empty_service}
 * @param fallthrough the zones of {@code fallthrough} ({@code .} when it has no arguments), or
 *     null when the option is absent
 * @param line the 1-based line of the plugin in its Corefile
 */
public record KubernetesPlugin(
        List<String> zones,
        long ttl,
        PodMode pods,
        boolean endpointPodNames,
        Set<String> namespaces,
        boolean noEndpoints,
        boolean ignoreEmptyService,
        List<String> fallthrough,
        int line) {

    public static final long DEFAULT_TTL = 5;

    public KubernetesPlugin {
        zones = List.copyOf(zones);
        namespaces = Set.copyOf(namespaces);
        fallthrough = fallthrough == null ? null : List.copyOf(fallthrough);
    }

    /** The first zone that is not a reverse zone: the cluster domain. */
    public String primaryZone() {
        for (String z : zones) {
            if (!isReverse(z)) {
                return z;
            }
        }
        throw new IllegalStateException("no forward zone");
    }

    /** Whether CoreDNS serves the namespace at all ({@code namespaces} option). */
    public boolean exposes(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }

    /** This plugin with its cluster domain (its first forward zone) replaced. */
    public KubernetesPlugin withClusterDomain(String domain) {
        String primary = primaryZone();
        List<String> replaced = zones.stream().map(z -> z.equals(primary) ? domain : z).toList();
        return new KubernetesPlugin(replaced, ttl, pods, endpointPodNames, namespaces, noEndpoints,
                ignoreEmptyService, fallthrough, line);
    }

    static boolean isReverse(String zone) {
        return zone.endsWith("in-addr.arpa.") || zone.endsWith("ip6.arpa.");
    }
}
