package dev.kdi.records.corefile;

import dev.kdi.records.names.DnsNames;
import java.util.List;
import java.util.Optional;

/** Zone arguments of server keys and plugins, read as CoreDNS's {@code plugin.Host} reads them. */
final class Zones {
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
}
