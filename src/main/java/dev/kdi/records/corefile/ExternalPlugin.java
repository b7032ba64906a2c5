package dev.kdi.records.corefile;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code k8s_external} of a server block, as {@code plugin/k8s_external/setup.go} reads it:
 * Services' external IPs and load-balancer ingresses answered under zones of its own.
 *
 * @param zones its zones (its arguments, or the block's keys)
 * @param ttl the TTL of its address records and SOA ({@code ttl}; 5 by default, 0 to 3600)
 * @param apex the label under each zone where its name servers live ({@code apex}; {@code dns})
 * @param headless whether headless Services' endpoints are answered too ({@code headless})
 * @param fallthrough the zones of {@code fallthrough}, or null when absent
 * @param directive the {@code k8s_external} line
 */
public record ExternalPlugin(List<String> zones, long ttl, String apex, boolean headless, List<String> fallthrough,
                             Directive directive) {
    public static final long DEFAULT_TTL = 5;

    public ExternalPlugin {
        zones = List.copyOf(zones);
        fallthrough = fallthrough == null ? null : List.copyOf(fallthrough);
    }

    /** Whether {@code fallthrough} hands this name on. */
    public boolean fallsThrough(String name) {
        return Zones.fallsThrough(fallthrough, name);
    }

    /**
     * Reads one {@code k8s_external} line. A second line in the block goes on from the first, as
     * the plugin's single setup reads every line onto one plugin: its zones replace the first's,
     * its options add to them.
     */
    static ExternalPlugin parse(Directive d, List<String> blockZones, ExternalPlugin before) throws CorefileException {
        List<String> zones = new ArrayList<>();
        for (String z : d.args()) {
            zones.addAll(Zones.of(z, d.line()));
        }
        if (zones.isEmpty()) {
            zones.addAll(blockZones);
        }
        long ttl = before == null ? DEFAULT_TTL : before.ttl();
        String apex = before == null ? "dns" : before.apex();
        boolean headless = before != null && before.headless();
        List<String> fallthrough = before == null ? null : before.fallthrough();
        for (Directive o : d.block()) {
            List<String> a = o.args();
            switch (o.name()) {
                case "ttl" -> {
                    if (a.isEmpty()) {
                        throw new CorefileException(o.line(), "plugin/k8s_external: Wrong argument count or unexpected line ending "
                                + "after 'ttl'");
                    }
                    try {
                        ttl = Integer.parseInt(a.get(0));
                    } catch (NumberFormatException e) {
                        throw new CorefileException(o.line(), "plugin/k8s_external: strconv.Atoi: parsing \"" + a.get(0)
                                + "\": invalid syntax");
                    }
                    if (ttl < 0 || ttl > 3600) {
                        throw new CorefileException(o.line(), "plugin/k8s_external: ttl must be in range [0, 3600]: " + ttl);
                    }
                }
                case "apex" -> {
                    if (a.isEmpty()) {
                        throw new CorefileException(o.line(), "plugin/k8s_external: Wrong argument count or unexpected line ending "
                                + "after 'apex'");
                    }
                    apex = a.get(0).toLowerCase(java.util.Locale.ROOT);
                }
                case "headless" -> headless = true;
                case "fallthrough" -> {
                    fallthrough = new ArrayList<>();
                    for (String z : a) {
                        fallthrough.addAll(Zones.of(z, o.line()));
                    }
                }
                default -> throw new CorefileException(o.line(), "plugin/k8s_external: unknown property '" + o.name() + "'");
            }
        }
        return new ExternalPlugin(zones, ttl, apex, headless, fallthrough, d);
    }
}
