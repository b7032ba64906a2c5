/**
 * One connection to one cluster as both faces see it: the current inspection (snapshot, model,
 * findings, the cluster DNS found), the DNS replicas with their port-forward states, and asking
 * them questions or checking every name.
 *
 * <p>Sits above {@code cluster}, {@code dns}, {@code manifests}, {@code demo} and {@code records};
 * the command line and the window use only this package and {@code records}, so neither touches
 * fabric8 or dnsjava.
 */
package dev.kdi.session;
