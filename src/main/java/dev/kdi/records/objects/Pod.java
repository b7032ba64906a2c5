package dev.kdi.records.objects;

import java.util.List;
import java.util.Map;

/**
 * A pod, trimmed to what DNS needs.
 *
 * @param namespace the namespace
 * @param name the name
 * @param labels the labels
 * @param ips {@code status.podIPs} (the primary address first), exactly as written
 * @param hostname {@code spec.hostname}, or null
 * @param subdomain {@code spec.subdomain}, or null
 * @param phase {@code status.phase}
 * @param ready whether condition {@code Ready} is {@code True}
 * @param terminating whether {@code metadata.deletionTimestamp} is set
 * @param nodeName {@code spec.nodeName}, or null
 * @param owner the controlling owner, or null
 * @param dns the DNS settings
 * @param containerPorts the named ports of its containers (and of restartable init containers)
 */
public record Pod(
        String namespace,
        String name,
        Map<String, String> labels,
        List<String> ips,
        String hostname,
        String subdomain,
        Phase phase,
        boolean ready,
        boolean terminating,
        String nodeName,
        Owner owner,
        PodDns dns,
        List<ContainerPort> containerPorts) {

    /** {@code status.phase}. */
    public enum Phase {
        PENDING, RUNNING, SUCCEEDED, FAILED, UNKNOWN;

        public static Phase parse(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            return switch (value) {
                case "Pending" -> PENDING;
                case "Running" -> RUNNING;
                case "Succeeded" -> SUCCEEDED;
                case "Failed" -> FAILED;
                default -> UNKNOWN;
            };
        }

        /** Succeeded and Failed pods never come back; controllers drop their endpoints. */
        public boolean isTerminal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    public Pod {
        // No defensive copies here: loaders share equal label maps and port lists between pods
        // of one template, which is what keeps 150,000 pods small.
        java.util.Objects.requireNonNull(labels, "labels");
        java.util.Objects.requireNonNull(ips, "ips");
        java.util.Objects.requireNonNull(dns, "dns");
        java.util.Objects.requireNonNull(containerPorts, "containerPorts");
    }

    public ObjectRef ref() {
        return ObjectRef.pod(namespace, name);
    }

    /** The primary IP, or null when the pod has none yet. */
    public String primaryIp() {
        return ips.isEmpty() ? null : ips.get(0);
    }
}
