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
    private final Pod[] pods;
    /** Each pod's addresses where they are not its own {@code ips}; null when none differ. */
    private final Object[] addresses;

    private PodEndpoints(Service service, Rule rule, Pod[] pods, Object[] addresses) {
        this.service = service;
        this.rule = rule;
        this.pods = pods;
        this.addresses = addresses;
    }

    /**
     * The endpoints of {@code pods} in a slice of {@code service}.
     *
     * @param addresses each pod's addresses in the slice, in the same order: the pod's own
     *     {@code ips} list where they are all of them, which is then not kept twice
     */
    public static PodEndpoints of(Service service, Rule rule, List<Pod> pods, List<List<String>> addresses) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(rule, "rule");
        if (pods.size() != addresses.size()) {
            throw new IllegalArgumentException(pods.size() + " pods but " + addresses.size() + " address lists");
        }
        Pod[] p = pods.toArray(new Pod[0]);
        Object[] a = null;
        for (int i = 0; i < p.length; i++) {
            List<String> own = Objects.requireNonNull(addresses.get(i), "addresses");
            if (own != p[i].ips()) {
                if (a == null) {
                    a = new Object[p.length];
                }
                a[i] = List.copyOf(own);
            }
        }
        return new PodEndpoints(service, rule, p, a);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Endpoint get(int index) {
        Pod pod = pods[index];
        Object own = addresses == null ? null : addresses[index];
        return rule.endpoint(pod, service, own == null ? pod.ips() : (List<String>) own);
    }

    @Override
    public int size() {
        return pods.length;
    }
}
