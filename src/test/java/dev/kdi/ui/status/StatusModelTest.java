package dev.kdi.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.LoadReport;
import dev.kdi.session.ReplicaState;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Inventory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusModelTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:04:31Z"), ZoneOffset.UTC);
    private final StatusModel model = new StatusModel(ZoneOffset.UTC);

    private Inventory view(LoadReport report) {
        FakeSession s = SeedCluster.session(clock, SeedCluster.healthyReplicas());
        if (report != null) {
            s.report(report);
        }
        s.publish(s.snapshot());
        Inventory v = Inventory.build(s.current(), Optional.empty());
        s.close();
        return v;
    }

    @Test
    void liveSession_saysContextConnectionCountsAndTime() {
        model.session(new SessionInfo(SessionInfo.Kind.LIVE, "prod-eu", "https://10.0.0.1:6443", "default"));
        model.view(view(null));
        assertThat(model.source().get()).isEqualTo("prod-eu");
        assertThat(model.sourceDetail().get()).contains("https://10.0.0.1:6443");
        assertThat(model.api().get()).isEqualTo("API connected");
        assertThat(model.connection().get()).isEqualTo(StatusModel.Connection.CONNECTED);
        assertThat(model.counts().get()).isEqualTo("5 namespaces · 5 Services · 9 pods");
        assertThat(model.updated().get()).isEqualTo("updated 12:04:31");
        assertThat(model.warnings()).isEmpty();
        assertThat(model.dns().get()).isEqualTo("kube-system/kube-dns (kubeadm)");
    }

    @Test
    void demo_saysDemo() {
        model.session(new SessionInfo(SessionInfo.Kind.DEMO, "demo", "", ""));
        assertThat(model.source().get()).isEqualTo("DEMO cluster");
    }

    @Test
    void partialAndStaleViews_areWarnedAbout() {
        model.session(new SessionInfo(SessionInfo.Kind.LIVE, "prod-eu", "", ""));
        model.view(view(new LoadReport(List.of(new LoadReport.AccessProblem("pods", "shop", "list", "forbidden")),
                List.of("endpointslices"), false, List.of(), clock.instant())));
        assertThat(model.api().get()).isEqualTo("API partial");
        assertThat(model.warnings()).anyMatch(w -> w.contains("cannot list pods in namespace shop: forbidden"))
                .anyMatch(w -> w.startsWith("Stale: the watch on endpointslices is down"));
    }

    @Test
    void replicas_carryTheirStateAndReason() {
        ReplicaStatus failed = new ReplicaStatus("kube-system/coredns-b", "kube-system", "coredns-b", "10.32.0.3", 53,
                new ReplicaState.Failed("cannot create pods/portforward in kube-system: ask for that permission"));
        model.replicas(List.of(failed));
        assertThat(model.replicas()).singleElement().satisfies(r -> {
            assertThat(r.state().label()).isEqualTo("failed");
            assertThat(r.state().detail()).contains("pods/portforward");
        });
    }

    @Test
    void manifests_arePredictionOnly() {
        model.session(new SessionInfo(SessionInfo.Kind.MANIFESTS, "seed.yaml", "", ""));
        model.view(view(null));
        assertThat(model.source().get()).isEqualTo("manifests");
        assertThat(model.api().get()).isEqualTo("prediction only");
    }
}
