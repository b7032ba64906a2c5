/**
 * Reads Kubernetes manifests (YAML and JSON files, directories, standard input) and Corefiles
 * into a {@link dev.kdi.records.objects.ClusterSnapshot} for offline prediction, and converts
 * fabric8 model objects into the model's trimmed records for the live path as well.
 *
 * <p>Input the API server would refuse is refused here too, with a one-line message naming the
 * file, document, object, field and line. Depends on fabric8's model and serialization, Jackson,
 * SnakeYAML and {@code dev.kdi.records}; never on {@code cluster}, {@code session} or the faces.
 */
package dev.kdi.manifests;
