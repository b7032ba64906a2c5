package dev.kdi.records.corefile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order in which one CoreDNS release chains its plugins (its {@code plugin.cfg}), whatever
 * order a Corefile writes them in.
 *
 * <p>The orders of every release from v1.8.0 on ship as data ({@code plugin-order.txt}); the
 * order changes even between patch releases (v1.14.2 moved {@code acl} after {@code rewrite},
 * v1.14.7 moved {@code autopath} and {@code cache}), so the DNS pods' image tag picks one.
 *
 * @param version the release this order was chosen for, as asked ({@code 1.12.0})
 * @param release the range of releases that share the order ({@code v1.12.0..v1.12.1})
 * @param plugins the plugin names, first runs first
 * @param note why this order was chosen when the version was not one the table knows, or null
 */
public record PluginOrder(String version, String release, List<String> plugins, String note) {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final List<Range> TABLE = load();

    public PluginOrder {
        plugins = List.copyOf(plugins);
    }

    private record Range(int[] first, int[] last, String firstText, String lastText, List<String> plugins) {
    }

    /** The newest release the table knows. */
    public static PluginOrder newest() {
        Range r = TABLE.get(TABLE.size() - 1);
        return new PluginOrder(r.lastText(), "v" + r.firstText() + "..v" + r.lastText(), r.plugins(), null);
    }

    /**
     * The order for an image tag or version ({@code v1.11.1}, {@code 1.12.0},
     * {@code rancher/mirrored-coredns-coredns:1.12.3}); the newest release's when the text names
     * no version.
     */
    public static PluginOrder forVersion(String text) {
        Optional<int[]> parsed = parse(text);
        if (parsed.isEmpty()) {
            PluginOrder n = newest();
            return new PluginOrder(n.version(), n.release(), n.plugins(),
                    "'" + text + "' names no CoreDNS version: the order of v" + n.version() + " is assumed");
        }
        int[] v = parsed.get();
        String shown = v[0] + "." + v[1] + "." + v[2];
        Range first = TABLE.get(0);
        if (compare(v, first.first()) < 0) {
            return new PluginOrder(shown, "v" + first.firstText() + "..v" + first.lastText(), first.plugins(),
                    "CoreDNS v" + shown + " is older than v" + first.firstText()
                            + ", the oldest release kdi knows: its plugin order is assumed");
        }
        Range chosen = first;
        for (Range r : TABLE) {
            if (compare(v, r.first()) >= 0) {
                chosen = r;
            }
        }
        String note = compare(v, chosen.last()) > 0 && chosen == TABLE.get(TABLE.size() - 1)
                ? "CoreDNS v" + shown + " is newer than v" + chosen.lastText()
                        + ", the newest release kdi knows: its plugin order is assumed"
                : null;
        return new PluginOrder(shown, "v" + chosen.firstText() + "..v" + chosen.lastText(), chosen.plugins(), note);
    }

    /** The version in a tag or image reference, when it has one. */
    public static Optional<int[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String tag = text;
        int slash = tag.lastIndexOf('/');
        int colon = tag.lastIndexOf(':');
        if (colon > slash) {
            tag = tag.substring(colon + 1);
        }
        Matcher m = VERSION.matcher(tag);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))});
    }

    /** Whether this release has the plugin at all. */
    public boolean knows(String plugin) {
        return plugins.contains(plugin);
    }

    /** The plugin's place in the chain, or -1 when this release does not have it. */
    public int rank(String plugin) {
        return plugins.indexOf(plugin);
    }

    /** Whether the version is at least {@code major.minor.patch} (features added in a release). */
    public boolean atLeast(int major, int minor, int patch) {
        return parse(version).map(v -> compare(v, new int[] {major, minor, patch}) >= 0).orElse(true);
    }

    private static int compare(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    private static List<Range> load() {
        List<Range> out = new ArrayList<>();
        try (InputStream in = PluginOrder.class.getResourceAsStream("plugin-order.txt")) {
            if (in == null) {
                throw new IllegalStateException("plugin-order.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String[] range = line.substring(0, colon).trim().split(" ");
                List<String> names = List.of(line.substring(colon + 1).trim().split(" "));
                out.add(new Range(parse(range[0]).orElseThrow(), parse(range[1]).orElseThrow(), range[0], range[1], names));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
