/**
 * Everything that talks to the Kubernetes API through fabric8: kubeconfig contexts and their exec
 * credential plugins, loading and watching objects into snapshots (reporting what RBAC hid and
 * what is stale), and opening a port-forward to a pod as an in-process byte stream.
 *
 * <p>May depend on fabric8 kubernetes-client and on {@code dev.kdi.records}; never on JavaFX or the
 * user interfaces. Failures a person can act on leave this package as values
 * ({@link dev.kdi.cluster.ForwardState.Failed}), not exceptions.
 */
package dev.kdi.cluster;
