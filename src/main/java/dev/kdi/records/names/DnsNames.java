package dev.kdi.records.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Helpers for absolute DNS names, matched case-insensitively as CoreDNS matches them. */
public final class DnsNames {
    private DnsNames() {
    }

    /** The name with a trailing dot; {@code .} stays the root. */
    public static String absolute(String name) {
        if (name.isEmpty()) {
            return ".";
        }
        return name.endsWith(".") ? name : name + ".";
    }

    /** Lower case in the ASCII sense, as DNS compares names. */
    public static String lower(String name) {
        // Names are nearly always lower case already; finding that out is the common case.
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c >= 0x80) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /**
     * {@link String#equalsIgnoreCase}, trying the exact comparison first: names that match
     * usually match exactly, and the JDK folds case character by character even then.
     */
    public static boolean equalIgnoringCase(String a, String b) {
        return a.equals(b) || a.equalsIgnoreCase(b);
    }

    /** Whether {@code child} equals {@code parent} or lies under it (both absolute). */
    public static boolean isSubdomain(String parent, String child) {
        if (parent.equals(".")) {
            return true;
        }
        int pl = parent.length();
        int cl = child.length();
        if (cl < pl) {
            return false;
        }
        if (!child.regionMatches(cl - pl, parent, 0, pl) && !child.regionMatches(true, cl - pl, parent, 0, pl)) {
            return false;
        }
        return cl == pl || child.charAt(cl - pl - 1) == '.';
    }

    /** The labels of an absolute name, left to right, without the root. */
    public static List<String> labels(String name) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                if (i > start) {
                    out.add(name.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (start < name.length()) {
            out.add(name.substring(start));
        }
        return out;
    }

    /** The number of labels of an absolute name. */
    public static int labelCount(String name) {
        int n = 0;
        boolean inLabel = false;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                inLabel = false;
            } else if (!inLabel) {
                inLabel = true;
                n++;
            }
        }
        return n;
    }

    /**
     * Whether the text is a syntactically valid host name for a CNAME target: labels of letters,
     * digits, dashes and underscores, 1 to 63 characters each, at most 253 in all (trailing dot
     * allowed).
     */
    public static boolean isValidDomainName(String s) {
        if (s == null || s.isEmpty() || s.equals(".") || !fitsTheWire(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * miekg/dns's {@code IsDomainName}, which CoreDNS asks of a rewritten name: any characters, in
     * labels of 1 to 63 octets, 253 in all without the trailing dot; the root is a name.
     */
    public static boolean fitsTheWire(String name) {
        if (name.equals(".")) {
            return true;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /**
     * The reverse zones a CIDR such as {@code 10.96.0.0/12} stands for in a Corefile, split on
     * octet (IPv4) or nibble (IPv6) boundaries as CoreDNS does; empty when the text is no CIDR.
     */
    public static Optional<List<String>> reverseZonesOfCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<IpAddress> ip = IpAddress.parse(text.substring(0, slash));
        int ones;
        try {
            ones = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = ip.get().bytes();
        int bits = b.length * 8;
        if (ones < 0 || ones > bits) {
            return Optional.empty();
        }
        int digit = b.length == 4 ? 8 : 4;
        int rounded = ((ones + digit - 1) / digit) * digit;
        // Mask the network address first, as Go's ParseCIDR does.
        byte[] net = mask(b, ones);
        int subnets = 1 << (rounded - ones);
        List<String> zones = new ArrayList<>(subnets);
        for (int i = 0; i < subnets; i++) {
            byte[] sub = add(net, (long) i, rounded, bits);
            zones.add(reverseZone(sub, rounded, digit));
        }
        return Optional.of(zones);
    }

    private static byte[] mask(byte[] b, int ones) {
        byte[] out = b.clone();
        for (int i = 0; i < out.length * 8; i++) {
            if (i >= ones) {
                out[i / 8] &= (byte) ~(0x80 >>> (i % 8));
            }
        }
        return out;
    }

    private static byte[] add(byte[] net, long index, int prefix, int bits) {
        byte[] out = net.clone();
        // Add index shifted to sit just above the new prefix boundary.
        int shift = bits - prefix;
        long carry = index;
        int bit = shift;
        while (carry != 0 && bit < bits) {
            if ((carry & 1) != 0) {
                int pos = bits - 1 - bit;
                out[pos / 8] |= (byte) (0x80 >>> (pos % 8));
            }
            carry >>>= 1;
            bit++;
        }
        return out;
    }

    private static String reverseZone(byte[] b, int prefix, int digit) {
        StringBuilder sb = new StringBuilder();
        if (digit == 8) {
            for (int i = prefix / 8 - 1; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa.").toString();
        }
        for (int n = prefix / 4 - 1; n >= 0; n--) {
            int nibble = (n % 2 == 0) ? (b[n / 2] >> 4) & 0xf : b[n / 2] & 0xf;
            sb.append(Character.forDigit(nibble, 16)).append('.');
        }
        return sb.append("ip6.arpa.").toString();
    }
}
