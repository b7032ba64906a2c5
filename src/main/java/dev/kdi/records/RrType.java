package dev.kdi.records;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DNS record (or query) type, by its IANA code.
 *
 * @param code the type code
 */
public record RrType(int code) implements Comparable<RrType> {

    public static final RrType A = new RrType(1);
    public static final RrType NS = new RrType(2);
    public static final RrType CNAME = new RrType(5);
    public static final RrType SOA = new RrType(6);
    public static final RrType PTR = new RrType(12);
    public static final RrType MX = new RrType(15);
    public static final RrType TXT = new RrType(16);
    public static final RrType AAAA = new RrType(28);
    public static final RrType SRV = new RrType(33);
    public static final RrType OPT = new RrType(41);
    public static final RrType HTTPS = new RrType(65);
    public static final RrType IXFR = new RrType(251);
    public static final RrType AXFR = new RrType(252);
    public static final RrType ANY = new RrType(255);

    private static final Map<String, RrType> BY_NAME = Map.ofEntries(
            Map.entry("A", A), Map.entry("NS", NS), Map.entry("CNAME", CNAME), Map.entry("SOA", SOA),
            Map.entry("PTR", PTR), Map.entry("MX", MX), Map.entry("TXT", TXT), Map.entry("AAAA", AAAA),
            Map.entry("SRV", SRV), Map.entry("OPT", OPT), Map.entry("HTTPS", HTTPS), Map.entry("IXFR", IXFR),
            Map.entry("AXFR", AXFR), Map.entry("ANY", ANY), Map.entry("SVCB", new RrType(64)),
            Map.entry("CAA", new RrType(257)), Map.entry("HINFO", new RrType(13)), Map.entry("NAPTR", new RrType(35)),
            Map.entry("DS", new RrType(43)), Map.entry("DNSKEY", new RrType(48)));

    public RrType {
        if (code < 0 || code > 65535) {
            throw new IllegalArgumentException("a type code is 0..65535, not " + code);
        }
    }

    /** The type for a mnemonic ({@code AAAA}) or RFC 3597 form ({@code TYPE28}), any case. */
    public static Optional<RrType> parse(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        RrType known = BY_NAME.get(t);
        if (known != null) {
            return Optional.of(known);
        }
        if (t.startsWith("TYPE") && t.length() > 4) {
            try {
                int code = Integer.parseInt(t.substring(4));
                if (code >= 0 && code <= 65535) {
                    return Optional.of(new RrType(code));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The mnemonic, or {@code TYPEnnn} for types without one here. */
    public String mnemonic() {
        for (Map.Entry<String, RrType> e : BY_NAME.entrySet()) {
            if (e.getValue().code == code) {
                return e.getKey();
            }
        }
        return "TYPE" + code;
    }

    @Override
    public String toString() {
        return mnemonic();
    }

    @Override
    public int compareTo(RrType o) {
        return Integer.compare(code, o.code);
    }
}
