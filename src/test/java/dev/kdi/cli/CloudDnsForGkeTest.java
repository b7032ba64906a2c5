package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.MockApiServer;
import dev.kdi.testing.ApiServerFaults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on GKE Autopilot, whose DNS Cloud DNS for GKE answers at each node's metadata
 * server: no DNS pod exists to ask. kdi says so in one line wherever it would ask, keeps the model,
 * and asks nothing, for a cluster admin and for a user who may read only her own namespace and
 * kube-system (the API's real 403 Status bodies elsewhere).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloudDnsForGkeTest {
    static final String CLOUD_DNS = "Cloud DNS for GKE answers this cluster's DNS: there are no DNS pods to ask "
            + "through a port-forward.";

    static final String NO_COREFILE = "Cloud DNS for GKE has no Corefile: kdi predicts with the rules of kubeadm's "
            + "default Corefile.";

    @TempDir
    Path home;

    MockApiServer api;
    ApiServerFaults faults;

    @BeforeEach
    void start() throws Exception {
        api = MockApiServer.start(false, inner -> faults = new ApiServerFaults(inner));
        DemoCluster.populate(api.client(), List.of("/layouts/gke-autopilot.yaml"));
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    CliRun kdi(String user, String... args) throws Exception {
        new ConfigFile().tokenContext("autopilot", api.url(), user).write(home.resolve(".kube/config"));
        return CliRun.runWithInput("", Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"), args);
    }

    void asJane() {
        faults.forbid(NamespaceScopedUserTest::forbiddenToJane);
    }

    void assertNothingAsked() {
        assertThat(faults.requests()).extracting(ApiServerFaults.ApiRequest::resource)
                .doesNotContain("pods/portforward");
    }

    @Test
    @DisplayName("health: the header names Cloud DNS for GKE Autopilot, one line says why nothing is asked, exit 2")
    void health_saysCloudDnsAnswers() throws Exception {
        CliRun run = kdi("admin", "health");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        // The model stays, and says what it predicts with.
        assertThat(run.out().lines().findFirst()).hasValue("; cluster DNS: Service kube-system/kube-dns "
                + "(Cloud DNS for GKE Autopilot); Corefile from kubeadm's default Corefile");
        assertThat(run.out()).contains("; " + CLOUD_DNS).doesNotContain("no ready DNS pod")
                .doesNotContain("older kube-dns");
        // No Corefile exists to be missing: one line says what kdi predicts with instead.
        assertThat(run.out() + run.err()).doesNotContain("No ConfigMap").doesNotContain("coredns");
        assertThat((run.out() + run.err()).lines().filter(l -> l.contains(NO_COREFILE))).hasSize(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi health: "))).containsExactly(
                "kdi health: could not ask any DNS replica: " + CLOUD_DNS);
        assertNothingAsked();
    }

    @Test
    @DisplayName("check: the one line it gives when no replica can be asked says it is Cloud DNS; exit 2 as then")
    void check_saysCloudDnsAnswers() throws Exception {
        CliRun run = kdi("admin", "check", "-n", "shop");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi check: "))).containsExactly(
                "kdi check: " + CLOUD_DNS);
        assertNothingAsked();
    }

    @Test
    @DisplayName("lookup: one line saying Cloud DNS answers, exit 2; predict still answers from the model")
    void lookup_saysCloudDnsAnswers_andTheModelStays() throws Exception {
        CliRun run = kdi("admin", "lookup", "web.shop.svc.cluster.local");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi lookup: "))).containsExactly(
                "kdi lookup: " + CLOUD_DNS);
        assertNothingAsked();

        CliRun predicted = kdi("admin", "predict", "web.shop.svc.cluster.local");
        assertThat(predicted.exit()).as(predicted.out() + predicted.err()).isZero();
        assertThat(predicted.out()).contains("34.118.230.17");
        assertThat(predicted.out() + predicted.err()).doesNotContain("No ConfigMap");
    }

    @Test
    @DisplayName("a user who may read only her namespace and kube-system sees the same, with only real refusals warned")
    void namespaceScopedUser_seesCloudDnsToo() throws Exception {
        asJane();
        CliRun run = kdi(NamespaceScopedUserTest.USER, "check", "-n", "default");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("No cluster DNS Service found");
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi check: "))).containsExactly(
                "kdi check: " + CLOUD_DNS);
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi: warning: ")))
                .noneMatch(l -> l.contains("kube-system"));
        assertThat(run.out() + run.err()).doesNotContain("configmaps/coredns").doesNotContain("No ConfigMap");
        assertNothingAsked();

        CliRun health = kdi(NamespaceScopedUserTest.USER, "health");
        assertThat(health.out().lines().findFirst()).get().asString()
                .startsWith("; cluster DNS: Service kube-system/kube-dns (Cloud DNS for GKE Autopilot)");
    }
}
