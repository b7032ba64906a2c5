package dev.kdi.records.corefile;

import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CoreDNS's {@code hosts} plugin as configured in one server block, with its entries indexed as
 * {@code plugin/hosts/hostsfile.go} indexes them: names lower case and absolute, names outside the
 * plugin's zones dropped, the file's entries before the inline ones, a PTR for every name unless
 * {@code no_reverse}; {@code *.} wildcards from CoreDNS v1.14.6 on.
 *
 * @param path the hosts file the pod reads ({@code /etc/hosts} by default)
 * @param zones the zones it answers (its arguments, or the block's keys)
 * @param fallthrough the zones of {@code fallthrough}, or null when the option is absent
 * @param fallthroughUnsupported {@code fallthrough_unsupported}: types other than A, AAAA and
 *     PTR go on to the next plugin
 * @param autoReverse false with {@code no_reverse}
 * @param ttl {@code ttl}, 3600 by default
 * @param entries the entries that made it into the index, file first
 * @param fileSource where the file's content came from, or null when it is unknown or absent
 * @param directive the {@code hosts} line
 */
public record HostsPlugin(String path, List<String> zones, List<String> fallthrough, boolean fallthroughUnsupported,
                          boolean autoReverse, long ttl, List<Entry> entries, String fileSource, Directive directive) {

    public static final long DEFAULT_TTL = 3600;

    /**
     * One name of one hosts line.
     *
     * @param name lower case and absolute
     * @param address as written (Go's {@code net.ParseIP} accepts it)
     * @param ipv4 whether CoreDNS files it as IPv4 (IPv4-mapped IPv6 included)
     * @param where the line it comes from
     * @param inline whether it is written in the Corefile rather than in the file
     */
    public record Entry(String name, String address, boolean ipv4, String where, boolean inline) {
    }

    public HostsPlugin {
        zones = List.copyOf(zones);
        fallthrough = fallthrough == null ? null : List.copyOf(fallthrough);
        entries = List.copyOf(entries);
    }

    /**
     * Reads hosts-file lines as {@code Hostsfile.parse} does: {@code #} comments, an address and
     * names per line, lines that do not parse skipped.
     *
     * @param text the lines
     * @param zones the plugin's zones; names outside them are dropped
     * @param where the source for each entry ({@code ... line N} is appended)
     * @param firstLine the line number of the text's first line
     * @param inline whether the lines are written in the Corefile
     */
    public static List<Entry> parseLines(String text, List<String> zones, String where, int firstLine, boolean inline) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            String addr = f[0];
            int zone = addr.indexOf('%');
            if (zone >= 0) {
                addr = addr.substring(0, zone);
            }
            int version = IpAddress.version(addr);
            if (version == 0) {
                continue;
            }
            for (int k = 1; k < f.length; k++) {
                String name = DnsNames.lower(DnsNames.absolute(f[k]));
                if (Zones.longest(zones, name) == null) {
                    continue;
                }
                out.add(new Entry(name, IpAddress.canonical(addr), version == 4,
                        where + " line " + (firstLine + i), inline));
            }
        }
        return out;
    }

    /** Whether {@code fallthrough} hands this name on. */
    public boolean fallsThrough(String name) {
        return Zones.fallsThrough(fallthrough, name);
    }

    /**
     * The index the plugin answers from.
     *
     * @param wildcards whether {@code *.} names match one label (CoreDNS v1.14.6 and newer)
     */
    public Index index(boolean wildcards) {
        return new Index(this, wildcards);
    }

    /**
     * Name → addresses and address → names, built once per model: the file's map and the inline
     * map are separate, as in CoreDNS, and each is asked in turn.
     */
    public static final class Index {
        private final Part file;
        private final Part inline;

        private Index(HostsPlugin plugin, boolean wildcards) {
            file = new Part(plugin.entries().stream().filter(e -> !e.inline()).toList(), plugin.autoReverse(), wildcards);
            inline = new Part(plugin.entries().stream().filter(Entry::inline).toList(), plugin.autoReverse(), wildcards);
        }

        /** The entries for a lower-case absolute name and family, the file's first. */
        public List<Entry> lookup(String name, boolean ipv4) {
            List<Entry> a = file.lookup(name, ipv4);
            List<Entry> b = inline.lookup(name, ipv4);
            if (b.isEmpty()) {
                return a;
            }
            if (a.isEmpty()) {
                return b;
            }
            List<Entry> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }

        /** The entries whose address is this one (printed as Go prints it), the file's first. */
        public List<Entry> names(String address) {
            List<Entry> both = new ArrayList<>(file.byAddress.getOrDefault(address, List.of()));
            both.addAll(inline.byAddress.getOrDefault(address, List.of()));
            return both;
        }
    }

    private static final class Part {
        private final Map<String, List<Entry>> v4 = new HashMap<>();
        private final Map<String, List<Entry>> v6 = new HashMap<>();
        private final Map<String, List<Entry>> wild4 = new HashMap<>();
        private final Map<String, List<Entry>> wild6 = new HashMap<>();
        private final Map<String, List<Entry>> byAddress = new HashMap<>();

        Part(List<Entry> entries, boolean autoReverse, boolean wildcards) {
            for (Entry e : entries) {
                boolean wild = wildcards && e.name().startsWith("*.");
                Map<String, List<Entry>> m = wild ? (e.ipv4() ? wild4 : wild6) : (e.ipv4() ? v4 : v6);
                m.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
                if (!wild && autoReverse) {
                    byAddress.computeIfAbsent(e.address(), k -> new ArrayList<>()).add(e);
                }
            }
        }

        List<Entry> lookup(String name, boolean ipv4) {
            List<Entry> exact = (ipv4 ? v4 : v6).get(name);
            if (exact != null) {
                return exact;
            }
            Map<String, List<Entry>> wild = ipv4 ? wild4 : wild6;
            int dot = name.indexOf('.');
            if (wild.isEmpty() || dot < 0 || dot == name.length() - 1) {
                // Most hosts files have no wildcard: no need to make the name one would be under.
                return List.of();
            }
            return wild.getOrDefault("*" + name.substring(dot), List.of());
        }
    }

    /**
     * The plugin as CoreDNS's {@code hostsParse} reads it: the file through the DNS pod's files,
     * what cannot be read said in {@code notes}.
     */
    static HostsPlugin parse(Directive d, List<String> blockZones, CorefileFiles files, List<String> notes)
            throws CorefileException {
        List<String> args = d.args();
        String path = "/etc/hosts";
        List<String> zones = new ArrayList<>();
        if (!args.isEmpty()) {
            path = args.get(0);
            if (!path.startsWith("/")) {
                // CoreDNS opens a relative path from its working directory, / in its image.
                path = "/" + path;
            }
            for (String z : args.subList(1, args.size())) {
                zones.addAll(Zones.of(z, d.line()));
            }
        }
        if (zones.isEmpty()) {
            zones.addAll(blockZones);
        }
        List<String> fallthrough = null;
        boolean unsupported = false;
        boolean autoReverse = true;
        long ttl = DEFAULT_TTL;
        StringBuilder inline = new StringBuilder();
        int inlineLine = -1;
        List<Entry> entries = new ArrayList<>();
        List<Entry> inlineEntries = new ArrayList<>();
        for (Directive o : d.block()) {
            switch (o.name()) {
                case "fallthrough" -> {
                    fallthrough = new ArrayList<>();
                    for (String z : o.args()) {
                        fallthrough.addAll(Zones.of(z, o.line()));
                    }
                }
                case "fallthrough_unsupported" -> {
                    if (!o.args().isEmpty()) {
                        throw new CorefileException(o.line(), "hosts: wrong argument count or unexpected line ending after "
                                + "'fallthrough_unsupported'");
                    }
                    unsupported = true;
                }
                case "no_reverse" -> autoReverse = false;
                case "ttl" -> {
                    if (o.args().isEmpty()) {
                        throw new CorefileException(o.line(), "hosts: ttl needs a time in second");
                    }
                    try {
                        ttl = Long.parseLong(o.args().get(0));
                    } catch (NumberFormatException e) {
                        throw new CorefileException(o.line(), "hosts: ttl needs a number of second");
                    }
                    if (ttl <= 0 || ttl > 65535) {
                        throw new CorefileException(o.line(), "hosts: ttl provided is invalid");
                    }
                }
                case "reload" -> {
                    if (o.args().size() != 1) {
                        throw new CorefileException(o.line(), "hosts: reload needs a duration (zero seconds to disable)");
                    }
                }
                default -> {
                    if (fallthrough != null) {
                        throw new CorefileException(o.line(), "hosts: unknown property '" + o.name() + "'");
                    }
                    inlineEntries.addAll(parseLines(o.name() + " " + String.join(" ", o.args()), zones,
                            o.source(), o.line(), true));
                }
            }
        }
        if (unsupported && fallthrough == null) {
            throw new CorefileException(d.line(), "hosts: fallthrough_unsupported requires fallthrough");
        }
        String fileSource = null;
        CorefileFiles.Match m = files.match(path);
        if (!m.isResolved()) {
            notes.add("hosts " + path + " (" + d.where() + "): " + m.unresolved() + "; the file is assumed to hold no entries");
        } else if (m.files().isEmpty()) {
            notes.add("hosts " + path + " (" + d.where() + "): the DNS pod has no such file; CoreDNS warns and serves the "
                    + "inline entries alone");
        } else {
            CorefileFiles.File f = m.files().get(0);
            fileSource = f.source();
            entries.addAll(parseLines(f.text(), zones, f.source(), 1, false));
        }
        entries.addAll(inlineEntries);
        return new HostsPlugin(path, zones, fallthrough, unsupported, autoReverse, ttl, entries, fileSource, d);
    }
}
