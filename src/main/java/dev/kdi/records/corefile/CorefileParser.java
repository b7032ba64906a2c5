package dev.kdi.records.corefile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        List<ForwardPlugin> forwards = new ArrayList<>();
        Optional<CachePlugin> cache = Optional.empty();
        Optional<ExternalPlugin> external = Optional.empty();
        List<AclPlugin> acls = new ArrayList<>();
        Optional<AutopathPlugin> autopath = Optional.empty();
        List<String> blockZones = addresses.stream().map(ServerAddress::zone).distinct().toList();
        for (Directive d : directives) {
            try {
                switch (d.name()) {
                    case "kubernetes" -> {
                        if (kubernetes.isPresent()) {
                            throw new CorefileException(d.line(), "plugin 'kubernetes' can only be used once per server block");
                        }
                        kubernetes = Optional.of(KubernetesPlugin.parse(d, addresses));
                    }
                    case "hosts" -> {
                        if (hosts.isPresent()) {
                            throw new CorefileException(d.line(), "plugin/hosts: this plugin can only be used once per Server Block");
                        }
                        hosts = Optional.of(HostsPlugin.parse(d, blockZones, files, notes));
                    }
                    case "rewrite" -> rewrites.addAll(RewriteRule.parse(d));
                    case "template" -> templates.add(TemplateRule.parse(d, blockZones, Zones::of));
                    case "forward" -> forwards.add(ForwardPlugin.parse(d));
                    case "cache" -> {
                        if (cache.isPresent()) {
                            throw new CorefileException(d.line(), "plugin/cache: this plugin can only be used once per Server Block");
                        }
                        cache = Optional.of(CachePlugin.parse(d, blockZones));
                    }
                    case "acl" -> acls.add(AclPlugin.parse(d, blockZones));
                    // Every autopath line is read by one setup; the last one's settings stay.
                    case "autopath" -> autopath = Optional.of(AutopathPlugin.parse(d, blockZones, files));
                    case "k8s_external" -> external = Optional.of(ExternalPlugin.parse(d, blockZones, external.orElse(null)));
                    default -> {
                        // Other plugins are chained by name; the model says which it does not follow.
                    }
                }
            } catch (CorefileException e) {
                throw inFile(d, e);
            }
        }
        if (autopath.isPresent() && autopath.get().plugin() != null) {
            String named = autopath.get().plugin();
            boolean present = directives.stream().anyMatch(d -> d.name().equals(named));
            // At start-up CoreDNS asks the named plugin of the block for its AutoPath function; kubernetes
            // and erratic have one, any other present plugin stops the start.
            if (present && !named.equals("kubernetes") && !named.equals("erratic")) {
                Directive d = autopath.get().directive();
                throw inFile(d, new CorefileException(d.line(), "plugin/autopath: " + named
                        + " does not implement the AutoPather interface"));
            }
        }
        return new ServerBlock(addresses, directives, kubernetes, line, hosts, rewrites, templates, forwards, cache,
                external, acls, autopath);
    }

    /** An option refused in an imported file names the file: its line alone would point into the Corefile. */
    private static CorefileException inFile(Directive d, CorefileException e) {
        String named = where(d.source(), e.reason());
        return named.equals(e.reason()) || e.reason().startsWith(d.source() + ": ") ? e : new CorefileException(e.line(), named);
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
        for (String zone : Zones.of(s, key.line())) {
            out.add(new ServerAddress(transport, zone, port));
        }
        return out;
    }
}
