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

    private record Token(String text, int line, boolean quoted) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }
    }

    private final List<Token> tokens;
    private int pos;
    private final Map<String, List<Token>> snippets = new HashMap<>();

    private CorefileParser(List<Token> tokens) {
        this.tokens = tokens;
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
     * Parses Corefile text.
     *
     * @param text the Corefile
     * @param origin where it came from, kept for messages
     * @throws CorefileException when CoreDNS would refuse it; the message names the line
     */
    public static Corefile parse(String text, String origin) throws CorefileException {
        CorefileParser p = new CorefileParser(tokenize(text));
        return new Corefile(p.serverBlocks(), origin);
    }

    private static List<Token> tokenize(String text) throws CorefileException {
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
                        throw new CorefileException(start, "unterminated quoted string");
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
                out.add(new Token(sb.toString(), start, true));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"'
                        && text.charAt(i) != ',') {
                    i++;
                }
                out.add(new Token(text.substring(start, i), line, false));
            }
        }
        return out;
    }

    private List<ServerBlock> serverBlocks() throws CorefileException {
        List<ServerBlock> blocks = new ArrayList<>();
        while (pos < tokens.size()) {
            Token first = tokens.get(pos);
            if (first.text().startsWith("(") && first.text().endsWith(")") && !first.quoted()) {
                defineSnippet();
                continue;
            }
            if (first.is("import")) {
                throw new CorefileException(first.line(), "import outside a server block is not supported");
            }
            List<Token> keys = new ArrayList<>();
            while (pos < tokens.size() && !tokens.get(pos).is("{")) {
                Token t = tokens.get(pos);
                if (t.is("}")) {
                    throw new CorefileException(t.line(), "unexpected '}'");
                }
                keys.add(t);
                pos++;
            }
            if (pos >= tokens.size()) {
                throw new CorefileException(first.line(), "server block '" + first.text() + "' has no '{'");
            }
            pos++;
            List<Token> body = blockTokens(first.line());
            List<ServerAddress> addresses = new ArrayList<>();
            for (Token k : keys) {
                addresses.addAll(serverAddresses(k));
            }
            List<Directive> directives = directives(expandImports(body));
            Optional<KubernetesPlugin> kubernetes = Optional.empty();
            for (Directive d : directives) {
                if (d.name().equals("kubernetes")) {
                    if (kubernetes.isPresent()) {
                        throw new CorefileException(d.line(), "plugin 'kubernetes' can only be used once per server block");
                    }
                    kubernetes = Optional.of(kubernetes(d, addresses));
                }
            }
            blocks.add(new ServerBlock(addresses, directives, kubernetes, first.line()));
        }
        if (blocks.isEmpty()) {
            throw new CorefileException(1, "no server block");
        }
        return blocks;
    }

    private void defineSnippet() throws CorefileException {
        Token name = tokens.get(pos++);
        if (pos >= tokens.size() || !tokens.get(pos).is("{")) {
            throw new CorefileException(name.line(), "snippet " + name.text() + " has no '{'");
        }
        pos++;
        String key = name.text().substring(1, name.text().length() - 1);
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

    private List<Token> expandImports(List<Token> body) throws CorefileException {
        List<Token> out = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            boolean atLineStart = i == 0 || body.get(i - 1).line() != t.line();
            if (t.is("import") && atLineStart && i + 1 < body.size()) {
                Token what = body.get(++i);
                List<Token> snippet = snippets.get(what.text());
                if (snippet == null) {
                    // An import of files cannot be followed offline; CoreDNS would read them.
                    continue;
                }
                for (Token s : snippet) {
                    out.add(new Token(s.text(), t.line() + (s.line() - snippet.get(0).line()), s.quoted()));
                }
                continue;
            }
            out.add(t);
        }
        return out;
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
            while (i < body.size() && body.get(i).line() == head.line()) {
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
            out.add(new Directive(head.text(), args, sub, head.line()));
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
