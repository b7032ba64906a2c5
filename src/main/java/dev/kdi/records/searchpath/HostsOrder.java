package dev.kdi.records.searchpath;

/**
 * When a pod's resolver reads {@code /etc/hosts} for an address lookup, relative to asking DNS:
 * the {@code hosts:} line of glibc's {@code /etc/nsswitch.conf}. musl has no nsswitch.conf and
 * always reads the hosts file first.
 */
public enum HostsOrder {
    /** {@code hosts: files dns}: what Debian, Ubuntu, RHEL/UBI and distroless images ship. */
    FILES_DNS("files,dns", "hosts: files dns"),
    /** {@code hosts: dns files}: the hosts file is read when DNS finds nothing or fails. */
    DNS_FILES("dns,files", "hosts: dns files"),
    /**
     * No {@code /etc/nsswitch.conf}: glibc's built-in {@code dns [!UNAVAIL=return] files}
     * ({@code nss/nss_database.c}), so the hosts file is read only when no DNS server can be used.
     */
    NO_NSSWITCH("none", "no /etc/nsswitch.conf: glibc's default hosts: dns [!UNAVAIL=return] files");

    private final String flag;
    private final String description;

    HostsOrder(String flag, String description) {
        this.flag = flag;
        this.description = description;
    }

    /** How {@code --nsswitch} spells it. */
    public String flag() {
        return flag;
    }

    public String description() {
        return description;
    }

    /** The order for a {@code --nsswitch} value, or null. */
    public static HostsOrder parse(String flag) {
        for (HostsOrder o : values()) {
            if (o.flag.equals(flag)) {
                return o;
            }
        }
        return null;
    }
}
