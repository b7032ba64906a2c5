package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.testing.ApiServerFaults;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as most operators on a shared cluster are: a user who may list nothing across
 * all namespaces, may read their own namespace ({@code default}) and {@code kube-system}, but not
 * the Corefile's ConfigMap. The API server answers the real 403 Status bodies.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NamespaceScopedUserTest {
    static final String USER = "jane";
    static final Set<String> READABLE = Set.of("default", "kube-system");

    @TempDir
    Path home;

    DemoCluster demo;
    ApiServerFaults faults;

    @BeforeEach
    void start() throws Exception {
        ApiServerFaults[] f = new ApiServerFaults[1];
        demo = DemoCluster.start(DemoCluster.Variant.standard().withFront(inner -> f[0] = new ApiServerFaults(inner)));
        faults = f[0];
        new ConfigFile().tokenContext("shared", demo.url(), USER).write(home.resolve(".kube/config"));
        faults.forbid(NamespaceScopedUserTest::forbiddenToJane);
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    /** Jane's role: nothing at the cluster scope, her namespace and kube-system, but not the Corefile. */
    static boolean forbiddenToJane(ApiServerFaults.ApiRequest r) {
        if (r.namespace() == null) {
            return true;
        }
        if (r.resource().equals("configmaps") && r.namespace().equals("kube-system") && "coredns".equals(r.name())) {
            return true;
        }
        return !READABLE.contains(r.namespace());
    }

    CliRun kdi(String... args) {
        return CliRun.runWithInput("", Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"), args);
    }

    @Test
    @DisplayName("check -n default finds kube-system/kube-dns and its replicas by namespaced reads, and passes")
    void check_findsTheDnsWhereItLives() {
        CliRun run = kdi("check", "-n", "default");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).doesNotContain("No cluster DNS Service found");
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi: warning: ")))
                .containsExactly(
                        "kdi: warning: cannot list cronjobs.batch, daemonsets.apps, deployments.apps, "
                                + "endpointslices.discovery.k8s.io, jobs.batch, pods, replicasets.apps, services, "
                                + "statefulsets.apps across all namespaces (forbidden); showing namespace default only",
                        "kdi: warning: cannot list namespaces (forbidden); namespaces are known only from the objects in them",
                        "kdi: warning: cannot get configmaps in namespace kube-system: forbidden (ConfigMap coredns, the "
                                + "Corefile): predicting with kubeadm's default Corefile, the cluster domain detected");
        // Nothing read outside jane's namespace and kube-system, and nothing listed there but the DNS.
        assertThat(faults.requests()).filteredOn(r -> !r.isAdmin() && "kube-system".equals(r.namespace())
                && r.verb().equals("list")).extracting(ApiServerFaults.ApiRequest::resource)
                .containsExactlyInAnyOrder("endpointslices", "pods");
        assertThat(faults.requests()).filteredOn(r -> !r.isAdmin() && "kube-system".equals(r.namespace())
                && r.verb().equals("list")).allSatisfy(r -> assertThat(r.query()).containsKey("labelSelector"));
    }

    @Test
    @DisplayName("lookup asks the replicas found in kube-system")
    void lookup_asksTheReplicas() {
        CliRun run = kdi("lookup", "sample-headless.default.svc.cluster.local");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("-> NOERROR").contains("replica kube-system/coredns-");
    }

    @Test
    @DisplayName("pods/portforward denied as well: the lookup names the permission and the namespace, in one line")
    void lookup_namesTheMissingPermission_whenPortForwardIsDenied() {
        faults.forbid(r -> r.resource().equals("pods/portforward"));
        CliRun run = kdi("lookup", "sample-headless.default.svc.cluster.local");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("there is no DNS replica to ask");
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi lookup: "))).singleElement().asString()
                .contains("you may not get or create pods/portforward in namespace kube-system");
    }
}
