package dev.kdi.records.objects;

import java.util.Optional;

/** A pod's {@code spec.dnsPolicy}; Kubernetes defaults it to ClusterFirst. */
public enum DnsPolicy {
    CLUSTER_FIRST("ClusterFirst"),
    CLUSTER_FIRST_WITH_HOST_NET("ClusterFirstWithHostNet"),
    DEFAULT("Default"),
    NONE("None");

    private final String spelling;

    DnsPolicy(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static Optional<DnsPolicy> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(CLUSTER_FIRST);
        }
        for (DnsPolicy p : values()) {
            if (p.spelling.equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
