package dev.kdi.records;

/** How a DNS server answers a question, as the tool reports it. */
public enum Status {
    /** The name exists and the answer has records. */
    NOERROR,
    /** The name exists but has no records of the asked type (NOERROR, empty answer). */
    NODATA,
    /** The name does not exist. */
    NXDOMAIN,
    /** The server failed. */
    SERVFAIL,
    /** The server refuses to answer. */
    REFUSED,
    /**
     * The cluster DNS hands the name to another resolver (outside its zones, or {@code fallthrough});
     * the model cannot know that resolver's answer.
     */
    FORWARDED,
    /**
     * The server writes no reply at all (the {@code acl} plugin's {@code drop}): the client waits
     * and times out.
     */
    DROPPED,
    /**
     * kdi does not know how this cluster's DNS server answers the question (kube-dns's answers
     * that differ from CoreDNS's in ways kdi does not model); the explanation says why.
     */
    NOT_MODELLED;

    /** Whether a resolver searching a list stops here: the name was found. */
    public boolean isSuccess() {
        return this == NOERROR;
    }
}
