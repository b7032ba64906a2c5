package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.objects.Owner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InternerTest {
    private final Interner interner = new Interner();

    @Test
    void string_returnsTheFirstInstance_forEqualStrings() {
        String first = new String("kube-system");
        String second = new String("kube-system");

        assertThat(interner.string(first)).isSameAs(first);
        assertThat(interner.string(second)).isSameAs(first);
        assertThat(interner.string(null)).isNull();
    }

    @Test
    void labels_returnsOneImmutableInstance_forEqualMapsInAnyOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("app", "web");
        a.put("tier", "front");
        Map<String, String> b = new HashMap<>();
        b.put("tier", "front");
        b.put("app", "web");

        Map<String, String> shared = interner.labels(a);

        assertThat(interner.labels(b)).isSameAs(shared);
        assertThat(shared).isEqualTo(Map.of("app", "web", "tier", "front"));
        assertThatThrownBy(() -> shared.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void labels_sharesKeysAndValues_acrossDifferentMaps() {
        Map<String, String> one = interner.labels(Map.of(new String("app"), new String("web")));
        Map<String, String> two = interner.labels(Map.of(new String("app"), new String("web"), "tier", "back"));

        String keyOfOne = one.keySet().iterator().next();
        String keyOfTwo = two.keySet().stream().filter("app"::equals).findFirst().orElseThrow();
        assertThat(keyOfTwo).isSameAs(keyOfOne);
        assertThat(two.get("app")).isSameAs(one.get("app"));
    }

    @Test
    void labels_readsANullValueAsEmpty_asGoDecodesIt() {
        Map<String, String> written = new HashMap<>();
        written.put("flag", null);

        assertThat(interner.labels(written)).isEqualTo(Map.of("flag", ""));
        assertThat(interner.labels(null)).isEmpty();
    }

    @Test
    void list_andValue_shareEqualInstances() {
        List<String> first = interner.list(new ArrayList<>(List.of("a", "b")));
        Owner owner = interner.value(new Owner("ReplicaSet", "web-1"));

        assertThat(interner.list(new ArrayList<>(List.of("a", "b")))).isSameAs(first);
        assertThat(interner.value(new Owner("ReplicaSet", "web-1"))).isSameAs(owner);
        assertThat(interner.value(new Owner("ReplicaSet", "web-2"))).isNotSameAs(owner);
    }

    @Test
    void separateInterners_shareNothing() {
        Interner other = new Interner();
        String a = interner.string(new String("x"));

        assertThat(other.string(new String("x"))).isNotSameAs(a);
        assertThat(other.size()).isEqualTo(1);
    }
}
