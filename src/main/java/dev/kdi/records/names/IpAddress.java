package dev.kdi.records.names;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address, parsed as Go's {@code net.ParseIP} parses and printed as Go prints.
 *
 * <p>Kept separate from {@link java.net.InetAddress}, which accepts forms Go refuses (octets with
 * leading zeros, zone indexes) and may resolve names.
 */
public final class IpAddress {
    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address, or empty when Go's {@code net.ParseIP} would return nil. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                byte[] v4 = parseIPv4(text);
                return v4 == null ? Optional.empty() : Optional.of(new IpAddress(v4));
            }
            if (c == ':') {
                byte[] v6 = parseIPv6(text);
                return v6 == null ? Optional.empty() : Optional.of(new IpAddress(v6));
            }
        }
        return Optional.empty();
    }

    /** Whether the text parses as an address. */
    public static boolean isAddress(String text) {
        return isPlainIPv4(text) || parse(text).isPresent();
    }

    /**
     * 4 for an IPv4 address (or an IPv4-mapped IPv6 one, as Go's {@code To4} sees it), 6 for
     * IPv6, 0 when the text is no address: {@code parse(text)} decided without allocating for
     * dotted IPv4, the common case on the answer path.
     */
    public static int version(String text) {
        if (isPlainIPv4(text)) {
            return 4;
        }
        Optional<IpAddress> ip = parse(text);
        return ip.isEmpty() ? 0 : ip.get().isIPv4() ? 4 : 6;
    }

    /**
     * The address printed as Go prints it, or null when the text is no address. Dotted IPv4 text
     * that parses is printed the same way already, so it comes back as it is.
     */
    public static String canonical(String text) {
        if (isPlainIPv4(text)) {
            return text;
        }
        return parse(text).map(IpAddress::toString).orElse(null);
    }

    /**
     * Whether {@link #parse} reads the text as four dotted octets (what {@link #parseIPv4}
     * accepts): an IPv4 address that {@link #toString} prints back as the same text.
     */
    public static boolean isPlainIPv4(String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        int pos = 0;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (pos >= n || s.charAt(pos) != '.') {
                    return false;
                }
                pos++;
            }
            int start = pos;
            int value = 0;
            while (pos < n) {
                char c = s.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                pos++;
                if (pos - start > 3 || value > 255) {
                    return false;
                }
            }
            int digits = pos - start;
            if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
        }
        return pos == n;
    }

    /** From 4 or 16 raw bytes. */
    public static IpAddress ofBytes(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + raw.length);
        }
        return new IpAddress(raw.clone());
    }

    private static byte[] parseIPv4(String s) {
        byte[] out = new byte[4];
        int pos = 0;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (pos >= s.length() || s.charAt(pos) != '.') {
                    return null;
                }
                pos++;
            }
            int start = pos;
            int value = 0;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
                if (pos - start > 3 || value > 255) {
                    return null;
                }
            }
            int digits = pos - start;
            if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part] = (byte) value;
        }
        return pos == s.length() ? out : null;
    }

    private static byte[] parseIPv6(String s) {
        byte[] out = new byte[16];
        int ellipsis = -1;
        int pos = 0;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            pos = 2;
            if (pos == s.length()) {
                return out;
            }
        }
        int i = 0;
        while (i < 16) {
            int start = pos;
            int value = 0;
            while (pos < s.length() && Character.digit(s.charAt(pos), 16) >= 0 && s.charAt(pos) < 128) {
                value = value * 16 + Character.digit(s.charAt(pos), 16);
                pos++;
                if (pos - start > 4) {
                    return null;
                }
            }
            if (pos == start) {
                return null;
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                if (ellipsis < 0 && i != 12) {
                    return null;
                }
                if (i + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseIPv4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, i, 4);
                i += 4;
                pos = s.length();
                break;
            }
            out[i] = (byte) (value >> 8);
            out[i + 1] = (byte) value;
            i += 2;
            if (pos == s.length()) {
                break;
            }
            if (s.charAt(pos) != ':' || pos + 1 == s.length()) {
                return null;
            }
            pos++;
            if (s.charAt(pos) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                pos++;
                if (pos == s.length()) {
                    break;
                }
            }
        }
        if (pos != s.length()) {
            return null;
        }
        if (i < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                out[j + n] = out[j];
            }
            for (int j = ellipsis + n - 1; j >= ellipsis; j--) {
                out[j] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return out;
    }

    /** Whether the text is a loopback address (Go's {@code IsLoopback}: 127.0.0.0/8, ::1). */
    public static boolean isLoopback(String text) {
        IpAddress ip = parse(text).orElse(null);
        if (ip == null) {
            return false;
        }
        byte[] b = ip.bytes();
        if (b.length == 4) {
            return b[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    /** An IPv4 address, or an IPv4-mapped IPv6 address (Go's {@code To4() != nil}). */
    public boolean isIPv4() {
        if (bytes.length == 4) {
            return true;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** The 4 bytes of an IPv4 address or the 16 of an IPv6 one. */
    public byte[] bytes() {
        if (isIPv4() && bytes.length == 16) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes.clone();
    }

    /** Printed as Go prints it: dotted IPv4, or RFC 5952 IPv6. */
    @Override
    public String toString() {
        byte[] b = bytes();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int g = 0; g < 8; ) {
            if (group(b, g) == 0) {
                int start = g;
                while (g < 8 && group(b, g) == 0) {
                    g++;
                }
                if (g - start > bestLen && g - start >= 2) {
                    bestStart = start;
                    bestLen = g - start;
                }
            } else {
                g++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(b, g)));
        }
        return sb.toString();
    }

    private static int group(byte[] b, int g) {
        return ((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff);
    }

    /**
     * The reverse-lookup name: {@code 4.3.2.1.in-addr.arpa.} or the 32 nibbles under
     * {@code ip6.arpa.}.
     */
    public String reverseName() {
        byte[] b = bytes();
        StringBuilder sb = new StringBuilder(b.length == 4 ? 29 : 73);
        if (b.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa.").toString();
        }
        for (int i = 15; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.');
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa.").toString();
    }

    /**
     * The address a full reverse name spells, printed as Go prints it, or empty; as CoreDNS's
     * {@code dnsutil.ExtractAddressFromReverse} reads it (the name lower case and absolute).
     */
    public static Optional<String> fromReverseName(String name) {
        if (name.endsWith(".in-addr.arpa.")) {
            String[] parts = name.substring(0, name.length() - ".in-addr.arpa.".length()).split("\\.", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = parts.length - 1; i >= 0; i--) {
                sb.append(parts[i]);
                if (i > 0) {
                    sb.append('.');
                }
            }
            return parse(sb.toString()).filter(IpAddress::isIPv4).map(IpAddress::toString);
        }
        if (name.endsWith(".ip6.arpa.")) {
            String[] parts = name.substring(0, name.length() - ".ip6.arpa.".length()).split("\\.", -1);
            StringBuilder sb = new StringBuilder();
            int groups = parts.length / 4;
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    sb.append(':');
                }
                for (int k = 0; k < 4; k++) {
                    sb.append(parts[parts.length - 1 - (g * 4 + k)]);
                }
            }
            return parse(sb.toString()).map(IpAddress::toString);
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes(), other.bytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes());
    }
}
