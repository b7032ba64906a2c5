package dev.kdi.records;

import java.util.List;
import java.util.Locale;

/** The data of a resource record, one record type per variant, printed in zone-file form. */
public sealed interface Rdata {

    /** The record type this data belongs to. */
    RrType type();

    /** The presentation form, as in a zone file or dig's answer section. */
    String text();

    /**
     * The same data with names lower-cased, for comparisons in which case does not count.
     */
    default Rdata normalized() {
        return this;
    }

    /** An IPv4 address, printed dotted. */
    record A(String address) implements Rdata {
        public RrType type() {
            return RrType.A;
        }

        public String text() {
            return address;
        }
    }

    /** An IPv6 address, printed in RFC 5952 form. */
    record Aaaa(String address) implements Rdata {
        public RrType type() {
            return RrType.AAAA;
        }

        public String text() {
            return address;
        }
    }

    /** An alias. */
    record Cname(String target) implements Rdata {
        public RrType type() {
            return RrType.CNAME;
        }

        public String text() {
            return target;
        }

        public Rdata normalized() {
            return new Cname(target.toLowerCase(Locale.ROOT));
        }
    }

    /** A reverse pointer. */
    record Ptr(String target) implements Rdata {
        public RrType type() {
            return RrType.PTR;
        }

        public String text() {
            return target;
        }

        public Rdata normalized() {
            return new Ptr(target.toLowerCase(Locale.ROOT));
        }
    }

    /** A name server. */
    record Ns(String target) implements Rdata {
        public RrType type() {
            return RrType.NS;
        }

        public String text() {
            return target;
        }

        public Rdata normalized() {
            return new Ns(target.toLowerCase(Locale.ROOT));
        }
    }

    /** A service location. */
    record Srv(int priority, int weight, int port, String target) implements Rdata {
        public RrType type() {
            return RrType.SRV;
        }

        public String text() {
            return priority + " " + weight + " " + port + " " + target;
        }

        public Rdata normalized() {
            return new Srv(priority, weight, port, target.toLowerCase(Locale.ROOT));
        }

        /** The same location with the weight set to 0, for comparisons that ignore weights. */
        public Srv withoutWeight() {
            return new Srv(priority, 0, port, target.toLowerCase(Locale.ROOT));
        }
    }

    /** Text strings, printed quoted. */
    record Txt(List<String> strings) implements Rdata {
        public Txt {
            strings = List.copyOf(strings);
        }

        public RrType type() {
            return RrType.TXT;
        }

        public String text() {
            StringBuilder sb = new StringBuilder();
            for (String s : strings) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
            return sb.toString();
        }
    }

    /** Start of authority. */
    record Soa(String mname, String rname, long serial, long refresh, long retry, long expire, long minimum)
            implements Rdata {
        public RrType type() {
            return RrType.SOA;
        }

        public String text() {
            return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " " + minimum;
        }

        public Rdata normalized() {
            return new Soa(mname.toLowerCase(Locale.ROOT), rname.toLowerCase(Locale.ROOT), serial, refresh, retry,
                    expire, minimum);
        }
    }

    /** Any other type, kept in its presentation form (answers from a live server). */
    record Other(RrType type, String text) implements Rdata {
    }
}
