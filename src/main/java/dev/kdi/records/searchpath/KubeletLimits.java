package dev.kdi.records.searchpath;

/**
 * The limits the kubelet applies to the resolv.conf it composes for a pod (its
 * {@code formDNSConfigFitsLimits}). Beyond them it drops entries and records a
 * {@code DNSConfigForming} warning event on the pod.
 *
 * @param maxNameservers nameservers kept (the first ones)
 * @param maxSearches search domains kept (the first ones)
 * @param maxSearchLineChars characters of the search list joined by spaces; domains are dropped
 *     from the end until the list fits
 * @param maxSearchDomainChars a longer search domain is left out wherever it stands
 */
public record KubeletLimits(int maxNameservers, int maxSearches, int maxSearchLineChars, int maxSearchDomainChars) {

    /** Current Kubernetes (ExpandedDNSConfig, on by default since 1.26 and GA in 1.28). */
    public static final KubeletLimits EXPANDED = new KubeletLimits(3, 32, 2048, 253);

    /** Kubernetes before ExpandedDNSConfig. */
    public static final KubeletLimits LEGACY = new KubeletLimits(3, 6, 256, 253);

    public KubeletLimits {
        if (maxNameservers < 1 || maxSearches < 0 || maxSearchLineChars < 0 || maxSearchDomainChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
