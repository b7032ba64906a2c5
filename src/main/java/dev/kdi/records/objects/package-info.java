/**
 * The model's input: Kubernetes objects trimmed to the fields cluster DNS depends on.
 *
 * <p>Plain immutable records with no behaviour beyond small conveniences, so that a cluster of
 * 150,000 pods stays small in memory and so that offline manifests and the live API feed the
 * model the same way. JDK only.
 */
package dev.kdi.records.objects;
