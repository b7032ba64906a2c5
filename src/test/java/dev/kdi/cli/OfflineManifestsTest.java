package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Manifests as people write them (no cluster IPs, no pods, only workload templates): the exact
 * blocks {@code kdi predict} prints, placeholders and {@code ; unassigned:} lines included.
 */
@DisplayName("Offline prediction from manifests as written")
class OfflineManifestsTest {

    static Path offline() throws Exception {
        return Path.of(OfflineManifestsTest.class.getResource("/offline/zookeeper.yaml").toURI()).getParent();
    }

    static Path kubeadmCorefile() throws Exception {
        return SharedExamplesTest.examples().resolve("kubeadm.Corefile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "sts-ordinals", "indexed-job", "deployment", "daemonset"})
    void predictPrintsTheExactBlocks(String fixture) throws Exception {
        Path dir = offline();
        CliRun run = CliRun.run("predict", "-f", dir.resolve(fixture + ".yaml").toString(),
                "--corefile", kubeadmCorefile().toString(), "--queries", dir.resolve(fixture + ".queries").toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(dir.resolve(fixture + ".expected"), StandardCharsets.UTF_8));
    }

    /** The Kubernetes documentation's correct examples, in our own words: nothing to warn about. */
    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "web", "mysql", "cassandra", "rabbitmq", "sts-ordinals", "indexed-job",
        "deployment", "daemonset"})
    void lintStaysQuietOnCorrectManifests(String fixture) throws Exception {
        CliRun run = CliRun.run("lint", "-f", offline().resolve(fixture + ".yaml").toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("WARNING").doesNotContain("ERROR").doesNotContain("kubectl");
    }

    @Test
    void jsonCarriesWhatIsUnassignedBesideIncomplete() throws Exception {
        CliRun run = CliRun.run("predict", "-o", "json", "-f", offline().resolve("zookeeper.yaml").toString(),
                "--corefile", kubeadmCorefile().toString(), "_client._tcp.zk-cs.default.svc.cluster.local", "SRV");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"incomplete\" : false,\n  \"unassigned\" : [ \"clusterIP\" ]");
    }

    @Test
    void jsonMarksAGeneratedPodWhereverItIsNamed() throws Exception {
        CliRun run = CliRun.run("predict", "-o", "json", "-f", offline().resolve("zookeeper.yaml").toString(),
                "--corefile", kubeadmCorefile().toString(), "zk-0.zk-hs.default.svc.cluster.local", "A");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"kind\" : \"Pod\",\n"
                + "      \"namespace\" : \"default\",\n"
                + "      \"name\" : \"zk-0\",\n"
                + "      \"generated\" : {\n"
                + "        \"from\" : {\n"
                + "          \"kind\" : \"StatefulSet\",\n"
                + "          \"namespace\" : \"default\",\n"
                + "          \"name\" : \"zk\"\n"
                + "        },\n"
                + "        \"assumedReady\" : true,\n"
                + "        \"perNode\" : false\n");
        CliRun given = CliRun.run("records", "-o", "json", "-f",
                SharedExamplesTest.examples().resolve("seed-headless.yaml").toString());
        assertThat(given.exit()).isZero();
        assertThat(given.out()).contains("\"kind\" : \"Pod\"").doesNotContain("generated");
    }

    @Test
    void recordsListsTheServicesAndPodsMarkedUnassigned() throws Exception {
        CliRun run = CliRun.run("records", "-f", offline().resolve("zookeeper.yaml").toString(),
                "--corefile", kubeadmCorefile().toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(
                "zk-cs.default.svc.cluster.local. 30 IN A 247.139.191.118 ; unassigned: cluster IP of Service default/zk-cs\n",
                "zk-0.zk-hs.default.svc.cluster.local. 30 IN A 241.158.81.66 ; unassigned: pod IP of Pod default/zk-0\n",
                "_client._tcp.zk-cs.default.svc.cluster.local. 30 IN SRV 0 100 2181 zk-cs.default.svc.cluster.local.\n");
        CliRun json = CliRun.run("records", "-o", "json", "-f", offline().resolve("zookeeper.yaml").toString());
        assertThat(json.out()).contains("\"data\" : \"247.139.191.118\"").contains("\"unassigned\" : [ \"clusterIP\" ]")
                .contains("\"unassigned\" : [ ]");
    }

    @Test
    void searchPathFindsAGeneratedPod() throws Exception {
        CliRun run = CliRun.run("search-path", "-f", offline().resolve("zookeeper.yaml").toString(),
                "--pod", "default/zk-0", "zk-cs", "--answers");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("; pod default/zk-0 is not in the input: generated from StatefulSet default/zk's "
                + "template\n").contains("zk-cs.default.svc.cluster.local. A NOERROR  <- answer");
    }
}
