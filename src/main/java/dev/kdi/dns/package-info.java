/**
 * DNS over TCP on any byte stream: {@link dev.kdi.dns.DnsConnection} sends length-prefixed,
 * pipelined queries and decodes the replies into the model's {@link dev.kdi.records.Answer}, and
 * {@link dev.kdi.records.compare.Comparison} holds a predicted answer against a live one.
 *
 * <p>May use dnsjava and {@code dev.kdi.records}; never fabric8 or JavaFX, so the port-forward,
 * the command line and the window all reach DNS through these types.
 */
package dev.kdi.dns;
