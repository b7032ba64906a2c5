package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameLintTest {

    @ParameterizedTest(name = "Service {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Web_1     | upper-case 'W'                          | web-1
            web_1     | the character '_'                       | web-1
            1web      | a Service name must start with a letter | svc-1web
            -web      | it starts or ends with '-'              | web
            """)
    void findings_serviceNameNotDnsLabel_saysWhyAndSuggestsOne(String name, String why, String suggestion) {
        TestCluster c = new TestCluster().namespace("shop").add(svc("shop", name).clusterIp("10.96.0.9").port("http", 80).build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.NAME_NOT_DNS_LABEL);
        assertThat(f.objects()).containsExactly(ObjectRef.service("shop", name));
        assertThat(f.message()).contains("(" + why + ")");
        assertThat(f.fix()).isEqualTo("Rename it to " + suggestion + ".");
    }

    @Test
    void findings_serviceNameOver63_isNotALabel() {
        String name = "a".repeat(64);
        TestCluster c = new TestCluster().namespace("shop").add(svc("shop", name).clusterIp("10.96.0.9").build());
        assertThat(only(lint(c.plainFallingThrough()), Rule.NAME_NOT_DNS_LABEL).message()).contains("64 characters, over 63");
    }

    @Test
    void findings_namespaceNameNotDnsLabel() {
        TestCluster c = new TestCluster().namespace("Shop");
        Finding f = only(lint(c.plainFallingThrough()), Rule.NAME_NOT_DNS_LABEL);
        assertThat(f.objects()).containsExactly(ObjectRef.namespace("Shop"));
        assertThat(f.fix()).isEqualTo("Rename it to shop.");
    }

    @Test
    void findings_podHostnameNotDnsLabel() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(pod("shop", "box").ip("10.1.0.1").hostname("Box.1", null).build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.NAME_NOT_DNS_LABEL);
        assertThat(f.message()).isEqualTo("Pod shop/box has hostname 'Box.1', which is not a valid DNS label "
                + "(upper-case 'B'): the API server rejects it.");
        assertThat(f.fix()).isEqualTo("Set hostname: box-1.");
    }

    @Test
    void findings_templateSubdomainNotDnsLabel_reportsTheWorkloadNotItsPods() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.DEPLOYMENT, "shop", "web").labels("app", "web").hostname(null, "web_svc").build())
                .add(pod("shop", "web-1-a").labels("app", "web").ip("10.1.0.1").hostname(null, "web_svc")
                        .owner(Kinds.REPLICA_SET, "web-1").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.NAME_NOT_DNS_LABEL);
        assertThat(f.objects()).containsExactly(new ObjectRef(Kinds.DEPLOYMENT, "shop", "web"));
        assertThat(f.message()).contains("sets subdomain 'web_svc'");
    }

    @Test
    void findings_statefulSetWhosePodNamesExceed63() {
        String name = "s".repeat(62);
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "shop", name).labels("app", "x").replicas(1).build());
        assertThat(only(lint(c.plainFallingThrough()), Rule.NAME_NOT_DNS_LABEL).message()).contains(name + "-0").contains("64 characters");
    }

    @Test
    void findings_validNames_areSilent() {
        TestCluster c = new TestCluster().namespace("shop-2")
                .add(svc("shop-2", "web-1").clusterIp("10.96.0.9").port("http", 80).selector("app", "web").build())
                .add(pod("shop-2", "web-1").labels("app", "web").ip("10.1.0.1").hostname("web-1", "web-1").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }
}
