package dev.kdi.ui.fake;

import java.time.Duration;
import java.util.Optional;

/**
 * How a fake DNS replica behaves.
 *
 * @param pod the pod's name (its id is {@code kube-system/<pod>})
 * @param address its address
 * @param missing a namespace whose names it answers NXDOMAIN for (a replica with a stale cache), or empty
 * @param failure why its forward failed, or empty when it answers
 * @param roundTrip how long its answers take to come back
 */
public record ReplicaScript(String pod, String address, Optional<String> missing, Optional<String> failure,
                            Duration roundTrip) {

    public static ReplicaScript healthy(String pod, String address) {
        return new ReplicaScript(pod, address, Optional.empty(), Optional.empty(), Duration.ofNanos(210_000));
    }

    public ReplicaScript missingNamespace(String namespace) {
        return new ReplicaScript(pod, address, Optional.of(namespace), failure, roundTrip);
    }

    public ReplicaScript failing(String reason) {
        return new ReplicaScript(pod, address, missing, Optional.of(reason), roundTrip);
    }

    public String id() {
        return "kube-system/" + pod;
    }
}
