package dev.kdi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text format as its specification (exposition_formats.md, version 0.0.4) writes it. */
class PrometheusTextTest {

    @Test
    void readsTheSpecificationsOwnExample() {
        Exposition e = PrometheusText.parse("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000

                # Escaping in label values:
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

                # Minimalistic line:
                metric_without_timestamp_and_labels 12.47

                # A weird metric from before the epoch:
                something_weird{problem="division by zero"} +Inf -3982045

                # A histogram, which has a pretty complex representation in the text format:
                # HELP http_request_duration_seconds A histogram of the request duration.
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="0.1"} 33444
                http_request_duration_seconds_bucket{le="0.2"} 100392
                http_request_duration_seconds_bucket{le="0.5"} 129389
                http_request_duration_seconds_bucket{le="1"} 133988
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320

                # Finally a summary, which has a complex representation, too:
                # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
                # TYPE rpc_duration_seconds summary
                rpc_duration_seconds{quantile="0.01"} 3102
                rpc_duration_seconds{quantile="0.05"} 3272
                rpc_duration_seconds{quantile="0.5"} 4773
                rpc_duration_seconds{quantile="0.9"} 9001
                rpc_duration_seconds{quantile="0.99"} 76656
                rpc_duration_seconds_sum 1.7560473e+07
                rpc_duration_seconds_count 2693
                """);

        assertThat(e.problems()).isEmpty();
        assertThat(e.families()).extracting(Family::name).containsExactly("http_requests_total",
                "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels", "something_weird",
                "http_request_duration_seconds", "rpc_duration_seconds");
        Family requests = e.family("http_requests_total").orElseThrow();
        assertThat(requests.type()).isEqualTo(MetricType.COUNTER);
        assertThat(requests.help()).isEqualTo("The total number of HTTP requests.");
        assertThat(requests.samples()).containsExactly(
                new Sample("http_requests_total", Map.of("method", "post", "code", "200"), 1027,
                        OptionalLong.of(1395066363000L)),
                new Sample("http_requests_total", Map.of("method", "post", "code", "400"), 3,
                        OptionalLong.of(1395066363000L)));
        Sample msdos = e.samples("msdos_file_access_time_seconds").get(0);
        assertThat(msdos.label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
        assertThat(msdos.label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
        assertThat(msdos.value()).isEqualTo(1.458255915e9);
        assertThat(e.family("msdos_file_access_time_seconds").orElseThrow().type()).isEqualTo(MetricType.UNTYPED);
        Sample weird = e.samples("something_weird").get(0);
        assertThat(weird.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(weird.timestamp()).hasValue(-3982045);
        Family histogram = e.family("http_request_duration_seconds").orElseThrow();
        assertThat(histogram.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(histogram.samples()).hasSize(8);
        assertThat(histogram.samples().get(5).label("le")).isEqualTo("+Inf");
        assertThat(e.sum("http_request_duration_seconds_count")).isEqualTo(144320);
        Family summary = e.family("rpc_duration_seconds").orElseThrow();
        assertThat(summary.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(summary.samples()).extracting(Sample::name).containsOnly("rpc_duration_seconds",
                "rpc_duration_seconds_sum", "rpc_duration_seconds_count");
        assertThat(e.sum("rpc_duration_seconds_sum")).isEqualTo(1.7560473e7);
        assertThat(e.seriesCount()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            NaN,       NaN
            nan,       NaN
            +Inf,      Infinity
            -Inf,      -Infinity
            Inf,       Infinity
            -infinity, -Infinity
            1e3,       1000
            -.5,       -0.5
            3.,        3
            0,         0
            """)
    void valuesAreGoFloats(String written, double expected) {
        Exposition e = PrometheusText.parse("x " + written + "\n");
        assertThat(e.problems()).isEmpty();
        assertThat(Double.valueOf(e.samples("x").get(0).value())).isEqualTo(Double.valueOf(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            x 1d                          | line 1: x: invalid value '1d'
            x 0x1p3                       | line 1: x: invalid value '0x1p3'
            x                             | line 1: x: no value
            x{a="b"                       | line 1: x: labels not closed with '}'
            x{a=b} 1                      | line 1: x: the value of label a must be quoted
            x{a="\\t"} 1                  | line 1: x: invalid escape '\\t' in the value of label a
            x{a="1",a="2"} 1              | line 1: x: label a given twice
            x{1a="1"} 1                   | line 1: x: invalid label name starting at '1'
            x 1 12.5                      | line 1: x: invalid timestamp '12.5'
            x 1 1 1                       | line 1: x: unexpected text after the timestamp
            # TYPE x gauges               | line 1: # TYPE x: unknown type 'gauges'
            # HELP x bad \\t escape       | line 1: invalid escape '\\t' in a help text
            """)
    void aBadLineSaysWhatIsWrong(String line, String problem) {
        Exposition e = PrometheusText.parse(line + "\ngood 1\n");
        assertThat(e.problems()).containsExactly(problem);
        assertThat(e.samples("good")).hasSize(1);
    }

    @Test
    void helpUnescapesBackslashAndNewlineOnly() {
        Exposition e = PrometheusText.parse("# HELP x a \\\\ and a\\nbreak, \"quotes\" as is\nx 1\n");
        assertThat(e.family("x").orElseThrow().help()).isEqualTo("a \\ and a\nbreak, \"quotes\" as is");
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndBlanksSeparateTokens() {
        Exposition e = PrometheusText.parse("""
                # just a comment
                #TYPE not_a_type_line counter
                  \t
                \t x_total { a = "1" , b="2", } \t 5 \t 17\r
                """);
        assertThat(e.problems()).isEmpty();
        assertThat(e.family("x_total").orElseThrow().type()).isEqualTo(MetricType.UNTYPED);
        assertThat(e.samples("x_total").get(0))
                .isEqualTo(new Sample("x_total", Map.of("a", "1", "b", "2"), 5, OptionalLong.of(17)));
    }

    @Test
    void typeAndHelpComeOnceAndTypeBeforeTheSamples() {
        Exposition e = PrometheusText.parse("""
                # TYPE x counter
                # TYPE x gauge
                # HELP x one
                # HELP x two
                x 1
                y 1
                # TYPE y counter
                x 1
                """);
        assertThat(e.problems()).containsExactly("line 2: second # TYPE for x", "line 4: second # HELP for x",
                "line 7: # TYPE for y after its samples", "line 8: x{} appears twice");
        assertThat(e.family("x").orElseThrow().type()).isEqualTo(MetricType.COUNTER);
    }

    @Test
    void histogramBucketsNeedLeAndSummaryQuantilesNeedQuantile() {
        Exposition e = PrometheusText.parse("""
                # TYPE h histogram
                h_bucket{x="1"} 1
                h_count 1
                # TYPE s summary
                s 1
                s_count 1
                """);
        assertThat(e.problems()).containsExactly("line 2: h_bucket: a histogram bucket without an 'le' label",
                "line 5: s: a summary quantile without a 'quantile' label");
        assertThat(e.family("h").orElseThrow().samples()).extracting(Sample::name).containsExactly("h_count");
    }

    @Test
    void anUntypedFamilyDoesNotSwallowLookalikeNames() {
        Exposition e = PrometheusText.parse("a 1\na_count 2\n# TYPE g gauge\ng_sum 3\n");
        assertThat(e.families()).extracting(Family::name).containsExactly("a", "a_count", "g", "g_sum");
    }

    @Test
    void emptyInputIsAnEmptyExposition() {
        assertThat(PrometheusText.parse("")).isEqualTo(new Exposition(java.util.List.of(), java.util.List.of()));
    }
}
