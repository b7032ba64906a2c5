package dev.kdi.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemLogTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void failure_writesALineWithItsStackTrace(@TempDir Path dir) throws IOException {
        ProblemLog log = new ProblemLog(dir.resolve("state/kdi"), 1 << 20, 3, clock, null);

        log.failure("Listing records", new IllegalStateException("the model broke"));

        String text = Files.readString(dir.resolve("state/kdi/kdi.log"));
        assertThat(text).startsWith("2026-12-05T12:00:00Z ERROR Listing records: the model broke\n")
                .contains("java.lang.IllegalStateException: the model broke", "at dev.kdi.ui.common.ProblemLogTest");
        assertThat(log.lastLines(5)).containsExactly("2026-12-05T12:00:00Z ERROR Listing records: the model broke");
    }

    @Test
    void aFullFile_rollsOver_keepingTheNewestFiles(@TempDir Path dir) throws IOException {
        ProblemLog log = new ProblemLog(dir, 300, 2, clock, null);

        for (int i = 0; i < 20; i++) {
            log.info("entry number " + i + " with some words to fill the file up quickly");
        }

        assertThat(Files.size(dir.resolve("kdi.log"))).isLessThanOrEqualTo(300);
        assertThat(dir.resolve("kdi.log.1")).exists();
        assertThat(dir.resolve("kdi.log.2")).exists();
        assertThat(dir.resolve("kdi.log.3")).doesNotExist();
        assertThat(Files.readString(dir.resolve("kdi.log"))).contains("entry number 19");
        assertThat(Files.readString(dir.resolve("kdi.log.1"))).doesNotContain("entry number 19");
    }

    @Test
    void secrets_neverReachTheFileNorTheEcho(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        ProblemLog log = new ProblemLog(dir, 1 << 20, 3, clock, new PrintStream(echoed, true, StandardCharsets.UTF_8));

        log.failure("Opening prod", new IllegalStateException("401 with Authorization: Bearer abc.def.ghi; token=s3cr3t"));

        String text = Files.readString(dir.resolve("kdi.log"));
        assertThat(text).doesNotContain("abc.def.ghi", "s3cr3t").contains("Authorization: Bearer <hidden>", "token=<hidden>");
        assertThat(echoed.toString(StandardCharsets.UTF_8)).contains("Opening prod").doesNotContain("s3cr3t");
    }

    @Test
    void anUnwritableDirectory_keepsTheLinesInMemory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        ProblemLog log = new ProblemLog(file, 1 << 20, 3, clock, null);

        log.failure("Refreshing", new IOException("connection reset"));

        assertThat(log.lastLines(1)).containsExactly("2026-12-05T12:00:00Z ERROR Refreshing: connection reset");
    }
}
