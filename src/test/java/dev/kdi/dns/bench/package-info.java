/**
 * Benchmarks of the DNS client that print figures (queries per second, round-trip percentiles);
 * run by hand with {@code exec:java}, never by surefire. Test code; may use the test fixtures.
 */
package dev.kdi.dns.bench;
