package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.controllers.OfflineCompletion;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The lint trusts pod templates offline and never sends the reader to kubectl there")
class TemplateTrustLintTest {

    private static DnsModel offline(TestCluster c) {
        return DnsModel.build(OfflineCompletion.complete(c.snapshot()), CorefileParser.kubeadmDefault());
    }

    private static DnsModel live(TestCluster c) {
        ClusterSnapshot s = c.snapshot();
        return DnsModel.build(new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(),
                s.pods(), s.workloads(), s.corefile(), true), CorefileParser.kubeadmDefault());
    }

    private static TestCluster scaledToZero() {
        return new TestCluster().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.20").port("http", 80).selector("app", "web").build())
                .add(svc("shop", "web-peers").headless().port("http", 80).selector("app", "web").build())
                .add(TestCluster.workload(Kinds.DEPLOYMENT, "shop", "web").labels("app", "web").replicas(0).build());
    }

    @Test
    void aSelectorMatchingATemplateIsNotMatchingNothingOffline() {
        assertThat(codes(lint(offline(scaledToZero())))).isEmpty();
    }

    @Test
    void liveTheSameSelectorWithoutPodsStillWarns() {
        assertThat(codes(lint(live(scaledToZero()))))
                .containsExactlyInAnyOrder("headless-no-ready-endpoints", "selector-matches-nothing");
    }

    @Test
    void aCronJobsTemplateCountsAsThePodsItWillCreate() {
        TestCluster c = new TestCluster().namespace("batch")
                .add(svc("batch", "runners").headless().selector("app", "runner").build())
                .add(TestCluster.workload(Kinds.CRON_JOB, "batch", "nightly").labels("app", "runner").build());
        assertThat(codes(lint(offline(c)))).isEmpty();
    }

    @Test
    void aSelectorMatchingNoTemplateStillWarnsOffline() {
        TestCluster c = scaledToZero().add(svc("shop", "api").clusterIp("10.96.0.21").port("http", 80)
                .selector("app", "api").build());
        assertThat(only(lint(offline(c)), Rule.SELECTOR_MATCHES_NOTHING).primary().name()).isEqualTo("api");
    }

    @Test
    void aPlaceholderClusterIpIsNeverPrintedAsIfItWereAssigned() {
        TestCluster c = scaledToZero().add(svc("shop", "api").port("http", 80).selector("app", "api").build());
        DnsModel model = offline(c);
        String placeholder = model.snapshot().services().stream().filter(s -> s.name().equals("api")).findFirst()
                .orElseThrow().clusterIPs().get(0);
        assertThat(model.snapshot().provisional().isPlaceholder(placeholder)).isTrue();

        String message = only(lint(model), Rule.SELECTOR_MATCHES_NOTHING).message();
        assertThat(message).contains("the cluster IP the API server assigns it").doesNotContain(placeholder);
    }

    @Test
    void anAssignedClusterIpIsNamedInTheFinding() {
        TestCluster c = scaledToZero().add(svc("shop", "api").clusterIp("10.96.0.21").port("http", 80)
                .selector("app", "api").build());
        assertThat(lint(live(c))).filteredOn(f -> f.code().equals(Rule.SELECTOR_MATCHES_NOTHING.code()))
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("api.shop.svc.cluster.local still returns its cluster IP 10.96.0.21"));
    }

    @Test
    void generatedPodsAreAssumedReadySoTheHeadlessServiceHasEndpoints() {
        TestCluster c = new TestCluster().namespace("default")
                .add(svc("default", "zk-hs").headless().port("server", 2888).selector("app", "zk").build())
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "default", "zk").labels("app", "zk").serviceName("zk-hs")
                        .replicas(3).build());
        assertThat(lint(offline(c))).isEmpty();
    }

    @Test
    void offlineFixesNeverAdviseKubectlButLiveOnesDo() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "db").headless().port("pg", 5432).selector("app", "db").build())
                .add(pod("shop", "db-0").labels("app", "db").ip("10.1.0.1").notReady().build());

        Finding offlineFinding = only(lint(offline(c)), Rule.HEADLESS_NO_READY_ENDPOINTS);
        Finding liveFinding = only(lint(live(c)), Rule.HEADLESS_NO_READY_ENDPOINTS);

        assertThat(offlineFinding.fix()).doesNotContain("kubectl").contains("the manifests give its status as not ready");
        assertThat(liveFinding.fix()).contains("kubectl describe pod -n shop db-0");
    }

    @Test
    void aClientServiceBesideTheGoverningHeadlessOneIsNotReported() {
        TestCluster c = new TestCluster().namespace("default")
                .add(svc("default", "zk-hs").headless().port("server", 2888).selector("app", "zk").build())
                .add(svc("default", "zk-cs").clusterIp("10.96.0.30").port("client", 2181).selector("app", "zk").build())
                .add(pod("default", "zk-0").labels("app", "zk").ip("10.244.0.3").hostname("zk-0", "zk-hs").build());
        assertThat(codes(lint(offline(c)))).isEmpty();
    }

    @Test
    void theDeprecatedTolerateUnreadyAnnotationWarnsUnlessPublishNotReadyAddressesIsSet() {
        Service annotatedOnly = new Service("messaging", "rabbitmq", dev.kdi.records.objects.ServiceType.CLUSTER_IP,
                List.of(Service.NONE), null, List.of(), Map.of("app", "rabbitmq"), false, List.of(), Map.of(), true);
        Service both = new Service("messaging", "rabbitmq", dev.kdi.records.objects.ServiceType.CLUSTER_IP,
                List.of(Service.NONE), null, List.of(), Map.of("app", "rabbitmq"), true, List.of(), Map.of(), true);
        TestCluster sts = new TestCluster().namespace("messaging").add(TestCluster.workload(Kinds.STATEFUL_SET,
                "messaging", "rabbitmq").labels("app", "rabbitmq").serviceName("rabbitmq").replicas(3).build());

        Finding f = only(lint(offline(sts.add(annotatedOnly))), Rule.TOLERATE_UNREADY_ANNOTATION);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("service.alpha.kubernetes.io/tolerate-unready-endpoints")
                .contains("not-ready pods stay out of rabbitmq.messaging.svc.cluster.local");
        assertThat(f.fix()).contains("publishNotReadyAddresses: true");

        TestCluster fixed = new TestCluster().namespace("messaging").add(TestCluster.workload(Kinds.STATEFUL_SET,
                "messaging", "rabbitmq").labels("app", "rabbitmq").serviceName("rabbitmq").replicas(3).build()).add(both);
        assertThat(codes(lint(offline(fixed)))).doesNotContain("tolerate-unready-annotation");
    }
}
