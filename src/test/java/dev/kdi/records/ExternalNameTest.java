package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalNameTest {

    static TestCluster cluster() {
        return new TestCluster().namespace("shop")
                .add(svc("shop", "payments").externalName("api.stripe.example").build())
                .add(svc("shop", "db").externalName("pg.db.svc.cluster.local").build())
                .add(svc("shop", "nowhere").externalName("missing.db.svc.cluster.local").build())
                .add(svc("shop", "byip").externalName("192.0.2.10").build())
                .add(svc("db", "pg").clusterIp("10.96.5.5").port("pg", 5432).build())
                .add(pod("db", "pg-0").ip("10.5.0.1").build());
    }

    @Test
    void cnameQueryAnswersTheAlias() {
        assertThat(lines(cluster().plain().answer("payments.shop.svc.cluster.local.", RrType.CNAME).answer()))
                .containsExactly("payments.shop.svc.cluster.local. 5 IN CNAME api.stripe.example.");
    }

    @Test
    void aQueryForAnOutsideTargetCarriesTheCnameAndIsIncomplete() {
        Answer a = cluster().plain().answer("payments.shop.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NOERROR);
        assertThat(a.incomplete()).isTrue();
        assertThat(lines(a.answer())).containsExactly("payments.shop.svc.cluster.local. 5 IN CNAME api.stripe.example.");
    }

    @Test
    void targetsInsideTheZoneAreChased() {
        Answer a = cluster().plain().answer("db.shop.svc.cluster.local.", RrType.A);
        assertThat(a.incomplete()).isFalse();
        assertThat(a.answer()).extracting(ResourceRecord::text).containsExactly(
                "db.shop.svc.cluster.local. 5 IN CNAME pg.db.svc.cluster.local.",
                "pg.db.svc.cluster.local. 5 IN A 10.96.5.5");
    }

    @Test
    void anInZoneTargetThatDoesNotResolveLeavesNodata() {
        Answer a = cluster().plain().answer("nowhere.shop.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NODATA);
    }

    @Test
    void anAddressAsExternalNameIsNxdomain() {
        Answer a = cluster().plain().answer("byip.shop.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(a.explanation()).anySatisfy(l -> assertThat(l).contains("must be a DNS name"));
    }

    @Test
    void noSrvNoTxtAndNoNamesBelowAnExternalName() {
        DnsModel m = cluster().plain();
        assertThat(m.answer("payments.shop.svc.cluster.local.", RrType.SRV).status()).isEqualTo(Status.NODATA);
        assertThat(m.answer("payments.shop.svc.cluster.local.", RrType.TXT).status()).isEqualTo(Status.NODATA);
        assertThat(m.answer("x.payments.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("_https._tcp.payments.shop.svc.cluster.local.", RrType.SRV).status())
                .isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void aCnameLoopStops() {
        TestCluster c = new TestCluster().namespace("loop")
                .add(svc("loop", "a").externalName("b.loop.svc.cluster.local").build())
                .add(svc("loop", "b").externalName("a.loop.svc.cluster.local").build());
        Answer a = c.plain().answer("a.loop.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NODATA);
    }
}
