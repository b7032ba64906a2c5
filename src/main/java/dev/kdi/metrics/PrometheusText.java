package dev.kdi.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text exposition format, version 0.0.4, as Prometheus's own Go parser does:
 * blanks and tabs separate tokens, {@code #} lines are comments unless they are {@code # HELP} or
 * {@code # TYPE}, label values escape {@code \\ \" \n} and help texts {@code \\ \n}, values are Go
 * floats ({@code NaN}, {@code +Inf}, {@code -Inf}, exponents), and an optional timestamp is
 * milliseconds as a 64-bit integer. A histogram's {@code _bucket}, {@code _sum} and {@code _count}
 * samples and a summary's {@code _sum} and {@code _count} join the family their {@code # TYPE} named.
 *
 * <p>Where Prometheus would reject the whole scrape for one bad line, this keeps every other line
 * and says what was wrong with that one: an operator looking at a sick replica wants what it can
 * get.
 */
public final class PrometheusText {

    /** Go's ParseFloat: decimal with optional exponent, or the words it accepts in any case. */
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");
    private static final Pattern INT64 = Pattern.compile("-?[0-9]{1,19}");

    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** Names repeat on every line of a family: one copy each keeps a parsed exposition small. */
    private final Map<String, String> names = new HashMap<>();
    private FamilyBuilder current;

    private PrometheusText() {
    }

    /** Parses a whole exposition; never throws for bad input. */
    public static Exposition parse(CharSequence text) {
        PrometheusText parser = new PrometheusText();
        int lineNumber = 0;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = start;
            while (end < length && text.charAt(end) != '\n') {
                end++;
            }
            lineNumber++;
            String line = text.subSequence(start, end).toString();
            try {
                parser.line(line);
            } catch (BadLine e) {
                parser.problems.add("line " + lineNumber + ": " + e.getMessage());
            }
            start = end + 1;
        }
        List<Family> out = new ArrayList<>(parser.families.size());
        parser.families.values().forEach(f -> out.add(f.build()));
        return new Exposition(out, parser.problems);
    }

    private void line(String raw) throws BadLine {
        Cursor c = new Cursor(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw);
        c.skipBlanks();
        if (c.atEnd()) {
            return;
        }
        if (c.peek() == '#') {
            c.next();
            comment(c);
        } else {
            sample(c);
        }
    }

    private void comment(Cursor c) throws BadLine {
        c.skipBlanks();
        String keyword = c.token();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return;
        }
        c.skipBlanks();
        String name = c.metricName();
        if (name.isEmpty()) {
            throw new BadLine("# " + keyword + " without a metric name");
        }
        if (keyword.equals("HELP")) {
            if (!c.atEnd() && !c.blank()) {
                throw new BadLine("# HELP " + name + ": invalid character '" + c.peek() + "' in the metric name");
            }
            c.skipBlanks();
            FamilyBuilder f = family(name);
            if (f.help != null) {
                throw new BadLine("second # HELP for " + name);
            }
            f.help = c.helpText();
            return;
        }
        c.skipBlanks();
        String typeWord = c.token();
        c.skipBlanks();
        if (!c.atEnd()) {
            throw new BadLine("# TYPE " + name + ": unexpected text after the type");
        }
        MetricType type = MetricType.parse(typeWord)
                .orElseThrow(() -> new BadLine("# TYPE " + name + ": unknown type '" + typeWord + "'"));
        FamilyBuilder f = family(name);
        if (f.type != null) {
            throw new BadLine("second # TYPE for " + name);
        }
        if (!f.samples.isEmpty()) {
            throw new BadLine("# TYPE for " + name + " after its samples");
        }
        f.type = type;
        current = f;
    }

    private void sample(Cursor c) throws BadLine {
        String written = c.metricName();
        if (written.isEmpty()) {
            throw new BadLine("invalid metric name starting at '" + c.peek() + "'");
        }
        String name = intern(written);
        c.skipBlanks();
        Map<String, String> labels = Map.of();
        if (!c.atEnd() && c.peek() == '{') {
            c.next();
            labels = labels(c, name);
            c.skipBlanks();
        }
        if (c.atEnd()) {
            throw new BadLine(name + ": no value");
        }
        String valueText = c.token();
        double value = parseFloat(valueText)
                .orElseThrow(() -> new BadLine(name + ": invalid value '" + valueText + "'"));
        c.skipBlanks();
        OptionalLong timestamp = OptionalLong.empty();
        if (!c.atEnd()) {
            String ts = c.token();
            timestamp = parseTimestamp(ts).orElseThrow(() -> new BadLine(name + ": invalid timestamp '" + ts + "'"));
            c.skipBlanks();
            if (!c.atEnd()) {
                throw new BadLine(name + ": unexpected text after the timestamp");
            }
        }
        FamilyBuilder f = familyOf(name);
        if (f.type == MetricType.HISTOGRAM && name.endsWith("_bucket") && !labels.containsKey("le")) {
            throw new BadLine(name + ": a histogram bucket without an 'le' label");
        }
        if (f.type == MetricType.SUMMARY && name.equals(f.name) && !labels.containsKey("quantile")) {
            throw new BadLine(name + ": a summary quantile without a 'quantile' label");
        }
        if (!f.seen.add(new SeriesKey(name, labels))) {
            throw new BadLine(name + labels + " appears twice");
        }
        f.samples.add(new Sample(name, labels, value, timestamp));
    }

    private Map<String, String> labels(Cursor c, String metric) throws BadLine {
        Map<String, String> labels = new LinkedHashMap<>();
        while (true) {
            c.skipBlanks();
            if (c.atEnd()) {
                throw new BadLine(metric + ": labels not closed with '}'");
            }
            if (c.peek() == '}') {
                c.next();
                return labels;
            }
            String label = c.labelName();
            if (label.isEmpty()) {
                throw new BadLine(metric + ": invalid label name starting at '" + c.peek() + "'");
            }
            c.skipBlanks();
            if (c.atEnd() || c.peek() != '=') {
                throw new BadLine(metric + ": expected '=' after label " + label);
            }
            c.next();
            c.skipBlanks();
            if (c.atEnd() || c.peek() != '"') {
                throw new BadLine(metric + ": the value of label " + label + " must be quoted");
            }
            c.next();
            String value = c.labelValue(metric, label);
            if (labels.put(intern(label), intern(value)) != null) {
                throw new BadLine(metric + ": label " + label + " given twice");
            }
            c.skipBlanks();
            if (c.atEnd()) {
                throw new BadLine(metric + ": labels not closed with '}'");
            }
            if (c.peek() == ',') {
                c.next();
            } else if (c.peek() != '}') {
                throw new BadLine(metric + ": expected ',' or '}' after label " + label);
            }
        }
    }

    /** The family a sample belongs to: the current typed one when its name fits, else its own. */
    private FamilyBuilder familyOf(String sampleName) {
        if (current != null && current.owns(sampleName)) {
            return current;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sampleName.endsWith(suffix)) {
                FamilyBuilder f = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (f != null && f.owns(sampleName)) {
                    current = f;
                    return f;
                }
            }
        }
        current = family(sampleName);
        return current;
    }

    private FamilyBuilder family(String name) {
        return families.computeIfAbsent(intern(name), FamilyBuilder::new);
    }

    private String intern(String s) {
        return names.computeIfAbsent(s, k -> k);
    }

    static Optional<Double> parseFloat(String text) {
        if (!FLOAT.matcher(text).matches()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String word = lower.startsWith("+") || negative ? lower.substring(1) : lower;
        if (word.equals("nan")) {
            return Optional.of(Double.NaN);
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return Optional.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return Optional.of(Double.parseDouble(text));
    }

    private static Optional<OptionalLong> parseTimestamp(String text) {
        if (!INT64.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OptionalLong.of(Long.parseLong(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record SeriesKey(String name, Map<String, String> labels) {
    }

    private static final class FamilyBuilder {
        final String name;
        MetricType type;
        String help;
        final List<Sample> samples = new ArrayList<>();
        final Set<SeriesKey> seen = new HashSet<>();

        FamilyBuilder(String name) {
            this.name = name;
        }

        boolean owns(String sampleName) {
            if (sampleName.equals(name)) {
                return true;
            }
            if (type == null || !sampleName.startsWith(name)) {
                return false;
            }
            String rest = sampleName.substring(name.length());
            for (String suffix : type.suffixes()) {
                if (rest.equals(suffix)) {
                    return true;
                }
            }
            return false;
        }

        Family build() {
            return new Family(name, type == null ? MetricType.UNTYPED : type, help == null ? "" : help, samples);
        }
    }

    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** A position in one line. */
    private static final class Cursor {
        private final String line;
        private int at;

        Cursor(String line) {
            this.line = line;
        }

        boolean atEnd() {
            return at >= line.length();
        }

        char peek() {
            return line.charAt(at);
        }

        void next() {
            at++;
        }

        boolean blank() {
            return !atEnd() && (peek() == ' ' || peek() == '\t');
        }

        void skipBlanks() {
            while (blank()) {
                at++;
            }
        }

        /** Characters up to the next blank or the end. */
        String token() {
            int start = at;
            while (!atEnd() && !blank()) {
                at++;
            }
            return line.substring(start, at);
        }

        String metricName() {
            int start = at;
            while (!atEnd()) {
                char ch = peek();
                boolean ok = ch == '_' || ch == ':' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
                        || (at > start && ch >= '0' && ch <= '9');
                if (!ok) {
                    break;
                }
                at++;
            }
            return line.substring(start, at);
        }

        String labelName() {
            int start = at;
            while (!atEnd()) {
                char ch = peek();
                boolean ok = ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
                        || (at > start && ch >= '0' && ch <= '9');
                if (!ok) {
                    break;
                }
                at++;
            }
            return line.substring(start, at);
        }

        /** After the opening quote: the value up to the closing quote, unescaped. */
        String labelValue(String metric, String label) throws BadLine {
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char ch = peek();
                at++;
                if (ch == '"') {
                    return out.toString();
                }
                if (ch != '\\') {
                    out.append(ch);
                    continue;
                }
                if (atEnd()) {
                    break;
                }
                char escaped = peek();
                at++;
                switch (escaped) {
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case 'n' -> out.append('\n');
                    default -> throw new BadLine(metric + ": invalid escape '\\" + escaped + "' in the value of label "
                            + label);
                }
            }
            throw new BadLine(metric + ": the value of label " + label + " is not closed with '\"'");
        }

        /** The rest of the line as a help text, unescaped. */
        String helpText() throws BadLine {
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char ch = peek();
                at++;
                if (ch != '\\') {
                    out.append(ch);
                    continue;
                }
                if (atEnd()) {
                    throw new BadLine("a help text ends in a lone '\\'");
                }
                char escaped = peek();
                at++;
                switch (escaped) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    default -> throw new BadLine("invalid escape '\\" + escaped + "' in a help text");
                }
            }
            return out.toString();
        }
    }
}
