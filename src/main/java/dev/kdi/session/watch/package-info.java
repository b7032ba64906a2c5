/**
 * Watching the cluster DNS over time: asks every replica about some names on an interval, records
 * each answer, rcode and round trip, and overlays what the API reported meanwhile (endpoint
 * changes of the names' Services, DNS pods coming and going). Keeps a bounded timeline (raw events
 * for a window, aggregates beyond it) and reads and writes recordings as NDJSON.
 *
 * <p>Built on {@link dev.kdi.session.Session} alone, so it works the same on a cluster, the demo
 * and a test's fake; uses {@code records} and Jackson, nothing below {@code session}.
 */
package dev.kdi.session.watch;
