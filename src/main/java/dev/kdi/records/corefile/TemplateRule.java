package dev.kdi.records.corefile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code template CLASS TYPE [ZONE...]} of CoreDNS's {@code template} plugin, parsed as its
 * {@code setup.go} parses it.
 *
 * @param qclass the class it answers ({@code IN}, {@code ANY}, ...)
 * @param type the type it answers ({@code A}, {@code ANY}, ...)
 * @param zones its zones (its arguments, or the block's keys), absolute and lower case
 * @param regexes its {@code match} patterns ({@code .*} when it has none)
 * @param answer the {@code answer} templates
 * @param additional the {@code additional} templates
 * @param authority the {@code authority} templates
 * @param rcode the {@code rcode} ({@code NOERROR} by default)
 * @param fallthrough the zones of {@code fallthrough}, or null when absent
 * @param directive the {@code template} line
 */
public record TemplateRule(String qclass, String type, List<String> zones, List<Pattern> regexes, List<GoTemplate> answer,
                           List<GoTemplate> additional, List<GoTemplate> authority, String rcode, List<String> fallthrough,
                           Directive directive) {

    private static final List<String> CLASSES = List.of("IN", "CH", "HS", "NONE", "ANY", "CS");
    private static final List<String> RCODES = List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
            "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "BADSIG", "BADVERS", "BADKEY", "BADTIME", "BADMODE",
            "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE");

    public TemplateRule {
        zones = List.copyOf(zones);
        regexes = List.copyOf(regexes);
        answer = List.copyOf(answer);
        additional = List.copyOf(additional);
        authority = List.copyOf(authority);
        fallthrough = fallthrough == null ? null : List.copyOf(fallthrough);
    }

    /** Whether {@code fallthrough} hands this name on. */
    public boolean fallsThrough(String name) {
        return Zones.fallsThrough(fallthrough, name);
    }

    static TemplateRule parse(Directive d, List<String> blockZones, ZoneParser zoneOf) throws CorefileException {
        List<String> args = d.args();
        if (args.size() < 2) {
            throw new CorefileException(d.line(), "template: wrong argument count or unexpected line ending after '"
                    + (args.isEmpty() ? "template" : args.get(args.size() - 1)) + "'");
        }
        // Go's dns.StringToClass and StringToType are case sensitive: "in" is refused.
        String qclass = args.get(0);
        if (!CLASSES.contains(qclass)) {
            throw new CorefileException(d.line(), "template: invalid query class " + qclass);
        }
        String type = args.get(1);
        if (!type.equals(type.toUpperCase(Locale.ROOT)) || type.isEmpty()) {
            throw new CorefileException(d.line(), "template: invalid RR class " + type);
        }
        List<String> zones = new ArrayList<>();
        if (args.size() > 2) {
            for (String z : args.subList(2, args.size())) {
                zones.addAll(zoneOf.zones(z, d.line()));
            }
        } else {
            zones.addAll(blockZones);
        }
        List<Pattern> regexes = new ArrayList<>();
        List<GoTemplate> answer = new ArrayList<>();
        List<GoTemplate> additional = new ArrayList<>();
        List<GoTemplate> authority = new ArrayList<>();
        String rcode = "NOERROR";
        List<String> fallthrough = null;
        for (Directive o : d.block()) {
            List<String> a = o.args();
            switch (o.name()) {
                case "match" -> {
                    requireArgs(o, a);
                    for (String r : a) {
                        if (r.length() > 10000) {
                            throw new CorefileException(o.line(), "template: regex pattern too long: " + r.length() + " > 10000");
                        }
                        try {
                            regexes.add(Pattern.compile(r));
                        } catch (PatternSyntaxException e) {
                            throw new CorefileException(o.line(), "template: could not parse regex: " + r + ", " + e.getDescription());
                        }
                    }
                }
                case "answer", "additional", "authority" -> {
                    requireArgs(o, a);
                    List<GoTemplate> to = o.name().equals("answer") ? answer : o.name().equals("additional") ? additional : authority;
                    for (String t : a) {
                        try {
                            to.add(GoTemplate.parse(t));
                        } catch (IllegalArgumentException e) {
                            throw new CorefileException(o.line(), "template: could not compile template: " + t + ", " + e.getMessage());
                        }
                    }
                }
                case "rcode" -> {
                    if (a.isEmpty()) {
                        throw new CorefileException(o.line(), "template: wrong argument count after 'rcode'");
                    }
                    if (!RCODES.contains(a.get(0))) {
                        throw new CorefileException(o.line(), "template: unknown rcode " + a.get(0));
                    }
                    rcode = a.get(0);
                }
                case "fallthrough" -> {
                    fallthrough = new ArrayList<>();
                    for (String z : a) {
                        fallthrough.addAll(zoneOf.zones(z, o.line()));
                    }
                }
                case "ederror", "upstream" -> {
                    // An extended error option and a no-op: neither changes the answer's records.
                }
                default -> throw new CorefileException(o.line(), "template: wrong argument count or unexpected line ending after '"
                        + o.name() + "'");
            }
        }
        if (regexes.isEmpty()) {
            regexes.add(Pattern.compile(".*"));
        }
        return new TemplateRule(qclass, type, zones, regexes, answer, additional, authority, rcode, fallthrough, d);
    }

    private static void requireArgs(Directive o, List<String> a) throws CorefileException {
        if (a.isEmpty()) {
            throw new CorefileException(o.line(), "template: wrong argument count or unexpected line ending after '" + o.name() + "'");
        }
    }

    /** How the parser turns a zone argument into zones (CIDRs become reverse zones). */
    @FunctionalInterface
    interface ZoneParser {
        List<String> zones(String text, int line) throws CorefileException;
    }
}
