package dev.kdi.ui.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private final Suggestions names = Suggestions.of(List.of("web.shop.svc.cluster.local", "db-headless.shop.svc.cluster.local",
            "sample-headless.default.svc.cluster.local", "sample-subdomain.default.svc.cluster.local",
            "Sample-Headless.default.svc.cluster.local", ""));

    @Test
    void complete_findsNamesByPrefixInOrder() {
        assertThat(names.complete("sample-", 10)).containsExactly("sample-headless.default.svc.cluster.local",
                "sample-subdomain.default.svc.cluster.local");
    }

    @Test
    void complete_ignoresCaseAndDuplicates() {
        assertThat(names.size()).isEqualTo(4);
        assertThat(names.complete("SAMPLE-H", 10)).containsExactly("sample-headless.default.svc.cluster.local");
    }

    @Test
    void complete_fallsBackToNamesContainingTheText() {
        assertThat(names.complete("shop.svc", 10)).containsExactly("db-headless.shop.svc.cluster.local",
                "web.shop.svc.cluster.local");
    }

    @Test
    void complete_stopsAtTheLimit_andOffersNothingForNoText() {
        assertThat(names.complete("s", 1)).hasSize(1);
        assertThat(names.complete("  ", 10)).isEmpty();
        assertThat(Suggestions.empty().complete("a", 10)).isEmpty();
    }

    @Test
    void complete_findsTheTextOnlyWithinOneName_notAcrossTheirJoin() {
        Suggestions s = Suggestions.of(List.of("ab", "cd", "xbc"));
        // Packed, "ab" and "cd" sit side by side as "abcd": "bc" must only find "xbc".
        assertThat(s.complete("bc", 10)).containsExactly("xbc");
        assertThat(s.complete("abc", 10)).isEmpty();
    }

    @Test
    void complete_givesEachNameOnce_whereItHoldsTheTextTwice() {
        Suggestions s = Suggestions.of(List.of("a.svc.svc", "svc.b", "z.svc"));
        assertThat(s.complete("svc", 10)).containsExactly("svc.b", "a.svc.svc", "z.svc");
    }

    @Test
    void complete_keepsNamesBeyondAscii() {
        Suggestions s = Suggestions.of(List.of("Ärger.example", "zürich.example", "plain.example"));
        assertThat(s.complete("äR", 10)).containsExactly("ärger.example");
        assertThat(s.complete("ürich", 10)).containsExactly("zürich.example");
        assertThat(s.complete(".example", 10)).containsExactly("plain.example", "zürich.example", "ärger.example");
    }

    @Test
    void complete_answersAsASortedListOfStringsWould() {
        Random random = new Random(7);
        String[] parts = {"a", "b", "web", "Web", "db", "-", ".", "svc", "shop", "1", "10-0-0-1"};
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder n = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                n.append(parts[random.nextInt(parts.length)]);
            }
            names.add(n.toString());
        }
        Suggestions packed = Suggestions.of(names);
        String[] sorted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toCollection(TreeSet::new)).toArray(String[]::new);
        assertThat(packed.size()).isEqualTo(sorted.length);
        for (String text : List.of("w", "we", "web", "b.", "svc", "-d", "10-0", "shop.", "a", "zz", "EB", ".", "bweb")) {
            for (int limit : new int[] {1, 5, 40, 10_000}) {
                assertThat(packed.complete(text, limit)).as("%s, %d", text, limit)
                        .isEqualTo(reference(sorted, text, limit));
            }
        }
    }

    /** Prefix matches from a sorted array, then names containing the text, in sorted order. */
    private static List<String> reference(String[] sorted, String text, int limit) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int i = Arrays.binarySearch(sorted, t);
        for (i = i < 0 ? -i - 1 : i; i < sorted.length && out.size() < limit && sorted[i].startsWith(t); i++) {
            out.add(sorted[i]);
        }
        for (int k = 0; k < sorted.length && out.size() < limit && t.length() >= 2; k++) {
            if (!sorted[k].startsWith(t) && sorted[k].contains(t)) {
                out.add(sorted[k]);
            }
        }
        return out;
    }
}
