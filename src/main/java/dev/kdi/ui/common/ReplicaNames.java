package dev.kdi.ui.common;

import java.util.List;

/**
 * Replica names short enough for a column: the pods of one Deployment differ only at their ends
 * ({@code coredns-668d6bf9bc-4xkzq}, {@code coredns-668d6bf9bc-9wqpn}), so the part they share
 * goes and the end stays whole.
 */
public final class ReplicaNames {
    private ReplicaNames() {
    }

    /**
     * The names without their namespace and without the prefix all share up to a hyphen
     * ({@code …-4xkzq}); whole pod names when they share none, or when there is one.
     *
     * @param replicas {@code namespace/pod} or pod names
     */
    public static List<String> shortNames(List<String> replicas) {
        List<String> pods = replicas.stream().map(r -> r.substring(r.indexOf('/') + 1)).toList();
        if (pods.size() < 2) {
            return pods;
        }
        String first = pods.get(0);
        int common = first.length();
        for (String p : pods) {
            int n = 0;
            while (n < Math.min(common, p.length()) && p.charAt(n) == first.charAt(n)) {
                n++;
            }
            common = n;
        }
        int cut = first.lastIndexOf('-', Math.max(0, common - 1));
        if (cut <= 0) {
            return pods;
        }
        return pods.stream().map(p -> "…" + p.substring(cut)).toList();
    }
}
