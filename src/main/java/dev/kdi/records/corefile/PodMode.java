package dev.kdi.records.corefile;

/** The {@code pods} option: whether {@code a-b-c-d.ns.pod.<zone>} names answer. */
public enum PodMode {
    /** CoreDNS's default: pod names are NXDOMAIN. */
    DISABLED,
    /** Any well-formed name answers with the address spelled in it. */
    INSECURE,
    /** Only names whose address belongs to a pod in that namespace answer. */
    VERIFIED;

    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
