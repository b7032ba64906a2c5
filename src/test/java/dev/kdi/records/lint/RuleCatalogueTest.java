package dev.kdi.records.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Codes are published: each one is in the README's tables with the severity kdi gives it. */
class RuleCatalogueTest {

    @ParameterizedTest
    @EnumSource(Rule.class)
    void everyCodeIsInTheReadmeWithItsSeverity(Rule rule) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("| `" + rule.code() + "` | " + rule.severity().name().toLowerCase() + " |");
    }
}
