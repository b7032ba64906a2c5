package dev.kdi.records.searchpath;

import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kubelet's DNS settings, and the resolv.conf it composes from them for a pod.
 *
 * <p>Follows {@code GetPodDNS} in kubernetes/kubernetes {@code pkg/kubelet/network/dns/dns.go}.
 *
 * @param clusterDomain the kubelet's {@code clusterDomain} (a trailing dot is dropped); empty when
 *     the kubelet has none, in which case ClusterFirst pods get only the node's search domains
 * @param clusterDnsIps the kubelet's {@code clusterDNS} addresses (normally the ClusterIP of
 *     kube-system/kube-dns); empty when the kubelet has none
 * @param node what is known of the node's resolv.conf
 * @param limits the limits the kubelet applies
 */
public record KubeletDns(String clusterDomain, List<String> clusterDnsIps, NodeResolvConf node, KubeletLimits limits) {

    public KubeletDns {
        Objects.requireNonNull(clusterDomain, "clusterDomain");
        if (clusterDomain.endsWith(".")) {
            clusterDomain = clusterDomain.substring(0, clusterDomain.length() - 1);
        }
        clusterDnsIps = List.copyOf(clusterDnsIps);
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(limits, "limits");
    }

    /** A kubelet with one cluster DNS address, an unknown node file and current limits. */
    public static KubeletDns of(String clusterDomain, String clusterDnsIp) {
        return new KubeletDns(clusterDomain, List.of(clusterDnsIp), NodeResolvConf.unknown(), KubeletLimits.EXPANDED);
    }

    public KubeletDns withNode(NodeResolvConf newNode) {
        return new KubeletDns(clusterDomain, clusterDnsIps, newNode, limits);
    }

    public KubeletDns withLimits(KubeletLimits newLimits) {
        return new KubeletDns(clusterDomain, clusterDnsIps, node, newLimits);
    }

    /**
     * The resolv.conf the kubelet writes for a pod in {@code namespace} with these DNS settings.
     * A null policy counts as ClusterFirst, the API's default.
     */
    public ResolvConf resolvConf(String namespace, PodDns pod) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        List<String> why = new ArrayList<>();
        DnsPolicy policy = pod.policy() == null ? DnsPolicy.CLUSTER_FIRST : pod.policy();
        Base base = switch (policy) {
            case NONE -> {
                why.add("dnsPolicy None: the kubelet starts from an empty file and uses only the pod's dnsConfig.");
                yield new Base(List.of(), List.of(), List.of(), ResolvConf.Source.POD_DNS_CONFIG, true);
            }
            case DEFAULT -> {
                why.add("dnsPolicy Default: the pod uses the node's resolver, not the cluster DNS.");
                yield nodeBase(why);
            }
            case CLUSTER_FIRST_WITH_HOST_NET -> {
                if (pod.hostNetwork()) {
                    why.add("dnsPolicy ClusterFirstWithHostNet: this host-network pod still uses the cluster DNS.");
                }
                yield clusterBase(namespace, policy, why);
            }
            case CLUSTER_FIRST -> {
                if (pod.hostNetwork()) {
                    // kubelet getPodDNSType: ClusterFirst on the host network falls through to Default.
                    why.add("hostNetwork: true with dnsPolicy ClusterFirst: the kubelet treats it as Default, so the"
                            + " pod uses the node's resolver, not the cluster DNS (set dnsPolicy:"
                            + " ClusterFirstWithHostNet to use the cluster DNS).");
                    yield nodeBase(why);
                }
                yield clusterBase(namespace, policy, why);
            }
        };
        List<String> nameservers = new ArrayList<>(base.nameservers);
        List<String> searches = new ArrayList<>(base.searches);
        List<ResolvOption> options = new ArrayList<>(base.options);
        PodDnsConfig config = pod.config();
        if (config != null) {
            merge(config, nameservers, searches, options, why);
        }
        if (searches.removeIf(String::isEmpty)) {
            why.add("An empty search entry (the node's \"search .\" with its dot trimmed) adds nothing to the line.");
        }
        List<String> droppedNameservers = new ArrayList<>();
        if (nameservers.size() > limits.maxNameservers()) {
            droppedNameservers.addAll(nameservers.subList(limits.maxNameservers(), nameservers.size()));
            nameservers = new ArrayList<>(nameservers.subList(0, limits.maxNameservers()));
            why.add("More than " + limits.maxNameservers() + " nameservers: the kubelet keeps the first "
                    + limits.maxNameservers() + ", drops " + String.join(" ", droppedNameservers)
                    + " and records a DNSConfigForming warning event on the pod (\"Nameserver limits were exceeded\").");
        }
        List<String> droppedSearches = new ArrayList<>();
        searches = fitSearches(searches, droppedSearches, why);
        if (base.complete && nameservers.isEmpty()) {
            why.add("No nameserver: the resolver would ask 127.0.0.1 inside the pod. (The API server refuses"
                    + " dnsPolicy None without dnsConfig.nameservers.)");
        }
        if (base.complete && options.stream().noneMatch(o -> o.name().equals("ndots"))) {
            why.add("No ndots option: resolvers use ndots:1, so any name with a dot is asked as-is first.");
        }
        return new ResolvConf(nameservers, searches, options, base.source, base.complete, droppedNameservers,
                droppedSearches, why);
    }

    private record Base(List<String> nameservers, List<String> searches, List<ResolvOption> options,
            ResolvConf.Source source, boolean complete) {
    }

    private Base nodeBase(List<String> why) {
        if (node.complete()) {
            why.add("The kubelet copies the node's resolv.conf: nameservers, search list and options.");
            return new Base(node.nameservers(), node.searches(), node.options(), ResolvConf.Source.NODE, true);
        }
        why.add("The node's resolv.conf is not known here, so its nameservers, search list and ndots are unknown:"
                + " the pod resolves names as the node does, and the queries it sends cannot be listed.");
        return new Base(List.of(), List.of(), List.of(), ResolvConf.Source.NODE, false);
    }

    private Base clusterBase(String namespace, DnsPolicy policy, List<String> why) {
        if (clusterDnsIps.isEmpty()) {
            // kubelet GetPodDNS: without clusterDNS it records MissingClusterDNS and falls through to Default.
            why.add("The kubelet has no cluster DNS address (clusterDNS), so for dnsPolicy " + policy.spelling()
                    + " it falls back to Default and records a MissingClusterDNS warning event.");
            return nodeBase(why);
        }
        why.add("dnsPolicy " + policy.spelling() + ": nameserver " + String.join(" ", clusterDnsIps)
                + " (the cluster DNS Service), options ndots:5 (the kubelet's own; the node's options are not used).");
        List<String> searches = new ArrayList<>();
        if (clusterDomain.isEmpty()) {
            why.add("The kubelet has no cluster domain, so the search list is only the node's.");
        } else {
            searches.add(namespace + ".svc." + clusterDomain);
            searches.add("svc." + clusterDomain);
            searches.add(clusterDomain);
            why.add("Search list: " + String.join(" ", searches) + " (the pod's namespace, all Services, the"
                    + " cluster domain).");
        }
        if (!node.searches().isEmpty()) {
            why.add("Then the node's own search domains: " + String.join(" ", node.searches()) + ".");
        } else if (!node.complete()) {
            why.add("The node's own search domains would follow; they are not known here, so none are assumed.");
        }
        searches.addAll(node.searches());
        return new Base(clusterDnsIps, omitDuplicates(searches), List.of(ResolvOption.of("ndots", "5")),
                ResolvConf.Source.CLUSTER_DNS, true);
    }

    private static void merge(PodDnsConfig config, List<String> nameservers, List<String> searches,
            List<ResolvOption> options, List<String> why) {
        if (!config.nameservers().isEmpty()) {
            why.add("dnsConfig adds nameservers " + String.join(" ", config.nameservers()) + " after the others.");
        }
        List<String> ns = omitDuplicates(concat(nameservers, config.nameservers()));
        nameservers.clear();
        nameservers.addAll(ns);
        if (!config.searches().isEmpty()) {
            why.add("dnsConfig adds search domains " + String.join(" ", config.searches()) + " after the others.");
        }
        List<String> s = omitDuplicates(concat(searches, config.searches()));
        searches.clear();
        searches.addAll(s);
        if (!config.options().isEmpty()) {
            // The kubelet merges through a Go map, so its order is random; keeping first-seen order
            // changes nothing for resolvers, which see each option once.
            Map<String, ResolvOption> byName = new LinkedHashMap<>();
            for (ResolvOption o : options) {
                byName.put(o.name(), o);
            }
            List<String> set = new ArrayList<>();
            for (PodDnsConfig.Option o : config.options()) {
                if (o.name() == null || o.name().isEmpty()) {
                    why.add("A dnsConfig option without a name is ignored.");
                    continue;
                }
                ResolvOption opt = ResolvOption.of(o);
                byName.put(opt.name(), opt);
                set.add(opt.toString());
            }
            options.clear();
            options.addAll(byName.values());
            if (!set.isEmpty()) {
                why.add("dnsConfig sets options " + String.join(" ", set) + " (overriding same-named ones).");
            }
        }
    }

    /** The kubelet's formDNSSearchFitsLimits: count, then long domains, then the line length. */
    private List<String> fitSearches(List<String> searches, List<String> dropped, List<String> why) {
        List<String> kept = new ArrayList<>(searches);
        boolean exceeded = false;
        if (kept.size() > limits.maxSearches()) {
            dropped.addAll(kept.subList(limits.maxSearches(), kept.size()));
            kept = new ArrayList<>(kept.subList(0, limits.maxSearches()));
            why.add("More than " + limits.maxSearches() + " search domains: the kubelet keeps the first "
                    + limits.maxSearches() + ".");
            exceeded = true;
        }
        List<String> tooLong = kept.stream().filter(s -> s.length() > limits.maxSearchDomainChars()).toList();
        if (!tooLong.isEmpty()) {
            dropped.addAll(tooLong);
            kept.removeAll(tooLong);
            why.add("The kubelet leaves out search domains longer than " + limits.maxSearchDomainChars()
                    + " characters (" + tooLong.size() + " of them).");
            exceeded = true;
        }
        int length = String.join(" ", kept).length();
        if (length > limits.maxSearchLineChars()) {
            List<String> cut = new ArrayList<>();
            while (!kept.isEmpty() && String.join(" ", kept).length() > limits.maxSearchLineChars()) {
                cut.add(0, kept.remove(kept.size() - 1));
            }
            dropped.addAll(cut);
            why.add("The search list is " + length + " characters, more than " + limits.maxSearchLineChars()
                    + ": the kubelet drops domains from the end (" + String.join(" ", cut) + ").");
            exceeded = true;
        }
        if (exceeded) {
            why.add("The kubelet records a DNSConfigForming warning event on the pod: \"Search Line limits were"
                    + " exceeded, some search paths have been omitted, the applied search line is: "
                    + String.join(" ", kept) + "\".");
        }
        return kept;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> omitDuplicates(List<String> in) {
        return List.copyOf(new LinkedHashSet<>(in));
    }
}
