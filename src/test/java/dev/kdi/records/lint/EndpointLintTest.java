package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.endpoint;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.TestCluster.tcp;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointLintTest {

    private static TestCluster headlessDb() {
        return new TestCluster().namespace("shop")
                .add(svc("shop", "db").headless().port("pg", 5432).selector("app", "db").build());
    }

    @Test
    void findings_headlessSelectingNothing_isNxdomainAndPointsAtTheLabelsPodsCarry() {
        TestCluster c = headlessDb().add(pod("shop", "pg-0").labels("app", "postgres").ip("10.1.0.1").build());
        List<Finding> findings = lint(c.plainFallingThrough());
        Finding f = only(findings, Rule.HEADLESS_NO_READY_ENDPOINTS);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).isEqualTo("Headless Service shop/db has no ready endpoint, so db.shop.svc.cluster.local "
                + "is NXDOMAIN: its selector app=db selects no pod in shop.");
        assertThat(f.fix()).contains("pods in shop carry app=postgres");
        assertThat(codes(findings)).containsExactly("headless-no-ready-endpoints");
    }

    @Test
    void findings_headlessWithOnlyNotReadyPods_namesThemOnce() {
        TestCluster c = headlessDb().add(pod("shop", "db-0").labels("app", "db").ip("10.1.0.1").notReady().build());
        List<Finding> findings = lint(c.plainFallingThrough());
        assertThat(only(findings, Rule.HEADLESS_NO_READY_ENDPOINTS).message()).endsWith("its pod db-0 is not ready.");
        assertThat(codes(findings)).containsExactly("headless-no-ready-endpoints");
    }

    @Test
    void findings_headlessWithoutSelectorOrSlices_saysSo() {
        TestCluster c = new TestCluster().namespace("shop").add(svc("shop", "ext").headless().build());
        assertThat(only(lint(c.plainFallingThrough()), Rule.HEADLESS_NO_READY_ENDPOINTS).message())
                .endsWith("it has no selector and no EndpointSlices.");
    }

    @Test
    void findings_headlessWithHandMadeReadySlice_isSilent() {
        TestCluster c = new TestCluster().namespace("shop").add(svc("shop", "ext").headless().build())
                .add(TestCluster.slice("shop", "ext-1", "ext", IpFamily.IPV4, List.of(tcp("", 80)),
                        endpoint("192.0.2.1", true, null, null)));
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_selectorMatchesNothing_warnsThatTheClusterIpLeadsNowhere() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.50").port("http", 80).selector("app", "web").build())
                .add(pod("shop", "frontend-0").labels("app", "frontend").ip("10.1.0.1").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.SELECTOR_MATCHES_NOTHING);
        assertThat(f.message()).isEqualTo("Service shop/web selects app=web, which matches no pod in shop: "
                + "web.shop.svc.cluster.local still returns its cluster IP 10.96.0.50, but nothing answers behind it "
                + "and no endpoint names exist.");
        assertThat(f.fix()).isEqualTo("Change the selector to match the pods it should serve (pods in shop carry "
                + "app=frontend), or deploy them.");
    }

    @Test
    void findings_headlessWithSomeReadyPods_reportsTheOthersAsNotReady() {
        TestCluster c = headlessDb()
                .add(pod("shop", "db-0").labels("app", "db").ip("10.1.0.1").build())
                .add(pod("shop", "db-1").labels("app", "db").ip("10.1.0.2").notReady().build())
                .add(pod("shop", "db-2").labels("app", "db").ip("10.1.0.3").terminating().build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.PODS_NOT_READY);
        assertThat(f.objects()).containsExactly(ObjectRef.service("shop", "db"), ObjectRef.pod("shop", "db-1"),
                ObjectRef.pod("shop", "db-2"));
        assertThat(f.message()).isEqualTo("Service shop/db leaves not-ready pods db-1 and db-2 (terminating) out of DNS: "
                + "10-1-0-2.db.shop.svc.cluster.local and 10-1-0-3.db.shop.svc.cluster.local do not resolve, and "
                + "db.shop.svc.cluster.local does not return 10.1.0.2 and 10.1.0.3 until they are ready.");
    }

    @Test
    void findings_publishNotReady_namesThePublishedPods_andNoPodsNotReady() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "db").headless().port("pg", 5432).selector("app", "db").publishNotReady().build())
                .add(pod("shop", "db-0").labels("app", "db").ip("10.1.0.1").build())
                .add(pod("shop", "db-1").labels("app", "db").ip("10.1.0.2").hostname("db-1", "db").notReady().build());
        List<Finding> findings = lint(c.plainFallingThrough());
        Finding f = only(findings, Rule.PUBLISH_NOT_READY);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).isEqualTo("Service shop/db sets publishNotReadyAddresses, so not-ready pod db-1 still "
                + "gets db-1.db.shop.svc.cluster.local and is in db.shop.svc.cluster.local.");
        assertThat(codes(findings)).containsExactly("publish-not-ready");
    }

    @Test
    void findings_publishNotReadyWithAllPodsReady_isSilent() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "db").headless().port("pg", 5432).selector("app", "db").publishNotReady().build())
                .add(pod("shop", "db-0").labels("app", "db").ip("10.1.0.1").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_fqdnTooLong_underALongClusterDomain() {
        String zone = ("z".repeat(49) + ".").repeat(4) + "local";
        String corefile = ".:53 {\n kubernetes " + zone + " in-addr.arpa ip6.arpa\n forward . /etc/resolv.conf\n}\n";
        String service = "s".repeat(38);
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", service).headless().selector("app", "web").build())
                .add(pod("shop", "web-0").labels("app", "web").ip("10.1.0.1").build());
        Finding f = only(lint(c.model(corefile)), Rule.FQDN_TOO_LONG);
        String expected = "10-1-0-1." + service + ".shop.svc." + zone;
        // The Service name itself is exactly at the limit, which is allowed.
        assertThat((service + ".shop.svc." + zone).length()).isEqualTo(253);
        assertThat(f.message()).contains("would have 1 name longer than 253 characters, such as " + expected + " ("
                + expected.length() + ")");
    }

    @Test
    void findings_fqdnTooLong_isSilentUnderClusterLocal() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "s".repeat(63)).headless().port("h".repeat(15), 80).selector("app", "web").build())
                .add(pod("shop", "web-0").labels("app", "web").ip("10.1.0.1").hostname("h".repeat(63), "s".repeat(63))
                        .build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_podNamedByAddress_followsEndpointPodNames() {
        DnsModel m = DnsModel.build(LintFixtures.seedSubdomain().snapshot(), LintFixtures.withOptions("endpoint_pod_names"));
        List<Finding> findings = LintFixtures.withCode(lint(m), Rule.POD_NAMED_BY_ADDRESS);
        assertThat(findings).extracting(Finding::message).anySatisfy(msg -> assertThat(msg)
                .contains("named by pod name, e.g. sample-statefulset-headless-0.sample-subdomain.default.svc.cluster.local"));
    }
}
