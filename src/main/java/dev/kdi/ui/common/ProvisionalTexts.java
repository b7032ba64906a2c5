package dev.kdi.ui.common;

import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Provisional;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the window marks what manifests do not hold yet: pods generated from their workloads'
 * templates and placeholder addresses. The same words in the tree and the details pane.
 */
public final class ProvisionalTexts {
    /** The tree's short mark for a generated pod. */
    public static final String GENERATED = "generated";

    private ProvisionalTexts() {
    }

    /** The addresses, each placeholder marked: {@code 241.2.3.4 (placeholder, not assigned yet)}. */
    public static String addresses(List<String> ips, Provisional p) {
        return ips.stream().map(ip -> address(ip, p)).collect(Collectors.joining(", "));
    }

    public static String address(String ip, Provisional p) {
        return p.isPlaceholder(ip) ? ip + " (placeholder, not assigned yet)" : ip;
    }

    /**
     * What a generated pod is, e.g. {@code generated from StatefulSet default/zk, assumed ready};
     * empty for a pod of the input.
     */
    public static String generated(Pod pod, Provisional p) {
        return p.generator(pod.ref()).map(w -> "generated from " + w + ", assumed ready"
                + (p.isStandIn(pod.ref()) ? "; stands in for one pod on every node" : "")).orElse(
                p.isAssumedReady(pod.ref()) ? "not created yet, assumed ready" : "");
    }

    /** The tree's mark for a pod: {@code generated}, {@code generated · per node}, or empty. */
    public static String treeMark(Pod pod, Provisional p) {
        if (!p.isGenerated(pod.ref())) {
            return p.isAssumedReady(pod.ref()) ? "not created yet" : "";
        }
        return p.isStandIn(pod.ref()) ? GENERATED + " · per node" : GENERATED;
    }
}
