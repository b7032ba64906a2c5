/**
 * DNS names and IP addresses, parsed and printed the way CoreDNS (a Go program) does, and the
 * API server's rules for the Kubernetes names DNS is built from ({@link dev.kdi.records.names.NameRule},
 * exactly apimachinery's validation).
 *
 * <p>The details matter to the answers: Go rejects IPv4 octets with leading zeros, prints IPv6
 * in RFC 5952 form, and treats IPv4-mapped IPv6 addresses as IPv4; a pod name may hold a label
 * longer than DNS allows. JDK only.
 */
package dev.kdi.records.names;
