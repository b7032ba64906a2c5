package dev.kdi.session.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
            500ms,  500000000
            10s,    10000000000
            10m,    600000000000
            1h30m,  5400000000000
            1.5s,   1500000000
            .5s,    500000000
            250us,  250000
            250µs,  250000
            7ns,    7
            0,      0
            -2s,    -2000000000
            """)
    void parsesGoSyntax(String text, long nanos) {
        assertThat(GoDuration.parse(text)).contains(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "s", "10 s", "1.2.3s", "10sec", "1d", "abc", "5m-3s"})
    void rejectsWhatGoRejects(String text) {
        assertThat(GoDuration.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            250,      250ms
            1000,     1s
            1500,     1.5s
            90000,    1m30s
            3723000,  1h2m3s
            """)
    void formatsInTheSameSyntax(long millis, String text) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(GoDuration.parse(text)).contains(Duration.ofMillis(millis));
    }
}
