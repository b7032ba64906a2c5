/**
 * DNS over TCP on any byte stream: {@link dev.kdi.dns.DnsConnection} sends length-prefixed,
 * pipelined queries and decodes the replies into the model's {@link dev.kdi.records.Answer}. Holding
 * a live answer against the prediction is pure and lives in {@code records.compare}.
 *
 * <p>May use dnsjava and {@code dev.kdi.records}; never fabric8, JavaFX, {@code session} or the
 * faces, which reach DNS only through {@code session}.
 */
package dev.kdi.dns;
