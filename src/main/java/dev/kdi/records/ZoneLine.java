package dev.kdi.records;

import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One resource record in zone-file text, read as {@code dns.NewRR} reads the text a
 * {@code template} produces: the owner first, then TTL and class in either order (TTL 3600 and
 * class IN when absent), the type and its data (parentheses group it); relative names are made
 * absolute.
 */
final class ZoneLine {
    static final long DEFAULT_TTL = 3600;

    private ZoneLine() {
    }

    /** The record, or an exception whose message says what CoreDNS's parser would say. */
    static ResourceRecord parse(String text) {
        List<String> f = fields(text);
        if (f.size() < 2) {
            throw new IllegalArgumentException("not a resource record: \"" + text.strip() + "\"");
        }
        String owner = DnsNames.absolute(f.get(0));
        int i = 1;
        long ttl = DEFAULT_TTL;
        boolean sawTtl = false;
        boolean sawClass = false;
        while (i < f.size()) {
            String t = f.get(i);
            if (!sawTtl && t.chars().allMatch(Character::isDigit)) {
                ttl = Long.parseLong(t);
                sawTtl = true;
                i++;
            } else if (!sawClass && List.of("IN", "CH", "HS", "CLASS1").contains(t.toUpperCase(Locale.ROOT))) {
                if (!t.equalsIgnoreCase("IN") && !t.equalsIgnoreCase("CLASS1")) {
                    throw new IllegalArgumentException("class " + t + " is not modelled");
                }
                sawClass = true;
                i++;
            } else {
                break;
            }
        }
        if (i >= f.size()) {
            throw new IllegalArgumentException("no type in \"" + text.strip() + "\"");
        }
        String typeText = f.get(i);
        RrType type = RrType.parse(typeText).orElseThrow(() -> new IllegalArgumentException("unknown RR type " + typeText));
        List<String> data = f.subList(i + 1, f.size());
        return new ResourceRecord(owner, ttl, rdata(type, data, text));
    }

    private static Rdata rdata(RrType type, List<String> d, String text) {
        try {
            if (type.equals(RrType.A) || type.equals(RrType.AAAA)) {
                String ip = d.get(0);
                int v = IpAddress.version(ip);
                if (d.size() != 1 || v == 0 || type.equals(RrType.A) != (v == 4)) {
                    throw new IllegalArgumentException("bad " + type + " address \"" + ip + "\"");
                }
                String canonical = IpAddress.canonical(ip);
                return type.equals(RrType.A) ? new Rdata.A(canonical) : new Rdata.Aaaa(canonical);
            }
            if (type.equals(RrType.CNAME)) {
                return new Rdata.Cname(DnsNames.absolute(one(d)));
            }
            if (type.equals(RrType.PTR)) {
                return new Rdata.Ptr(DnsNames.absolute(one(d)));
            }
            if (type.equals(RrType.NS)) {
                return new Rdata.Ns(DnsNames.absolute(one(d)));
            }
            if (type.equals(RrType.SRV)) {
                return new Rdata.Srv(Integer.parseInt(d.get(0)), Integer.parseInt(d.get(1)), Integer.parseInt(d.get(2)),
                        DnsNames.absolute(d.get(3)));
            }
            if (type.equals(RrType.SOA)) {
                return new Rdata.Soa(DnsNames.absolute(d.get(0)), DnsNames.absolute(d.get(1)), Long.parseLong(d.get(2)),
                        Long.parseLong(d.get(3)), Long.parseLong(d.get(4)), Long.parseLong(d.get(5)), Long.parseLong(d.get(6)));
            }
            if (type.equals(RrType.TXT)) {
                return new Rdata.Txt(d);
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("bad " + type + " data in \"" + text.strip() + "\"");
        }
        return new Rdata.Other(type, String.join(" ", d));
    }

    private static String one(List<String> d) {
        if (d.size() != 1) {
            throw new IllegalArgumentException("expected one name, got " + d.size() + " fields");
        }
        return d.get(0);
    }

    /** Whitespace-separated fields; a quoted string is one field, without its quotes. */
    private static List<String> fields(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ')') {
                // Parentheses only group a record over lines in zone-file text.
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    sb.append(text.charAt(i++));
                }
                i++;
                out.add(sb.toString());
            } else {
                int s = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '('
                        && text.charAt(i) != ')') {
                    i++;
                }
                out.add(text.substring(s, i));
            }
        }
        return out;
    }
}
