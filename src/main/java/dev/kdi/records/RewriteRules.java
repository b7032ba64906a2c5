package dev.kdi.records;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.kdi.records.corefile.RewriteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What {@code rewrite}'s rules do to names, apart from the walk through the chain: the name a
 * name rule asks for, the response rules that turn the answer back, and Go's regex and
 * replacement habits as CoreDNS uses them ({@code FindStringSubmatch}, {@code {N}} groups).
 */
final class RewriteRules {
    private RewriteRules() {
    }

    /** The name a name rule turns {@code name} into, or null when it does not match. */
    static String rewritten(RewriteRule.Name n, String name) {
        return rewritten(n, name, null);
    }

    /**
     * The same, given the literal every match of a regex rule ends with ({@link #requiredSuffix}):
     * a name without it skips the regex engine, which is most of a rewrite's cost per question.
     */
    static String rewritten(RewriteRule.Name n, String name, String requiredSuffix) {
        if (requiredSuffix != null && !name.endsWith(requiredSuffix)) {
            return null;
        }
        switch (n.match()) {
            case EXACT:
                return name.equals(n.from()) ? n.to() : null;
            case PREFIX:
                return name.startsWith(n.from()) ? n.to() + name.substring(n.from().length()) : null;
            case SUFFIX:
                return name.endsWith(n.from()) ? name.substring(0, name.length() - n.from().length()) + n.to() : null;
            case SUBSTRING:
                return name.contains(n.from()) ? name.replace(n.from(), n.to()) : null;
            default:
                List<String> groups = find(n.regex(), name);
                return groups == null ? null : substitute(n.to(), groups);
        }
    }

    /** The rules that turn an answer for the rewritten name back into one for the asked name. */
    static List<UnaryOperator<ResourceRecord>> responseRules(RewriteRule.Name n, String to, String from) {
        List<UnaryOperator<ResourceRecord>> out = new ArrayList<>();
        if (n.match() == RewriteRule.Match.SUFFIX && n.auto()) {
            // Suffix rules map the replacement suffix back to the original one, statically.
            UnaryOperator<String> back = s -> s.endsWith(n.to()) ? s.substring(0, s.length() - n.to().length()) + n.from() : s;
            out.add(rr -> withOwner(rr, back.apply(rr.owner())));
            out.add(rr -> withValue(rr, back));
        } else if (n.auto()) {
            UnaryOperator<String> back = s -> s.equals(to) ? from : s.endsWith("." + to)
                    ? s.substring(0, s.length() - to.length()) + from : s;
            out.add(rr -> withOwner(rr, back.apply(rr.owner())));
            out.add(rr -> withValue(rr, back));
        }
        for (RewriteRule.AnswerRule a : n.answers()) {
            UnaryOperator<String> f = s -> {
                List<String> groups = find(a.from(), s);
                return groups == null ? s : substitute(a.to(), groups);
            };
            out.add(a.value() ? rr -> withValue(rr, f) : rr -> withOwner(rr, f.apply(rr.owner())));
        }
        return out;
    }

    /**
     * The literal text every match of a regex ends with, when the regex ends in literals and
     * {@code $} ({@code ^(.*)\\.team\\.example\\.$} → {@code .team.example.}); null when it cannot
     * tell (alternation, flags, a class or quantifier last). Without the {@code m} flag Go's
     * {@code $} is the end of the text, so a name not ending so cannot match.
     */
    static String requiredSuffix(String regex) {
        if (regex.indexOf('|') >= 0 || regex.contains("(?") || !regex.endsWith("$")) {
            return null;
        }
        StringBuilder run = new StringBuilder();
        int i = 0;
        int end = regex.length() - 1;
        while (i < end) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char e = regex.charAt(i + 1);
                if ("dDwWsSbB".indexOf(e) >= 0) {
                    run.setLength(0); // a class or an assertion: what follows it is literal again
                } else if (Character.isLetterOrDigit(e)) {
                    return null; // \x2e, \pL, \056, \Q...: the characters after the escape are part of it
                } else {
                    run.append(e);
                }
                i += 2;
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/' || c == '=' || c == ':') {
                run.append(c);
                i++;
            } else {
                // Any other character is syntax; a quantifier after a literal also ends the run.
                run.setLength(0);
                i++;
            }
        }
        if (i != end || run.length() == 0) {
            // A trailing backslash escapes the $ itself.
            return null;
        }
        return run.toString();
    }

    /** Go's {@code FindStringSubmatch}: the leftmost match and its groups (unmatched ones empty), or null. */
    static List<String> find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        List<String> out = new ArrayList<>(m.groupCount() + 1);
        for (int g = 0; g <= m.groupCount(); g++) {
            String v = m.group(g);
            out.add(v == null ? "" : v);
        }
        return out;
    }

    /** {@code {N}} in a replacement stands for group N. */
    static String substitute(String replacement, List<String> groups) {
        String s = replacement;
        for (int g = 0; g < groups.size(); g++) {
            s = s.replace("{" + g + "}", groups.get(g));
        }
        return s;
    }

    private static ResourceRecord withOwner(ResourceRecord rr, String owner) {
        return owner.equals(rr.owner()) ? rr : new ResourceRecord(owner, rr.ttl(), rr.data(), rr.sources());
    }

    /** The names inside the data that {@code answer value} rewrites. */
    private static ResourceRecord withValue(ResourceRecord rr, UnaryOperator<String> f) {
        Rdata d = rr.data();
        Rdata changed;
        if (d instanceof Rdata.Cname c) {
            changed = new Rdata.Cname(f.apply(c.target()));
        } else if (d instanceof Rdata.Ptr p) {
            changed = new Rdata.Ptr(f.apply(p.target()));
        } else if (d instanceof Rdata.Ns n) {
            changed = new Rdata.Ns(f.apply(n.target()));
        } else if (d instanceof Rdata.Srv s) {
            changed = new Rdata.Srv(s.priority(), s.weight(), s.port(), f.apply(s.target()));
        } else if (d instanceof Rdata.Soa s) {
            changed = new Rdata.Soa(f.apply(s.mname()), s.rname(), s.serial(), s.refresh(), s.retry(), s.expire(), s.minimum());
        } else {
            return rr;
        }
        return changed.equals(d) ? rr : new ResourceRecord(rr.owner(), rr.ttl(), changed, rr.sources());
    }
}
