package dev.kdi.records.lint;

import dev.kdi.records.corefile.CachePlugin;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.ForwardPlugin;
import dev.kdi.records.corefile.HostsPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.corefile.RewriteRule;
import dev.kdi.records.corefile.ServerAddress;
import dev.kdi.records.corefile.ServerBlock;
import dev.kdi.records.corefile.Zones;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with the Corefile's plugins before anyone queries it: each finding names the
 * Corefile line, says what CoreDNS does and how to fix it. Rules read from CoreDNS's code:
 * {@code plugin/hosts} answers SERVFAIL-free only with {@code fallthrough}; {@code rewrite}
 * leaves answer names alone without {@code answer}; {@code core/dnsserver} refuses a zone twice
 * on one port ({@code validateZonesAndListeningAddresses}); the kubernetes plugin's
 * {@code AutoPath} returns nothing unless {@code pods verified}.
 */
final class CorefilePluginChecks {
    private CorefilePluginChecks() {
    }

    static void check(Corefile corefile, ClusterFacts facts, List<Finding> out) {
        String clusterZone = DnsNames.absolute(facts.zone());
        Map<String, ServerBlock> served = new HashMap<>();
        for (ServerBlock b : corefile.blocks()) {
            zoneTwice(b, served, out);
            b.hosts().ifPresent(h -> hostsWithoutFallthrough(b, h, clusterZone, out));
            for (RewriteRule r : b.rewrites()) {
                if (r instanceof RewriteRule.Name n && !n.auto() && n.answers().isEmpty()) {
                    out.add(finding(Rule.COREFILE_REWRITE_NO_ANSWER, n.directive().source(),
                            "rewrite (" + n.directive().where() + ") asks for "
                            + n.to() + " instead of names matching " + n.from() + ", but leaves the answer's records "
                            + "named " + n.to() + ": glibc, musl and Java clients discard answers whose names they did "
                            + "not ask for (coredns#1788).",
                            "Add 'answer auto' to the rule (or 'answer name' with the reverse pattern)."));
                }
            }
            for (ForwardPlugin f : b.forwards()) {
                forwardLoop(b, f, facts, out);
            }
            b.cache().filter(CachePlugin::serveStale).ifPresent(c -> {
                if (Zones.longest(c.zones(), clusterZone) != null) {
                    out.add(finding(Rule.COREFILE_SERVE_STALE_CLUSTER, c.directive().source(),
                            "cache (" + c.directive().where() + ") has "
                            + "serve_stale over " + clusterZone + ": once a Service or pod is deleted, its old answer "
                            + "keeps being served from the cache instead of NXDOMAIN.",
                            "Restrict the cache with serve_stale to the zones that need it (a block of their own), or "
                                    + "drop serve_stale."));
                }
            });
            // The same condition under which the model's autopath finds no search list: @kubernetes only, since a
            // file's list needs no pod cache.
            boolean fromKubernetes = b.autopath().map(a -> "kubernetes".equals(a.plugin())).orElse(false);
            if (fromKubernetes && b.kubernetes().isPresent() && b.kubernetes().get().pods() != PodMode.VERIFIED) {
                String where = b.autopath().orElseThrow().directive().where();
                out.add(finding(Rule.COREFILE_AUTOPATH_UNVERIFIED, b.autopath().orElseThrow().directive().source(),
                        "autopath (" + where + ") takes the search path from "
                        + "the kubernetes plugin, which gives none unless 'pods verified' is set: every query goes its "
                        + "full way through the client's search list.",
                        "Set 'pods verified' in the kubernetes plugin of block " + b.label() + "."));
            }
        }
    }

    private static void zoneTwice(ServerBlock b, Map<String, ServerBlock> served, List<Finding> out) {
        if (b.has("view")) {
            // A view's filters let blocks share a zone and port.
            return;
        }
        for (ServerAddress a : b.addresses()) {
            String key = a.transport() + "://" + a.zone() + ":" + a.port();
            ServerBlock first = served.putIfAbsent(key, b);
            if (first != null && first != b) {
                out.add(finding(Rule.COREFILE_ZONE_TWICE, source(b),
                        "The server blocks at line " + first.line() + " and line "
                        + b.line() + " both serve " + a.zone() + " on port " + a.port() + ": CoreDNS stops with "
                        + "\"cannot serve " + key + " - it is already defined\".",
                        "Merge the two blocks' plugins into one block for " + a.zone() + "."));
            }
        }
    }

    /**
     * A hosts plugin answers SERVFAIL for a name of its zones it does not list, having no SOA to say
     * NXDOMAIN with: in a block serving the cluster zone that is every cluster name (it runs before
     * kubernetes whatever the written order); in a block of another zone, that zone's unlisted names.
     */
    private static void hostsWithoutFallthrough(ServerBlock b, HostsPlugin h, String clusterZone, List<Finding> out) {
        boolean servesCluster = b.zones().stream().anyMatch(z -> DnsNames.isSubdomain(z, clusterZone))
                && h.zones().stream().anyMatch(z -> DnsNames.isSubdomain(z, clusterZone));
        if (servesCluster) {
            if (!h.fallsThrough("a." + clusterZone)) {
                out.add(finding(Rule.COREFILE_HOSTS_NO_FALLTHROUGH, h.directive().source(),
                        "hosts (" + h.directive().where() + ") in block "
                        + b.label() + " has no fallthrough for " + clusterZone + ": it runs before kubernetes whatever "
                        + "the written order, so every cluster name it does not list is SERVFAIL (coredns#3276).",
                        "Add 'fallthrough' to the hosts plugin, or give its names a server block of their own zone."));
            }
            return;
        }
        List<String> failing = h.zones().stream().filter(z -> !h.fallsThrough(z.equals(".") ? "a." : "a." + z))
                .filter(z -> b.zones().stream().anyMatch(bz -> DnsNames.isSubdomain(bz, z) || DnsNames.isSubdomain(z, bz)))
                .toList();
        if (failing.isEmpty()) {
            return;
        }
        out.add(finding(Rule.COREFILE_HOSTS_NO_FALLTHROUGH, h.directive().source(),
                "hosts (" + h.directive().where() + ") in block " + b.label()
                + " has no fallthrough: every name under " + String.join(" ", failing) + " that it does not list is SERVFAIL, "
                + "not NXDOMAIN (hosts has no SOA to deny a name with), so clients retry and report a server failure. "
                + "Cluster names never reach this block and are not harmed.",
                "Add 'fallthrough' to the hosts plugin (the next plugin, or none, then decides), or list every name "
                        + "the zone should have."));
    }

    private static void forwardLoop(ServerBlock b, ForwardPlugin f, ClusterFacts facts, List<Finding> out) {
        int port = b.addresses().stream().filter(ServerAddress::isPlainDns).map(ServerAddress::port).findFirst()
                .orElse(53);
        for (String to : f.to()) {
            if (ForwardPlugin.isResolvConf(to)) {
                Pod pod = facts.dnsPodResolvingThroughCluster();
                if (pod != null) {
                    out.add(finding(Rule.COREFILE_FORWARD_LOOP, f.directive().source(),
                            "forward (" + f.directive().where() + ") sends " + f.from()
                            + " to " + to + ", but DNS pod " + pod.namespace() + "/" + pod.name() + " has dnsPolicy "
                            + pod.dns().policy().spelling() + (pod.dns().hostNetwork() ? " on the host network" : "")
                            + ", so its " + to + " names the cluster DNS Service: the query comes back to CoreDNS, a "
                            + "loop. The loop plugin stops CoreDNS at start (CrashLoopBackOff) (coredns#2087).",
                            "Give the CoreDNS Deployment 'dnsPolicy: Default', so its pods read the node's resolver, "
                                    + "or forward to the upstream's address."));
                    return;
                }
                continue;
            }
            String host = ForwardPlugin.host(to);
            boolean loopback = IpAddress.isLoopback(host) && ForwardPlugin.port(to) == port;
            boolean service = ForwardPlugin.port(to) == 53 && facts.clusterDnsIps().contains(IpAddress.canonical(host));
            if (loopback || service) {
                out.add(finding(Rule.COREFILE_FORWARD_LOOP, f.directive().source(),
                        "forward (" + f.directive().where() + ") sends " + f.from()
                        + " to " + to + ", " + (service ? "the cluster DNS Service" : "the DNS pod's own loopback")
                        + ": the query comes back to CoreDNS, which forwards it again. The loop plugin stops CoreDNS at "
                        + "start (CrashLoopBackOff); without it these names fail.",
                        "Forward to the upstream resolver itself (an address outside the cluster, or /etc/resolv.conf "
                                + "when the node's resolver is not a loopback stub)."));
                return;
            }
        }
    }

    /** The Corefile text a server block is written in: its lines carry it. */
    private static String source(ServerBlock b) {
        return b.directives().isEmpty() ? "" : b.directives().get(0).source();
    }

    /** @param source the Corefile text the finding's line is in, which names its ConfigMap */
    private static Finding finding(Rule rule, String source, String message, String fix) {
        return Finding.of(rule, List.of(ClusterFacts.corefileObject(source)), message, fix);
    }
}
