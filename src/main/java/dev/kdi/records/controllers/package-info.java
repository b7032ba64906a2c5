/**
 * What Kubernetes controllers and the API server would write, for inputs that lack it:
 * EndpointSlices derived from a Service's selector and its pods (the EndpointSlice controller) and
 * mirrored from legacy Endpoints (the mirroring controller); for manifests as written, the pods a
 * workload's controller would create and placeholders for the addresses not assigned yet.
 *
 * <p>Offline manifests rarely carry EndpointSlices, pods or addresses, yet CoreDNS answers only
 * from them. What the input holds always wins; a live snapshot is never completed. Pure, JDK only.
 */
package dev.kdi.records.controllers;
