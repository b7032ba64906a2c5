package dev.kdi.records.objects;

import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an offline snapshot holds that the cluster has not made yet: pods generated from their
 * workloads' templates, pods assumed Ready, and the placeholder addresses standing in for cluster
 * and pod IPs not assigned yet. Empty for a live cluster, which makes everything itself.
 *
 * <p>Immutable. Addresses are looked up as printed canonically; names by their first label (a
 * dashed address) or as a whole reverse name.
 */
public final class Provisional {
    /** Nothing provisional: a live cluster, or manifests that carry every address and pod. */
    public static final Provisional NONE = new Provisional(Map.of(), Set.of(), Set.of(), Map.of());

    private final Map<ObjectRef, ObjectRef> generators;
    private final Set<ObjectRef> standIns;
    private final Set<ObjectRef> assumedReady;
    private final Map<String, Unassigned> byAddress;
    private final Map<String, List<Unassigned>> byDashedLabel = new HashMap<>();

    /**
     * @param generators each generated pod and the workload it was generated from
     * @param standIns the generated pods that stand in for a pod on every node (DaemonSets)
     * @param assumedReady the pods assumed Ready because they do not exist yet
     * @param byAddress each placeholder address, printed canonically, and what it stands in for
     */
    public Provisional(Map<ObjectRef, ObjectRef> generators, Set<ObjectRef> standIns, Set<ObjectRef> assumedReady,
                       Map<String, Unassigned> byAddress) {
        this.generators = Map.copyOf(generators);
        this.standIns = Set.copyOf(standIns);
        this.assumedReady = Set.copyOf(assumedReady);
        this.byAddress = Map.copyOf(byAddress);
        for (Map.Entry<String, Unassigned> e : this.byAddress.entrySet()) {
            byDashedLabel.put(dashed(e.getKey()), marks(e.getValue()));
        }
    }

    public boolean isEmpty() {
        return generators.isEmpty() && assumedReady.isEmpty() && byAddress.isEmpty();
    }

    /** The workload a generated pod was made from; empty for a pod in the input. */
    public Optional<ObjectRef> generator(ObjectRef pod) {
        return Optional.ofNullable(generators.get(pod));
    }

    public boolean isGenerated(ObjectRef pod) {
        return generators.containsKey(pod);
    }

    /** Whether the pod stands in for one pod per node (a DaemonSet's). */
    public boolean isStandIn(ObjectRef pod) {
        return standIns.contains(pod);
    }

    /** Whether the pod is taken to be Ready because it does not exist yet. */
    public boolean isAssumedReady(ObjectRef pod) {
        return assumedReady.contains(pod);
    }

    /** The generated pods and their workloads. */
    public Map<ObjectRef, ObjectRef> generators() {
        return generators;
    }

    /** Every placeholder address and what it stands in for. */
    public Map<String, Unassigned> placeholders() {
        return byAddress;
    }

    /** Whether the address is a placeholder. */
    public boolean isPlaceholder(String address) {
        return !byAddress.isEmpty() && placeholder(address).isPresent();
    }

    /** What a placeholder address stands in for, with the node count when its pod is a stand-in. */
    public List<Unassigned> ofAddress(String address) {
        return placeholder(address).map(this::marks).orElse(List.of());
    }

    /**
     * What a name depends on: its first label when that is a placeholder with dashes
     * ({@code 240-1-2-3.zk-hs...}, {@code 240-1-2-3.default.pod...}), or the address a reverse
     * name spells.
     */
    public List<Unassigned> ofName(String name) {
        if (byAddress.isEmpty() || name == null) {
            return List.of();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".in-addr.arpa.") || lower.endsWith(".ip6.arpa.")) {
            return IpAddress.fromReverseName(lower).map(this::ofAddress).orElse(List.of());
        }
        int dot = lower.indexOf('.');
        List<Unassigned> found = byDashedLabel.get(dot < 0 ? lower : lower.substring(0, dot));
        return found == null ? List.of() : found;
    }

    private Optional<Unassigned> placeholder(String address) {
        Unassigned u = byAddress.get(address);
        if (u == null) {
            String canonical = IpAddress.canonical(address);
            u = canonical == null ? null : byAddress.get(canonical);
        }
        return Optional.ofNullable(u);
    }

    private List<Unassigned> marks(Unassigned u) {
        if (u.kind() == Unassigned.Kind.POD_IP && standIns.contains(u.object())) {
            ObjectRef daemonSet = generators.get(u.object());
            List<Unassigned> out = new ArrayList<>(2);
            out.add(u);
            out.add(new Unassigned(Unassigned.Kind.NODE_COUNT, daemonSet));
            return List.copyOf(out);
        }
        return List.of(u);
    }

    /** The address with dashes, as CoreDNS names an endpoint or a pod by it. */
    public static String dashed(String address) {
        if (address.contains(".")) {
            return address.replace('.', '-');
        }
        String d = address.replace(':', '-');
        return (d.endsWith("-") ? d + "0" : d).toLowerCase(Locale.ROOT);
    }
}
