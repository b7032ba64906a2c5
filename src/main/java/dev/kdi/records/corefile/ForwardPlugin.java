package dev.kdi.records.corefile;

import dev.kdi.records.names.DnsNames;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code forward FROM TO...} of a server block, as {@code plugin/forward/setup.go} reads it:
 * the zone it takes ({@code FROM}, normalized as {@code plugin.Host} does, the first zone of a
 * CIDR), the upstreams it names, and the zones {@code except} leaves to the next plugin.
 *
 * @param from the zone it forwards, absolute and lower case
 * @param to the upstreams as written ({@code 10.0.0.53}, {@code /etc/resolv.conf}, {@code tls://9.9.9.9})
 * @param except the zones of {@code except}, absolute and lower case
 * @param directive the {@code forward} line
 */
public record ForwardPlugin(String from, List<String> to, List<String> except, Directive directive) {

    /** The most upstreams one {@code forward} takes (CoreDNS's {@code max}). */
    private static final int MAX_TO = 15;

    public ForwardPlugin {
        to = List.copyOf(to);
        except = List.copyOf(except);
    }

    /**
     * Whether it forwards the name ({@code Forward.match}): under {@code FROM}, and either
     * {@code FROM} itself or under no {@code except} zone.
     */
    public boolean takes(String name) {
        String lower = DnsNames.lower(name);
        if (!DnsNames.isSubdomain(from, lower)) {
            return false;
        }
        if (lower.equals(from)) {
            return true;
        }
        for (String e : except) {
            if (DnsNames.isSubdomain(e, lower)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an upstream is the node's resolver file ({@code /etc/resolv.conf}, any path). */
    public static boolean isResolvConf(String upstream) {
        return upstream.startsWith("/");
    }

    /** An upstream's address without transport and port: {@code tls://10.0.0.1:853} → {@code 10.0.0.1}. */
    public static String host(String upstream) {
        String s = upstream;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close < 0 ? s.substring(1) : s.substring(1, close);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
            s = s.substring(0, colon);
        }
        return s;
    }

    /** An upstream's port: written after the address, else 53 for plain DNS, 853 for TLS, 443 for HTTPS. */
    public static int port(String upstream) {
        String s = upstream;
        int fallback = s.startsWith("tls://") ? 853 : s.startsWith("https://") ? 443 : 53;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int colon = s.startsWith("[") ? s.indexOf("]:") + 1 : s.indexOf(':') == s.lastIndexOf(':') ? s.indexOf(':') : -1;
        if (colon <= 0) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static ForwardPlugin parse(Directive d) throws CorefileException {
        List<String> args = d.args();
        if (args.size() < 2) {
            throw new CorefileException(d.line(), "plugin/forward: Wrong argument count or unexpected line ending after '"
                    + (args.isEmpty() ? "forward" : args.get(0)) + "'");
        }
        List<String> zones = Zones.of(args.get(0), d.line());
        List<String> to = args.subList(1, args.size());
        if (to.size() > MAX_TO) {
            throw new CorefileException(d.line(), "plugin/forward: more than " + MAX_TO + " TOs configured: " + to.size());
        }
        for (String t : to) {
            String scheme = t.contains("://") ? t.substring(0, t.indexOf("://")) : "dns";
            if (!scheme.equals("dns") && !scheme.equals("tls") && !scheme.equals("https")) {
                throw new CorefileException(d.line(), "plugin/forward: '" + scheme + "' is not supported as a destination "
                        + "protocol in forward: " + t);
            }
        }
        List<String> except = new ArrayList<>();
        for (Directive o : d.block()) {
            if (o.name().equals("except")) {
                if (o.args().isEmpty()) {
                    throw new CorefileException(o.line(), "plugin/forward: Wrong argument count or unexpected line ending "
                            + "after 'except'");
                }
                for (String z : o.args()) {
                    except.addAll(Zones.of(z, o.line()));
                }
            }
        }
        return new ForwardPlugin(zones.get(0), to, except, d);
    }
}
