package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line never loads JavaFX: it starts fast, runs where JavaFX cannot (a container
 * without a display), and the window stays its own face. The JVM's own class-loading log is the
 * witness, so a class reached by reflection or a static initializer counts too.
 */
class CommandLineWithoutJavafxTest {

    @Test
    void records_fromManifests_loadsNoJavafxClass(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Path manifests = Path.of("src/test/resources/examples/clusterip.yaml").toAbsolutePath();

        CliRun run = KdiProcess.run(Map.of("HOME", dir.toString()),
                List.of("-Xlog:class+load=info:file=" + log), "records", "-f", manifests.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("IN A");
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("the JVM logged the classes it loaded").anyMatch(l -> l.contains("dev.kdi.cli.Cli "));
        assertThat(loaded).noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx.")
                || l.contains(" org.controlsfx.") || l.contains(" dev.kdi.ui."));
    }
}
