package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateLintTest {

    @ParameterizedTest
    @ValueSource(strings = {Kinds.DEPLOYMENT, Kinds.REPLICA_SET, Kinds.DAEMON_SET})
    void findings_templateHostname_warnsThatReplicasShareOneName(String kind) {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(kind, "shop", "web").labels("app", "web").hostname("web", "websvc").build())
                .add(svc("shop", "websvc").headless().selector("app", "web").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.TEMPLATE_HOSTNAME);
        assertThat(f.objects()).containsExactly(new ObjectRef(kind, "shop", "web"));
        assertThat(f.message()).isEqualTo("Every replica of " + kind + " shop/web gets hostname web and subdomain websvc, "
                + "so web.websvc.shop.svc.cluster.local returns every ready replica's address at once, never one pod.");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kinds.STATEFUL_SET, Kinds.JOB})
    void findings_templateHostname_isSilentForKindsThatNamePodsOneByOne(String kind) {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(kind, "shop", "web").labels("app", "web").hostname("web", "websvc")
                        .serviceName("websvc").build())
                .add(svc("shop", "websvc").headless().selector("app", "web").build());
        assertThat(lint(c.plainFallingThrough())).extracting(Finding::code).doesNotContain("template-hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kinds.DEPLOYMENT, Kinds.DAEMON_SET})
    void findings_templateWithoutHostname_isSilent(String kind) {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(kind, "shop", "web").labels("app", "web").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }
}
