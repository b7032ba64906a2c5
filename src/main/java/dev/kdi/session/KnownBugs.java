package dev.kdi.session;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.corefile.ServerBlock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CoreDNS releases with a bug a Kubernetes cluster is likely to hit. Each row was checked against
 * CoreDNS's own history (the release that first carries the change, the release that undoes it)
 * and cites the upstream issue and the pull request that fixed it. A row applies only when the
 * Corefile in force uses what the bug is in, so a cluster is not told about a bug it cannot hit.
 */
final class KnownBugs {

    private KnownBugs() {
    }

    /** What of the Corefile a bug needs to be hit. */
    enum Trigger {
        /** A {@code forward} plugin (with more than one upstream the bug shows). */
        FORWARD,
        /** A {@code forward} to a {@code tls://} upstream. */
        FORWARD_OVER_TLS,
        /** A {@code kubernetes} plugin. */
        KUBERNETES,
        /** A {@code kubernetes} plugin with {@code pods verified}. */
        PODS_VERIFIED,
        /** A {@code kubernetes} plugin serving reverse zones ({@code in-addr.arpa}, {@code ip6.arpa}). */
        REVERSE_ZONES,
        /** {@code reload} beside a {@code kubernetes} plugin. */
        RELOAD;

        boolean in(Corefile corefile) {
            for (ServerBlock b : corefile.blocks()) {
                Optional<KubernetesPlugin> k = b.kubernetes();
                boolean hit = switch (this) {
                    case FORWARD -> !b.forwards().isEmpty();
                    case FORWARD_OVER_TLS -> b.forwards().stream().flatMap(f -> f.to().stream())
                            .anyMatch(to -> to.toLowerCase(java.util.Locale.ROOT).startsWith("tls://"));
                    case KUBERNETES -> k.isPresent();
                    case PODS_VERIFIED -> k.filter(p -> p.pods() == PodMode.VERIFIED).isPresent();
                    case REVERSE_ZONES -> k.filter(p -> p.zones().stream().anyMatch(KubernetesPlugin::isReverse))
                            .isPresent();
                    case RELOAD -> b.has("reload") && corefile.blocks().stream().anyMatch(o -> o.kubernetes().isPresent());
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A CoreDNS release number. */
    record Version(int major, int minor, int patch) implements Comparable<Version> {
        private static final Pattern LEADING = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

        /**
         * The release a version or an image tag names: {@code 1.12.0}, {@code v1.8.4},
         * {@code v1.11.1-eksbuild.4} (a vendor's rebuild of 1.11.1); empty for anything else,
         * such as {@code latest} or a digest.
         */
        static Optional<Version> parse(String text) {
            Matcher m = LEADING.matcher(text.strip());
            if (!m.lookingAt()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** The tag of an image reference ({@code registry.k8s.io/coredns/coredns:v1.12.0}), if any. */
        static Optional<Version> ofImage(String image) {
            String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
            int colon = name.lastIndexOf(':');
            if (colon < 0 || name.indexOf('/', colon) >= 0) {
                return Optional.empty();
            }
            return parse(name.substring(colon + 1));
        }

        @Override
        public int compareTo(Version o) {
            int c = Integer.compare(major, o.major);
            if (c == 0) {
                c = Integer.compare(minor, o.minor);
            }
            return c == 0 ? Integer.compare(patch, o.patch) : c;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    /**
     * One row.
     *
     * @param from the first release with the bug
     * @param fixedIn the first release without it again
     * @param trigger what of the Corefile the bug needs
     * @param what what the user sees, one clause
     * @param issue the upstream issue reporting it, {@code coredns/coredns#7177}
     * @param fix the pull request that fixed it
     */
    record Bug(Version from, Version fixedIn, Trigger trigger, String what, String issue, String fix) {
        boolean affects(Version v) {
            return v.compareTo(from) >= 0 && v.compareTo(fixedIn) < 0;
        }
    }

    private static Version v(int major, int minor, int patch) {
        return new Version(major, minor, patch);
    }

    /** The table, one row per bug. */
    static final List<Bug> TABLE = List.of(
            // The policy dedup (#3537) made every policy pick the first upstream; #3919 reverted it.
            new Bug(v(1, 6, 7), v(1, 7, 0), Trigger.FORWARD, "the forward plugin sends every query to its first"
                    + " upstream whatever its policy", "coredns/coredns#3900", "coredns/coredns#3919"),
            // EndpointSlices are watched from 1.8.1 on Kubernetes 1.19+, without their ready condition.
            new Bug(v(1, 8, 1), v(1, 8, 4), Trigger.KUBERNETES, "on Kubernetes 1.19 and later, headless Services"
                    + " answer with the addresses of pods that are not ready", "coredns/coredns#4594", "coredns/coredns#4580"),
            // klog.InitFlags in the kubernetes plugin's setup (from the klog/v2 switch, #4778) runs again on reload.
            new Bug(v(1, 8, 5), v(1, 8, 6), Trigger.RELOAD, "a Corefile reload panics (flag redefined: log_dir)"
                    + " and the replica restarts", "coredns/coredns#4880", "coredns/coredns#4881"),
            // A pod update with deletionTimestamp aborted the whole delta batch (since #3890), losing the delete.
            new Bug(v(1, 7, 0), v(1, 12, 1), Trigger.PODS_VERIFIED, "with 'pods verified', deleted pods now and"
                    + " then keep resolving", "coredns/coredns#7119", "coredns/coredns#7131"),
            // #6014 kept forwarded connections waiting on malformed replies; 1.11.1 reverted it.
            new Bug(v(1, 11, 0), v(1, 11, 1), Trigger.FORWARD_OVER_TLS, "forwarding over TLS drives the CPU to"
                    + " its limit after some hours", "coredns/coredns#6255", "coredns/coredns#6270"),
            // #6898 gave PTR records only to endpoints with a hostname; #7194 reverted it.
            new Bug(v(1, 11, 4), v(1, 12, 1), Trigger.REVERSE_ZONES, "reverse (PTR) lookups of pod IPs behind a"
                    + " Service without a hostname answer NXDOMAIN", "coredns/coredns#7177", "coredns/coredns#7194"));

    /** The rows a release has and the Corefile in force can hit, in the table's order. */
    static List<Bug> affecting(Version version, Corefile corefile) {
        return TABLE.stream().filter(b -> b.affects(version) && b.trigger().in(corefile)).toList();
    }
}
