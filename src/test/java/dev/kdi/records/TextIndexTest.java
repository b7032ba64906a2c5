package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextIndexTest {

    @Test
    void get_returnsWhatWasFiledInFilingOrder() {
        TextIndex<String> index = new TextIndex<>(3);
        index.add("10.0.0.1", "a");
        index.add("10.0.0.2", "b");
        index.add("10.0.0.1", "c");
        index.add("10.0.0.1", "a");
        assertThat(index.get("10.0.0.1")).containsExactly("a", "c", "a");
        assertThat(index.get("10.0.0.2")).containsExactly("b");
        assertThat(index.get("10.0.0.3")).isEmpty();
    }

    @Test
    void get_listsFiledAsValuesStayValues() {
        TextIndex<List<String>> index = new TextIndex<>(1);
        index.add("k", List.of("x", "y"));
        assertThat(index.get("k")).containsExactly(List.of("x", "y"));
    }

    @Test
    void get_emptyIndexAndManyKeys() {
        assertThat(new TextIndex<String>(0).get("anything")).isEmpty();
        TextIndex<Integer> index = new TextIndex<>(5000);
        for (int i = 0; i < 5000; i++) {
            index.add("key-" + i, i);
        }
        for (int i = 0; i < 5000; i++) {
            assertThat(index.get("key-" + i)).containsExactly(i);
        }
    }
}
