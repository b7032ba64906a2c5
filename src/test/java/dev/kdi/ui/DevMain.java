package dev.kdi.ui;

import dev.kdi.session.ManifestSession;
import dev.kdi.session.Session;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.ReplicaScript;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.window.WindowModel;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens the window by hand during development, before the demo and live sessions exist. Run it
 * as {@code exec:exec} runs the app, JavaFX on the module path, with the test classes added:
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package
 * L=target/lib; V=21.0.11-linux
 * java --module-path $L/javafx-base-$V.jar:$L/javafx-graphics-$V.jar:$L/javafx-controls-$V.jar:$L/javafx-swing-$V.jar \
 *     --add-modules javafx.controls,javafx.swing @packaging/jvm.options \
 *     -cp target/kdi.jar:target/test-classes dev.kdi.ui.DevMain [option]
 * </pre>
 *
 * <p>Options:
 *
 * <pre>
 * DevMain                      the seed and a broken shop as a fake live context
 * DevMain --demo               the same, as the demo
 * DevMain --welcome            no kubeconfig: the welcome
 * DevMain --failing            one replica misses namespace shop, one has a failed forward
 * DevMain --slow               loading takes three seconds
 * DevMain --big [namespaces]   a generated cluster (2,000 namespaces: 150,000 pods)
 * DevMain -f a.yaml [-c Corefile]  manifests, as a context
 * </pre>
 */
public final class DevMain {
    private DevMain() {
    }

    public static void main(String[] args) {
        List<String> a = List.of(args);
        Clock clock = Clock.systemDefaultZone();
        List<ReplicaScript> replicas = a.contains("--failing")
                ? List.of(ReplicaScript.healthy("coredns-7db6d8ff4d-2xkqz", "10.32.0.2"),
                        ReplicaScript.healthy("coredns-7db6d8ff4d-q8h5m", "10.32.0.3").missingNamespace("shop"),
                        ReplicaScript.healthy("coredns-7db6d8ff4d-zz9w4", "10.32.0.4")
                                .failing("pods \"coredns-7db6d8ff4d-zz9w4\" is forbidden: User \"dev\" cannot create"
                                        + " resource \"pods/portforward\" in namespace \"kube-system\""))
                : SeedCluster.healthyReplicas();
        Duration delay = a.contains("--slow") ? Duration.ofSeconds(3) : Duration.ZERO;
        int big = a.indexOf("--big");
        List<String> files = new ArrayList<>();
        Optional<Path> corefile = Optional.empty();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals("-f") && i + 1 < a.size()) {
                files.add(a.get(++i));
            } else if (a.get(i).equals("-c") && i + 1 < a.size()) {
                corefile = Optional.of(Path.of(a.get(++i)));
            }
        }
        Optional<Path> core = corefile;
        FakeOpener opener = new FakeOpener(() -> {
            if (big >= 0) {
                int namespaces = big + 1 < a.size() && a.get(big + 1).matches("\\d+") ? Integer.parseInt(a.get(big + 1)) : 2000;
                return UiBenchmark.session(dev.kdi.records.lint.LintBenchmark.generate(namespaces), clock).slowStart(delay);
            }
            return SeedCluster.richSession(clock, replicas).slowStart(delay);
        }, a.contains("--welcome") ? List.of() : List.of("kind-kdi-test", "prod-eu", "staging"), clock) {
            @Override
            public Session open(dev.kdi.session.SessionRequest request) throws dev.kdi.session.SessionException {
                if (request instanceof dev.kdi.session.SessionRequest.Live && !files.isEmpty()) {
                    return new ManifestSession(files, core, Optional.empty(), InputStream::nullInputStream, clock);
                }
                return super.open(request);
            }
        };
        WindowModel.Start start = new WindowModel.Start(a.contains("--demo"), Optional.empty(), Optional.empty(),
                Optional.empty());
        System.exit(KdiApp.open(start, opener));
    }
}
