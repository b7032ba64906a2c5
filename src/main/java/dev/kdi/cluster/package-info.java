/**
 * Everything that talks to the Kubernetes API through fabric8: kubeconfig contexts and their exec
 * credential plugins, the client set up for one context ({@link dev.kdi.cluster.ClusterConnection}),
 * loading and watching objects into snapshots (reporting what RBAC hid and what is stale), and
 * opening a port-forward to a pod as an in-process byte stream, and HTTP GETs to a pod's port over
 * such a forward ({@link dev.kdi.cluster.PodHttp}).
 *
 * <p>May depend on fabric8 kubernetes-client (with its Jackson), {@code dev.kdi.records} and
 * {@code dev.kdi.manifests} (whose converters turn fabric8 objects into the model's records),
 * {@code dev.kdi.http};
 * never on {@code session}, JavaFX or the faces. Failures a person can act on leave this package as values
 * ({@link dev.kdi.cluster.ForwardState.Failed}), not exceptions.
 */
package dev.kdi.cluster;
