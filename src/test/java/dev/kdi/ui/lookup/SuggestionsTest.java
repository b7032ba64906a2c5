package dev.kdi.ui.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
