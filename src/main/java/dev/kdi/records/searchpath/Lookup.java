package dev.kdi.records.searchpath;

import dev.kdi.records.RrType;
import java.util.List;
import java.util.Objects;

/** What a program asks its resolver for, which decides the query types sent for each name tried. */
public sealed interface Lookup permits Lookup.Addresses, Lookup.Records {

    /** {@code getaddrinfo} with no address family: A and AAAA for each name tried. */
    static Lookup addresses() {
        return Addresses.BOTH;
    }

    /** {@code getaddrinfo} for IPv4 only: A for each name tried. */
    static Lookup ipv4() {
        return Addresses.V4;
    }

    /** {@code getaddrinfo} for IPv6 only: AAAA for each name tried. */
    static Lookup ipv6() {
        return Addresses.V6;
    }

    /** {@code res_search} for one record type, as {@code host} and most SRV clients ask. */
    static Lookup records(RrType type) {
        return new Records(type);
    }

    /**
     * The lookup a program makes for one type: {@code getaddrinfo} for one address family when it
     * is A or AAAA, {@code res_search} for any other type.
     */
    static Lookup forType(RrType type) {
        if (type.equals(RrType.A)) {
            return ipv4();
        }
        return type.equals(RrType.AAAA) ? ipv6() : records(type);
    }

    /** The types asked for each name, in the order they are sent. */
    List<RrType> types();

    /** How the lookup is described in explanations. */
    String description();

    /**
     * An address lookup through {@code getaddrinfo}.
     *
     * @param ipv4 whether A is asked
     * @param ipv6 whether AAAA is asked
     */
    record Addresses(boolean ipv4, boolean ipv6) implements Lookup {
        static final Addresses BOTH = new Addresses(true, true);
        static final Addresses V4 = new Addresses(true, false);
        static final Addresses V6 = new Addresses(false, true);

        public Addresses {
            if (!ipv4 && !ipv6) {
                throw new IllegalArgumentException("an address lookup asks for IPv4, IPv6 or both");
            }
        }

        @Override
        public List<RrType> types() {
            if (ipv4 && ipv6) {
                return List.of(RrType.A, RrType.AAAA);
            }
            return List.of(ipv4 ? RrType.A : RrType.AAAA);
        }

        @Override
        public String description() {
            if (ipv4 && ipv6) {
                return "getaddrinfo (A and AAAA)";
            }
            return "getaddrinfo (" + (ipv4 ? "A" : "AAAA") + " only)";
        }
    }

    /**
     * A lookup of one record type through {@code res_search}.
     *
     * @param type the type asked
     */
    record Records(RrType type) implements Lookup {
        public Records {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public List<RrType> types() {
            return List.of(type);
        }

        @Override
        public String description() {
            return "res_search (" + type + ")";
        }
    }
}
