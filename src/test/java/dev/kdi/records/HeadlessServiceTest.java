package dev.kdi.records;

import static dev.kdi.records.TestCluster.endpoint;
import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.slice;
import static dev.kdi.records.TestCluster.sorted;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.TestCluster.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Pod;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HeadlessServiceTest {

    @Test
    @DisplayName("a headless Service with no ready endpoint is NXDOMAIN, not NODATA")
    void noReadyEndpointIsNxdomain() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").port("pg", 5432).build())
                .add(pod("db", "pg-0").labels("app", "pg").ip("10.2.0.1").notReady().build());
        Answer a = c.plain().answer("pg.db.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(a.explanation()).anySatisfy(l -> assertThat(l).contains("no ready endpoint").contains("NXDOMAIN"));
    }

    @Test
    void publishNotReadyAddressesPublishesThem() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").port("pg", 5432).publishNotReady().build())
                .add(pod("db", "pg-0").labels("app", "pg").ip("10.2.0.1").notReady().build());
        assertThat(lines(c.plain().answer("pg.db.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("pg.db.svc.cluster.local. 5 IN A 10.2.0.1");
    }

    @Test
    void terminalPodsAreLeftOutAndTerminatingOnesAreNotReady() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").build())
                .add(pod("db", "done").labels("app", "pg").ip("10.2.0.1").phase(Pod.Phase.SUCCEEDED).build())
                .add(pod("db", "going").labels("app", "pg").ip("10.2.0.2").terminating().build())
                .add(pod("db", "up").labels("app", "pg").ip("10.2.0.3").build());
        assertThat(lines(c.plain().answer("pg.db.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("pg.db.svc.cluster.local. 5 IN A 10.2.0.3");
    }

    @Test
    @DisplayName("a headless Service without ports still has A records, no SRV")
    void noPorts() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").build())
                .add(pod("db", "pg-0").labels("app", "pg").ip("10.2.0.1").build());
        DnsModel m = c.plain();
        assertThat(m.answer("pg.db.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
        assertThat(m.answer("pg.db.svc.cluster.local.", RrType.SRV).status()).isEqualTo(Status.NODATA);
        assertThat(m.answer("_pg._tcp.pg.db.svc.cluster.local.", RrType.SRV).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    @DisplayName("the bare SRV of a headless Service answers every port of every endpoint, endpoint ports")
    void bareSrvHeadless() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").port("pg", 5432, 15432).port("", 9187).build())
                .add(pod("db", "pg-0").labels("app", "pg").ip("10.2.0.1").hostname("pg-0", "pg").build())
                .add(pod("db", "pg-1").labels("app", "pg").ip("10.2.0.2").hostname("pg-1", "pg").build());
        Answer a = c.plain().answer("pg.db.svc.cluster.local.", RrType.SRV);
        assertThat(lines(a.answer())).isEqualTo(sorted(
                "pg.db.svc.cluster.local. 5 IN SRV 0 25 15432 pg-0.pg.db.svc.cluster.local.",
                "pg.db.svc.cluster.local. 5 IN SRV 0 25 9187 pg-0.pg.db.svc.cluster.local.",
                "pg.db.svc.cluster.local. 5 IN SRV 0 25 15432 pg-1.pg.db.svc.cluster.local.",
                "pg.db.svc.cluster.local. 5 IN SRV 0 25 9187 pg-1.pg.db.svc.cluster.local."));
        assertThat(lines(a.additional())).isEqualTo(sorted(
                "pg-0.pg.db.svc.cluster.local. 5 IN A 10.2.0.1",
                "pg-1.pg.db.svc.cluster.local. 5 IN A 10.2.0.2"));
    }

    @Test
    @DisplayName("IPv6 endpoint names come from the address as written; a trailing dash gets a 0")
    void ipv6DashedNames() {
        TestCluster c = new TestCluster().namespace("v6")
                .add(svc("v6", "h").headless().families(IpFamily.IPV6).build())
                .add(slice("v6", "h-1", "h", IpFamily.IPV6, List.of(),
                        endpoint("5678:abcd::1", true, null, null), endpoint("fd00::", true, null, null)));
        DnsModel m = c.plain();
        assertThat(lines(m.answer("5678-abcd--1.h.v6.svc.cluster.local.", RrType.AAAA).answer()))
                .containsExactly("5678-abcd--1.h.v6.svc.cluster.local. 5 IN AAAA 5678:abcd::1");
        assertThat(lines(m.answer("fd00--0.h.v6.svc.cluster.local.", RrType.AAAA).answer()))
                .containsExactly("fd00--0.h.v6.svc.cluster.local. 5 IN AAAA fd00::");
        assertThat(lines(m.answer("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.", RrType.PTR).answer()))
                .containsExactly("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa. 5 IN PTR 5678-abcd--1.h.v6.svc.cluster.local.");
    }

    @Test
    @DisplayName("a slice's missing ready condition counts as ready; ready=false hides the endpoint")
    void readyConditionFromSlices() {
        TestCluster c = new TestCluster().namespace("x")
                .add(svc("x", "h").headless().build())
                .add(slice("x", "h-1", "h", IpFamily.IPV4, List.of(tcp("p", 80)),
                        endpoint("10.9.0.1", null, null, null), endpoint("10.9.0.2", false, null, null)));
        assertThat(lines(c.plain().answer("h.x.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("h.x.svc.cluster.local. 5 IN A 10.9.0.1");
    }

    @Test
    void givenSlicesWinOverDerivation() {
        TestCluster c = new TestCluster().namespace("x")
                .add(svc("x", "h").headless().selector("app", "h").build())
                .add(pod("x", "p").labels("app", "h").ip("10.9.0.5").build())
                .add(slice("x", "h-1", "h", IpFamily.IPV4, List.of(), endpoint("10.9.0.1", true, null, null)));
        assertThat(lines(c.plain().answer("h.x.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("h.x.svc.cluster.local. 5 IN A 10.9.0.1");
    }

    @Test
    void endpointsObjectsAreMirroredForSelectorlessServices() {
        TestCluster c = new TestCluster().namespace("ext")
                .add(svc("ext", "legacy").headless().port("http", 80).build())
                .add(new dev.kdi.records.objects.EndpointsObject("ext", "legacy", List.of(
                        new dev.kdi.records.objects.EndpointsObject.Subset(
                                List.of(new dev.kdi.records.objects.EndpointsObject.Address("192.168.1.10", "box", null, null)),
                                List.of(new dev.kdi.records.objects.EndpointsObject.Address("192.168.1.11", null, null, null)),
                                List.of(tcp("http", 8080)))), false));
        DnsModel m = c.plain();
        assertThat(lines(m.answer("legacy.ext.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("legacy.ext.svc.cluster.local. 5 IN A 192.168.1.10");
        assertThat(lines(m.answer("_http._tcp.legacy.ext.svc.cluster.local.", RrType.SRV).answer()))
                .containsExactly("_http._tcp.legacy.ext.svc.cluster.local. 5 IN SRV 0 100 8080 box.legacy.ext.svc.cluster.local.");
    }

    @Test
    void statefulSetWithoutItsServiceIsExplained() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "db-headless").headless().selector("app", "db").build())
                .add(TestCluster.statefulSet("shop", "db", "db", "app", "db"))
                .add(pod("shop", "db-0").labels("app", "db").ip("10.3.0.1").hostname("db-0", "db").build());
        DnsModel m = c.plain();
        Answer missingService = m.answer("db-0.db.shop.svc.cluster.local.", RrType.A);
        assertThat(missingService.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(missingService.explanation()).anySatisfy(l -> assertThat(l).contains("serviceName db")
                .contains("no Service of that name"));
        Answer byName = m.answer("db-0.db-headless.shop.svc.cluster.local.", RrType.A);
        assertThat(byName.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(byName.explanation()).anySatisfy(l -> assertThat(l).contains("db-0's subdomain is db, not db-headless"));
        assertThat(lines(m.answer("10-3-0-1.db-headless.shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("10-3-0-1.db-headless.shop.svc.cluster.local. 5 IN A 10.3.0.1");
    }

    @Test
    @DisplayName("a live cluster's slices are authoritative: nothing is derived for a Service that lacks them")
    void liveSnapshotsDeriveNothing() {
        TestCluster c = new TestCluster().namespace("x")
                .add(svc("x", "h").headless().selector("app", "h").build())
                .add(pod("x", "p").labels("app", "h").ip("10.9.0.5").build());
        dev.kdi.records.objects.ClusterSnapshot manifests = c.snapshot();
        dev.kdi.records.objects.ClusterSnapshot live = new dev.kdi.records.objects.ClusterSnapshot(manifests.namespaces(),
                manifests.services(), manifests.endpointSlices(), manifests.endpoints(), manifests.pods(),
                manifests.workloads(), null, true);
        DnsModel offline = DnsModel.build(manifests, TestCluster.corefile(TestCluster.PLAIN_COREFILE));
        DnsModel online = DnsModel.build(live, TestCluster.corefile(TestCluster.PLAIN_COREFILE));
        assertThat(offline.answer("h.x.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
        assertThat(online.answer("h.x.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
    }
}
