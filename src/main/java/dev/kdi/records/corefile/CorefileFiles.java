package dev.kdi.records.corefile;

import java.util.List;

/**
 * The files a Corefile names ({@code import /etc/coredns/custom/*.server},
 * {@code hosts /etc/coredns/NodeHosts}), as the DNS pod sees them: the caller resolves paths
 * through the pod's volumes and mounts (or a local folder), so the parser stays pure.
 */
@FunctionalInterface
public interface CorefileFiles {

    /** No file is known: every path is unresolved. */
    CorefileFiles NONE = pattern -> Match.unresolved("no files of the DNS pods are known (give the CoreDNS Deployment "
            + "and its ConfigMaps with -f, or --corefile-dir DIR)");

    /**
     * The files an absolute path or glob (one {@code *} or {@code ?} in the last element at most)
     * names, in name order.
     */
    Match match(String pattern);

    /**
     * One file as the DNS pod reads it.
     *
     * @param path its path in the pod ({@code /etc/coredns/custom/rewrite.override})
     * @param text its content
     * @param source where the content comes from, for messages and "who answered"
     *     ({@code ConfigMap kube-system/coredns-custom key rewrite.override})
     */
    record File(String path, String text, String source) {
    }

    /**
     * What a pattern names.
     *
     * @param files the files, in name order; empty when none exists (or when unresolved)
     * @param unresolved why the pattern cannot be followed, or null when the answer is known
     */
    record Match(List<File> files, String unresolved) {
        public Match {
            files = List.copyOf(files);
        }

        public static Match of(List<File> files) {
            return new Match(files, null);
        }

        public static Match unresolved(String why) {
            return new Match(List.of(), why);
        }

        public boolean isResolved() {
            return unresolved == null;
        }
    }

    /**
     * Go's {@code filepath.Match} for the patterns CoreDNS accepts: {@code *} and {@code ?} never
     * match a {@code /}.
     */
    static boolean globMatches(String pattern, String path) {
        return glob(pattern, 0, path, 0);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                    if (k < s.length() && s.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '?' ? s.charAt(si) == '/' : c != s.charAt(si)) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    /** Whether a path is a pattern rather than one file. */
    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }
}
