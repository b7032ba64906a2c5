/**
 * The Prometheus text exposition format (version 0.0.4) read into plain values, and what CoreDNS's
 * own counters say about one replica. The official Prometheus Java modules only write the format,
 * so the small parser here is ours.
 *
 * <p>Pure: JDK only, no I/O. Fetching {@code /metrics} is {@code session}'s business over the
 * port-forward; the faces see these values only through {@code session}.
 */
package dev.kdi.metrics;
