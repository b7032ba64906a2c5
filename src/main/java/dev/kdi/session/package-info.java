/**
 * One connection to one cluster as both faces see it: the current inspection (snapshot, model,
 * findings, the cluster DNS found), the DNS replicas with their port-forward states, and asking
 * them questions or checking every name.
 *
 * <p>Also what the faces need of what lies below, as its own small records ({@link
 * dev.kdi.session.Kubeconfig}, {@link dev.kdi.session.LoadSummary}, {@link dev.kdi.session.ClusterDns}),
 * and choosing what to open ({@link dev.kdi.session.SessionRequest}, {@link
 * dev.kdi.session.SessionOpener}) once for both faces.
 *
 * <p>Sits above {@code cluster}, {@code dns}, {@code manifests}, {@code demo} and {@code records},
 * and touches no fabric8 type itself ({@code cluster} sets up clients). The command line and the
 * window use only this package and {@code records}, so neither touches fabric8 or dnsjava.
 */
package dev.kdi.session;
