package dev.kdi.records.objects;

import java.util.List;
import java.util.Map;

/**
 * The DNS-relevant part of a workload's pod template.
 *
 * @param labels {@code metadata.labels}
 * @param hostname {@code spec.hostname}, or null
 * @param subdomain {@code spec.subdomain}, or null
 * @param dns the DNS settings
 * @param containerPorts the named container ports
 */
public record PodTemplate(
        Map<String, String> labels, String hostname, String subdomain, PodDns dns, List<ContainerPort> containerPorts) {

    public PodTemplate {
        labels = Map.copyOf(labels);
        containerPorts = List.copyOf(containerPorts);
    }
}
