package dev.kdi.records.objects;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The endpoints of a slice derived from pods, each made from its pod when read. A large cluster
 * has an endpoint per pod for every Service selecting it, and each would be an object the model
 * keeps for as long as the snapshot is shown (149,200 at 150,000 pods) while everything it holds
 * is the pod's already: here a slice keeps its pods and the Service. Immutable, and equal to any
 * list of equal endpoints, as {@link List} requires; an endpoint read twice is two equal records.
 */
public final class PodEndpoints extends AbstractList<Endpoint> implements RandomAccess {
    /** How the controller makes a pod's endpoint in a slice of the Service. */
    @FunctionalInterface
    public interface Rule {
        Endpoint endpoint(Pod pod, Service service, List<String> addresses);
    }

    private final Service service;
    private final Rule rule;
    /** The pods are {@code pods[from, from + size)}: slices of one snapshot share arrays (see {@link Store}). */
    private final Pod[] pods;
    private final int from;
    private final int size;
    /** Each pod's addresses where they are not its own {@code ips}; null when none differ. */
    private final Object[] addresses;

    private PodEndpoints(Service service, Rule rule, Pod[] pods, int from, int size, Object[] addresses) {
        this.service = service;
        this.rule = rule;
        this.pods = pods;
        this.from = from;
        this.size = size;
        this.addresses = addresses;
    }

    /**
     * Where the pods of many slices are kept: a few large arrays a slice takes its range of, so
     * that 19,900 slices do not keep 19,900 small arrays. Not thread-safe: one per derivation.
     */
    public static final class Store {
        private static final int CHUNK = 4096;
        private Pod[] chunk = new Pod[0];
        private int used;

        /**
         * The endpoints of {@code pods} in a slice of {@code service}, the pods kept in this store.
         *
         * @param addresses each pod's addresses in the slice, in the same order: the pod's own
         *     {@code ips} list where they are all of them, which is then not kept twice
         */
        public PodEndpoints endpoints(Service service, Rule rule, List<Pod> pods, List<List<String>> addresses) {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(rule, "rule");
            int n = pods.size();
            if (n != addresses.size()) {
                throw new IllegalArgumentException(n + " pods but " + addresses.size() + " address lists");
            }
            if (used + n > chunk.length) {
                chunk = new Pod[Math.max(CHUNK, n)];
                used = 0;
            }
            int from = used;
            Object[] a = null;
            for (int i = 0; i < n; i++) {
                Pod pod = Objects.requireNonNull(pods.get(i), "pod");
                List<String> own = Objects.requireNonNull(addresses.get(i), "addresses");
                chunk[from + i] = pod;
                if (own != pod.ips()) {
                    if (a == null) {
                        a = new Object[n];
                    }
                    a[i] = List.copyOf(own);
                }
            }
            used += n;
            return new PodEndpoints(service, rule, chunk, from, n, a);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Endpoint get(int index) {
        Objects.checkIndex(index, size);
        Pod pod = pods[from + index];
        Object own = addresses == null ? null : addresses[index];
        return rule.endpoint(pod, service, own == null ? pod.ips() : (List<String>) own);
    }

    @Override
    public int size() {
        return size;
    }
}
