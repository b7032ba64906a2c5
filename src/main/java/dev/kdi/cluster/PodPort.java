package dev.kdi.cluster;

import java.util.Objects;

/**
 * One port of one pod: the far end of a port-forward.
 *
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param port the container port, 1 to 65535
 */
public record PodPort(String namespace, String pod, int port) {

    public PodPort {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        if (namespace.isBlank() || pod.isBlank()) {
            throw new IllegalArgumentException("a port-forward needs a namespace and a pod name, got '"
                    + namespace + "/" + pod + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of pod " + namespace + "/" + pod
                    + " is outside 1..65535");
        }
    }

    /** The pod as people write it: {@code kube-system/coredns-x}. */
    public String podName() {
        return namespace + "/" + pod;
    }

    @Override
    public String toString() {
        return podName() + ":" + port;
    }
}
