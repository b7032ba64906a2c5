package dev.kdi.records.objects;

/** A port's transport protocol; Kubernetes defaults it to TCP. */
public enum Protocol {
    TCP, UDP, SCTP;

    /** The protocol for a Kubernetes spelling, TCP when absent; empty for an unknown one. */
    public static java.util.Optional<Protocol> parse(String value) {
        if (value == null || value.isEmpty()) {
            return java.util.Optional.of(TCP);
        }
        for (Protocol p : values()) {
            if (p.name().equals(value)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
