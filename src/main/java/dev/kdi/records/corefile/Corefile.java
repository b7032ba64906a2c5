package dev.kdi.records.corefile;

import dev.kdi.records.names.DnsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Corefile and where it came from.
 *
 * @param blocks its server blocks
 * @param origin where it was read from, for messages ({@code --corefile dns/Corefile},
 *     {@code ConfigMap kube-system/coredns}, {@code kubeadm's default Corefile})
 * @param notes what reading it noticed but CoreDNS would load anyway: files that cannot be
 *     resolved, globs that match nothing, missing hosts files
 * @param order the plugin order of the CoreDNS release that runs it
 * @param kubeDns when the cluster runs kube-dns, not CoreDNS: its configuration, which this
 *     Corefile only translates into routing (the answers follow kube-dns's own rules); else null
 */
public record Corefile(List<ServerBlock> blocks, String origin, List<String> notes, PluginOrder order,
                       KubeDnsConfig kubeDns) {

    public Corefile {
        blocks = List.copyOf(blocks);
        notes = List.copyOf(notes);
    }

    /** A Corefile CoreDNS runs. */
    public Corefile(List<ServerBlock> blocks, String origin, List<String> notes, PluginOrder order) {
        this(blocks, origin, notes, order, null);
    }

    /** A Corefile run by the newest CoreDNS release kdi knows. */
    public Corefile(List<ServerBlock> blocks, String origin) {
        this(blocks, origin, List.of(), PluginOrder.newest());
    }

    /** This Corefile as run by another CoreDNS release. */
    public Corefile withOrder(PluginOrder newOrder) {
        return new Corefile(blocks, origin, notes, newOrder, kubeDns);
    }

    /**
     * kube-dns's configuration as this Corefile's routing: parsed from {@link KubeDnsConfig#corefileText}.
     *
     * @param clusterDomain kubedns's {@code --domain}
     */
    public static Corefile ofKubeDns(KubeDnsConfig config, String clusterDomain) {
        Corefile routing;
        try {
            routing = CorefileParser.parse(config.corefileText(clusterDomain), config.origin());
        } catch (CorefileException e) {
            // The stub domains and nameservers were validated as kube-dns validates them.
            throw new IllegalArgumentException("kube-dns's configuration does not translate: " + e.getMessage(), e);
        }
        return new Corefile(routing.blocks(), config.origin(), routing.notes(), PluginOrder.newest(), config);
    }

    /** Whether the cluster runs kube-dns, whose answers follow its own rules. */
    public boolean isKubeDns() {
        return kubeDns != null;
    }

    /** The first server block with a {@code kubernetes} plugin. */
    public Optional<ServerBlock> kubernetesBlock() {
        return blocks.stream().filter(b -> b.kubernetes().isPresent()).findFirst();
    }

    /** The {@code kubernetes} plugin of that block. */
    public Optional<KubernetesPlugin> kubernetes() {
        return kubernetesBlock().flatMap(ServerBlock::kubernetes);
    }

    /** The port the cluster DNS answers on: the first plain-DNS port of the kubernetes block. */
    public int port() {
        return kubernetesBlock().flatMap(b -> b.addresses().stream().filter(ServerAddress::isPlainDns).findFirst())
                .map(ServerAddress::port).orElse(53);
    }

    /**
     * The server block CoreDNS picks for a query name on the given port: the one whose zone is
     * the longest match; empty when none matches (CoreDNS answers REFUSED then).
     */
    public Optional<ServerBlock> blockFor(String name, int port) {
        ServerBlock best = null;
        int bestLength = -1;
        for (ServerBlock b : blocks) {
            for (ServerAddress a : b.addresses()) {
                if (a.isPlainDns() && a.port() == port && DnsNames.isSubdomain(a.zone(), name)
                        && a.zone().length() > bestLength) {
                    best = b;
                    bestLength = a.zone().length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** This Corefile with the cluster domain replaced ({@code --cluster-domain}). */
    public Corefile withClusterDomain(String domain) {
        String zone = DnsNames.lower(DnsNames.absolute(domain));
        List<ServerBlock> replaced = new ArrayList<>(blocks.size());
        for (ServerBlock b : blocks) {
            if (b.kubernetes().isEmpty()) {
                replaced.add(b);
                continue;
            }
            KubernetesPlugin k = b.kubernetes().get();
            String old = k.primaryZone();
            List<ServerAddress> addresses = b.addresses().stream()
                    .map(a -> a.zone().equals(old) ? new ServerAddress(a.transport(), zone, a.port()) : a)
                    .toList();
            replaced.add(b.with(addresses, k.withClusterDomain(zone)));
        }
        return new Corefile(replaced, origin + ", cluster domain " + zone, notes, order, kubeDns);
    }
}
