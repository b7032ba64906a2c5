package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.MockApiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where no DNS replica exists (Cloud DNS for GKE; no DNS Service at all), each command that would
 * ask one says why exactly once on standard error, as its own error, and exits 2; the view's other
 * notes stay, and a command that only predicts still says it as a note.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NothingToAskTest {
    static final String NO_SERVICE = "No cluster DNS Service found (looked for kube-system/kube-dns, "
            + "openshift-dns/dns-default, kube-system/rke2-coredns-rke2-coredns, and the Service at the kubelet's "
            + "clusterDNS address; name it with --dns-service NS/NAME): there is no DNS to ask.";

    @TempDir
    Path home;

    MockApiServer api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** The cluster (its name, its layout or none), the reason, and a note of the view that is no such reason. */
    static Stream<Arguments> clusters() {
        return Stream.of(
                Arguments.of("GKE Autopilot", "/layouts/gke-autopilot.yaml", CloudDnsForGkeTest.CLOUD_DNS,
                        CloudDnsForGkeTest.NO_COREFILE),
                Arguments.of("no DNS Service", "", NO_SERVICE,
                        "No ConfigMap kube-system/coredns: kubeadm's default Corefile is assumed."));
    }

    static Stream<Arguments> asking() {
        List<String[]> commands = List.of(
                new String[] {"kdi lookup: ", "lookup", "web.shop.svc.cluster.local"},
                new String[] {"kdi lookup: ", "lookup", "--all-replicas", "web.shop.svc.cluster.local"},
                new String[] {"kdi lookup: ", "lookup", "--replica", "coredns-a", "web.shop.svc.cluster.local"},
                new String[] {"kdi check: ", "check", "-n", "shop"},
                new String[] {"kdi check: ", "check", "-n", "shop", "--replica", "coredns-a"},
                new String[] {"kdi check: ", "check", "-n", "shop", "-o", "json"},
                new String[] {"kdi health: could not ask any DNS replica: ", "health"},
                new String[] {"kdi health: could not ask any DNS replica: ", "health", "-o", "json"},
                new String[] {"kdi health: could not ask any DNS replica: ", "health", "--replica", "coredns-a"},
                new String[] {"kdi watch: there is no DNS replica to ask: ", "watch", "web.shop.svc.cluster.local"});
        return clusters().flatMap(c -> commands.stream().map(cmd -> Arguments.of(c.get()[0], c.get()[1], c.get()[2],
                c.get()[3], cmd[0], List.of(cmd).subList(1, cmd.length))));
    }

    CliRun kdi(String layout, List<String> args) throws Exception {
        api = MockApiServer.start(false, d -> d);
        if (!layout.isEmpty()) {
            DemoCluster.populate(api.client(), List.of(layout));
        }
        new ConfigFile().tokenContext("test", api.url(), "admin").write(home.resolve(".kube/config"));
        return CliRun.runWithInput("", Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"),
                args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}: kdi {5}")
    @MethodSource("asking")
    void askingCommandSaysWhyOnce(String cluster, String layout, String reason, String otherNote, String error, List<String> args)
            throws Exception {
        CliRun run = kdi(layout, args);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.contains(reason))).as(run.err()).containsExactly(error + reason);
        assertThat(run.err().lines()).as(run.err()).contains("kdi: note: " + otherNote,
                "kdi: note: cluster domain cluster.local, from the Corefile (kubeadm's default Corefile)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusters")
    void predictingCommandKeepsTheNote(String cluster, String layout, String reason, String otherNote) throws Exception {
        CliRun run = kdi(layout, List.of("predict", "web.shop.svc.cluster.local"));

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.err().lines().filter(l -> l.contains(reason))).as(run.err())
                .containsExactly("kdi: note: " + reason);
        assertThat(run.err().lines()).contains("kdi: note: " + otherNote);
    }
}
