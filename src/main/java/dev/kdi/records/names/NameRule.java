package dev.kdi.records.names;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API server's rules for the names DNS is built from, exactly as apimachinery's
 * {@code k8s.io/apimachinery/pkg/util/validation} states them: what each accepts, its length
 * limit, and the errors it reports.
 *
 * <p>Which field follows which rule is the API server's choice, not the name's: a Service name is
 * a {@link #DNS1035_LABEL}, a namespace name, a StatefulSet name, a pod's hostname and subdomain
 * and a Service port name are {@link #DNS1123_LABEL}s, most other object names (pods, slices,
 * Deployments) are {@link #DNS1123_SUBDOMAIN}s, and container and target port names are
 * {@link #IANA_SVC_NAME}s. A subdomain limits its total length only: a pod may be named with one
 * 66-character label.
 */
public enum NameRule {
    /** RFC 1123 label: lower-case letters, digits and '-', alphanumeric at both ends, at most 63. */
    DNS1123_LABEL(63, "at most 63 lower-case letters, digits and '-'", "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
                    + "end with an alphanumeric character",
            "'my-name' or '123-abc'"),
    /** RFC 1123 subdomain: such labels joined by dots, at most 253 in all, however long each label. */
    DNS1123_SUBDOMAIN(253, "lower-case letters, digits, '-' and '.', at most 253 characters", "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
                    + "start and end with an alphanumeric character",
            "'example.com'"),
    /** RFC 1035 label: a DNS-1123 label that starts with a letter. */
    DNS1035_LABEL(63, "at most 63 lower-case letters, digits and '-', starting with a letter", "[a-z]([-a-z0-9]*[a-z0-9])?",
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                    + "character, and end with an alphanumeric character",
            "'my-name' or 'abc-123'"),
    /** IANA service name (RFC 6335), lower case only: at most 15, a letter somewhere, no '--', no '-' at the ends. */
    IANA_SVC_NAME(15, "at most 15 lower-case letters, digits and '-', with at least one letter", null, null, null);

    private final int maxLength;
    private final String words;
    private final String regex;
    private final String regexMessage;
    private final String examples;

    NameRule(int maxLength, String words, String regex, String regexMessage, String examples) {
        this.maxLength = maxLength;
        this.words = words;
        this.regex = regex;
        this.regexMessage = regexMessage;
        this.examples = examples;
    }

    /** The most characters a name may have. */
    public int maxLength() {
        return maxLength;
    }

    /** The rule in a few words for a message: {@code at most 63 lower-case letters, digits and '-'}. */
    public String words() {
        return words;
    }

    /** Whether the API server accepts the text under this rule. */
    public boolean accepts(String s) {
        if (s == null || s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        return switch (this) {
            case DNS1123_LABEL -> isLabel(s, 0, s.length(), false);
            case DNS1035_LABEL -> isLabel(s, 0, s.length(), true);
            case DNS1123_SUBDOMAIN -> isSubdomain(s);
            case IANA_SVC_NAME -> ianaProblem(s) == null;
        };
    }

    /**
     * What apimachinery reports for the text, in its order and words; empty when the text is
     * accepted. Lengths count UTF-8 bytes, as Go's {@code len} does.
     */
    public List<String> errors(String s) {
        String value = s == null ? "" : s;
        List<String> errors = new ArrayList<>(2);
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (this == IANA_SVC_NAME) {
            portNameErrors(value, length, errors);
            return errors;
        }
        if (length > maxLength) {
            errors.add("must be no more than " + maxLength + " characters");
        }
        boolean matches = switch (this) {
            case DNS1123_LABEL -> !value.isEmpty() && isLabel(value, 0, value.length(), false);
            case DNS1035_LABEL -> !value.isEmpty() && isLabel(value, 0, value.length(), true);
            default -> !value.isEmpty() && isSubdomain(value);
        };
        if (!matches) {
            if (this == DNS1123_LABEL && !value.isEmpty() && isSubdomain(value)) {
                // A valid subdomain that is no label: the length is checked above, so it is the dots.
                errors.add("must not contain dots");
            } else {
                errors.add(regexMessage + " (e.g. " + examples + ", regex used for validation is '" + regex + "')");
            }
        }
        return errors;
    }

    private static void portNameErrors(String value, int length, List<String> errors) {
        if (length > 15) {
            errors.add("must be no more than 15 characters");
        }
        boolean charset = !value.isEmpty();
        boolean letter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= c >= 'a' && c <= 'z';
            charset &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }
        if (!charset) {
            errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!letter) {
            errors.add("must contain at least one letter (a-z)");
        }
        if (value.contains("--")) {
            errors.add("must not contain consecutive hyphens");
        }
        if (!value.isEmpty() && (value.charAt(0) == '-' || value.charAt(value.length() - 1) == '-')) {
            errors.add("must not begin or end with a hyphen");
        }
    }

    /**
     * The first thing wrong with the text, in a few plain words for a message ({@code upper-case
     * 'A'}, {@code 64 characters, over 63}); null when the rule accepts it.
     */
    public String problem(String s) {
        if (s == null || s.isEmpty()) {
            return "it is empty";
        }
        if (s.length() > maxLength) {
            return s.length() + " characters, over " + maxLength;
        }
        return switch (this) {
            case DNS1123_LABEL -> labelProblem(s, false);
            case DNS1035_LABEL -> labelProblem(s, true);
            case IANA_SVC_NAME -> ianaProblem(s);
            case DNS1123_SUBDOMAIN -> subdomainProblem(s);
        };
    }

    private static String labelProblem(String s, boolean letterFirst) {
        String chars = characterProblem(s);
        if (chars != null) {
            return chars;
        }
        if (s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') {
            return "it starts or ends with '-'";
        }
        if (letterFirst && !isLetter(s.charAt(0))) {
            return "a Service name must start with a letter";
        }
        return null;
    }

    private static String subdomainProblem(String s) {
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (i == start) {
                    return "it has an empty label";
                }
                String label = s.substring(start, i);
                String p = labelProblem(label, false);
                if (p != null) {
                    return "label '" + label + "': " + p;
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static String ianaProblem(String s) {
        String chars = characterProblem(s);
        if (chars != null) {
            return chars;
        }
        if (s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') {
            return "it starts or ends with '-'";
        }
        if (s.contains("--")) {
            return "it has '--'";
        }
        for (int i = 0; i < s.length(); i++) {
            if (isLetter(s.charAt(i))) {
                return null;
            }
        }
        return "it has no letter";
    }

    private static String characterProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return "upper-case '" + c + "'";
            }
            if (!isLetter(c) && !isDigit(c) && c != '-') {
                return "the character '" + c + "'";
            }
        }
        return null;
    }

    /**
     * A name this rule accepts that is close to the text: lower case, other characters turned
     * into '-', cut to the limit, no '-' at either end, and a letter first where the rule wants
     * one. Meant for labels; dots become '-' too.
     */
    public String suggestion(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : (s == null ? "" : s).toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(isLetter(c) || isDigit(c) ? c : '-');
        }
        String t = sb.toString().replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        boolean letterFirst = this == DNS1035_LABEL;
        if (letterFirst && (t.isEmpty() || !isLetter(t.charAt(0)))) {
            t = t.isEmpty() ? "svc" : "svc-" + t;
        }
        if (this == IANA_SVC_NAME && t.chars().noneMatch(c -> isLetter((char) c))) {
            t = t.isEmpty() ? "port" : "p-" + t;
        }
        if (t.length() > maxLength) {
            t = t.substring(0, maxLength).replaceAll("-+$", "");
        }
        return t.isEmpty() ? "name" : t;
    }

    private static boolean isSubdomain(String s) {
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (!isLabel(s, start, i, false)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Whether s[from, to) matches the label pattern, whatever its length. */
    private static boolean isLabel(String s, int from, int to, boolean letterFirst) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean alnum = isLetter(c) || isDigit(c);
            if (!alnum && !(c == '-' && i > from && i < to - 1)) {
                return false;
            }
        }
        return !letterFirst || isLetter(s.charAt(from));
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
