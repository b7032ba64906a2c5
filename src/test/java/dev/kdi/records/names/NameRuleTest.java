package dev.kdi.records.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The name rules against apimachinery's own cases ({@code pkg/util/validation/validation_test.go}:
 * {@code TestIsDNS1123Label}, {@code TestIsDNS1123Subdomain}, {@code TestIsDNS1035Label},
 * {@code TestIsValidPortName}), rewritten as tables. {@code a{63}} stands for 63 a's.
 */
class NameRuleTest {
    private static final Pattern REPEAT = Pattern.compile("(.)\\{(\\d+)}");

    /** Expands {@code x{n}} into n x's. */
    private static String value(String written) {
        if (written == null) {
            return "";
        }
        Matcher m = REPEAT.matcher(written);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        return m.appendTail(sb).toString();
    }

    /** Accepting, reporting no errors and seeing no problem are one verdict, never three. */
    private static void assertVerdict(NameRule rule, String value, boolean accepted) {
        assertThat(rule.accepts(value)).as("%s accepts '%s'", rule, value).isEqualTo(accepted);
        assertThat(rule.errors(value).isEmpty()).as("%s errors for '%s'", rule, value).isEqualTo(accepted);
        assertThat(rule.problem(value) == null).as("%s problem with '%s': %s", rule, value, rule.problem(value))
                .isEqualTo(accepted);
    }

    /** TestIsDNS1123Label and TestIsDNS1035Label share their values; a column for each verdict. */
    @ParameterizedTest(name = "label ''{0}'': DNS-1123 {1}, DNS-1035 {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a          | true  | true
            ab         | true  | true
            abc        | true  | true
            a1         | true  | true
            a-1        | true  | true
            a--1--2--b | true  | true
            0          | true  | false
            01         | true  | false
            012        | true  | false
            1a         | true  | false
            1-a        | true  | false
            1--a--b--2 | true  | false
            a{63}      | true  | true
            ''         | false | false
            A          | false | false
            ABC        | false | false
            aBc        | false | false
            A1         | false | false
            A-1        | false | false
            1-A        | false | false
            -          | false | false
            a-         | false | false
            -a         | false | false
            1-         | false | false
            -1         | false | false
            _          | false | false
            a_         | false | false
            _a         | false | false
            a_b        | false | false
            1_         | false | false
            _1         | false | false
            1_2        | false | false
            .          | false | false
            a.         | false | false
            .a         | false | false
            a.b        | false | false
            1.         | false | false
            .1         | false | false
            1.2        | false | false
            ' '        | false | false
            'a '       | false | false
            ' a'       | false | false
            'a b'      | false | false
            '1 '       | false | false
            ' 1'       | false | false
            '1 2'      | false | false
            a{64}      | false | false
            """)
    void labels_apimachineryCases(String written, boolean dns1123, boolean dns1035) {
        assertVerdict(NameRule.DNS1123_LABEL, value(written), dns1123);
        assertVerdict(NameRule.DNS1035_LABEL, value(written), dns1035);
    }

    @ParameterizedTest(name = "DNS-1123 subdomain ''{0}'': {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a              | true
            ab             | true
            abc            | true
            a1             | true
            a-1            | true
            a--1--2--b     | true
            0              | true
            01             | true
            012            | true
            1a             | true
            1-a            | true
            1--a--b--2     | true
            a.a            | true
            ab.a           | true
            abc.a          | true
            a1.a           | true
            a-1.a          | true
            a--1--2--b.a   | true
            a.1            | true
            ab.1           | true
            abc.1          | true
            a1.1           | true
            a-1.1          | true
            a--1--2--b.1   | true
            0.a            | true
            01.a           | true
            012.a          | true
            1a.a           | true
            1-a.a          | true
            0.1            | true
            01.1           | true
            012.1          | true
            1a.1           | true
            1-a.1          | true
            1--a--b--2.1   | true
            a.b.c.d.e      | true
            aa.bb.cc.dd.ee | true
            1.2.3.4.5      | true
            11.22.33.44.55 | true
            a{253}         | true
            ''             | false
            A              | false
            ABC            | false
            aBc            | false
            A1             | false
            A-1            | false
            1-A            | false
            -              | false
            a-             | false
            -a             | false
            1-             | false
            -1             | false
            _              | false
            a_             | false
            _a             | false
            a_b            | false
            1_             | false
            _1             | false
            1_2            | false
            .              | false
            a.             | false
            .a             | false
            a..b           | false
            1.             | false
            .1             | false
            1..2           | false
            ' '            | false
            'a '           | false
            ' a'           | false
            'a b'          | false
            '1 '           | false
            ' 1'           | false
            '1 2'          | false
            A.a            | false
            aB.a           | false
            ab.A           | false
            A1.a           | false
            a1.A           | false
            A.1            | false
            aB.1           | false
            A1.1           | false
            1A.1           | false
            0.A            | false
            01.A           | false
            012.A          | false
            1A.a           | false
            1a.A           | false
            A.B.C.D.E      | false
            AA.BB.CC.DD.EE | false
            a.B.c.d.e      | false
            aa.bB.cc.dd.ee | false
            a@b            | false
            'a,b'          | false
            a;b            | false
            a:b            | false
            a%b            | false
            a?b            | false
            a$b            | false
            a{254}         | false
            """)
    void dns1123Subdomain_apimachineryCases(String written, boolean accepted) {
        assertVerdict(NameRule.DNS1123_SUBDOMAIN, value(written), accepted);
    }

    @ParameterizedTest(name = "port name ''{0}'': {1}")
    @CsvSource(delimiter = '|', textBlock = """
            telnet                 | true
            re-mail-ck             | true
            pop3                   | true
            a                      | true
            a-1                    | true
            1-a                    | true
            a-1-b-2-c              | true
            1-a-2-b-3              | true
            longerthan15characters | false
            ''                     | false
            a{16}                  | false
            12345                  | false
            1-2-3-4                | false
            -begin                 | false
            end-                   | false
            two--hyphens           | false
            whois++                | false
            """)
    void ianaServiceName_apimachineryCases(String written, boolean accepted) {
        assertVerdict(NameRule.IANA_SVC_NAME, value(written), accepted);
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            DNS1123_LABEL     | a.b        | must not contain dots
            DNS1123_LABEL     | a{64}      | must be no more than 63 characters
            DNS1123_LABEL     | a{60}.b.c  | must be no more than 63 characters; must not contain dots
            DNS1123_LABEL     | A          | a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name' or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
            DNS1123_SUBDOMAIN | a{254}     | must be no more than 253 characters
            DNS1123_SUBDOMAIN | a..b       | a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            DNS1035_LABEL     | 1a         | a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name' or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')
            IANA_SVC_NAME     | ''         | must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-); must contain at least one letter (a-z)
            IANA_SVC_NAME     | -a--b{14}- | must be no more than 15 characters; must not contain consecutive hyphens; must not begin or end with a hyphen
            IANA_SVC_NAME     | whois++    | must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
            """)
    void errors_sayWhatApimachinerySays(NameRule rule, String written, String errors) {
        assertThat(rule.errors(value(written))).containsExactly(errors.split("; "));
    }

    @Test
    void errors_countUtf8BytesAsGoDoes() {
        // 62 letters and an 'é' are 63 characters but 64 bytes: over the limit in Go's terms.
        assertThat(NameRule.DNS1123_LABEL.errors("a".repeat(62) + "é")).startsWith("must be no more than 63 characters");
    }

    @Test
    void dns1123Subdomain_oneLongLabel_isAccepted() {
        // A pod named with a single 66-character label: the API server checks the whole name only.
        assertVerdict(NameRule.DNS1123_SUBDOMAIN, "a".repeat(66), true);
        assertVerdict(NameRule.DNS1123_LABEL, "a".repeat(66), false);
    }

    @ParameterizedTest(name = "{0} ''{1}'': {2}")
    @CsvSource(delimiter = '|', textBlock = """
            DNS1123_LABEL     | ''         | it is empty
            DNS1123_LABEL     | a{64}      | 64 characters, over 63
            DNS1123_LABEL     | Shop       | upper-case 'S'
            DNS1123_LABEL     | web_0      | the character '_'
            DNS1123_LABEL     | -web       | it starts or ends with '-'
            DNS1035_LABEL     | 1web       | a Service name must start with a letter
            DNS1123_SUBDOMAIN | a..b       | it has an empty label
            DNS1123_SUBDOMAIN | api.Stripe | label 'Stripe': upper-case 'S'
            DNS1123_SUBDOMAIN | a{254}     | 254 characters, over 253
            IANA_SVC_NAME     | 8080       | it has no letter
            IANA_SVC_NAME     | web--ui    | it has '--'
            IANA_SVC_NAME     | a{16}      | 16 characters, over 15
            """)
    void problem_inPlainWords(NameRule rule, String written, String problem) {
        assertThat(rule.problem(value(written))).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            DNS1123_LABEL | Web_Shop  | web-shop
            DNS1123_LABEL | --a--     | a
            DNS1123_LABEL | a{70}     | a{63}
            DNS1035_LABEL | 1web      | svc-1web
            DNS1035_LABEL | ''        | svc
            IANA_SVC_NAME | 8080      | p-8080
            """)
    void suggestion_isAccepted(NameRule rule, String written, String suggestion) {
        assertThat(rule.suggestion(value(written))).isEqualTo(value(suggestion));
        assertThat(rule.accepts(rule.suggestion(value(written)))).isTrue();
    }

    @Test
    void words_nameTheLimit() {
        for (NameRule rule : NameRule.values()) {
            assertThat(rule.words()).contains(String.valueOf(rule.maxLength()));
        }
    }
}
