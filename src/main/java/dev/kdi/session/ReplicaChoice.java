package dev.kdi.session;

/** Which DNS replicas a question goes to. */
public sealed interface ReplicaChoice {

    /** One ready replica, whichever answers first; the cluster's own load balancing does the same. */
    record AnyReady() implements ReplicaChoice {
    }

    /** One named replica ({@code namespace/pod}, or just the pod's name). */
    record One(String replica) implements ReplicaChoice {
    }

    /** Every replica, to see whether they agree. */
    record All() implements ReplicaChoice {
    }

    static ReplicaChoice any() {
        return new AnyReady();
    }

    static ReplicaChoice all() {
        return new All();
    }

    static ReplicaChoice one(String replica) {
        return new One(replica);
    }
}
