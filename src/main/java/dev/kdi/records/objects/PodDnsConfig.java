package dev.kdi.records.objects;

import java.util.List;

/**
 * A pod's {@code spec.dnsConfig}, merged by the kubelet into the resolv.conf it writes.
 *
 * @param nameservers {@code nameservers}
 * @param searches {@code searches}
 * @param options {@code options}
 */
public record PodDnsConfig(List<String> nameservers, List<String> searches, List<Option> options) {

    public PodDnsConfig {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
    }

    /** One resolver option; {@code value} is null for flags such as {@code single-request}. */
    public record Option(String name, String value) {
        @Override
        public String toString() {
            return value == null ? name : name + ":" + value;
        }
    }
}
