package dev.kdi.records.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatSelectorTest {

    @Test
    void nullOrEmptySelectsNothingNotEvenUnlabelledPods() {
        assertThat(FlatSelector.of(null).selects(Map.of())).isFalse();
        assertThat(FlatSelector.of(Map.of()).selects(Map.of("app", "web"))).isFalse();
    }

    @Test
    void everyLabelMustBeThereWithTheSameValue() {
        FlatSelector s = FlatSelector.of(Map.of("app", "web", "tier", "front"));
        assertThat(s.selects(Map.of("app", "web", "tier", "front", "pod-template-hash", "5d9f"))).isTrue();
        assertThat(s.selects(Map.of("app", "web"))).isFalse();
        assertThat(s.selects(Map.of("app", "web", "tier", "back"))).isFalse();
        assertThat(s.selects(Map.of("App", "web", "tier", "front"))).isFalse();
    }

    /** Over random selectors and label sets drawn from a few keys and values, so that many match. */
    @Test
    void answersAsServiceSelectsDoes() {
        Random random = new Random(11);
        List<String> keys = List.of("app", "tier", "version", "k8s-app");
        List<String> values = List.of("web", "db", "", "v1");
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> selector = random.nextInt(20) == 0 ? null : labels(random, keys, values, 3);
            Map<String, String> labels = labels(random, keys, values, 4);
            boolean expected = LabelSelector.serviceSelects(selector, labels);
            assertThat(FlatSelector.of(selector).selects(labels)).as("%s selects %s", selector, labels)
                    .isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        assertThat(matched).as("cases where the selector matches").isGreaterThan(500);
    }

    private static Map<String, String> labels(Random random, List<String> keys, List<String> values, int most) {
        Map<String, String> out = new HashMap<>();
        int n = random.nextInt(most + 1);
        for (int i = 0; i < n; i++) {
            out.put(keys.get(random.nextInt(keys.size())), values.get(random.nextInt(values.size())));
        }
        return Map.copyOf(out);
    }
}
