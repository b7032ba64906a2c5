package dev.kdi.cli;

import static dev.kdi.cli.CommandLineTest.example;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One converter reads TYPE for every command that takes one, with the same words when it is not a type. */
class RecordTypeArgumentTest {
    private static final String NOT_A_TYPE = "\"BOGUS\" is not a record type (A, AAAA, SRV";

    @Test
    void predict_takesTypesInAnyCase_andRefusesOthersAsBadInput() throws Exception {
        CliRun lower = CliRun.run("predict", "-f", example("clusterip.yaml"), "kubernetes.default.svc.cluster.local.",
                "srv");
        CliRun upper = CliRun.run("predict", "-f", example("clusterip.yaml"), "kubernetes.default.svc.cluster.local.",
                "SRV");
        assertThat(lower.exit()).as(lower.err()).isZero();
        assertThat(lower.out()).isEqualTo(upper.out());

        CliRun bogus = CliRun.run("predict", "-f", example("clusterip.yaml"), "kubernetes.default.svc.cluster.local.",
                "BOGUS");
        assertThat(bogus.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(bogus.err()).contains("TYPE").contains(NOT_A_TYPE);
    }

    @Test
    void searchPathAndLookup_refuseTheSameWay() throws Exception {
        CliRun searchPath = CliRun.run("search-path", "-f", example("seed-subdomain.yaml"), "--pod",
                "default/sample-subdomain", "kubernetes", "BOGUS");
        assertThat(searchPath.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(searchPath.err()).contains(NOT_A_TYPE);

        CliRun lookup = CliRun.run("--demo", "lookup", "kubernetes.default.svc.cluster.local.", "BOGUS");
        assertThat(lookup.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(lookup.err()).contains(NOT_A_TYPE);
    }

    @Test
    void aQuestionsFile_namesTheLine(@TempDir Path dir) throws Exception {
        Path questions = Files.writeString(dir.resolve("questions.txt"),
                "kubernetes.default.svc.cluster.local. A\nkubernetes.default.svc.cluster.local. BOGUS\n");
        CliRun run = CliRun.run("predict", "-f", example("clusterip.yaml"), "--queries", questions.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.INPUT);
        assertThat(run.err()).contains(questions + ": line 2: " + NOT_A_TYPE);
    }
}
