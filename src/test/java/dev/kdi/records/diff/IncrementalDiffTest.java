package dev.kdi.records.diff;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.TestCluster;
import dev.kdi.records.ZoneQuestions;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.ServiceType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Incremental diff: what a change recomputes")
class IncrementalDiffTest {
    private static final Corefile COREFILE = TestCluster.corefile(TestCluster.PLAIN_COREFILE);

    /** Four namespaces: web in shop, an ExternalName in edge pointing at it, db and an idle one. */
    private static TestCluster cluster() {
        return new TestCluster().namespace("shop", "edge", "db", "idle")
                .add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").selector("k8s-app", "kube-dns").port("dns", 53).build())
                .add(pod("kube-system", "coredns-1").labels("k8s-app", "kube-dns").ip("10.244.0.5").build())
                .add(svc("shop", "web").clusterIp("10.96.0.50").selector("app", "web").port("http", 80).build())
                .add(pod("shop", "web-1").labels("app", "web").ip("10.244.1.10").build())
                .add(svc("edge", "front").type(ServiceType.EXTERNAL_NAME).externalName("web.shop.svc.cluster.local").build())
                .add(svc("db", "pg").headless().selector("app", "pg").build())
                .add(pod("db", "pg-0").labels("app", "pg").ip("10.244.2.10").hostname("pg-0", "pg").build())
                .add(svc("idle", "quiet").clusterIp("10.96.0.90").build());
    }

    private static IncrementalDiff.Result diff(ClusterSnapshot a, ClusterSnapshot b, Corefile after) {
        return IncrementalDiff.of(a, COREFILE).compare(b, after, Referrers.none());
    }

    private static DnsDiff full(ClusterSnapshot a, ClusterSnapshot b, Corefile after) {
        return ModelDiff.compare(side(a, COREFILE), side(b, after));
    }

    private static ModelDiff.Side side(ClusterSnapshot s, Corefile c) {
        DnsModel m = DnsModel.build(s, c);
        return new ModelDiff.Side(m, Lint.findings(m));
    }

    @Test
    @DisplayName("a Service changed: its namespace and the namespace whose ExternalName follows it, nothing else")
    void followsExternalNames() {
        ClusterSnapshot a = cluster().snapshot();
        ClusterSnapshot b = cluster().add(pod("shop", "web-2").labels("app", "web").ip("10.244.1.11").build()).snapshot();
        // Moving web's cluster IP changes what edge's CNAME leads to: edge is asked again.
        ClusterSnapshot moved = swap(a, svc("shop", "web").clusterIp("10.96.0.51").selector("app", "web").port("http", 80).build());

        IncrementalDiff.Result r = diff(a, moved, COREFILE);
        assertThat(r.everything()).isEmpty();
        assertThat(r.recomputed()).containsExactlyInAnyOrder("shop", "edge");
        assertThat(r.modelled()).containsExactlyInAnyOrder("shop", "edge", "kube-system");
        assertThat(r.diff().changes()).extracting(c -> c.kind().mark() + " " + c.name() + " " + c.type())
                .contains("~ web.shop.svc.cluster.local. A", "+ 51.0.96.10.in-addr.arpa. PTR");
        assertThat(lines(r.diff())).isEqualTo(lines(full(a, moved, COREFILE)));

        IncrementalDiff.Result added = diff(a, b, COREFILE);
        assertThat(added.recomputed()).containsExactlyInAnyOrder("shop", "edge");
        assertThat(added.diff().changes()).isNotEmpty();
    }

    @Test
    @DisplayName("a change in the namespace an ExternalName lives in does not recompute its target's namespace")
    void dependsOnlyOneWay() {
        ClusterSnapshot a = cluster().snapshot();
        ClusterSnapshot b = cluster().add(svc("edge", "extra").clusterIp("10.96.0.70").build()).snapshot();
        IncrementalDiff.Result r = diff(a, b, COREFILE);
        assertThat(r.recomputed()).containsExactly("edge");
        // edge's ExternalName still needs shop's objects to be answered.
        assertThat(r.modelled()).containsExactlyInAnyOrder("edge", "shop", "kube-system");
        assertThat(r.diff().changes()).extracting(NameChange::name).contains("extra.edge.svc.cluster.local.");
    }

    @Test
    @DisplayName("namespaces sharing an address are recomputed together: the PTR answers from both")
    void sharedAddresses() {
        ClusterSnapshot a = cluster()
                .add(svc("idle", "node-agent").headless().selector("app", "agent").build())
                .add(pod("idle", "agent-1").labels("app", "agent").ip("10.244.2.10").build()).snapshot();
        ClusterSnapshot b = new TestCluster().namespace("shop", "edge", "db", "idle")
                .add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").selector("k8s-app", "kube-dns").port("dns", 53).build())
                .add(pod("kube-system", "coredns-1").labels("k8s-app", "kube-dns").ip("10.244.0.5").build())
                .add(svc("shop", "web").clusterIp("10.96.0.50").selector("app", "web").port("http", 80).build())
                .add(pod("shop", "web-1").labels("app", "web").ip("10.244.1.10").build())
                .add(svc("edge", "front").type(ServiceType.EXTERNAL_NAME).externalName("web.shop.svc.cluster.local").build())
                .add(svc("db", "pg").headless().selector("app", "pg").build())
                .add(svc("idle", "quiet").clusterIp("10.96.0.90").build())
                .add(svc("idle", "node-agent").headless().selector("app", "agent").build())
                .add(pod("idle", "agent-1").labels("app", "agent").ip("10.244.2.10").build()).snapshot();
        IncrementalDiff.Result r = diff(a, b, COREFILE);
        assertThat(r.recomputed()).containsExactlyInAnyOrder("db", "idle");
        assertThat(lines(r.diff())).isEqualTo(lines(full(a, b, COREFILE)));
        assertThat(r.diff().changes()).extracting(c -> c.name() + " " + c.type())
                .contains("10.2.244.10.in-addr.arpa. PTR");
    }

    @Test
    @DisplayName("a Corefile change, or a change where the cluster DNS lives, recomputes everything")
    void globalChanges() {
        ClusterSnapshot a = cluster().snapshot();
        Corefile narrowed = TestCluster.withOptions("namespaces shop");
        IncrementalDiff.Result corefile = diff(a, a, narrowed);
        assertThat(corefile.everything()).contains("the Corefile changes");
        assertThat(corefile.recomputed()).containsAll(a.namespaces());
        assertThat(lines(corefile.diff())).isEqualTo(lines(full(a, a, narrowed)));

        ClusterSnapshot dns = cluster().add(pod("kube-system", "coredns-2").labels("k8s-app", "kube-dns").ip("10.244.0.6")
                .build()).snapshot();
        IncrementalDiff.Result kubeSystem = diff(a, dns, COREFILE);
        assertThat(kubeSystem.everything()).hasValueSatisfying(w -> assertThat(w).contains("kube-system"));
        assertThat(lines(kubeSystem.diff())).isEqualTo(lines(full(a, dns, COREFILE)));

        // A Service elsewhere selecting the DNS pods names the zone's name servers.
        ClusterSnapshot monitor = cluster().add(svc("idle", "dns-metrics").headless().build())
                .add(TestCluster.slice("idle", "dns-metrics-1", "dns-metrics", dev.kdi.records.objects.IpFamily.IPV4,
                        List.of(TestCluster.tcp("metrics", 9153)),
                        TestCluster.endpoint("10.244.0.5", true, null, "coredns-1"))).snapshot();
        IncrementalDiff.Result nsRecords = diff(a, monitor, COREFILE);
        assertThat(nsRecords.everything()).hasValueSatisfying(w -> assertThat(w).contains("10.244.0.5"));
        assertThat(lines(nsRecords.diff())).isEqualTo(lines(full(a, monitor, COREFILE)));
    }

    @Test
    @DisplayName("no change recomputes nothing")
    void nothing() {
        ClusterSnapshot a = cluster().snapshot();
        IncrementalDiff.Result r = diff(a, cluster().snapshot(), COREFILE);
        assertThat(r.recomputed()).isEmpty();
        assertThat(r.modelled()).isEmpty();
        assertThat(r.diff().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("ZoneQuestions.within asks what the whole asks of those namespaces")
    void questionsWithin() {
        DnsModel m = DnsModel.build(cluster().snapshot(), COREFILE);
        Set<Question> all = ZoneQuestions.of(m, Set.of());
        Set<Question> shop = ZoneQuestions.within(m, Set.of("shop"), ZoneQuestions.probed(m.snapshot().namespaces()));
        assertThat(all).containsAll(shop);
        assertThat(shop).contains(new Question("web.shop.svc.cluster.local.", RrType.A),
                new Question("50.0.96.10.in-addr.arpa.", RrType.PTR));
        // The whole probes the first five namespaces by name: db is one, shop is not.
        assertThat(ZoneQuestions.within(m, Set.of("db"), ZoneQuestions.probed(m.snapshot().namespaces())))
                .contains(new Question("kdi-probe-no-such-service.db.svc.cluster.local.", RrType.A));
        assertThat(shop).noneMatch(q -> q.name().startsWith("kdi-probe"));
        assertThat(shop).noneMatch(q -> q.type().equals(RrType.NS) || q.name().contains(".db."));
        assertThat(all.stream().filter(q -> q.name().contains(".shop.")).toList())
                .containsExactlyInAnyOrderElementsOf(shop.stream().filter(q -> q.name().contains(".shop.")).toList());
    }

    private static List<String> lines(DnsDiff d) {
        return IncrementalDiffPropertiesTest.lines(d);
    }

    private static ClusterSnapshot swap(ClusterSnapshot s, dev.kdi.records.objects.Service replacement) {
        List<dev.kdi.records.objects.Service> services = s.services().stream()
                .map(x -> x.ref().equals(replacement.ref()) ? replacement : x).toList();
        return new ClusterSnapshot(s.namespaces(), services, s.endpointSlices(), s.endpoints(), s.pods(), s.workloads(),
                s.corefile(), s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
    }
}
