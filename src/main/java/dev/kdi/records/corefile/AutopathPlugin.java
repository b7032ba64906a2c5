package dev.kdi.records.corefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code autopath} line of a server block, as {@code plugin/autopath/setup.go} reads it:
 * {@code autopath [ZONE...] RESOLV-CONF}, where RESOLV-CONF is {@code @plugin} (that plugin of the
 * block gives a search list per query) or a resolv.conf-like file (one search list for every client).
 *
 * @param zones the zones it serves (its zone arguments, or the block's keys)
 * @param plugin the plugin named with {@code @}, or null when a file gives the list
 * @param file the file named, or null with {@code @plugin}
 * @param fileSearch the file's search domains, absolute and lower case; null when the file is not
 *     known to kdi (see {@code fileUnknown})
 * @param fileUnknown why the file's search list is not known, or null
 * @param directive the {@code autopath} line
 */
public record AutopathPlugin(List<String> zones, String plugin, String file, List<String> fileSearch, String fileUnknown,
                             Directive directive) {

    public AutopathPlugin {
        zones = List.copyOf(zones);
        fileSearch = fileSearch == null ? null : List.copyOf(fileSearch);
    }

    static AutopathPlugin parse(Directive d, List<String> blockZones, CorefileFiles files) throws CorefileException {
        if (d.args().isEmpty()) {
            throw new CorefileException(d.line(), "plugin/autopath: no resolv-conf specified");
        }
        String resolv = d.args().get(d.args().size() - 1);
        List<String> zones = new ArrayList<>();
        for (String z : d.args().subList(0, d.args().size() - 1)) {
            zones.addAll(Zones.of(z, d.line()));
        }
        if (zones.isEmpty()) {
            zones.addAll(blockZones);
        }
        if (resolv.startsWith("@")) {
            return new AutopathPlugin(zones, resolv.substring(1), null, null, null, d);
        }
        CorefileFiles.Match m = files.match(resolv);
        if (!m.isResolved()) {
            return new AutopathPlugin(zones, null, resolv, null, m.unresolved(), d);
        }
        if (m.files().isEmpty()) {
            // dns.ClientConfigFromFile fails, and so does the plugin's setup: CoreDNS does not start.
            throw new CorefileException(d.line(), "plugin/autopath: failed to parse \"" + resolv + "\": the DNS pod has no "
                    + "such file");
        }
        return new AutopathPlugin(zones, null, resolv, searchOf(m.files().get(0).text()), null, d);
    }

    /**
     * The search list of a resolv.conf as {@code dns.ClientConfigFromFile} reads it: the last
     * {@code search} or {@code domain} line wins ({@code domain} sets a one-name list), {@code #}
     * and {@code ;} start comment lines; each name normalized as {@code plugin.Zones.Normalize}.
     */
    static List<String> searchOf(String text) {
        List<String> search = List.of();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f[0].equals("search")) {
                search = List.of(f).subList(1, f.length);
            } else if (f[0].equals("domain")) {
                search = f.length > 1 ? List.of(f[1]) : List.of();
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : search) {
            String lower = s.toLowerCase(Locale.ROOT);
            out.add(lower.endsWith(".") ? lower : lower + ".");
        }
        return out;
    }
}
