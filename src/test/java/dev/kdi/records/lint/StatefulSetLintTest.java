package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetLintTest {

    /** StatefulSet shop/db (serviceName db, app=db) with pods db-0 and db-1, and no Service yet. */
    static TestCluster statefulSetDb(String serviceName) {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "shop", "db").labels("app", "db").serviceName(serviceName)
                        .replicas(2).build());
        for (int i = 0; i < 2; i++) {
            c.add(pod("shop", "db-" + i).labels("app", "db").ip("10.1.0." + (i + 1)).hostname("db-" + i, serviceName)
                    .owner(Kinds.STATEFUL_SET, "db").build());
        }
        return c;
    }

    @Test
    void findings_stsServiceMissing_namesThePodsAndTheMissingService() {
        List<Finding> findings = lint(statefulSetDb("db").plainFallingThrough());
        Finding f = only(findings, Rule.STS_SERVICE_MISSING);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.primary()).isEqualTo(new ObjectRef(Kinds.STATEFUL_SET, "shop", "db"));
        assertThat(f.objects()).contains(ObjectRef.pod("shop", "db-0"), ObjectRef.pod("shop", "db-1"));
        assertThat(f.message()).isEqualTo("Pods db-0 and db-1 of StatefulSet shop/db get no per-pod names "
                + "(db-0.db.shop.svc.cluster.local is NXDOMAIN): no Service db exists in shop.");
        assertThat(f.fix()).isEqualTo("Create a headless Service named db in shop that selects app=db.");
    }

    @Test
    void findings_stsServiceMissing_isNotRepeatedPerPodAsSubdomainServiceMissing() {
        assertThat(codes(lint(statefulSetDb("db").plainFallingThrough()))).containsExactly("sts-service-missing");
    }

    @Test
    void findings_stsServiceMissing_offersAnExistingHeadlessServiceThatSelectsThePods() {
        TestCluster c = statefulSetDb("db")
                .add(svc("shop", "db-headless").headless().port("pg", 5432).selector("app", "db").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.STS_SERVICE_MISSING);
        assertThat(f.fix()).isEqualTo("Create a headless Service named db in shop that selects app=db, or recreate the "
                + "StatefulSet with serviceName: db-headless (serviceName cannot be changed in place).");
    }

    @Test
    void findings_stsServiceMissing_namesThePodsTheControllerWouldCreateWhenNoneAreGiven() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "shop", "db").labels("app", "db").serviceName("db")
                        .replicas(3).build());
        assertThat(only(lint(c.plainFallingThrough()), Rule.STS_SERVICE_MISSING).message())
                .startsWith("Pods db-0, db-1 and db-2 of StatefulSet shop/db get no per-pod names");
    }

    @Test
    void findings_stsServiceNotSelecting_comparesSelectorWithThePodsLabels() {
        TestCluster c = statefulSetDb("db")
                .add(svc("shop", "db").headless().port("pg", 5432).selector("app", "database").build());
        List<Finding> findings = lint(c.plainFallingThrough());
        Finding f = only(findings, Rule.STS_SERVICE_NOT_SELECTING);
        assertThat(f.objects()).startsWith(new ObjectRef(Kinds.STATEFUL_SET, "shop", "db"), ObjectRef.service("shop", "db"));
        assertThat(f.message()).isEqualTo("Pods db-0 and db-1 of StatefulSet shop/db get no per-pod names "
                + "(db-0.db.shop.svc.cluster.local is NXDOMAIN): Service db selects app=database, but the pods have app=db.");
        assertThat(f.fix()).isEqualTo("Change Service db's selector to app=db (the StatefulSet's pod labels), or add "
                + "app=database to the StatefulSet's pod template labels.");
        // The Service's own emptiness is explained already: no generic warnings on top.
        assertThat(codes(findings)).containsExactly("sts-service-not-selecting");
    }

    @Test
    void findings_stsServiceNotSelecting_whenTheServiceIsAnExternalName() {
        TestCluster c = statefulSetDb("db").add(svc("shop", "db").externalName("db.example.com").build());
        assertThat(only(lint(c.plainFallingThrough()), Rule.STS_SERVICE_NOT_SELECTING).message())
                .contains("Service db is an ExternalName alias, which has no endpoints");
    }

    @Test
    void findings_stsServiceNotSelecting_usesTheTemplateWhenThereAreNoPods() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "shop", "db").labels("app", "db").serviceName("db")
                        .replicas(1).build())
                .add(svc("shop", "db").headless().selector("app", "pg").build());
        assertThat(only(lint(c.plainFallingThrough()), Rule.STS_SERVICE_NOT_SELECTING).message())
                .startsWith("Pod db-0 of StatefulSet shop/db gets no per-pod name (db-0.db.shop.svc.cluster.local is "
                        + "NXDOMAIN): Service db selects app=pg, but the pod has app=db.");
    }

    @Test
    void findings_stsServiceNotHeadless_saysThatTheServiceNameReturnsTheVirtualIp() {
        TestCluster c = statefulSetDb("db")
                .add(svc("shop", "db").clusterIp("10.96.0.5").port("pg", 5432).selector("app", "db").build());
        List<Finding> findings = lint(c.plainFallingThrough());
        Finding f = only(findings, Rule.STS_SERVICE_NOT_HEADLESS);
        // Information only: CoreDNS still serves the per-pod names under a ClusterIP Service, and
        // a client Service as serviceName is a deliberate choice in correct manifests.
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).isEqualTo("Service shop/db, the serviceName of StatefulSet shop/db, is not headless, so "
                + "db.shop.svc.cluster.local returns its cluster IP 10.96.0.5, not the pods' addresses "
                + "(db-0.db.shop.svc.cluster.local still resolves).");
        assertThat(codes(findings)).containsExactly("sts-service-not-headless");
    }

    @Test
    void findings_correctStatefulSet_isSilent() {
        TestCluster c = statefulSetDb("db")
                .add(svc("shop", "db").headless().port("pg", 5432).selector("app", "db").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }
}
