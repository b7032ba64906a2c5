package dev.kdi.records.lint;

import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a pod's own DNS settings decide what it can resolve: {@code dnsPolicy} against
 * {@code hostNetwork}, {@code dnsConfig} against the API server's validation and the kubelet's
 * limits ({@code pkg/apis/core/validation}, {@code pkg/kubelet/network/dns}), and
 * {@code setHostnameAsFQDN} against the 64 characters of the kernel's hostname.
 *
 * <p>Checks workload templates, and the pods no template in the snapshot accounts for; a
 * workload is reported once, not once per pod.
 */
final class PodDnsChecks implements NamespaceCheck {
    /** The API server's and the kubelet's limits ({@code MaxDNSNameservers} and friends). */
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;
    static final int MAX_SEARCH_CHARS = 2048;
    /** The kernel's nodename field holds 64 characters; the kubelet refuses longer FQDNs. */
    static final int MAX_HOSTNAME_FQDN = 64;

    /** Who a finding is about: a workload's template, or pods that share one subject. */
    private record Subject(ObjectRef ref, String who, boolean plural, List<Pod> pods, PodDns dns,
                           String fqdnHost, String subdomain, boolean fqdnOnly) {
        String verb(String singular, String pluralForm) {
            return plural ? pluralForm : singular;
        }

        List<ObjectRef> objects() {
            List<ObjectRef> out = new ArrayList<>(pods.size() + 1);
            out.add(ref);
            for (Pod p : pods) {
                if (!p.ref().equals(ref)) {
                    out.add(p.ref());
                }
            }
            return out;
        }
    }

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        for (Subject s : subjects(ns)) {
            if (!s.fqdnOnly()) {
                policy(ns, facts, s, out);
                limits(ns, facts, s, out);
            }
            hostnameFqdn(ns, facts, s, out);
        }
    }

    private static List<Subject> subjects(NamespaceView ns) {
        List<Subject> out = new ArrayList<>();
        for (Workload w : ns.workloads) {
            if (ns.parentOf(w) != null) {
                continue;
            }
            String host;
            String sub;
            if (w.isStatefulSet()) {
                // The controller names pod N <set>-N with subdomain serviceName; the last is longest.
                host = w.replicas() > 0 ? w.name() + "-" + (w.replicas() - 1) : null;
                sub = w.serviceName();
            } else {
                host = w.template().hostname();
                sub = w.template().subdomain();
            }
            out.add(new Subject(w.ref(), "The pods of " + w.kind() + " " + ns.name + "/" + w.name(), true, List.of(),
                    w.template().dns(), empty(host) || empty(sub) ? null : host, sub, false));
        }
        // Pods their template accounts for are skipped, except that generated pod names (no
        // hostname in a non-StatefulSet template) make each pod's FQDN its own.
        Map<ObjectRef, Map<PodDns, List<Pod>>> groups = new LinkedHashMap<>();
        Map<ObjectRef, Map<PodDns, List<Pod>>> fqdnGroups = new LinkedHashMap<>();
        for (Pod p : ns.pods) {
            Workload w = ns.templateOwner(p);
            Map<ObjectRef, Map<PodDns, List<Pod>>> into = groups;
            if (w != null && w.template().dns().equals(p.dns())) {
                if (w.isStatefulSet() || !empty(w.template().hostname()) || !p.dns().setHostnameAsFQDN()) {
                    continue;
                }
                into = fqdnGroups;
            }
            into.computeIfAbsent(ns.subject(p), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.dns(), k -> new ArrayList<>()).add(p);
        }
        addPodSubjects(ns, groups, false, out);
        addPodSubjects(ns, fqdnGroups, true, out);
        return out;
    }

    private static void addPodSubjects(NamespaceView ns, Map<ObjectRef, Map<PodDns, List<Pod>>> groups,
                                       boolean fqdnOnly, List<Subject> out) {
        for (Map.Entry<ObjectRef, Map<PodDns, List<Pod>>> g : groups.entrySet()) {
            for (Map.Entry<PodDns, List<Pod>> e : g.getValue().entrySet()) {
                List<Pod> pods = e.getValue();
                pods.sort(Comparator.comparing(Pod::name, Words.NATURAL));
                // The longest FQDN among them decides whether the kubelet can start them all.
                String host = null;
                String sub = null;
                for (Pod p : pods) {
                    if (empty(p.subdomain())) {
                        continue;
                    }
                    String h = empty(p.hostname()) ? SubdomainChecks.kubeletHostname(p.name()) : p.hostname();
                    if (host == null || (h + p.subdomain()).length() > (host + sub).length()) {
                        host = h;
                        sub = p.subdomain();
                    }
                }
                boolean plural = pods.size() > 1 || !g.getKey().kind().equals(Kinds.POD);
                out.add(new Subject(g.getKey(), SubdomainChecks.who(ns, g.getKey(), pods), plural, pods, e.getKey(),
                        host, sub, fqdnOnly));
            }
        }
    }

    private static void policy(NamespaceView ns, ClusterFacts facts, Subject s, List<Finding> out) {
        PodDns dns = s.dns();
        if (dns.hostNetwork() && dns.policy() == DnsPolicy.CLUSTER_FIRST) {
            out.add(Finding.of(Rule.DNS_POLICY_HOST_NETWORK, s.objects(),
                    s.who() + s.verb(" uses", " use") + " the host network with dnsPolicy ClusterFirst, so the kubelet "
                            + "gives " + s.verb("it", "them") + " the node's resolv.conf: cluster names such as kubernetes"
                            + ".default.svc." + facts.zone() + " do not resolve there.",
                    "Set dnsPolicy: ClusterFirstWithHostNet."));
        }
        if (dns.policy() == DnsPolicy.NONE && (dns.config() == null || dns.config().nameservers().isEmpty())) {
            out.add(Finding.of(Rule.DNS_POLICY_NONE_WITHOUT_CONFIG, s.objects(),
                    s.who() + s.verb(" has", " have") + " dnsPolicy None but no dnsConfig nameservers: the API server "
                            + "rejects " + s.verb("it", "them") + " (dnsPolicy None needs at least one nameserver), and "
                            + "a pod without one would have no resolver at all.",
                    "Add dnsConfig.nameservers" + (facts.clusterDnsIps().isEmpty() ? ""
                            : " (the cluster DNS is " + facts.clusterDnsIps().get(0) + ")")
                            + ", or use dnsPolicy ClusterFirst."));
        }
    }

    private static void limits(NamespaceView ns, ClusterFacts facts, Subject s, List<Finding> out) {
        PodDnsConfig config = s.dns().config();
        if (config == null) {
            return;
        }
        List<String> rejected = new ArrayList<>();
        if (config.nameservers().size() > MAX_NAMESERVERS) {
            rejected.add(config.nameservers().size() + " nameservers (at most " + MAX_NAMESERVERS + ")");
        }
        if (config.searches().size() > MAX_SEARCHES) {
            rejected.add(config.searches().size() + " search domains (at most " + MAX_SEARCHES + ")");
        }
        int chars = String.join(" ", config.searches()).length();
        if (chars > MAX_SEARCH_CHARS) {
            rejected.add("a search list of " + chars + " characters (at most " + MAX_SEARCH_CHARS + ")");
        }
        if (!rejected.isEmpty()) {
            out.add(Finding.of(Rule.DNS_CONFIG_LIMITS, s.objects(),
                    s.who() + s.verb(" has", " have") + " a dnsConfig with " + Words.list(rejected)
                            + ": the API server rejects " + s.verb("it", "them") + ", so "
                            + s.verb("it never runs", "they never run") + ".",
                    "Trim dnsConfig to at most 3 nameservers, 32 search domains and 2,048 characters of search list."));
            return;
        }
        boolean clusterFirst = s.dns().policy() == DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET
                || (s.dns().policy() == DnsPolicy.CLUSTER_FIRST && !s.dns().hostNetwork());
        if (!clusterFirst) {
            // Default and host-network pods start from the node's resolv.conf, which the model cannot see.
            return;
        }
        List<String> cut = kubeletCuts(ns, facts, config);
        if (!cut.isEmpty()) {
            out.add(Finding.of(Rule.DNS_CONFIG_LIMITS, s.objects(),
                    "Merged with the cluster's own settings, the resolv.conf of " + lowerFirst(s.who())
                            + " exceeds the kubelet's limits, so it drops " + Words.list(cut)
                            + ", with a DNSConfigForming warning event.",
                    "Trim dnsConfig: the cluster DNS takes the first nameserver slot and the cluster's three search "
                            + "domains come first, leaving " + (MAX_NAMESERVERS - 1) + " nameservers and "
                            + (MAX_SEARCHES - 3) + " search domains."));
        }
    }

    /**
     * What the kubelet drops when it merges the cluster's nameserver and search path with
     * dnsConfig (the node's own search domains, unknown here, would only add to it).
     */
    private static List<String> kubeletCuts(NamespaceView ns, ClusterFacts facts, PodDnsConfig config) {
        List<String> cuts = new ArrayList<>();
        Set<String> servers = new LinkedHashSet<>();
        if (facts.clusterDnsIps().isEmpty()) {
            servers.add("the cluster DNS");
        } else {
            servers.addAll(facts.clusterDnsIps());
        }
        servers.addAll(config.nameservers());
        if (servers.size() > MAX_NAMESERVERS) {
            List<String> dropped = new ArrayList<>(servers).subList(MAX_NAMESERVERS, servers.size());
            cuts.add(Words.plural(dropped.size(), "nameserver ", "nameservers ") + Words.list(dropped)
                    + " (the cluster DNS and dnsConfig's " + config.nameservers().size() + " make " + servers.size()
                    + "; at most " + MAX_NAMESERVERS + ")");
        }
        Set<String> searches = new LinkedHashSet<>();
        String zone = facts.zone();
        searches.add(ns.name + ".svc." + zone);
        searches.add("svc." + zone);
        searches.add(zone);
        searches.addAll(config.searches());
        List<String> kept = new ArrayList<>(searches);
        List<String> dropped = new ArrayList<>();
        while (kept.size() > MAX_SEARCHES) {
            dropped.add(0, kept.remove(kept.size() - 1));
        }
        String why = "the cluster's 3 and dnsConfig's " + config.searches().size() + " make " + searches.size()
                + "; at most " + MAX_SEARCHES;
        int chars = String.join(" ", kept).length();
        if (chars > MAX_SEARCH_CHARS) {
            why = (dropped.isEmpty() ? "" : why + ", and ") + "the search line would be " + chars
                    + " characters; at most " + MAX_SEARCH_CHARS;
            while (!kept.isEmpty() && String.join(" ", kept).length() > MAX_SEARCH_CHARS) {
                dropped.add(0, kept.remove(kept.size() - 1));
            }
        }
        if (!dropped.isEmpty()) {
            cuts.add("the search " + Words.plural(dropped.size(), "domain ", "domains ") + Words.list(dropped) + " ("
                    + why + ")");
        }
        return cuts;
    }

    private static void hostnameFqdn(NamespaceView ns, ClusterFacts facts, Subject s, List<Finding> out) {
        if (!s.dns().setHostnameAsFQDN() || s.fqdnHost() == null || empty(s.subdomain())) {
            return;
        }
        String fqdn = s.fqdnHost() + "." + s.subdomain() + "." + ns.name + ".svc." + facts.zone();
        if (fqdn.length() <= MAX_HOSTNAME_FQDN) {
            return;
        }
        out.add(Finding.of(Rule.HOSTNAME_FQDN_TOO_LONG, s.objects(),
                s.who() + s.verb(" sets", " set") + " setHostnameAsFQDN: true, but the FQDN " + fqdn + " is "
                        + fqdn.length() + " characters, over the " + MAX_HOSTNAME_FQDN
                        + " a kernel hostname holds: the kubelet refuses to start " + s.verb("it", "such pods") + ".",
                "Shorten the hostname, subdomain or namespace so that the FQDN fits in " + MAX_HOSTNAME_FQDN
                        + " characters, or drop setHostnameAsFQDN."));
    }

    private static String lowerFirst(String s) {
        return s.startsWith("The ") ? "the " + s.substring(4) : s;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
