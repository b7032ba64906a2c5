package dev.kdi.cli;

import dev.kdi.records.Question;
import dev.kdi.session.CheckReport;
import java.io.PrintStream;

/**
 * {@code kdi check -o junit}: the report as JUnit XML, the format CI systems show as test results.
 * One {@code <testcase>} per question and replica, {@code classname} its namespace (or
 * {@code cluster} for names of no namespace), {@code name} {@code FQDN TYPE @REPLICA}; a
 * {@code <failure>} with expected, actual and reason where the replica and the model differ, an
 * {@code <error>} where the replica could not be asked, {@code <skipped>} for names the cluster
 * DNS hands to its upstream resolvers.
 */
final class JunitReport {
    /** The classname of names that belong to no namespace. */
    static final String CLUSTER = "cluster";

    private JunitReport() {
    }

    static void write(CheckReport report, String clusterDomain, double seconds, PrintStream out) {
        long failures = report.items().stream().filter(i -> i.verdict() != null && !i.isOk()).count();
        long errors = report.failures();
        int tests = report.items().size() + report.skipped();
        StringBuilder xml = new StringBuilder(256 + 160 * tests);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"kdi check\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(report.skipped())
                .append("\" time=\"").append(String.format(java.util.Locale.ROOT, "%.3f", seconds)).append("\">\n");
        if (!report.notes().isEmpty()) {
            xml.append("  <properties>\n");
            for (String note : report.notes()) {
                xml.append("    <property name=\"note\" value=\"").append(escape(note)).append("\"/>\n");
            }
            xml.append("  </properties>\n");
        }
        for (CheckReport.Item item : report.items()) {
            Question q = item.question();
            String ns = CheckReport.namespaceOf(q, item.verdict() == null ? null : item.verdict().predicted(),
                    clusterDomain);
            testcase(xml, ns, q.name() + " " + q.type().mnemonic() + " @" + item.replica());
            if (item.isOk()) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n");
            if (item.verdict() == null) {
                xml.append("    <error message=\"").append(escape(item.reason())).append("\" type=\"not asked\"/>\n");
            } else {
                xml.append("    <failure message=\"").append(escape(item.reason())).append("\" type=\"")
                        .append(item.status()).append("\">")
                        .append(escape("expected: " + item.expected() + "\nactual: " + item.actual()
                                + "\nreason: " + item.reason(), false))
                        .append("</failure>\n");
            }
            xml.append("  </testcase>\n");
        }
        for (Question q : report.forwarded()) {
            testcase(xml, CheckReport.namespaceOf(q, null, clusterDomain), q.name() + " " + q.type().mnemonic());
            xml.append(">\n    <skipped message=\"the cluster DNS forwards this name to its upstream resolvers:"
                    + " the model cannot know the answer\"/>\n  </testcase>\n");
        }
        for (CheckReport.NotModelled n : report.notModelled()) {
            Question q = n.question();
            testcase(xml, CheckReport.namespaceOf(q, null, clusterDomain), q.name() + " " + q.type().mnemonic());
            xml.append(">\n    <skipped message=\"").append(escape(n.reason())).append("\"/>\n  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        out.print(xml);
        out.flush();
    }

    private static void testcase(StringBuilder xml, String namespace, String name) {
        xml.append("  <testcase classname=\"").append(escape(namespace.isEmpty() ? CLUSTER : namespace))
                .append("\" name=\"").append(escape(name)).append('"');
    }

    /**
     * Text for an attribute or element: markup characters escaped, and characters XML 1.0 cannot
     * carry at all (a TXT record may hold any byte) written as {@code \xNN}.
     */
    static String escape(String text) {
        return escape(text, true);
    }

    /**
     * @param attribute whether the text goes in an attribute, where line breaks must be escaped
     *     to survive; in an element they stay as they are
     */
    static String escape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || (Character.isSurrogate(c) && !validPair(text, i))) {
                        out.append(String.format("\\x%02X", (int) c & 0xFF));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
