/**
 * Lint for cluster DNS: findings that tell an operator why a name they expect does not exist (or
 * does not answer as they think) before they go hunting, each with the exact names involved and
 * one fix.
 *
 * <p>Reads a built {@link dev.kdi.records.DnsModel} (its snapshot, Corefile options and
 * EndpointSlices) and works namespace by namespace so that large clusters stay fast. Pure: JDK
 * and {@code dev.kdi.records} only.
 */
package dev.kdi.records.lint;
