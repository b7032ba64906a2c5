package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.session.watch.WatchEvent;
import dev.kdi.session.watch.WatchRecording;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code kdi watch} against the demo: its lines, its NDJSON, its exit codes and Ctrl+C. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WatchCommandTest {
    private static final String STALE = "kube-system/" + DemoCluster.STALE_REPLICA;
    private static final String HEALTHY = "kube-system/" + DemoCluster.HEALTHY_REPLICA;

    @Test
    void theReplicaMissingShopIsALineAndTheExitIsOne() {
        CliRun run = CliRun.run("--demo", "watch", "web.shop.svc.cluster.local", "--duration", "2500ms");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(STALE + "  web.shop.svc.cluster.local. A  NXDOMAIN")
                .endsWith("(the model predicts otherwise)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(HEALTHY + "  web.shop.svc.cluster.local. A  NOERROR A 10.96.10.20")
                .doesNotContain("predicts"));
        assertThat(lines.stream().filter(l -> l.contains("  web.shop.svc.cluster.local. A  ")))
                .as("the same answer again is no new line").hasSize(2);
        assertThat(run.out()).contains("; summary: ").contains("web.shop.svc.cluster.local. A  " + STALE + ": ")
                .containsPattern(";   \\d+ x NXDOMAIN").containsPattern("p50 [0-9.]+ ms, p99 [0-9.]+ ms");
        assertThat(run.err()).contains("kdi watch: 1 name on 2 replicas, every 1s for 2.5s");
    }

    @Test
    void jsonStreamsEveryAnswerAsARecordingAndAgreementExitsZero() throws Exception {
        CliRun run = CliRun.run("--demo", "watch", "sample-headless.default.svc.cluster.local", "-o", "json",
                "--interval", "500ms", "--duration", "2s");
        assertThat(run.exit()).as(run.err()).isZero();
        List<WatchEvent> events = WatchRecording.readAll(new StringReader(run.out()), "stdout");
        assertThat(events.size()).isGreaterThanOrEqualTo(4).isEqualTo(run.out().lines().count());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(WatchEvent.Kind.ANSWER);
            assertThat(e.rcode()).isEqualTo("NOERROR");
            assertThat(e.asPredicted()).isTrue();
            assertThat(e.rttMs()).isPositive();
        });
        assertThat(events).extracting(WatchEvent::replica).contains(STALE, HEALTHY);
        assertThat(run.err()).contains("; summary: ");
    }

    @Test
    void withoutNamesEveryServiceOfTheNamespacesIsWatched() {
        CliRun run = CliRun.run("--demo", "watch", "-n", "shop", "--duration", "1500ms");
        assertThat(run.err()).containsPattern("kdi watch: \\d+ names on 2 replicas");
        assertThat(run.out()).contains("web.shop.svc.cluster.local. A  " + HEALTHY);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CliRun none = CliRun.run("--demo", "watch");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("kdi watch: name at least one NAME, or a namespace with -n");
        CliRun interval = CliRun.run("--demo", "watch", "x.default.svc.cluster.local", "--interval", "10");
        assertThat(interval.exit()).isEqualTo(2);
        assertThat(interval.err()).contains("\"10\" is not a duration (a number and a unit: 500ms, 10s, 10m, 1h30m)");
        CliRun zero = CliRun.run("--demo", "watch", "x.default.svc.cluster.local", "--duration", "0s");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("\"0s\" must be longer than zero");
    }

    @Test
    void noClusterToAskExitsTwo(@org.junit.jupiter.api.io.TempDir Path home) {
        CliRun run = CliRun.runWithInput("", Map.of("HOME", home.toString(),
                "KUBECONFIG", home.resolve("missing-kubeconfig").toString()), "watch", "web.shop.svc.cluster.local",
                "--duration", "1s");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anInterruptEndsTheWatchWithItsSummary() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.kdi.Main", "--demo", "watch", "web.shop.svc.cluster.local");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (!signalled && line.contains(" web.shop.svc.cluster.local. A ")) {
                    // SIGTERM runs the same shutdown hooks as the SIGINT of Ctrl+C (which a test's
                    // background process may have ignored); Process.destroy would close our end too.
                    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                    signalled = true;
                }
            }
        } finally {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("; summary (interrupted): "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("web.shop.svc.cluster.local. A  " + STALE + ": "));
    }
}
