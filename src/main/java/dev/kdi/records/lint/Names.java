package dev.kdi.records.lint;

import java.util.Locale;

/**
 * Kubernetes' rules for names that become DNS labels, with the reason a name breaks them and a
 * name that would not.
 */
final class Names {
    static final int MAX_LABEL = 63;

    private Names() {
    }

    /**
     * Why the text is not a DNS label (RFC 1123: at most 63 lower-case letters, digits and '-',
     * starting and ending with a letter or digit; RFC 1035 also wants a letter first), or null.
     *
     * @param letterFirst whether the name must start with a letter (Service names: DNS-1035)
     */
    static String labelProblem(String s, boolean letterFirst) {
        if (s == null || s.isEmpty()) {
            return "it is empty";
        }
        if (s.length() > MAX_LABEL) {
            return s.length() + " characters, over 63";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return "upper-case '" + c + "'";
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return "the character '" + c + "'";
            }
        }
        if (s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') {
            return "it starts or ends with '-'";
        }
        if (letterFirst && !(s.charAt(0) >= 'a' && s.charAt(0) <= 'z')) {
            return "a Service name must start with a letter";
        }
        return null;
    }

    /**
     * A valid label close to the text: lower case, other characters turned into '-', cut to 63,
     * no '-' at either end (and a letter first when required).
     */
    static String suggestion(String s, boolean letterFirst) {
        StringBuilder sb = new StringBuilder();
        for (char c : (s == null ? "" : s).toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            sb.append(ok ? c : '-');
        }
        String t = sb.toString().replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        if (letterFirst && (t.isEmpty() || !(t.charAt(0) >= 'a' && t.charAt(0) <= 'z'))) {
            t = t.isEmpty() ? "svc" : "svc-" + t;
        }
        if (t.length() > MAX_LABEL) {
            t = t.substring(0, MAX_LABEL).replaceAll("-+$", "");
        }
        return t.isEmpty() ? "name" : t;
    }
}
