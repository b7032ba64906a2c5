package dev.kdi.records.objects;

/**
 * Something an answer depends on that the cluster has not decided yet: an address the API server
 * or the network plugin will assign, or how many nodes a DaemonSet will run on. Offline input
 * only; the model stands a placeholder in for it.
 *
 * @param kind what is not known
 * @param object the object it belongs to
 */
public record Unassigned(Kind kind, ObjectRef object) {

    /** What is not known; {@link #key()} is the stable word scripts read. */
    public enum Kind {
        CLUSTER_IP("clusterIP", "cluster IP"),
        POD_IP("podIP", "pod IP"),
        NODE_COUNT("nodeCount", "node count");

        private final String key;
        private final String words;

        Kind(String key, String words) {
            this.key = key;
            this.words = words;
        }

        /** The JSON word: {@code clusterIP}, {@code podIP}, {@code nodeCount}. */
        public String key() {
            return key;
        }

        public String words() {
            return words;
        }
    }

    /** E.g. {@code cluster IP of Service default/zk-cs}. */
    public String text() {
        if (kind == Kind.NODE_COUNT) {
            return "node count of " + object + " (one stand-in pod for a pod on every node)";
        }
        return kind.words() + " of " + object;
    }

    @Override
    public String toString() {
        return text();
    }
}
