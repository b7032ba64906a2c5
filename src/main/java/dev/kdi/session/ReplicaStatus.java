package dev.kdi.session;

/**
 * One DNS replica and its forward.
 *
 * @param id {@code namespace/pod}
 * @param namespace the pod's namespace
 * @param pod the pod's name
 * @param address the pod's address
 * @param port the DNS TCP port on the pod
 * @param state the forward's state
 */
public record ReplicaStatus(String id, String namespace, String pod, String address, int port, ReplicaState state) {
}
