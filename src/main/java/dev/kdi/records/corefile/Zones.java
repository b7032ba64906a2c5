package dev.kdi.records.corefile;

import dev.kdi.records.names.DnsNames;
import java.util.List;
import java.util.Optional;

/**
 * Zone arguments of server keys and plugins, read as CoreDNS's {@code plugin.Host} reads them, and
 * matched as {@code plugin.Zones.Matches} and {@code fall.F.Through} match them: one place for
 * every plugin.
 */
public final class Zones {
    private Zones() {
    }

    /** A zone argument as CoreDNS normalizes it: absolute, lower case, CIDRs as reverse zones. */
    static List<String> of(String text, int line) throws CorefileException {
        Optional<List<String>> reverse = DnsNames.reverseZonesOfCidr(text);
        if (reverse.isPresent()) {
            return reverse.get();
        }
        if (text.contains("/")) {
            throw new CorefileException(line, "'" + text + "' is not a valid CIDR");
        }
        return List.of(DnsNames.lower(DnsNames.absolute(text)));
    }

    /** The longest of the zones that contains the name ({@code plugin.Zones.Matches}), or null. */
    public static String longest(List<String> zones, String name) {
        String best = null;
        for (String z : zones) {
            if (DnsNames.isSubdomain(z, name) && (best == null || z.length() > best.length())) {
                best = z;
            }
        }
        return best;
    }

    /**
     * Whether a plugin's {@code fallthrough} hands the name on ({@code fall.F.Through}).
     *
     * @param fallthrough its zones (empty or {@code .} for all), or null when the option is absent
     */
    public static boolean fallsThrough(List<String> fallthrough, String name) {
        return fallthrough != null && (fallthrough.isEmpty() || longest(fallthrough, name) != null);
    }
}
