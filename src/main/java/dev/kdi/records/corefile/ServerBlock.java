package dev.kdi.records.corefile;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One server block of a Corefile: the zones and ports it serves and its plugins.
 *
 * @param addresses its keys
 * @param directives its plugins, in the order written (CoreDNS runs them in its own fixed order)
 * @param kubernetes the parsed {@code kubernetes} plugin, when the block has one
 * @param line the 1-based line the block starts on
 * @param hosts the parsed {@code hosts} plugin, when the block has one
 * @param rewrites the {@code rewrite} rules, in the order written (one plugin runs them all)
 * @param templates the {@code template}s, in the order written (one plugin tries them in turn)
 * @param forwards the {@code forward}s, in the order written (each hands what it does not take to the next)
 * @param cache the parsed {@code cache} plugin, when the block has one
 * @param external the parsed {@code k8s_external} plugin, when the block has one
 * @param acls the {@code acl} lines, in the order written (one plugin tries their rules in turn)
 * @param autopath the parsed {@code autopath} plugin, when the block has one (the last line, as CoreDNS keeps)
 */
public record ServerBlock(List<ServerAddress> addresses, List<Directive> directives,
                          Optional<KubernetesPlugin> kubernetes, int line, Optional<HostsPlugin> hosts,
                          List<RewriteRule> rewrites, List<TemplateRule> templates, List<ForwardPlugin> forwards,
                          Optional<CachePlugin> cache, Optional<ExternalPlugin> external, List<AclPlugin> acls,
                          Optional<AutopathPlugin> autopath) {

    public ServerBlock {
        addresses = List.copyOf(addresses);
        directives = List.copyOf(directives);
        rewrites = List.copyOf(rewrites);
        templates = List.copyOf(templates);
        forwards = List.copyOf(forwards);
        acls = List.copyOf(acls);
    }

    public ServerBlock(List<ServerAddress> addresses, List<Directive> directives, Optional<KubernetesPlugin> kubernetes,
                       int line) {
        this(addresses, directives, kubernetes, line, Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty());
    }

    public boolean has(String plugin) {
        return directives.stream().anyMatch(d -> d.name().equals(plugin));
    }

    public Optional<Directive> directive(String plugin) {
        return directives.stream().filter(d -> d.name().equals(plugin)).findFirst();
    }

    /** Whether zone transfers are configured ({@code transfer} plugin). */
    public boolean transferEnabled() {
        return has("transfer");
    }

    /** The zones of its plain-DNS keys, absolute and lower case. */
    public List<String> zones() {
        return addresses.stream().map(ServerAddress::zone).toList();
    }

    /** Its keys as CoreDNS prints them: {@code .:53}, {@code example.org:53}. */
    public String label() {
        return addresses.stream().map(ServerBlock::key).distinct().collect(Collectors.joining(" "));
    }

    private static String key(ServerAddress a) {
        String zone = a.zone().equals(".") ? "." : a.zone().substring(0, a.zone().length() - 1);
        String scheme = a.isPlainDns() ? "" : a.transport() + "://";
        return scheme + zone + ":" + a.port();
    }

    /** This block with another kubernetes plugin and keys (a replaced cluster domain). */
    public ServerBlock with(List<ServerAddress> newAddresses, KubernetesPlugin plugin) {
        return new ServerBlock(newAddresses, directives, Optional.of(plugin), line, hosts, rewrites, templates, forwards,
                cache, external, acls, autopath);
    }
}
