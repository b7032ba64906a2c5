package dev.kdi.records.corefile;

import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code acl} line of a server block, as {@code plugin/acl/setup.go} reads it: its zones and
 * its policies, tried in order; the first whose types and networks match the query decides.
 *
 * @param zones its zones (its arguments, or the block's keys)
 * @param policies its {@code allow}, {@code block}, {@code filter} and {@code drop} lines in order
 * @param directive the {@code acl} line
 */
public record AclPlugin(List<String> zones, List<Policy> policies, Directive directive) {
    public enum Action { ALLOW, BLOCK, FILTER, DROP }

    /**
     * One policy line.
     *
     * @param types the query types it takes; empty for every type ({@code type *} or no {@code type})
     * @param nets the source networks it takes; empty for every address ({@code net *} or no {@code net})
     * @param line its line, for the explanation
     */
    public record Policy(Action action, Set<String> types, List<Net> nets, int line) {
        public Policy {
            types = Set.copyOf(types);
            nets = List.copyOf(nets);
        }

        /** Whether the policy takes a query of this type from this parsed source address. */
        public boolean takes(String type, IpAddress source) {
            return (types.isEmpty() || types.contains(type)) && (nets.isEmpty() || nets.stream().anyMatch(n -> n.contains(source)));
        }
    }

    /** A network of a {@code net} section; a lone address is a /32 or /128. */
    public record Net(IpAddress base, int prefix) {
        boolean contains(IpAddress ip) {
            byte[] a = base.bytes();
            byte[] b = ip.bytes();
            if (a.length != b.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    public AclPlugin {
        zones = List.copyOf(zones);
        policies = List.copyOf(policies);
    }

    static AclPlugin parse(Directive d, List<String> blockZones) throws CorefileException {
        List<String> zones = new ArrayList<>();
        for (String z : d.args()) {
            zones.addAll(Zones.of(z, d.line()));
        }
        if (zones.isEmpty()) {
            zones.addAll(blockZones);
        }
        List<Policy> policies = new ArrayList<>();
        for (Directive o : d.block()) {
            Action action = switch (o.name().toLowerCase(Locale.ROOT)) {
                case "allow" -> Action.ALLOW;
                case "block" -> Action.BLOCK;
                case "filter" -> Action.FILTER;
                case "drop" -> Action.DROP;
                default -> throw new CorefileException(o.line(), "plugin/acl: unexpected token \"" + o.name()
                        + "\"; expect 'allow', 'block', 'filter' or 'drop'");
            };
            List<String> types = new ArrayList<>();
            List<Net> nets = new ArrayList<>();
            boolean allTypes = false;
            boolean allNets = false;
            List<String> rest = o.args();
            int i = 0;
            while (i < rest.size()) {
                String section = rest.get(i).toLowerCase(Locale.ROOT);
                if (!section.equals("type") && !section.equals("net")) {
                    throw new CorefileException(o.line(), "plugin/acl: unexpected token \"" + rest.get(i) + "\"; expect 'type | net'");
                }
                int j = i + 1;
                List<String> tokens = new ArrayList<>();
                for (; j < rest.size() && !isSection(rest.get(j)); j++) {
                    tokens.add(rest.get(j));
                }
                i = j;
                if (tokens.isEmpty()) {
                    throw new CorefileException(o.line(), "plugin/acl: no token specified in \"" + section + "\" section");
                }
                if (section.equals("type")) {
                    for (String t : tokens) {
                        if (t.equals("*")) {
                            allTypes = true;
                            break;
                        }
                        if (!t.equals(t.toUpperCase(Locale.ROOT)) || !t.matches("[A-Z][A-Z0-9]*")) {
                            throw new CorefileException(o.line(), "plugin/acl: unexpected token \"" + t + "\"; expect legal QTYPE");
                        }
                        types.add(t);
                    }
                } else {
                    for (String t : tokens) {
                        if (t.equals("*")) {
                            // CoreDNS replaces the section's tree with one of everything: networks before '*' go too.
                            nets.clear();
                            allNets = true;
                            break;
                        }
                        nets.add(net(t, o.line()));
                    }
                }
            }
            policies.add(new Policy(action, allTypes ? Set.of() : Set.copyOf(types), allNets ? List.of() : nets, o.line()));
        }
        return new AclPlugin(zones, policies, d);
    }

    private static boolean isSection(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.equals("type") || t.equals("net");
    }

    private static Net net(String token, int line) throws CorefileException {
        String text = token.contains("/") ? token : token.contains(":") ? token + "/128" : token + "/32";
        int slash = text.indexOf('/');
        IpAddress base = IpAddress.parse(text.substring(0, slash)).orElse(null);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (base == null || prefix < 0 || prefix > base.bytes().length * 8) {
            throw new CorefileException(line, "plugin/acl: illegal CIDR notation \"" + text + "\"");
        }
        return new Net(base, prefix);
    }
}
