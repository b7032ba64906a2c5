package dev.kdi.records.searchpath;

import java.util.Optional;

/** Name arithmetic both resolvers share: dots, joining a search domain, what fits in a query. */
final class Candidates {
    /** The longest name a query can carry, without its trailing dot (255 octets on the wire). */
    static final int MAX_NAME = 253;
    static final int MAX_LABEL = 63;

    private Candidates() {
    }

    /** Dots in the name as typed, a trailing one included (both libraries count that way). */
    static int dots(String name) {
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /**
     * Why no query can carry the name, or empty when one can: longer than 253 characters (without
     * its trailing dot), a label longer than 63, or an empty label. glibc ({@code ns_name_pton}) and
     * musl ({@code __res_mkquery}) both refuse such names before sending.
     */
    static Optional<String> unsendable(String name) {
        String text = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (text.isEmpty()) {
            return name.isEmpty() ? Optional.of("the name is empty") : Optional.empty();
        }
        if (text.length() > MAX_NAME) {
            return Optional.of(text.length() + " characters, more than " + MAX_NAME);
        }
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                int len = i - start;
                if (len == 0) {
                    return Optional.of("it has an empty label");
                }
                if (len > MAX_LABEL) {
                    return Optional.of("a label of " + len + " characters, more than " + MAX_LABEL);
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }
}
