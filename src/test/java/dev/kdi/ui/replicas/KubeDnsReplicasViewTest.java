package dev.kdi.ui.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.HttpResponder;
import dev.kdi.demo.MockApiServer;
import dev.kdi.session.KubeDnsLayoutTest;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.LiveSession;
import dev.kdi.session.Progress;
import dev.kdi.session.SessionInfo;
import dev.kdi.testing.Resources;
import dev.kdi.ui.common.ProblemLog;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Replicas tab on GKE Standard's kube-dns (a mock API server): kube-dns's health, no CoreDNS findings. */
@ExtendWith(ApplicationExtension.class)
class KubeDnsReplicasViewTest {
    MockApiServer api;
    LiveSession session;
    ReplicasView.Opened opened;

    @BeforeEach
    void start() throws Exception {
        api = MockApiServer.start(false, d -> d);
        DemoCluster.populate(api.client(), List.of(KubeDnsLayoutTest.LAYOUT));
        KubeDnsLayoutTest.routeHealth(api, new HttpResponder.Reply(200, "application/json",
                "{\"IsOk\":true,\"LatencySeconds\":0.0008,\"Err\":\"\"}"));
        session = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "test", api.url(), "default"),
                new ContextTarget("test", "default", api.url(), api.client().getConfiguration()),
                LiveOptions.defaults().withNamespaces(List.of()), Clock.systemUTC());
        session.start(Progress.NONE);
        FxToolkit.setupStage(stage -> {
            opened = ReplicasView.tab(() -> session, new SimpleObjectProperty<>(), ZoneOffset.UTC,
                    ProblemLog.inMemory());
            TabPane tabs = new TabPane(opened.tab());
            stage.setScene(new javafx.scene.Scene(tabs, 1200, 800));
            stage.show();
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (opened != null) {
            WaitForAsyncUtils.asyncFx(opened::close);
            WaitForAsyncUtils.waitForFxEvents();
        }
        FxToolkit.cleanupStages();
        Resources.closeAll(session, api);
    }

    private Set<String> texts(Node root, String selector) {
        Set<String> out = new TreeSet<>();
        for (Node n : root.lookupAll(selector)) {
            if (n instanceof Label l && l.getText() != null) {
                out.add(l.getText());
            }
        }
        return out;
    }

    @Test
    @DisplayName("the replica's card shows kube-dns's health endpoints and its findings, none of CoreDNS's")
    void replicaCardShowsKubeDnsHealth(FxRobot robot) throws TimeoutException {
        robot.interact(() -> opened.model().refresh());
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> !opened.model().running().get()
                && !opened.model().replicas().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        Node view = opened.tab().getContent();
        assertThat(opened.model().failed().get()).as(opened.model().message().get()).isFalse();
        assertThat(texts(view, ".kdi-replica-name")).containsExactly(KubeDnsLayoutTest.REPLICA);
        assertThat(texts(view, ".kdi-replica-endpoint")).contains("/healthcheck/kubedns 200", "/readiness 200",
                "/metrics 200");
        Set<String> codes = texts(view, ".kdi-replica-finding-code");
        assertThat(codes).contains("SINGLE_REPLICA", "REPLICA_RESTARTED").doesNotContain("HEALTH_WITHOUT_LAMEDUCK",
                "READINESS_PROBE_ON_HEALTH", "COREDNS_KNOWN_BUG", "ENDPOINT_NOT_SERVED", "REPLICA_NOT_READY");
        // kube-dns by its images' tag, with its sidecar's dnsmasq cache; nothing of CoreDNS's.
        assertThat(texts(view, ".kdi-replica-facts .label")).contains("kube-dns 1.23.0-gke.9",
                "120 hits, 30 misses (80%) · 0 evictions · size 1,000")
                .noneSatisfy(t -> assertThat(t).containsIgnoringCase("CoreDNS"));
        assertThat(opened.model().source().get()).contains("kube-dns (GKE)");
    }
}
