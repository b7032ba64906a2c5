package dev.kdi.records.objects;

import java.util.List;

/**
 * One endpoint of an EndpointSlice.
 *
 * @param addresses the addresses, exactly as written in the slice (CoreDNS derives dashed names
 *     from this text)
 * @param ready {@code conditions.ready}; null when unset, which consumers treat as ready
 * @param hostname {@code hostname}, or null
 * @param targetPod the name of the pod in {@code targetRef} when it refers to a Pod, or null
 * @param nodeName {@code nodeName}, or null
 */
public record Endpoint(List<String> addresses, Boolean ready, String hostname, String targetPod, String nodeName) {

    public Endpoint {
        addresses = List.copyOf(addresses);
    }

    /** Ready as CoreDNS reads it: a missing condition counts as ready. */
    public boolean isReady() {
        return ready == null || ready;
    }
}
