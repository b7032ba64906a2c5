package dev.kdi.records.gen;

import dev.kdi.records.objects.ClusterSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shrinks a failing cluster to one that still fails with as few objects as greedy removal finds:
 * a failure report of three objects is read in seconds, one of three hundred is not.
 */
public final class Shrinker {
    private Shrinker() {
    }

    /**
     * The smallest cluster found by dropping objects one at a time, repeatedly, while the
     * predicate still holds.
     *
     * @param start a cluster for which {@code fails} is true
     * @param fails whether a cluster still shows the failure; must not throw
     */
    public static ClusterSnapshot shrink(ClusterSnapshot start, Predicate<ClusterSnapshot> fails) {
        ClusterSnapshot current = start;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int part = 0; part < 6; part++) {
                int size = size(current, part);
                for (int i = size - 1; i >= 0; i--) {
                    ClusterSnapshot candidate = without(current, part, i);
                    if (fails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    }
                }
            }
        }
        return current;
    }

    private static int size(ClusterSnapshot s, int part) {
        return switch (part) {
            case 0 -> s.services().size();
            case 1 -> s.pods().size();
            case 2 -> s.endpointSlices().size();
            case 3 -> s.endpoints().size();
            case 4 -> s.workloads().size();
            default -> s.namespaces().size();
        };
    }

    private static ClusterSnapshot without(ClusterSnapshot s, int part, int index) {
        return switch (part) {
            case 0 -> new ClusterSnapshot(s.namespaces(), drop(s.services(), index), s.endpointSlices(), s.endpoints(),
                    s.pods(), s.workloads(), s.corefile());
            case 1 -> new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(),
                    drop(s.pods(), index), s.workloads(), s.corefile());
            case 2 -> new ClusterSnapshot(s.namespaces(), s.services(), drop(s.endpointSlices(), index), s.endpoints(),
                    s.pods(), s.workloads(), s.corefile());
            case 3 -> new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), drop(s.endpoints(), index),
                    s.pods(), s.workloads(), s.corefile());
            case 4 -> new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(), s.pods(),
                    drop(s.workloads(), index), s.corefile());
            default -> {
                Set<String> ns = new LinkedHashSet<>(s.namespaces());
                ns.remove(new ArrayList<>(s.namespaces()).get(index));
                yield new ClusterSnapshot(ns, s.services(), s.endpointSlices(), s.endpoints(), s.pods(), s.workloads(),
                        s.corefile());
            }
        };
    }

    private static <T> List<T> drop(List<T> list, int index) {
        List<T> out = new ArrayList<>(list);
        out.remove(index);
        return out;
    }
}
