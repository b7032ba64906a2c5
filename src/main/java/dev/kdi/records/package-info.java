/**
 * The DNS rule engine: a faithful model of CoreDNS's server blocks, plugin chain and its
 * {@code kubernetes}, {@code hosts}, {@code rewrite} and {@code template} plugins.
 *
 * <p>{@link dev.kdi.records.DnsModel} takes an immutable {@link dev.kdi.records.objects.ClusterSnapshot}
 * and a {@link dev.kdi.records.corefile.Corefile} and answers any query exactly as CoreDNS would
 * (status, answer and additional sections, TTLs), lists the zone as CoreDNS's zone transfer would,
 * and explains every answer in terms of the objects behind it. For a cluster running kube-dns
 * (GKE Standard) it answers with kube-dns's own rules ({@code KubeDnsRules}) over the routing its
 * ConfigMap gives, and says {@link dev.kdi.records.Status#NOT_MODELLED} where kdi does not know. Pure: no I/O, JDK only (and RE2J, for the RE2 regexes of {@code rewrite} and
 * {@code template}), so the
 * command line, the desktop app and the tests share it.
 */
package dev.kdi.records;
