package dev.kdi.session.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchRecordingTest {
    private static final Instant T = Instant.parse("2026-12-05T12:00:00.125Z");

    @Test
    void everyKindOfEventRoundTrips() throws Exception {
        List<WatchEvent> events = List.of(
                WatchEvent.answer(T, "web.shop.svc.cluster.local.", "A", "kube-system/coredns-a", "NOERROR",
                        List.of("A 10.96.0.20"), 0.42, true),
                WatchEvent.failure(T, "web.shop.svc.cluster.local.", "A", "kube-system/coredns-b", "no reply \"quoted\""),
                WatchEvent.api(T, null, "kube-system/coredns-b", "DNS pod kube-system/coredns-b deleted"));
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(WatchRecording.line(e)).append('\n'));
        assertThat(WatchRecording.readAll(new StringReader(text.toString()), "rec.ndjson")).isEqualTo(events);
    }

    @Test
    void aLineHasEveryFieldInTheDocumentedOrder() {
        String line = WatchRecording.line(WatchEvent.answer(T, "web.shop.svc.cluster.local.", "A",
                "kube-system/coredns-a", "NOERROR", List.of("A 10.96.0.20"), 0.5, true));
        assertThat(line).isEqualTo("{\"time\":\"2026-12-05T12:00:00.125Z\",\"kind\":\"answer\","
                + "\"name\":\"web.shop.svc.cluster.local.\",\"type\":\"A\",\"replica\":\"kube-system/coredns-a\","
                + "\"rcode\":\"NOERROR\",\"answers\":[\"A 10.96.0.20\"],\"rttMs\":0.5,\"event\":null,\"asPredicted\":true}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"time":"yesterday","kind":"api","event":"x"}  | rec.ndjson line 2: field "time" is not an RFC 3339 time: "yesterday"
            {"time":"2026-12-05T12:00:00Z","kind":"dns"}    | rec.ndjson line 2: field "kind" must be "answer" or "api", not "dns"
            {"kind":"api"}                                  | rec.ndjson line 2: field "time" is missing
            {"time":"2026-12-05T12:00:00Z","kind":"answer"} | rec.ndjson line 2: an answer needs "name", "type" and "replica"
            {"time":"2026-12-05T12:00:00Z","kind":"api","event":"x","rttMs":"fast"} | rec.ndjson line 2: field "rttMs" must be a number of milliseconds, not "fast"
            [1,2]                                           | rec.ndjson line 2: not a JSON object
            """)
    void aBadLineIsNamedByFileLineAndField(String bad, String message) throws Exception {
        String good = WatchRecording.line(WatchEvent.api(T, null, null, "first"));
        StringBuilder seen = new StringBuilder();
        assertThatThrownBy(() -> WatchRecording.read(new StringReader(good + "\n" + bad + "\n"), "rec.ndjson",
                e -> seen.append(e.event()))).isInstanceOf(WatchRecording.RecordingException.class).hasMessage(message);
        assertThat(seen).as("events before the bad line are kept").hasToString("first");
    }
}
