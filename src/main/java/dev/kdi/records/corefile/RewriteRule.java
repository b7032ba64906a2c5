package dev.kdi.records.corefile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.kdi.records.names.DnsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One rule of CoreDNS's {@code rewrite} plugin ({@code plugin/rewrite}), parsed as its
 * {@code setup.go} and {@code newRule} parse it. A rule without {@code continue} stops the
 * plugin when it matches ({@code stop} is the default).
 */
public sealed interface RewriteRule {

    /** Whether a match ends the rule list ({@code stop}, the default) or goes on ({@code continue}). */
    boolean stops();

    /** The line it is written on. */
    Directive directive();

    /** {@code exact}, {@code prefix}, {@code suffix}, {@code substring} or {@code regex}. */
    enum Match {
        EXACT, PREFIX, SUFFIX, SUBSTRING, REGEX
    }

    /**
     * {@code rewrite name ...}.
     *
     * @param match how the name is matched
     * @param from the name, prefix, suffix or substring (lower case), or the regex's text
     * @param to the replacement (lower case; {@code {N}} for regex groups)
     * @param regex the compiled regex, for {@link Match#REGEX}
     * @param auto {@code answer auto}, or an exact match (which always restores the name)
     * @param answers the {@code answer name} and {@code answer value} rules, in order written
     */
    record Name(boolean stops, Match match, String from, String to, Pattern regex, boolean auto,
                List<AnswerRule> answers, Directive directive) implements RewriteRule {
        public Name {
            answers = List.copyOf(answers);
        }
    }

    /**
     * {@code answer name FROM TO} (the owner names) or {@code answer value FROM TO} (the names
     * inside the data: CNAME, SRV, MX, NS, PTR targets, the SOA's primary server).
     *
     * @param value true for {@code answer value}
     * @param from the regex
     * @param to the replacement, lower case and absolute, with {@code {N}} groups
     */
    record AnswerRule(boolean value, Pattern from, String to) {
    }

    /** {@code rewrite type FROM TO}: the query type. */
    record Type(boolean stops, String from, String to, Directive directive) implements RewriteRule {
    }

    /** {@code rewrite class FROM TO}: the query class. */
    record QueryClass(boolean stops, String from, String to, Directive directive) implements RewriteRule {
    }

    /**
     * A rule kdi recognises but does not model ({@code ttl}, {@code rcode}, {@code cname},
     * {@code edns0}): named in a note on every answer that passes it.
     *
     * @param field the rule's field
     * @param changesAnswers false for {@code edns0}, which only adds an option to the request
     */
    record Unmodelled(boolean stops, String field, boolean changesAnswers, Directive directive) implements RewriteRule {
    }

    /**
     * The rules of one {@code rewrite} line; a line with fewer than two arguments takes its rule
     * from its block.
     */
    static List<RewriteRule> parse(Directive d) throws CorefileException {
        List<String> args = new ArrayList<>(d.args());
        if (args.size() < 2) {
            for (Directive inner : d.block()) {
                args.add(inner.name());
                args.addAll(inner.args());
            }
        }
        return List.of(rule(d, args));
    }

    private static RewriteRule rule(Directive d, List<String> args) throws CorefileException {
        if (args.isEmpty()) {
            throw new CorefileException(d.line(), "rewrite: no rule type specified for rewrite");
        }
        String arg0 = args.get(0).toLowerCase(Locale.ROOT);
        boolean stops = true;
        int start = 1;
        String type = arg0;
        if (arg0.equals("continue") || arg0.equals("stop")) {
            if (args.size() < 2) {
                throw new CorefileException(d.line(), "rewrite: " + arg0 + " rule must begin with a rule type");
            }
            stops = arg0.equals("stop");
            type = args.get(1).toLowerCase(Locale.ROOT);
            start = 2;
        }
        List<String> rest = args.subList(start, args.size());
        return switch (type) {
            case "answer" -> throw new CorefileException(d.line(), "rewrite: response rewrites must begin with a name rule");
            case "name" -> name(d, stops, rest);
            case "type" -> {
                requireTwo(d, type, rest);
                yield new Type(stops, rest.get(0).toUpperCase(Locale.ROOT), rest.get(1).toUpperCase(Locale.ROOT), d);
            }
            case "class" -> {
                requireTwo(d, type, rest);
                for (String c : rest) {
                    if (!List.of("IN", "CH", "HS", "NONE", "ANY").contains(c.toUpperCase(Locale.ROOT))) {
                        throw new CorefileException(d.line(), "rewrite: invalid class \"" + c.toUpperCase(Locale.ROOT) + "\"");
                    }
                }
                yield new QueryClass(stops, rest.get(0).toUpperCase(Locale.ROOT), rest.get(1).toUpperCase(Locale.ROOT), d);
            }
            case "edns0" -> new Unmodelled(stops, type, false, d);
            case "ttl", "cname", "rcode" -> new Unmodelled(stops, type, true, d);
            default -> throw new CorefileException(d.line(), "rewrite: invalid rule type \"" + args.get(0) + "\"");
        };
    }

    private static void requireTwo(Directive d, String type, List<String> rest) throws CorefileException {
        if (rest.size() != 2) {
            throw new CorefileException(d.line(), "rewrite: " + type + " rules must have exactly two arguments");
        }
    }

    private static RewriteRule name(Directive d, boolean stops, List<String> args) throws CorefileException {
        if (args.size() < 2) {
            throw new CorefileException(d.line(), "rewrite: too few arguments for a name rule");
        }
        Match match;
        String from;
        String to;
        if (args.size() == 2) {
            match = Match.EXACT;
            from = normalize(args.get(0));
            to = normalize(args.get(1));
        } else {
            String m = args.get(0).toLowerCase(Locale.ROOT);
            match = switch (m) {
                case "exact" -> Match.EXACT;
                case "prefix" -> Match.PREFIX;
                case "suffix" -> Match.SUFFIX;
                case "substring" -> Match.SUBSTRING;
                case "regex" -> Match.REGEX;
                default -> throw new CorefileException(d.line(), "rewrite: name rule supports only exact, prefix, suffix, "
                        + "substring, and regex name matching, received: " + m);
            };
            if (match == Match.REGEX) {
                from = args.get(1);
                to = args.get(2);
            } else {
                from = normalize(args.get(1));
                to = normalize(args.get(2));
            }
        }
        if ((match == Match.EXACT || match == Match.SUFFIX) && !from.endsWith(".")) {
            from = from + ".";
        }
        if ((match == Match.EXACT || match == Match.SUFFIX) && !to.endsWith(".")) {
            to = to + ".";
        }
        boolean auto = false;
        List<AnswerRule> answers = new ArrayList<>();
        if (args.size() > 3) {
            auto = answerRules(d, match.name().toLowerCase(Locale.ROOT), args.subList(3, args.size()), answers);
        }
        Pattern regex = null;
        switch (match) {
            case EXACT -> {
                // CoreDNS compiles the replacement as a pattern here, so a target that is no valid
                // regex is refused even though nothing matches against it.
                compile(d, to, from);
                auto = true;
            }
            case REGEX -> {
                regex = compile(d, from, to);
                to = normalize(to);
            }
            default -> {
                // prefix, suffix and substring match literally.
            }
        }
        return new Name(stops, match, from, to, regex, auto, answers, d);
    }

    private static boolean answerRules(Directive d, String name, List<String> args, List<AnswerRule> out)
            throws CorefileException {
        boolean auto = false;
        int nameRules = 0;
        int arg = 0;
        String last = "";
        if (args.size() < 2) {
            throw new CorefileException(d.line(), "rewrite: invalid arguments for " + name + " rule");
        }
        while (arg < args.size()) {
            if (last.isEmpty() && !args.get(arg).equals("answer")) {
                throw new CorefileException(d.line(), "rewrite: exceeded the number of arguments for a non-answer rule "
                        + "argument for " + name + " rule");
            }
            if (args.get(arg).equals("answer")) {
                arg++;
            }
            if (args.size() - arg == 0) {
                throw new CorefileException(d.line(), "rewrite: type missing for answer rule for " + name + " rule");
            }
            last = args.get(arg++);
            switch (last) {
                case "auto" -> auto = true;
                case "name", "value" -> {
                    if (args.size() - arg < 2) {
                        throw new CorefileException(d.line(), "rewrite: " + last + " answer rule for " + name
                                + " rule: 2 arguments required");
                    }
                    Pattern p = compile(d, args.get(arg), args.get(arg + 1));
                    out.add(new AnswerRule(last.equals("value"), p, normalize(args.get(arg + 1))));
                    arg += 2;
                    if (last.equals("name")) {
                        nameRules++;
                    }
                }
                default -> throw new CorefileException(d.line(), "rewrite: invalid type \"" + last + "\" for answer rule for "
                        + name + " rule");
            }
        }
        if (auto && nameRules > 0) {
            throw new CorefileException(d.line(), "rewrite: auto name answer rule cannot be combined with explicit name "
                    + "answer rules");
        }
        return auto;
    }

    /** {@code isValidRegexPattern}: compiles FROM; TO may not use more groups than FROM has. */
    private static Pattern compile(Directive d, String from, String to) throws CorefileException {
        if (from.length() > 10000) {
            throw new CorefileException(d.line(), "rewrite: regex pattern too long: " + from.length() + " > 10000");
        }
        Pattern p;
        try {
            p = Pattern.compile(from);
        } catch (PatternSyntaxException e) {
            throw new CorefileException(d.line(), "rewrite: invalid regex matching pattern: " + from);
        }
        int used = 0;
        for (int i = 0; i <= 100; i++) {
            if (to.contains("{" + i + "}")) {
                used++;
            }
        }
        if (used > p.groupCount()) {
            throw new CorefileException(d.line(), "rewrite: the rewrite regex pattern (" + to + ") uses more subexpressions "
                    + "than its corresponding matching regex pattern (" + from + ")");
        }
        return p;
    }

    /** {@code plugin.Name(s).Normalize()}: lower case and absolute. */
    private static String normalize(String s) {
        return DnsNames.lower(DnsNames.absolute(s));
    }
}
