package dev.kdi.records.searchpath;

/** The C library whose stub resolver runs in the pod's container. */
public enum Resolver {
    /** GNU libc: Debian, Ubuntu, RHEL, distroless and most other images. */
    GLIBC("glibc"),
    /** musl libc: Alpine images. */
    MUSL("musl");

    private final String label;

    Resolver(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
