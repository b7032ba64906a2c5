package dev.kdi.records.searchpath;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known of the node's {@code /etc/resolv.conf} (the file the kubelet's
 * {@code --resolv-conf} names), which the kubelet copies for some pods.
 *
 * <p>Offline nothing is known of it: {@link #unknown()}. A caller may know only the node's search
 * domains ({@link #searchesOnly}), which is all ClusterFirst pods take from it, or the whole file
 * ({@link #of}, {@link #parse}), which Default pods copy.
 *
 * @param nameservers the node's nameservers (empty unless {@code complete})
 * @param searches the node's search domains, trailing dots removed as the kubelet removes them
 * @param options the node's options (empty unless {@code complete})
 * @param complete whether the whole file is known
 */
public record NodeResolvConf(List<String> nameservers, List<String> searches, List<ResolvOption> options,
        boolean complete) {

    public NodeResolvConf {
        nameservers = List.copyOf(nameservers);
        // The kubelet's parseResolvConf trims one trailing dot so "a." and "a" count once.
        searches = searches.stream().map(s -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s).toList();
        options = List.copyOf(options);
    }

    public static NodeResolvConf unknown() {
        return new NodeResolvConf(List.of(), List.of(), List.of(), false);
    }

    public static NodeResolvConf searchesOnly(List<String> searches) {
        return new NodeResolvConf(List.of(), searches, List.of(), false);
    }

    public static NodeResolvConf of(List<String> nameservers, List<String> searches, List<ResolvOption> options) {
        return new NodeResolvConf(nameservers, searches, options, true);
    }

    /**
     * Reads a resolv.conf text as the kubelet does: {@code nameserver} lines add up, the last
     * {@code search} line wins, the last {@code options} line wins, {@code #} starts a comment line.
     * Lines it does not know (including {@code domain}) are ignored, as the kubelet ignores them.
     */
    public static NodeResolvConf parse(String text) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = List.of();
        List<ResolvOption> options = List.of();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            switch (fields[0]) {
                case "nameserver" -> {
                    if (fields.length >= 2) {
                        nameservers.add(fields[1]);
                    }
                }
                case "search" -> {
                    List<String> s = new ArrayList<>();
                    for (int i = 1; i < fields.length; i++) {
                        s.add(fields[i]);
                    }
                    searches = s;
                }
                case "options" -> {
                    List<ResolvOption> o = new ArrayList<>();
                    for (int i = 1; i < fields.length; i++) {
                        o.add(ResolvOption.parse(fields[i]));
                    }
                    options = o;
                }
                default -> {
                    // Not read by the kubelet either.
                }
            }
        }
        return of(nameservers, searches, options);
    }
}
