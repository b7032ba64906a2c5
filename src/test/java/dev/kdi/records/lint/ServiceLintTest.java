package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.ObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceLintTest {

    private static TestCluster externalName(String target) {
        return new TestCluster().namespace("shop").add(svc("shop", "payments").externalName(target).build());
    }

    @Test
    void findings_externalNameIsIp_saysTheNameIsNxdomain() {
        Finding f = only(lint(externalName("192.0.2.10").plainFallingThrough()), Rule.EXTERNALNAME_IS_IP);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.objects()).containsExactly(ObjectRef.service("shop", "payments"));
        assertThat(f.message()).contains("points at the address 192.0.2.10")
                .contains("payments.shop.svc.cluster.local is NXDOMAIN");
    }

    @Test
    void findings_externalNameIsIpv6_isAnAddressToo() {
        assertThat(codes(lint(externalName("2001:db8::10").plainFallingThrough()))).containsExactly("externalname-is-ip");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                        | it is empty
            Api.Stripe.example        | label 'Api': upper-case 'A'
            api_v1.stripe.example     | label 'api_v1': the character '_'
            -api.stripe.example       | label '-api': it starts or ends with '-'
            api..stripe.example       | it has an empty label
            """)
    void findings_externalNameInvalid_saysWhy(String target, String why) {
        Finding f = only(lint(externalName(target).plainFallingThrough()), Rule.EXTERNALNAME_INVALID);
        assertThat(f.message()).contains("(" + why + ")").contains("the API server rejects the Service");
    }

    @Test
    void findings_externalNameInvalid_labelAndNameLength() {
        String longLabel = "a".repeat(64) + ".example.com";
        assertThat(only(lint(externalName(longLabel).plainFallingThrough()), Rule.EXTERNALNAME_INVALID).message())
                .contains("64 characters, over 63");
        String longName = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThat(only(lint(externalName(longName).plainFallingThrough()), Rule.EXTERNALNAME_INVALID).message())
                .contains("308 characters, over 253");
    }

    @Test
    void findings_validExternalNames_areSilent() {
        assertThat(lint(externalName("api.stripe.example").plainFallingThrough())).isEmpty();
        assertThat(lint(externalName("api.stripe.example.").plainFallingThrough())).isEmpty();
        assertThat(lint(externalName("pg.db.svc.cluster.local").plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_clusterIpUnassigned_isInfo() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "web").port("http", 80).selector("app", "web").build())
                .add(pod("shop", "web-0").labels("app", "web").ip("10.1.0.1").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.CLUSTER_IP_UNASSIGNED);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("web.shop.svc.cluster.local");
        assertThat(codes(lint(c.plainFallingThrough()))).containsExactly("cluster-ip-unassigned");
    }

    @Test
    void findings_unnamedPorts_listsThemAndSuggestsAName() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "odd").clusterIp("10.96.0.7").port("", 7000).port("", 7001).selector("app", "odd").build())
                .add(pod("shop", "odd-0").labels("app", "odd").ip("10.1.0.1").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.UNNAMED_PORTS);
        assertThat(f.message()).contains("has unnamed ports 7000/TCP and 7001/TCP")
                .contains("no _<name>._tcp.odd.shop.svc.cluster.local SRV record exists for them");
        assertThat(f.fix()).contains("name: tcp-7000");
    }

    @Test
    void findings_namedPortsAndPortlessHeadless_areSilent() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.8").port("http", 80).selector("app", "web").build())
                .add(svc("shop", "peers").headless().selector("app", "web").build())
                .add(pod("shop", "web-0").labels("app", "web").ip("10.1.0.1").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }
}
