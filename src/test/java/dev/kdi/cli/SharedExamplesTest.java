package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The acceptance examples of shared/examples: {@code kdi predict} prints exactly the expected
 * blocks, and {@code kdi records} exactly the expected zone lines.
 */
class SharedExamplesTest {

    static Path examples() throws URISyntaxException {
        return Path.of(SharedExamplesTest.class.getResource("/examples/clusterip.yaml").toURI()).getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-headless", "seed-subdomain", "clusterip"})
    void predictPrintsTheExpectedBlocks(String example) throws Exception {
        Path dir = examples();
        String expected = Files.readString(dir.resolve(example + ".expected"), StandardCharsets.UTF_8);
        String corefile = expected.lines().filter(l -> l.startsWith("; COREFILE-FILE"))
                .map(l -> l.substring("; COREFILE-FILE".length()).strip()).findFirst().orElseThrow();
        CliRun run = CliRun.run("predict", "-f", dir.resolve(example + ".yaml").toString(),
                "--corefile", dir.resolve(corefile).toString(), "--queries", dir.resolve(example + ".queries").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(ExpectedBlocks.parse(run.out()).blocks())
                .containsExactlyElementsOf(ExpectedBlocks.parse(expected).blocks());
    }

    @Test
    void recordsHoldsTheZoneOfTheClusterIpExample() throws Exception {
        Path dir = examples();
        CliRun run = CliRun.run("records", "-f", dir.resolve("clusterip.yaml").toString(),
                "--corefile", dir.resolve("plain.Corefile").toString());
        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().filter(l -> !l.contains(" IN SOA ") && !l.contains(" IN NS "))
                .collect(Collectors.toList());
        List<String> expected = Files.readAllLines(dir.resolve("clusterip.zone")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith(";")).collect(Collectors.toList());
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    @Test
    void expectedFilesAreReadAsBlocks() throws IOException, URISyntaxException {
        String text = Files.readString(examples().resolve("seed-headless.expected"));
        List<ExpectedBlocks.Block> blocks = ExpectedBlocks.parse(text).blocks();
        assertThat(blocks).hasSize(11);
        assertThat(blocks.get(0).query()).isEqualTo("sample-headless.default.svc.cluster.local. A -> NOERROR");
        assertThat(blocks.get(0).answer()).containsExactly(
                "sample-headless.default.svc.cluster.local. 30 IN A 10.40.0.2",
                "sample-headless.default.svc.cluster.local. 30 IN A 10.46.0.1",
                "sample-headless.default.svc.cluster.local. 30 IN A 10.46.0.2");
        assertThat(blocks.get(0).additional()).isEmpty();
        assertThat(blocks.get(4).query()).endsWith("-> NXDOMAIN");
        assertThat(blocks.get(4).answer()).isEmpty();
        // The comments between blocks belong to none of them.
        assertThat(blocks).allSatisfy(b -> assertThat(b.answer()).noneMatch(l -> l.startsWith(";")));
    }
}
