package dev.kdi.records.corefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of Go's {@code text/template} that the {@code template} plugin's documentation and
 * tests use: {@code {{ .Name }}}, {@code .Zone}, {@code .Class}, {@code .Type}, {@code .Regex},
 * {@code .Remote}, {@code .Group.NAME}, {@code index .Match N}, {@code index .Group "NAME"} and
 * the {@code {{-}}/{@code -}}} trim markers. Any other action is kept and reported as not
 * modelled when the template runs, so the model never guesses.
 */
public final class GoTemplate {
    private static final List<String> FIELDS = List.of("Zone", "Name", "Regex", "Match", "Group", "Class", "Type",
            "Message", "Question", "Remote");

    private final String text;
    private final List<Object> parts;

    private GoTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * An action: the text between the braces, trimmed, split once when the template is parsed
     * (every answer of the template runs it again).
     *
     * @param words the text split at whitespace
     * @param path a lone field's path without its leading dot ({@code Group.name} → Group, name), or null
     * @param modelled whether the model evaluates it
     */
    private record Action(String text, String[] words, String[] path, boolean modelled) {
        static Action of(String text) {
            String[] w = text.split("\\s+");
            String[] path = w.length == 1 && w[0].startsWith(".") ? w[0].substring(1).split("\\.", -1) : null;
            return new Action(text, w, path, GoTemplate.modelled(text));
        }
    }

    /** What the template sees: the fields of the plugin's {@code templateData}. */
    public record Data(String zone, String name, String regex, List<String> match, Map<String, String> group,
                       String qclass, String type, String remote) {
    }

    /** A template CoreDNS would fail to run: it answers SERVFAIL. */
    public static final class ExecutionError extends Exception {
        public ExecutionError(String message) {
            super(message);
        }
    }

    /** An action outside the modelled subset. */
    public static final class NotModelled extends Exception {
        public NotModelled(String message) {
            super(message);
        }
    }

    /** Parses template text; CoreDNS refuses the Corefile when this fails. */
    public static GoTemplate parse(String text) throws IllegalArgumentException {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed action");
            }
            String inner = text.substring(open + 2, close);
            boolean trimLeft = inner.startsWith("- ") || inner.equals("-");
            boolean trimRight = inner.endsWith(" -");
            if (trimLeft) {
                int k = literal.length();
                while (k > 0 && Character.isWhitespace(literal.charAt(k - 1))) {
                    k--;
                }
                literal.setLength(k);
                inner = inner.substring(1);
            }
            if (trimRight) {
                inner = inner.substring(0, inner.length() - 1);
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            String action = inner.trim();
            if (!action.startsWith("/*")) {
                if (action.isEmpty()) {
                    throw new IllegalArgumentException("missing value for command");
                }
                parts.add(Action.of(action));
            }
            i = close + 2;
            if (trimRight) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new GoTemplate(text, parts);
    }

    /** The actions this template has that the model does not evaluate; empty when it models all. */
    public List<String> unmodelled() {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Action a && !a.modelled()) {
                out.add("{{ " + a.text() + " }}");
            }
        }
        return out;
    }

    private static boolean modelled(String a) {
        String[] w = a.split("\\s+");
        if (w.length == 1) {
            if (!w[0].startsWith(".")) {
                return false;
            }
            String[] path = w[0].substring(1).split("\\.", -1);
            if (!FIELDS.contains(path[0])) {
                return true; // an unknown field fails at run time, which is modelled (SERVFAIL)
            }
            if (path.length == 1) {
                return !path[0].equals("Message") && !path[0].equals("Question");
            }
            return path.length == 2 && path[0].equals("Group");
        }
        return w.length == 3 && w[0].equals("index") && (w[1].equals(".Match") || w[1].equals(".Group"));
    }

    /** Runs the template as Go would. */
    public String execute(Data data) throws ExecutionError, NotModelled {
        StringBuilder out = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.append(s);
            } else {
                out.append(evaluate((Action) p, data));
            }
        }
        return out.toString();
    }

    private static String evaluate(Action a, Data d) throws ExecutionError, NotModelled {
        if (!a.modelled()) {
            throw new NotModelled("{{ " + a.text() + " }}");
        }
        String[] w = a.words();
        if (w.length == 1) {
            String[] path = a.path();
            return switch (path[0]) {
                case "Zone" -> d.zone();
                case "Name" -> d.name();
                case "Regex" -> d.regex();
                case "Class" -> d.qclass();
                case "Type" -> d.type();
                case "Remote" -> d.remote();
                case "Match" -> "[" + String.join(" ", d.match()) + "]";
                case "Group" -> path.length == 1 ? "map" + groupText(d.group())
                        : d.group().getOrDefault(path[1], "<no value>");
                default -> throw new ExecutionError("can't evaluate field " + path[0] + " in type *template.templateData");
            };
        }
        String key = w[2];
        if (w[1].equals(".Match")) {
            int n;
            try {
                n = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw new ExecutionError("error calling index: cannot index slice/array with type string");
            }
            if (n < 0 || n >= d.match().size()) {
                throw new ExecutionError("error calling index: index out of range: " + n);
            }
            return d.match().get(n);
        }
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            return d.group().getOrDefault(key.substring(1, key.length() - 1), "");
        }
        throw new ExecutionError("error calling index: value has type int; should be string");
    }

    private static String groupText(Map<String, String> group) {
        StringBuilder sb = new StringBuilder("[");
        group.keySet().stream().sorted().forEach(k -> {
            if (sb.length() > 1) {
                sb.append(' ');
            }
            sb.append(k).append(':').append(group.get(k));
        });
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
