package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** When CoreDNS answers NXDOMAIN, when NODATA, and names it hands on or refuses. */
class StructuralNamesTest {

    static TestCluster cluster() {
        return new TestCluster().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.50").port("http", 80).build())
                .add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").selector("k8s-app", "kube-dns")
                        .port("dns", dev.kdi.records.objects.Protocol.UDP, 53, dev.kdi.records.objects.TargetPort.number(53))
                        .port("dns-tcp", 53).build())
                .add(pod("kube-system", "coredns-a").labels("k8s-app", "kube-dns").ip("10.244.0.2").build());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            cluster.local.,                         A,     NODATA
            svc.cluster.local.,                     A,     NODATA
            pod.cluster.local.,                     A,     NODATA
            shop.svc.cluster.local.,                A,     NODATA
            nowhere.svc.cluster.local.,             A,     NXDOMAIN
            foo.cluster.local.,                     A,     NXDOMAIN
            shop.pod.cluster.local.,                A,     NXDOMAIN
            a.b.c.web.shop.svc.cluster.local.,      A,     NXDOMAIN
            web.shop.svc.cluster.local.,            TXT,   NODATA
            nope.shop.svc.cluster.local.,           TXT,   NXDOMAIN
            web.shop.svc.cluster.local.,            MX,    NODATA
            nope.shop.svc.cluster.local.,           MX,    NXDOMAIN
            web.shop.svc.cluster.local.,            SOA,   NODATA
            nope.shop.svc.cluster.local.,           SOA,   NODATA
            web.shop.svc.cluster.local.,            HTTPS, NODATA
            nope.shop.svc.cluster.local.,           HTTPS, NXDOMAIN
            web.shop.svc.cluster.local.,            NS,    NODATA
            web.shop.svc.cluster.local.,            PTR,   NODATA
            example.com.,                           A,     FORWARDED
            10.in-addr.arpa.,                       PTR,   NXDOMAIN
            cluster.local.,                         AXFR,  NOERROR
            shop.svc.cluster.local.,                AXFR,  REFUSED
            """)
    void statusOfStructuralNames(String name, String type, Status expected) {
        DnsModel m = cluster().plain();
        assertThat(m.answer(name, RrType.parse(type).orElseThrow()).status()).isEqualTo(expected);
    }

    @Test
    void apexRecords() {
        DnsModel m = cluster().plain();
        assertThat(lines(m.answer("cluster.local.", RrType.SOA).answer()))
                .containsExactly("cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5");
        Answer ns = m.answer("cluster.local.", RrType.NS);
        assertThat(lines(ns.answer())).containsExactly("cluster.local. 5 IN NS kube-dns.kube-system.svc.cluster.local.");
        assertThat(lines(ns.additional())).containsExactly("kube-dns.kube-system.svc.cluster.local. 5 IN A 10.96.0.10");
        assertThat(lines(m.answer("ns.dns.cluster.local.", RrType.A).answer()))
                .containsExactly("ns.dns.cluster.local. 5 IN A 10.96.0.10");
    }

    @Test
    void withoutTheDnsServiceTheNsIsNsDnsAndIncomplete() {
        DnsModel m = new TestCluster().plain();
        Answer ns = m.answer("cluster.local.", RrType.NS);
        assertThat(lines(ns.answer())).containsExactly("cluster.local. 5 IN NS ns.dns.cluster.local.");
        assertThat(ns.incomplete()).isTrue();
        Answer a = m.answer("ns.dns.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NOERROR);
        assertThat(a.incomplete()).isTrue();
    }

    @Test
    void withoutForwardPluginOutsideNamesFail() {
        DnsModel m = cluster().model(".:53 {\n kubernetes cluster.local\n}\n");
        assertThat(m.answer("example.com.", RrType.A).status()).isEqualTo(Status.SERVFAIL);
    }

    @Test
    void namesNoServerBlockServesAreRefused() {
        DnsModel m = cluster().model("cluster.local:53 {\n kubernetes\n}\n");
        assertThat(m.answer("example.com.", RrType.A).status()).isEqualTo(Status.REFUSED);
        assertThat(m.answer("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
    }

    @Test
    void fallthroughHandsUnknownReverseNamesOn() {
        DnsModel kubeadm = cluster().kubeadm();
        assertThat(kubeadm.answer("1.2.3.4.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.FORWARDED);
        assertThat(kubeadm.answer("nope.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(cluster().plain().answer("1.2.3.4.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void aQueryAsIsNotInTheZoneCaseStillMatchesTheZone() {
        assertThat(cluster().plain().answer("web.shop.SVC.Cluster.Local", RrType.A).status()).isEqualTo(Status.NOERROR);
    }
}
