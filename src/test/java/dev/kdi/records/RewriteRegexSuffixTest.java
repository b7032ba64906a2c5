package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The literal a rewrite regex's matches must end with, which lets a name skip the regex engine:
 * it must never reject a name the regex would match.
 */
class RewriteRegexSuffixTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "NONE", value = {
        "^(.*)\\.team3\\.example\\.$; .team3.example.",
        "(.*)-old\\.svc\\.cluster\\.local\\.$; -old.svc.cluster.local.",
        "^foo\\.bar$; foo.bar",
        "^(.*)\\.example\\.?$; NONE",
        "^(.*)\\.ex(am)?ple\\.$; ple.",
        "^(.*)x{2}$; NONE",
        "^(a|b)\\.example\\.$; NONE",
        "(?i)^(.*)\\.EXAMPLE\\.$; NONE",
        "^(.*)\\.example\\.; NONE",
        "^(.*)\\d$; NONE",
        "^(.*)[a-z]$; NONE",
        "^(.*)\\$; NONE",
        // An escape that takes the characters after it: \x2e is ".", not "2e".
        "^(.*)\\x2e$; NONE",
        "^(.*)\\pL$; NONE",
        "^(.*)\\056$; NONE",
        "^(.*)\\d\\.io$; .io",
    })
    void theSuffixIsKnownOnlyWhenEveryMatchEndsWithIt(String regex, String expected) {
        assertThat(RewriteRules.requiredSuffix(regex)).isEqualTo(expected);
    }

    @Test
    void noNameTheRegexMatchesLacksTheSuffix() {
        List<String> regexes = List.of("^(.*)\\.team3\\.example\\.$", "^(.*)\\.ex(am)?ple\\.$", "^web-(.*)\\.shop\\.$",
                "(.*)\\.a-b_c\\.$");
        List<String> names = List.of("x.team3.example.", "x.team3.example", "a.example.", "a.exple.", "a.ple.",
                "web-1.shop.", "web-.shop.", "z.a-b_c.", "z.a-b_c.d.", "ple.");
        for (String r : regexes) {
            String suffix = RewriteRules.requiredSuffix(r);
            assertThat(suffix).as(r).isNotNull();
            for (String n : names) {
                if (Pattern.compile(r).matcher(n).find()) {
                    assertThat(n).as(r).endsWith(suffix);
                }
            }
        }
    }
}
