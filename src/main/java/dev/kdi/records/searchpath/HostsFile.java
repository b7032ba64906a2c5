package dev.kdi.records.searchpath;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.HostAlias;
import dev.kdi.records.objects.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code /etc/hosts} the kubelet writes into a pod, as {@code managedHostsFileContent} and
 * {@code hostsEntriesFromHostAliases} in kubernetes/kubernetes {@code pkg/kubelet/kubelet_pods.go}
 * write it: the localhost lines, one line per pod IP with the pod's hostname (and its
 * {@code hostname.subdomain.namespace.svc.<domain>} name when it has a subdomain), then one line
 * per {@code hostAliases} hostname. A {@code hostNetwork} pod gets the node's own file plus its
 * {@code hostAliases} instead, and the node's file is not known here.
 *
 * @param entries the lines, in order
 * @param nodeFile whether the node's own file comes first (a host-network pod): then names not
 *     found here may still be in it
 */
public record HostsFile(List<Entry> entries, boolean nodeFile) {

    /** Where a line comes from. */
    public enum Origin {
        LOCALHOST("the kubelet's localhost lines"),
        POD("the pod's own address"),
        HOST_ALIASES("the pod's hostAliases");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One line of the file.
     *
     * @param address the address, as written
     * @param names the canonical name, then the aliases
     * @param origin who wrote it
     */
    public record Entry(String address, List<String> names, Origin origin) {
        public Entry {
            Objects.requireNonNull(address, "address");
            names = List.copyOf(names);
            Objects.requireNonNull(origin, "origin");
        }

        public boolean isIpv6() {
            return address.contains(":");
        }

        /** The line as the kubelet writes it. */
        public String line() {
            return address + "\t" + String.join("\t", names);
        }
    }

    public HostsFile {
        entries = List.copyOf(entries);
    }

    /** The longest hostname the kubelet gives a pod named after itself (a DNS label). */
    static final int MAX_HOSTNAME = 63;

    /**
     * The file the kubelet writes for the pod.
     *
     * @param clusterDomain the kubelet's cluster domain, without a trailing dot
     */
    public static HostsFile of(Pod pod, String clusterDomain) {
        List<Entry> entries = new ArrayList<>();
        for (HostAlias a : pod.dns().hostAliases()) {
            for (String h : a.hostnames()) {
                entries.add(new Entry(a.ip(), List.of(h), Origin.HOST_ALIASES));
            }
        }
        if (pod.dns().hostNetwork()) {
            return new HostsFile(entries, true);
        }
        List<Entry> managed = new ArrayList<>();
        managed.add(new Entry("127.0.0.1", List.of("localhost"), Origin.LOCALHOST));
        managed.add(new Entry("::1", List.of("localhost", "ip6-localhost", "ip6-loopback"), Origin.LOCALHOST));
        managed.add(new Entry("fe00::0", List.of("ip6-localnet"), Origin.LOCALHOST));
        managed.add(new Entry("fe00::0", List.of("ip6-mcastprefix"), Origin.LOCALHOST));
        managed.add(new Entry("fe00::1", List.of("ip6-allnodes"), Origin.LOCALHOST));
        managed.add(new Entry("fe00::2", List.of("ip6-allrouters"), Origin.LOCALHOST));
        String hostname = hostname(pod);
        String domain = pod.subdomain() == null || pod.subdomain().isEmpty() ? ""
                : pod.subdomain() + "." + pod.namespace() + ".svc" + (clusterDomain.isEmpty() ? "" : "." + clusterDomain);
        for (String ip : pod.ips()) {
            managed.add(new Entry(ip, domain.isEmpty() ? List.of(hostname) : List.of(hostname + "." + domain, hostname),
                    Origin.POD));
        }
        managed.addAll(entries);
        return new HostsFile(managed, false);
    }

    /**
     * The kubelet's {@code GeneratePodHostNameAndDomain}: {@code spec.hostname}, else the pod's
     * name cut to 63 characters and stripped of a trailing {@code -} or {@code .}.
     */
    static String hostname(Pod pod) {
        if (pod.hostname() != null && !pod.hostname().isEmpty()) {
            return pod.hostname();
        }
        String name = pod.name();
        if (name.length() <= MAX_HOSTNAME) {
            return name;
        }
        String cut = name.substring(0, MAX_HOSTNAME);
        while (!cut.isEmpty() && (cut.endsWith("-") || cut.endsWith("."))) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    /**
     * The lines that answer an address lookup of {@code name} as typed, for the families asked.
     * glibc's files module compares names without regard to case; musl's {@code name_from_hosts}
     * compares them exactly. Neither applies the search list, and a trailing dot is part of the name.
     */
    public List<Entry> match(String name, Lookup.Addresses lookup, Resolver resolver) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!IpAddress.isAddress(e.address())) {
                continue;
            }
            boolean family = e.isIpv6() ? lookup.ipv6() : lookup.ipv4();
            if (!family) {
                continue;
            }
            for (String n : e.names()) {
                boolean same = resolver == Resolver.MUSL ? n.equals(name)
                        : n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
                if (same) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /** The file's text as the kubelet writes it; a host-network pod's starts with the node's file. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (nodeFile) {
            out.add("# (the node's /etc/hosts, not known here)");
        } else {
            out.add("# Kubernetes-managed hosts file.");
        }
        boolean aliases = false;
        for (Entry e : entries) {
            if (e.origin() == Origin.HOST_ALIASES && !aliases) {
                out.add("");
                out.add("# Entries added by HostAliases.");
                aliases = true;
            }
            out.add(e.line());
        }
        return out;
    }
}
