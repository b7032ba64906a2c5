package dev.kdi.session;

import dev.kdi.cluster.ExecPlugins;
import dev.kdi.cluster.Kubeconfigs;
import dev.kdi.demo.DemoCluster;
import dev.kdi.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link NoModelScanTest} runs inside its own class loader: a kubeconfig as minikube writes
 * it read into a context, the demo opened in a session, and a pod added behind the session's back
 * so that it reaches the session only through watch events.
 */
public final class ModelScanProbe {
    private ModelScanProbe() {
    }

    /** Called reflectively from another class loader, so it takes and returns JDK types only. */
    public static void run(Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: minikube
                clusters:
                - name: minikube
                  cluster:
                    server: https://127.0.0.1:8443
                    extensions:
                    - name: cluster_info
                      extension: {last-update: 'Sat, 05 Dec 2026 10:00:00 UTC', provider: minikube.sigs.k8s.io, version: v1.34.0}
                contexts:
                - name: minikube
                  context:
                    cluster: minikube
                    user: minikube
                    namespace: default
                    extensions:
                    - name: context_info
                      extension: {last-update: 'Sat, 05 Dec 2026 10:00:00 UTC', provider: minikube.sigs.k8s.io, version: v1.34.0}
                users:
                - name: minikube
                  user: {token: not-a-secret}
                """);
        ExecPlugins plugins = new ExecPlugins(Map.of("PATH", ""), dir, Optional::empty);
        Kubeconfigs.load(Optional.of(kubeconfig), Map.of(), dir, plugins, Clock.systemUTC())
                .target(Optional.of("minikube"));

        try (DemoSession demo = new DemoSession(LiveOptions.defaults(), Clock.systemUTC())) {
            demo.start(Progress.NONE);
            DemoCluster cluster = demo.cluster();
            cluster.addReadyPod("default", "scan-probe", "10.244.0.250", Map.of("app", "scan-probe"));
            Await.until(Duration.ofSeconds(60), () -> demo.current().snapshot().pods().stream()
                    .anyMatch(p -> p.name().equals("scan-probe")), "the added pod in the session, through its watch");
        }
    }
}
