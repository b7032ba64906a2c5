package dev.kdi.records.objects;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a pod's {@code spec.hostAliases}: the kubelet writes a line
 * {@code IP<tab>hostname} into the pod's {@code /etc/hosts} for each hostname.
 *
 * @param ip {@code ip}
 * @param hostnames {@code hostnames}
 */
public record HostAlias(String ip, List<String> hostnames) {

    public HostAlias {
        Objects.requireNonNull(ip, "ip");
        hostnames = List.copyOf(hostnames);
    }
}
