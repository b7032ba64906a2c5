/**
 * DNS names and IP addresses, parsed and printed the way CoreDNS (a Go program) does.
 *
 * <p>The details matter to the answers: Go rejects IPv4 octets with leading zeros, prints IPv6
 * in RFC 5952 form, and treats IPv4-mapped IPv6 addresses as IPv4. JDK only.
 */
package dev.kdi.records.names;
