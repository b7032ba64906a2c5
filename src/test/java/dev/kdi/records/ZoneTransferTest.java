package dev.kdi.records;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ZoneTransferTest {

    static List<String> text(List<ResourceRecord> records) {
        return records.stream().map(ResourceRecord::text).collect(Collectors.toList());
    }

    @Test
    void clusterIpServicesInNameOrderWithBareAndNamedSrv() {
        DnsModel m = ClusterIpServiceTest.shop().plain();
        List<String> zone = text(m.zone());
        assertThat(zone.get(0)).isEqualTo("cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5");
        assertThat(zone.get(zone.size() - 1)).isEqualTo(zone.get(0));
        assertThat(zone.subList(2, zone.size() - 1)).containsExactly(
                "cache.shop.svc.cluster.local. 5 IN A 10.96.0.60",
                "cache.shop.svc.cluster.local. 5 IN SRV 0 100 6379 cache.shop.svc.cluster.local.",
                "web.shop.svc.cluster.local. 5 IN A 10.96.0.50",
                "web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.",
                "_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.",
                "web.shop.svc.cluster.local. 5 IN SRV 0 100 9090 web.shop.svc.cluster.local.",
                "_metrics._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 9090 web.shop.svc.cluster.local.");
        assertThat(zone.get(1)).isEqualTo("cluster.local. 5 IN NS ns.dns.cluster.local.");
    }

    @Test
    void headlessPerSliceWeightsAndNoBareSrv() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").port("pg", 5432).port("", 9187).build())
                .add(pod("db", "pg-0").labels("app", "pg").ip("10.2.0.1").hostname("pg-0", "pg").build())
                .add(pod("db", "pg-1").labels("app", "pg").ip("10.2.0.2").hostname("pg-1", "pg").build())
                .add(pod("db", "pg-2").labels("app", "pg").ip("10.2.0.3").hostname("pg-2", "pg").build());
        List<String> zone = text(c.plain().zone());
        assertThat(zone).containsSubsequence(
                "pg.db.svc.cluster.local. 5 IN A 10.2.0.1",
                "pg-0.pg.db.svc.cluster.local. 5 IN A 10.2.0.1",
                "_pg._tcp.pg.db.svc.cluster.local. 5 IN SRV 0 33 5432 pg-0.pg.db.svc.cluster.local.",
                "pg.db.svc.cluster.local. 5 IN A 10.2.0.2");
        assertThat(zone).noneMatch(l -> l.startsWith("pg.db.svc.cluster.local. 5 IN SRV"));
        assertThat(zone).noneMatch(l -> l.contains("9187"));
    }

    @Test
    void nsAndGlueFromTheDnsService() {
        List<String> zone = text(StructuralNamesTest.cluster().plain().zone());
        assertThat(zone.subList(1, 3)).containsExactly(
                "cluster.local. 5 IN NS kube-dns.kube-system.svc.cluster.local.",
                "kube-dns.kube-system.svc.cluster.local. 0 IN A 10.96.0.10");
    }

    @Test
    void externalNamesAreCnamesExceptAddresses() {
        List<String> zone = text(ExternalNameTest.cluster().plain().zone());
        assertThat(zone).contains("payments.shop.svc.cluster.local. 5 IN CNAME api.stripe.example.");
        assertThat(zone).noneMatch(l -> l.startsWith("byip."));
    }

    @Test
    void everyZoneOwnerAnswersNoerrorForItsType() {
        DnsModel m = SeedExamplesTest.seedSubdomain().kubeadm();
        for (ResourceRecord r : m.zone()) {
            Answer a = m.answer(r.owner(), r.type());
            assertThat(a.status()).as(r.text()).isEqualTo(Status.NOERROR);
        }
    }
}
