package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.CheckReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JunitReportTest {

    @Test
    void forwardedNames_areSkipped_andUnaskedOnesAreErrors() {
        Question upstream = new Question("example.com.", RrType.A);
        Question asked = new Question("web.shop.svc.cluster.local.", RrType.A);
        CheckReport report = new CheckReport(List.of(new CheckReport.Item(asked, "kube-system/coredns-a", null,
                "not asked: the replica went away")), List.of(upstream), List.of("replica a went away <early>"));

        String xml = write(report);

        assertThat(xml).contains("<testsuite name=\"kdi check\" tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"1\"")
                .contains("<property name=\"note\" value=\"replica a went away &lt;early&gt;\"/>")
                .contains("<testcase classname=\"shop\" name=\"web.shop.svc.cluster.local. A @kube-system/coredns-a\">\n"
                        + "    <error message=\"not asked: the replica went away\" type=\"not asked\"/>")
                .contains("<testcase classname=\"cluster\" name=\"example.com. A\">\n    <skipped message=\"the cluster DNS"
                        + " forwards this name to its upstream resolvers");
    }

    @Test
    void escape_keepsTheXmlWellFormedWhateverATxtRecordHolds() {
        assertThat(JunitReport.escape("a\"b<c>&'\u0001\n")).isEqualTo("a&quot;b&lt;c&gt;&amp;&apos;\\x01&#10;");
        assertThat(JunitReport.escape("x\ny", false)).isEqualTo("x\ny");
    }

    private static String write(CheckReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JunitReport.write(report, "cluster.local", 1.5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
