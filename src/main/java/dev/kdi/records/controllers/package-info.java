/**
 * What Kubernetes controllers would write, for inputs that lack it: EndpointSlices derived from a
 * Service's selector and its pods (the EndpointSlice controller) and mirrored from legacy
 * Endpoints (the mirroring controller).
 *
 * <p>Offline manifests rarely carry EndpointSlices, yet CoreDNS answers only from them. Slices in
 * the input always win. Pure, JDK only.
 */
package dev.kdi.records.controllers;
