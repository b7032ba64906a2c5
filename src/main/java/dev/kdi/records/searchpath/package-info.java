/**
 * The pod's-eye view of DNS: the {@code /etc/resolv.conf} the kubelet writes for a pod, and the
 * ordered queries its resolver (glibc, or musl in Alpine images) sends for a name.
 *
 * <p>{@link dev.kdi.records.searchpath.KubeletDns} turns a pod's DNS settings into a
 * {@link dev.kdi.records.searchpath.ResolvConf}; {@link dev.kdi.records.searchpath.SearchPath} walks
 * the search list against an oracle of answers and says where it stops and why.
 * {@link dev.kdi.records.searchpath.HostsFile} is the {@code /etc/hosts} the kubelet writes, and
 * {@link dev.kdi.records.searchpath.NameLookup} puts it before or after the DNS walk as glibc's
 * nsswitch order or musl says: a stage of its own. Pure: JDK and
 * {@code dev.kdi.records} types only, no I/O.
 */
package dev.kdi.records.searchpath;
