package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.demo.DemoCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code kdi health} on the demo: one line per replica, findings with codes, exit 1 for a finding. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HealthCommandTest {

    @Test
    void textNamesEveryReplicaAndTheFindingsAndExitsOne() {
        CliRun run = CliRun.run("--demo", "health", "--interval", "0.6");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("; cluster DNS: Service kube-system/kube-dns (kubeadm); Corefile from "
                + "ConfigMap kube-system/coredns");
        assertThat(lines.get(1)).startsWith("REPLICA").contains("HEALTH", "READY", "METRICS", "REQ/S", "SERVFAIL");
        assertThat(lines.get(2)).startsWith("kube-system/" + DemoCluster.HEALTHY_REPLICA)
                .containsPattern("demo-node-1 +200 +200 +200 +1\\.12\\.0 ").containsPattern(" ok +0$");
        assertThat(lines.get(3)).startsWith("kube-system/" + DemoCluster.STALE_REPLICA).contains(" failed checks");
        assertThat(run.out()).contains("warning READINESS_PROBE_ON_HEALTH kube-system/" + DemoCluster.HEALTHY_REPLICA
                        + ": the readiness probe asks /health")
                .contains("warning UPSTREAM_HEALTHCHECKS_FAILING kube-system/" + DemoCluster.STALE_REPLICA + ": ")
                .doesNotContain("UPSTREAM_HEALTHCHECKS_FAILING kube-system/" + DemoCluster.HEALTHY_REPLICA);
        assertThat(lines.get(lines.size() - 1)).matches("2 replica\\(s\\) asked, \\d+ warning\\(s\\), \\d+ note\\(s\\)");
    }

    @Test
    void jsonForOneReplicaAndAnUnknownReplicaExitsTwo() throws Exception {
        CliRun run = CliRun.run("--demo", "health", "--replica", DemoCluster.HEALTHY_REPLICA, "--interval", "0",
                "-o", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("replicas")).hasSize(1);
        JsonNode replica = json.path("replicas").get(0);
        assertThat(replica.path("replica").asText()).isEqualTo("kube-system/" + DemoCluster.HEALTHY_REPLICA);
        assertThat(replica.path("ready").path("state").asText()).isEqualTo("ok");
        assertThat(replica.path("metrics").path("port").asInt()).isEqualTo(9153);
        assertThat(replica.path("counters").path("version").asText()).isEqualTo("1.12.0");
        assertThat(replica.has("rates")).isFalse();
        List<String> codes = new ArrayList<>();
        json.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        assertThat(codes).contains("READINESS_PROBE_ON_HEALTH").doesNotContain("UPSTREAM_HEALTHCHECKS_FAILING");
        assertThat(json.path("couldNotAsk").asBoolean()).isFalse();

        CliRun unknown = CliRun.run("--demo", "health", "--replica", "coredns-nope", "--interval", "0");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("kdi health: could not ask any DNS replica: no DNS replica coredns-nope");
    }

    @Test
    void dnsServiceOverridesDetection_andTheHeaderSaysSo() {
        CliRun run = CliRun.run("--demo", "health", "--dns-service", "kube-system/kube-dns", "--replica",
                DemoCluster.HEALTHY_REPLICA, "--interval", "0");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out().lines().findFirst()).get().isEqualTo("; cluster DNS: Service kube-system/kube-dns "
                + "(--dns-service); Corefile from ConfigMap kube-system/coredns");
    }

    @Test
    void dnsServiceThatDoesNotExist_orIsMalformed_exitsTwoSayingSo() {
        CliRun missing = CliRun.run("--demo", "--dns-service", "kube-system/cluster-dns", "lookup", "kubernetes.default");
        assertThat(missing.exit()).as(missing.out() + missing.err()).isEqualTo(2);
        assertThat(missing.err().lines().filter(l -> l.startsWith("kdi: "))).contains(
                "kdi: --dns-service kube-system/cluster-dns: there is no Service kube-system/cluster-dns in demo");
        assertThat(missing.out()).isEmpty();

        CliRun malformed = CliRun.run("--demo", "check", "--dns-service", "kube-dns");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("kdi: --dns-service: give the DNS Service as NAMESPACE/NAME "
                + "(e.g. kube-system/kube-dns), not 'kube-dns'");
    }
}
