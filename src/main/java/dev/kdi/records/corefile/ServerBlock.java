package dev.kdi.records.corefile;

import java.util.List;
import java.util.Optional;

/**
 * One server block of a Corefile: the zones and ports it serves and its plugins.
 *
 * @param addresses its keys
 * @param directives its plugins, in the order written (CoreDNS runs them in its own fixed order)
 * @param kubernetes the parsed {@code kubernetes} plugin, when the block has one
 * @param line the 1-based line the block starts on
 */
public record ServerBlock(List<ServerAddress> addresses, List<Directive> directives,
                          Optional<KubernetesPlugin> kubernetes, int line) {

    /**
     * Plugins that CoreDNS's fixed order runs after {@code kubernetes}, and that may answer what
     * it hands on (from CoreDNS's {@code plugin.cfg}).
     */
    private static final List<String> AFTER_KUBERNETES = List.of(
            "file", "auto", "secondary", "etcd", "loop", "forward", "grpc", "erratic", "whoami", "on");

    public ServerBlock {
        addresses = List.copyOf(addresses);
        directives = List.copyOf(directives);
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

    /**
     * Whether a name the {@code kubernetes} plugin passes on (or does not own) reaches another
     * plugin that may answer it, typically {@code forward}; CoreDNS answers SERVFAIL otherwise.
     */
    public boolean handsOn() {
        for (Directive d : directives) {
            if (AFTER_KUBERNETES.contains(d.name()) && !d.name().equals("loop") && !d.name().equals("on")) {
                return true;
            }
        }
        return false;
    }

    /** The zones of its plain-DNS keys, absolute and lower case. */
    public List<String> zones() {
        return addresses.stream().map(ServerAddress::zone).toList();
    }
}
