package dev.kdi.records.corefile;

import dev.kdi.records.names.DnsNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a Corefile (Caddyfile syntax) into server blocks and the {@code kubernetes} plugin's
 * options.
 *
 * <p>Rejects what CoreDNS itself would refuse to load for the parts that matter here (braces,
 * the kubernetes plugin's option values); ignores plugins and options it does not model.
 */
public final class CorefileParser {

    /** kubeadm's default Corefile: assumed only when no Corefile is known at all. */
    public static final String KUBEADM_DEFAULT = """
            .:53 {
                errors
                health {
                   lameduck 5s
                }
                ready
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                   pods insecure
                   fallthrough in-addr.arpa ip6.arpa
                   ttl 30
                }
                prometheus :9153
                forward . /etc/resolv.conf {
                   max_concurrent 1000
                }
                cache 30 {
                   disable success cluster.local
                   disable denial cluster.local
                }
                loop
                reload
                loadbalance
            }
            """;

    /** The path CoreDNS's image reads its Corefile from ({@code -conf /etc/coredns/Corefile}). */
    public static final String COREFILE_PATH = "/etc/coredns/Corefile";
    private static final int MAX_IMPORT_DEPTH = 100;

    /**
     * One token and where it was read: {@code source} names the text for messages, {@code file}
     * is its path in the pod (relative imports are relative to it).
     */
    private record Token(String text, int line, boolean quoted, String source, String file) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }

        /** Whether it begins a line: the first token, or another line or text than the one before. */
        boolean startsLineAfter(Token previous) {
            return previous == null || previous.line() != line || !previous.file().equals(file);
        }
    }

    private final List<Token> tokens;
    private int pos;
    private final Map<String, List<Token>> snippets = new HashMap<>();
    private final CorefileFiles files;
    private final List<String> notes = new ArrayList<>();
    private int expansions;

    private CorefileParser(List<Token> tokens, CorefileFiles files) {
        this.tokens = new ArrayList<>(tokens);
        this.files = files;
    }

    /** The kubeadm default, parsed. */
    public static Corefile kubeadmDefault() {
        try {
            return parse(KUBEADM_DEFAULT, "kubeadm's default Corefile");
        } catch (CorefileException e) {
            throw new IllegalStateException("the built-in default Corefile does not parse", e);
        }
    }

    /**
     * Parses Corefile text whose files are unknown: imports of files and hosts files are named
     * in the Corefile's notes.
     *
     * @param text the Corefile
     * @param origin where it came from, kept for messages
     * @throws CorefileException when CoreDNS would refuse it; the message names the line
     */
    public static Corefile parse(String text, String origin) throws CorefileException {
        return parse(text, origin, CorefileFiles.NONE);
    }

    /**
     * Parses Corefile text read from {@link #COREFILE_PATH}, following its imports and hosts files
     * through the files the DNS pod sees.
     *
     * @param files the DNS pod's files
     */
    public static Corefile parse(String text, String origin, CorefileFiles files) throws CorefileException {
        CorefileParser p = new CorefileParser(tokenize(text, origin, COREFILE_PATH), files);
        List<ServerBlock> blocks = p.serverBlocks();
        return new Corefile(blocks, origin, p.notes, PluginOrder.newest());
    }

    private static List<Token> tokenize(String text, String source, String file) throws CorefileException {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == ',') {
                // Commas separate server block keys; elsewhere CoreDNS has no use for them either.
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int start = line;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new CorefileException(start, where(source, "unterminated quoted string"));
                    }
                    char q = text.charAt(i);
                    if (q == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
                        sb.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        if (q == '\n') {
                            line++;
                        }
                        sb.append(q);
                        i++;
                    }
                }
                out.add(new Token(sb.toString(), start, true, source, file));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"'
                        && text.charAt(i) != ',') {
                    i++;
                }
                out.add(new Token(text.substring(start, i), line, false, source, file));
            }
        }
        return out;
    }

    /** A message about an imported text names it; the Corefile's own lines need no name. */
    private static String where(String source, String message) {
        return source == null || !source.startsWith("/") && !source.contains(" key ") ? message : source + ": " + message;
    }

    private List<ServerBlock> serverBlocks() throws CorefileException {
        List<ServerBlock> blocks = new ArrayList<>();
        while (pos < tokens.size()) {
            Token first = tokens.get(pos);
            if (first.is("import")) {
                // Imports at the top splice whole server blocks (and snippets) in their place.
                spliceImport(pos);
                continue;
            }
            if (first.text().startsWith("(") && first.text().endsWith(")") && !first.quoted()) {
                defineSnippet();
                continue;
            }
            List<Token> keys = new ArrayList<>();
            while (pos < tokens.size() && !tokens.get(pos).is("{")) {
                Token t = tokens.get(pos);
                if (t.is("}")) {
                    throw new CorefileException(t.line(), where(t.source(), "unexpected '}'"));
                }
                keys.add(t);
                pos++;
            }
            if (pos >= tokens.size()) {
                throw new CorefileException(first.line(), where(first.source(), "server block '" + first.text() + "' has no '{'"));
            }
            pos++;
            List<Token> body = blockTokens(first.line());
            List<ServerAddress> addresses = new ArrayList<>();
            for (Token k : keys) {
                addresses.addAll(serverAddresses(k));
            }
            List<Directive> directives = directives(expandImports(body, 0));
            blocks.add(block(addresses, directives, first.line()));
        }
        if (blocks.isEmpty()) {
            throw new CorefileException(1, "no server block");
        }
        return blocks;
    }

    private ServerBlock block(List<ServerAddress> addresses, List<Directive> directives, int line) throws CorefileException {
        Optional<KubernetesPlugin> kubernetes = Optional.empty();
        Optional<HostsPlugin> hosts = Optional.empty();
        List<RewriteRule> rewrites = new ArrayList<>();
        List<TemplateRule> templates = new ArrayList<>();
        List<String> blockZones = addresses.stream().map(ServerAddress::zone).distinct().toList();
        for (Directive d : directives) {
            switch (d.name()) {
                case "kubernetes" -> {
                    if (kubernetes.isPresent()) {
                        throw new CorefileException(d.line(), "plugin 'kubernetes' can only be used once per server block");
                    }
                    kubernetes = Optional.of(kubernetes(d, addresses));
                }
                case "hosts" -> {
                    if (hosts.isPresent()) {
                        throw new CorefileException(d.line(), "plugin/hosts: this plugin can only be used once per Server Block");
                    }
                    hosts = Optional.of(hosts(d, blockZones));
                }
                case "rewrite" -> rewrites.addAll(RewriteRule.parse(d));
                case "template" -> templates.add(TemplateRule.parse(d, blockZones, CorefileParser::zonesOf));
                default -> {
                    // Other plugins are chained by name; the model says which it does not follow.
                }
            }
        }
        return new ServerBlock(addresses, directives, kubernetes, line, hosts, rewrites, templates);
    }

    private HostsPlugin hosts(Directive d, List<String> blockZones) throws CorefileException {
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
                zones.addAll(zonesOf(z, d.line()));
            }
        }
        if (zones.isEmpty()) {
            zones.addAll(blockZones);
        }
        List<String> fallthrough = null;
        boolean unsupported = false;
        boolean autoReverse = true;
        long ttl = HostsPlugin.DEFAULT_TTL;
        StringBuilder inline = new StringBuilder();
        int inlineLine = -1;
        List<HostsPlugin.Entry> entries = new ArrayList<>();
        List<HostsPlugin.Entry> inlineEntries = new ArrayList<>();
        for (Directive o : d.block()) {
            switch (o.name()) {
                case "fallthrough" -> {
                    fallthrough = new ArrayList<>();
                    for (String z : o.args()) {
                        fallthrough.addAll(zonesOf(z, o.line()));
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
                    inlineEntries.addAll(HostsPlugin.parseLines(o.name() + " " + String.join(" ", o.args()), zones,
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
            entries.addAll(HostsPlugin.parseLines(f.text(), zones, f.source(), 1, false));
        }
        entries.addAll(inlineEntries);
        return new HostsPlugin(path, zones, fallthrough, unsupported, autoReverse, ttl, entries, fileSource, d);
    }

    private void defineSnippet() throws CorefileException {
        Token name = tokens.get(pos++);
        if (pos >= tokens.size() || !tokens.get(pos).is("{")) {
            throw new CorefileException(name.line(), where(name.source(), "snippet " + name.text() + " has no '{'"));
        }
        pos++;
        String key = name.text().substring(1, name.text().length() - 1);
        if (snippets.containsKey(key)) {
            throw new CorefileException(name.line(), where(name.source(), "redeclaration of previously declared snippet " + key));
        }
        snippets.put(key, blockTokens(name.line()));
    }

    /** The tokens up to the '}' that closes the block whose '{' was just read. */
    private List<Token> blockTokens(int openLine) throws CorefileException {
        List<Token> body = new ArrayList<>();
        int depth = 1;
        while (pos < tokens.size()) {
            Token t = tokens.get(pos++);
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth--;
                if (depth == 0) {
                    return body;
                }
            }
            body.add(t);
        }
        throw new CorefileException(openLine, "'{' is never closed");
    }

    /** Replaces the top-level {@code import X} at {@code at} with what X names. */
    private void spliceImport(int at) throws CorefileException {
        Token imp = tokens.get(at);
        if (at + 1 >= tokens.size() || tokens.get(at + 1).line() != imp.line()) {
            throw new CorefileException(imp.line(), where(imp.source(), "import: wrong argument count or unexpected line ending"));
        }
        Token what = tokens.get(at + 1);
        List<Token> in = imported(imp, what);
        tokens.subList(at, at + 2).clear();
        tokens.addAll(at, in);
    }

    /** Expands the imports of a server block's body (snippets and files, nested). */
    private List<Token> expandImports(List<Token> body, int depth) throws CorefileException {
        if (depth > MAX_IMPORT_DEPTH) {
            Token t = body.get(0);
            throw new CorefileException(t.line(), where(t.source(), "maximum import depth (" + MAX_IMPORT_DEPTH
                    + ") exceeded: an import imports itself"));
        }
        List<Token> out = new ArrayList<>(body.size());
        boolean any = false;
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            Token previous = i == 0 ? null : body.get(i - 1);
            if (t.is("import") && t.startsLineAfter(previous)) {
                if (i + 1 >= body.size() || body.get(i + 1).line() != t.line() || !body.get(i + 1).file().equals(t.file())) {
                    throw new CorefileException(t.line(), where(t.source(), "import: wrong argument count or unexpected line ending"));
                }
                Token what = body.get(++i);
                if (i + 1 < body.size() && body.get(i + 1).line() == t.line() && body.get(i + 1).file().equals(t.file())) {
                    throw new CorefileException(t.line(), where(t.source(), "Import takes only one argument (glob pattern or file)"));
                }
                out.addAll(imported(t, what));
                any = true;
                continue;
            }
            out.add(t);
        }
        return any ? expandImports(out, depth + 1) : out;
    }

    /** The tokens {@code import WHAT} stands for: a snippet's, or those of the files it names. */
    private List<Token> imported(Token imp, Token what) throws CorefileException {
        if (++expansions > 10_000) {
            throw new CorefileException(imp.line(), where(imp.source(), "maximum import depth exceeded"));
        }
        List<Token> snippet = snippets.get(what.text());
        if (snippet != null) {
            List<Token> out = new ArrayList<>(snippet.size());
            for (Token s : snippet) {
                // A snippet's tokens keep their own lines, so lines (and imports in them) stay apart.
                out.add(new Token(s.text(), s.line(), s.quoted(), s.source(), s.file()));
            }
            return out;
        }
        String pattern = what.text();
        if (!pattern.startsWith("/")) {
            String dir = imp.file().substring(0, imp.file().lastIndexOf('/') + 1);
            pattern = dir + pattern;
        }
        if (count(pattern, '*') > 1 || count(pattern, '?') > 1 || pattern.contains("[") && pattern.contains("]")) {
            throw new CorefileException(imp.line(), where(imp.source(), "Glob pattern may only contain one wildcard (*), but "
                    + "has others: " + pattern));
        }
        CorefileFiles.Match m = files.match(pattern);
        String at = imp.source() == null || imp.source().isEmpty() ? "line " + imp.line() : imp.source() + " line " + imp.line();
        if (!m.isResolved()) {
            notes.add("import " + what.text() + " (" + at + "): " + m.unresolved() + "; what it would add is not part of "
                    + "the prediction");
            return List.of();
        }
        if (m.files().isEmpty()) {
            if (CorefileFiles.isGlob(pattern)) {
                notes.add("import " + what.text() + " (" + at + "): no file of the DNS pod matches; CoreDNS warns and goes on");
                return List.of();
            }
            throw new CorefileException(imp.line(), where(imp.source(), "File to import not found: " + what.text()));
        }
        List<Token> out = new ArrayList<>();
        for (CorefileFiles.File f : m.files()) {
            out.addAll(tokenize(f.text(), f.source(), f.path()));
        }
        return out;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }

    /** Directives are lines; a line ending in '{' owns the block that follows. */
    private static List<Directive> directives(List<Token> body) throws CorefileException {
        List<Directive> out = new ArrayList<>();
        int i = 0;
        while (i < body.size()) {
            Token head = body.get(i);
            if (head.is("{") || head.is("}")) {
                throw new CorefileException(head.line(), "unexpected '" + head.text() + "'");
            }
            List<String> args = new ArrayList<>();
            i++;
            List<Directive> sub = List.of();
            while (i < body.size() && body.get(i).line() == head.line() && body.get(i).file().equals(head.file())) {
                Token t = body.get(i);
                if (t.is("{")) {
                    int depth = 1;
                    int start = ++i;
                    while (i < body.size() && depth > 0) {
                        if (body.get(i).is("{")) {
                            depth++;
                        } else if (body.get(i).is("}")) {
                            depth--;
                        }
                        i++;
                    }
                    if (depth != 0) {
                        throw new CorefileException(t.line(), "'{' is never closed");
                    }
                    sub = directives(body.subList(start, i - 1));
                    break;
                }
                args.add(t.text());
                i++;
            }
            out.add(new Directive(head.text(), args, sub, head.line(), head.source()));
        }
        return out;
    }

    private static List<ServerAddress> serverAddresses(Token key) throws CorefileException {
        String s = key.text();
        String transport = "dns";
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            transport = s.substring(0, scheme).toLowerCase(Locale.ROOT);
            s = s.substring(scheme + 3);
        }
        int port = switch (transport) {
            case "dns" -> 53;
            case "tls", "quic" -> 853;
            case "grpc", "https", "https3" -> 443;
            default -> throw new CorefileException(key.line(), "unknown transport '" + transport + "' in '" + key.text() + "'");
        };
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && colon == s.length() - 1) {
            throw new CorefileException(key.line(), "expecting a port after the last colon in '" + key.text() + "'");
        }
        if (colon >= 0) {
            try {
                port = Integer.parseInt(s.substring(colon + 1));
                s = s.substring(0, colon);
            } catch (NumberFormatException e) {
                // Not a port: part of an IPv6 CIDR; leave the text alone.
            }
        }
        if (s.isEmpty()) {
            s = ".";
        }
        List<ServerAddress> out = new ArrayList<>();
        for (String zone : zonesOf(s, key.line())) {
            out.add(new ServerAddress(transport, zone, port));
        }
        return out;
    }

    /** A zone argument as CoreDNS normalizes it: absolute, lower case, CIDRs as reverse zones. */
    private static List<String> zonesOf(String text, int line) throws CorefileException {
        Optional<List<String>> reverse = DnsNames.reverseZonesOfCidr(text);
        if (reverse.isPresent()) {
            return reverse.get();
        }
        if (text.contains("/")) {
            throw new CorefileException(line, "'" + text + "' is not a valid CIDR");
        }
        return List.of(DnsNames.lower(DnsNames.absolute(text)));
    }

    private static KubernetesPlugin kubernetes(Directive d, List<ServerAddress> blockAddresses) throws CorefileException {
        List<String> zones = new ArrayList<>();
        if (d.args().isEmpty()) {
            for (ServerAddress a : blockAddresses) {
                zones.add(a.zone());
            }
        } else {
            for (String arg : d.args()) {
                String s = arg;
                int scheme = s.indexOf("://");
                if (scheme >= 0) {
                    s = s.substring(scheme + 3);
                }
                int colon = s.lastIndexOf(':');
                if (colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < s.length() - 1) {
                    s = s.substring(0, colon);
                }
                zones.addAll(zonesOf(s, d.line()));
            }
        }
        if (zones.stream().allMatch(KubernetesPlugin::isReverse)) {
            throw new CorefileException(d.line(), "kubernetes: non-reverse zone name must be used");
        }
        long ttl = KubernetesPlugin.DEFAULT_TTL;
        PodMode pods = PodMode.DISABLED;
        boolean endpointPodNames = false;
        Set<String> namespaces = new LinkedHashSet<>();
        boolean noEndpoints = false;
        boolean ignoreEmpty = false;
        List<String> fallthrough = null;
        for (Directive o : d.block()) {
            List<String> args = o.args();
            switch (o.name()) {
                case "endpoint_pod_names" -> {
                    requireNoArgs(o);
                    endpointPodNames = true;
                }
                case "pods" -> {
                    if (args.size() != 1) {
                        throw new CorefileException(o.line(), "kubernetes: 'pods' takes one of disabled, insecure, verified");
                    }
                    pods = switch (args.get(0)) {
                        case "disabled" -> PodMode.DISABLED;
                        case "insecure" -> PodMode.INSECURE;
                        case "verified" -> PodMode.VERIFIED;
                        default -> throw new CorefileException(o.line(),
                                "kubernetes: wrong value for pods: " + args.get(0) + ", must be one of: disabled, verified, insecure");
                    };
                }
                case "namespaces" -> {
                    if (args.isEmpty()) {
                        throw new CorefileException(o.line(), "kubernetes: 'namespaces' needs at least one namespace");
                    }
                    namespaces.addAll(args);
                }
                case "fallthrough" -> {
                    fallthrough = new ArrayList<>();
                    if (args.isEmpty()) {
                        fallthrough.add(".");
                    } else {
                        for (String a : args) {
                            fallthrough.addAll(zonesOf(a, o.line()));
                        }
                    }
                }
                case "ttl" -> {
                    if (args.isEmpty()) {
                        throw new CorefileException(o.line(), "kubernetes: 'ttl' needs a number of seconds");
                    }
                    try {
                        ttl = Long.parseLong(args.get(0));
                    } catch (NumberFormatException e) {
                        throw new CorefileException(o.line(), "kubernetes: ttl \"" + args.get(0) + "\" is not a number");
                    }
                    if (ttl < 0 || ttl > 3600) {
                        throw new CorefileException(o.line(), "kubernetes: ttl must be in range [0, 3600]: " + ttl);
                    }
                }
                case "noendpoints" -> {
                    requireNoArgs(o);
                    noEndpoints = true;
                }
                case "ignore" -> {
                    if (args.isEmpty() || !args.get(0).equals("empty_service")) {
                        throw new CorefileException(o.line(), "kubernetes: unable to parse ignore value: '"
                                + (args.isEmpty() ? "" : args.get(0)) + "'");
                    }
                    ignoreEmpty = true;
                }
                default -> {
                    // Options that do not change answers here (endpoint, tls, kubeconfig, ...).
                }
            }
        }
        return new KubernetesPlugin(zones, ttl, pods, endpointPodNames, namespaces, noEndpoints, ignoreEmpty,
                fallthrough, d.line());
    }

    private static void requireNoArgs(Directive o) throws CorefileException {
        if (!o.args().isEmpty()) {
            throw new CorefileException(o.line(), "kubernetes: '" + o.name() + "' takes no arguments");
        }
    }
}
