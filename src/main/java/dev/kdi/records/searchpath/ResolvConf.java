package dev.kdi.records.searchpath;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod's {@code /etc/resolv.conf}, as the kubelet composes it and the container runtime writes it.
 *
 * @param nameservers the {@code nameserver} lines, in order
 * @param searches the {@code search} list, in order
 * @param options the {@code options} line, in order
 * @param source where the settings come from
 * @param complete false when the file copies the node's resolv.conf and that file is not known:
 *     then the lists hold only what the pod's {@code dnsConfig} adds, and no search path can be
 *     listed
 * @param droppedNameservers nameservers the kubelet left out to stay within its limits
 * @param droppedSearches search domains the kubelet left out to stay within its limits
 * @param explanation one plain sentence per rule that shaped the file
 */
public record ResolvConf(
        List<String> nameservers,
        List<String> searches,
        List<ResolvOption> options,
        Source source,
        boolean complete,
        List<String> droppedNameservers,
        List<String> droppedSearches,
        List<String> explanation) {

    /** Resolvers use {@code ndots:1} when resolv.conf does not set it. */
    public static final int DEFAULT_NDOTS = 1;

    /** Both glibc ({@code RES_MAXNDOTS}) and musl cap ndots at 15. */
    public static final int MAX_NDOTS = 15;

    /** Where a pod's resolver settings come from. */
    public enum Source {
        /** The cluster DNS Service (dnsPolicy ClusterFirst, or ClusterFirstWithHostNet). */
        CLUSTER_DNS("the cluster DNS"),
        /** The node's own resolv.conf (dnsPolicy Default, or ClusterFirst on the host network). */
        NODE("the node's resolv.conf"),
        /** Only the pod's {@code dnsConfig} (dnsPolicy None). */
        POD_DNS_CONFIG("the pod's dnsConfig only"),
        /** A file given as it is, for instance read from a running pod. */
        GIVEN("a given resolv.conf");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        searches = List.copyOf(searches);
        options = List.copyOf(options);
        Objects.requireNonNull(source, "source");
        droppedNameservers = List.copyOf(droppedNameservers);
        droppedSearches = List.copyOf(droppedSearches);
        explanation = List.copyOf(explanation);
    }

    /** A complete file given as it is. */
    public static ResolvConf of(List<String> nameservers, List<String> searches, List<ResolvOption> options) {
        return new ResolvConf(nameservers, searches, options, Source.GIVEN, true, List.of(), List.of(), List.of());
    }

    /** The last option of that name (resolvers read options left to right, later ones win). */
    public Optional<ResolvOption> option(String name) {
        for (int i = options.size() - 1; i >= 0; i--) {
            if (options.get(i).name().equals(name)) {
                return Optional.of(options.get(i));
            }
        }
        return Optional.empty();
    }

    public boolean hasOption(String name) {
        return option(name).isPresent();
    }

    /** The ndots the file sets (capped at 15), or 1 when it sets none or an unreadable value. */
    public int ndots() {
        return option("ndots")
                .map(ResolvOption::value)
                .filter(v -> v != null && !v.isEmpty() && v.chars().allMatch(Character::isDigit))
                .map(ResolvConf::capNdots)
                .orElse(DEFAULT_NDOTS);
    }

    /** A string of decimal digits read as ndots, capped without overflowing. */
    static int capNdots(String digits) {
        String v = digits.replaceFirst("^0+(?=.)", "");
        return v.length() > 2 ? MAX_NDOTS : Math.min(Integer.parseInt(v), MAX_NDOTS);
    }

    /** Whether the pod's queries go to the cluster DNS Service. */
    public boolean usesClusterDns() {
        return source == Source.CLUSTER_DNS;
    }

    /** The {@code search} line as written, or the empty string when there is none. */
    public String searchLine() {
        return searches.isEmpty() ? "" : "search " + String.join(" ", searches);
    }

    /**
     * The file as the container runtime writes it (containerd's CRI plugin: search line, then one
     * line per nameserver, then the options line; each line only when it has entries).
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (!searches.isEmpty()) {
            sb.append(searchLine()).append('\n');
        }
        for (String ns : nameservers) {
            sb.append("nameserver ").append(ns).append('\n');
        }
        if (!options.isEmpty()) {
            sb.append("options");
            for (ResolvOption o : options) {
                sb.append(' ').append(o);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
