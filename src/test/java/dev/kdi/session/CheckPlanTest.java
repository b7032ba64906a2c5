package dev.kdi.session;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.TestCluster;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which questions a check asks, and what the model predicts for each. */
class CheckPlanTest {

    /** Two namespaces; in shop a ClusterIP Service with two ready pods and one not ready. */
    static TestCluster cluster() {
        return new TestCluster().namespace("shop", "other")
                .add(svc("shop", "web").clusterIp("10.96.0.50").selector("app", "web").port("http", 80).build())
                .add(pod("shop", "web-a").labels("app", "web").ip("10.244.1.5").build())
                .add(pod("shop", "web-b").labels("app", "web").ip("10.244.2.6").build())
                .add(pod("shop", "web-c").labels("app", "web").ip("10.244.3.7").notReady().build())
                .add(svc("other", "db").clusterIp("10.96.0.70").selector("app", "db").port("", 5432).build())
                .add(pod("other", "db-0").labels("app", "db").ip("10.244.4.8").build());
    }

    private static Question q(String name, RrType type) {
        return new Question(name, type);
    }

    @Test
    void plan_asksEveryOwnerAndTypeOfTheZone_butNotTheSoaWhoseSerialNoModelKnows() {
        DnsModel model = cluster().plain();

        CheckPlan.Plan plan = CheckPlan.plan(model, Set.of());

        List<Question> zone = model.zone().stream().filter(r -> !r.type().equals(RrType.SOA))
                .map(r -> q(r.owner(), r.type())).distinct().toList();
        assertThat(zone).isNotEmpty();
        assertThat(plan.asked()).containsAll(zone);
        assertThat(plan.asked()).noneMatch(x -> x.type().equals(RrType.SOA));
        assertThat(plan.asked()).contains(q("web.shop.svc.cluster.local.", RrType.A));
    }

    @Test
    void plan_asksTheEndpointNamesAndPtrsOfReadyEndpoints_andThePtrsOfClusterIps() {
        CheckPlan.Plan plan = CheckPlan.plan(cluster().plain(), Set.of());

        assertThat(plan.asked()).contains(
                q("10-244-1-5.web.shop.svc.cluster.local.", RrType.A),
                q("10-244-2-6.web.shop.svc.cluster.local.", RrType.A),
                q("5.1.244.10.in-addr.arpa.", RrType.PTR),
                q("50.0.96.10.in-addr.arpa.", RrType.PTR),
                q("70.0.96.10.in-addr.arpa.", RrType.PTR));
        assertThat(plan.asked()).as("the pod that is not ready has no DNS names")
                .doesNotContain(q("10-244-3-7.web.shop.svc.cluster.local.", RrType.A),
                        q("7.3.244.10.in-addr.arpa.", RrType.PTR));
    }

    @Test
    void plan_asksNamesThatMustNotExist_acrossTheCluster() {
        CheckPlan.Plan plan = CheckPlan.plan(cluster().plain(), Set.of());

        assertThat(plan.asked()).contains(
                q("kdi-probe-no-such-service.shop.svc.cluster.local.", RrType.A),
                q("kdi-probe-no-such-service.other.svc.cluster.local.", RrType.A),
                q("kdi-probe-no-such-namespace.svc.cluster.local.", RrType.A),
                q("kdi-probe.cluster.local.", RrType.A));
        assertThat(plan.predicted(q("kdi-probe-no-such-service.shop.svc.cluster.local.", RrType.A)).status())
                .isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void plan_probesAtMostFiveNamespaces_inNameOrder_whenAskingAboutAll() {
        TestCluster many = cluster();
        IntStream.rangeClosed(1, 9).forEach(i -> many.namespace("ns" + i));

        CheckPlan.Plan plan = CheckPlan.plan(many.plain(), Set.of());

        List<String> probed = plan.asked().stream().map(Question::name)
                .filter(n -> n.startsWith("kdi-probe-no-such-service.")).toList();
        assertThat(probed).containsExactly(
                "kdi-probe-no-such-service.default.svc.cluster.local.",
                "kdi-probe-no-such-service.kube-system.svc.cluster.local.",
                "kdi-probe-no-such-service.ns1.svc.cluster.local.",
                "kdi-probe-no-such-service.ns2.svc.cluster.local.",
                "kdi-probe-no-such-service.ns3.svc.cluster.local.");
    }

    @Test
    void plan_keepsToTheNamespacesAsked() {
        CheckPlan.Plan plan = CheckPlan.plan(cluster().plain(), Set.of("shop", "absent"));

        assertThat(plan.asked()).contains(q("web.shop.svc.cluster.local.", RrType.A),
                q("kdi-probe-no-such-service.shop.svc.cluster.local.", RrType.A));
        assertThat(plan.asked()).noneMatch(x -> x.name().contains(".other.svc."));
        assertThat(plan.asked()).doesNotContain(q("70.0.96.10.in-addr.arpa.", RrType.PTR),
                q("kdi-probe-no-such-namespace.svc.cluster.local.", RrType.A));
        assertThat(plan.asked()).as("a namespace that does not exist gets no probe")
                .noneMatch(x -> x.name().contains("absent"));
        assertThat(plan.asked()).as("the zone's NS belongs to no namespace").noneMatch(x -> x.type().equals(RrType.NS));
    }

    @Test
    void plan_leavesOutWhatTheClusterDnsForwards_andCountsIt() {
        DnsModel model = cluster().model("""
                .:53 {
                    kubernetes cluster.local
                    forward . /etc/resolv.conf
                }
                """);

        CheckPlan.Plan plan = CheckPlan.plan(model, Set.of());

        assertThat(plan.asked()).as("without the reverse zones every PTR is forwarded")
                .noneMatch(x -> x.type().equals(RrType.PTR));
        // 10.244.1.5, 10.244.2.6, 10.244.4.8 and the two cluster IPs.
        assertThat(plan.skipped()).isEqualTo(5);
        assertThat(plan.asked()).contains(q("web.shop.svc.cluster.local.", RrType.A));
    }

    @Test
    void plan_predictsEachQuestionAsTheModelAnswersIt() {
        DnsModel model = cluster().plain();

        CheckPlan.Plan plan = CheckPlan.plan(model, Set.of());

        assertThat(plan.predicted()).hasSameSizeAs(plan.asked());
        for (Question x : plan.asked()) {
            assertThat(plan.predicted(x)).as(x.toString()).isEqualTo(model.answer(x));
        }
        assertThat(plan.predicted(q("web.shop.svc.cluster.local.", RrType.A)).answer())
                .extracting(ResourceRecord::toString).containsExactly("web.shop.svc.cluster.local. 5 IN A 10.96.0.50");
    }
}
