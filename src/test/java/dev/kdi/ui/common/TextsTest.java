package dev.kdi.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            sample-statefulset-headless-0.sample-headless.default.svc.cluster.local, 40, sample-statefulset-headl…c.cluster.local
            sample-statefulset-headless-0.sample-headless.default.svc.cluster.local, 12, sample-…ocal
            short.svc.cluster.local,                                                 40, short.svc.cluster.local
            """)
    void elideMiddle_keepsMoreOfTheLeftThanOfTheRight(String text, int max, String expected) {
        assertThat(Texts.elideMiddle(text, max)).isEqualTo(expected).hasSizeLessThanOrEqualTo(max);
    }

    @Test
    void elideMiddle_leavesTextWholeWhenTooLittleWouldRemain() {
        assertThat(Texts.elideMiddle("abcdefghij", 4)).isEqualTo("abcdefghij");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            210000,     0.21 ms
            14000000,   14 ms
            1250000000, 1.3 s
            """)
    void roundTrip_readsInMilliseconds(long nanos, String expected) {
        assertThat(Texts.roundTrip(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @Test
    void counts_groupThousandsAndAgreeInNumber() {
        assertThat(Texts.count(150_000)).isEqualTo("150,000");
        assertThat(Texts.count(1, "pod", "pods")).isEqualTo("1 pod");
        assertThat(Texts.count(2, "pod", "pods")).isEqualTo("2 pods");
    }

    @Test
    void naturalOrder_countsDigitRunsByValue() {
        List<String> names = new ArrayList<>(List.of("db-10", "db-2", "db-1", "app", "db-02a", "db-2b"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("app", "db-1", "db-2", "db-02a", "db-2b", "db-10");
    }

    @Test
    void failures_sayTheCauseNeverTheWrapper() {
        Exception wrapped = new java.util.concurrent.CompletionException(new IllegalStateException("no replica is ready"));
        assertThat(Failures.describe(wrapped)).isEqualTo("no replica is ready");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo(
                "unexpected null pointer exception (run with --debug for details)");
    }

    @org.junit.jupiter.api.Test
    void wrap_breaksAtSpaces_keepsLongWordsWhole_andKeepsLineBreaks() {
        assertThat(Texts.wrap("aaa bbb ccc\ndd", 7)).isEqualTo("aaa bbb\nccc\ndd");
        assertThat(Texts.wrap("/a/very/long/path.yaml: bad", 5)).isEqualTo("/a/very/long/path.yaml:\nbad");
    }
}
