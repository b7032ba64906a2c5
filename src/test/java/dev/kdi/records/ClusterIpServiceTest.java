package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.sorted;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.TargetPort;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Services with a cluster IP: the rules of shared/examples/clusterip and their neighbours. */
class ClusterIpServiceTest {

    static TestCluster shop() {
        return new TestCluster().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.50").selector("app", "web").port("http", 80, 8080)
                        .port("metrics", 9090).build())
                .add(svc("shop", "cache").clusterIp("10.96.0.60").selector("app", "cache").port("", 6379).build())
                .add(pod("shop", "web-a").labels("app", "web").ip("10.244.1.5").build())
                .add(pod("shop", "web-b").labels("app", "web").ip("10.244.2.6").build())
                .add(pod("shop", "web-c").labels("app", "web").ip("10.244.3.7").notReady().build())
                .add(pod("shop", "cache-0").labels("app", "cache").ip("10.244.1.9").build());
    }

    @Test
    void serviceNameAnswersTheClusterIpWithDefaultTtl() {
        Answer a = shop().plain().answer("web.shop.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NOERROR);
        assertThat(lines(a.answer())).containsExactly("web.shop.svc.cluster.local. 5 IN A 10.96.0.50");
        assertThat(a.answer().get(0).sources()).extracting(Object::toString).containsExactly("Service shop/web");
    }

    @Test
    void aaaaOfAnIpv4OnlyServiceIsNodataWithTheSoa() {
        Answer a = shop().plain().answer("web.shop.svc.cluster.local.", RrType.AAAA);
        assertThat(a.status()).isEqualTo(Status.NODATA);
        assertThat(a.authority().text())
                .isEqualTo("cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5");
    }

    @Test
    @DisplayName("a bare-name SRV query answers every port, weight floor(100/N), Service ports")
    void bareSrvAnswersEveryPort() {
        Answer a = shop().plain().answer("web.shop.svc.cluster.local.", RrType.SRV);
        assertThat(lines(a.answer())).isEqualTo(sorted(
                "web.shop.svc.cluster.local. 5 IN SRV 0 50 80 web.shop.svc.cluster.local.",
                "web.shop.svc.cluster.local. 5 IN SRV 0 50 9090 web.shop.svc.cluster.local."));
        assertThat(lines(a.additional())).containsExactly("web.shop.svc.cluster.local. 5 IN A 10.96.0.50");
    }

    @Test
    void namedPortSrvCarriesTheServicePortNotTheTargetPort() {
        Answer a = shop().plain().answer("_http._tcp.web.shop.svc.cluster.local.", RrType.SRV);
        assertThat(lines(a.answer()))
                .containsExactly("_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.");
    }

    @Test
    void unnamedPortsAnswerTheBareSrvOnly() {
        DnsModel m = shop().plain();
        assertThat(lines(m.answer("cache.shop.svc.cluster.local.", RrType.SRV).answer()))
                .containsExactly("cache.shop.svc.cluster.local. 5 IN SRV 0 100 6379 cache.shop.svc.cluster.local.");
        assertThat(m.answer("_redis._tcp.cache.shop.svc.cluster.local.", RrType.SRV).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    @DisplayName("port and protocol labels work without underscores too, as CoreDNS strips them only when present")
    void portLabelsWithoutUnderscores() {
        assertThat(lines(shop().plain().answer("http.tcp.web.shop.svc.cluster.local.", RrType.SRV).answer()))
                .containsExactly("http.tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.");
    }

    @Test
    void wrongProtocolIsNxdomain() {
        Answer a = shop().plain().answer("_http._udp.web.shop.svc.cluster.local.", RrType.SRV);
        assertThat(a.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(a.explanation()).anySatisfy(l -> assertThat(l).contains("no port named 'http' with protocol 'udp'"));
    }

    @Test
    @DisplayName("ready endpoints of a ClusterIP Service have dashed-address names; not-ready ones do not")
    void endpointNamesForClusterIpServices() {
        DnsModel m = shop().plain();
        assertThat(lines(m.answer("10-244-1-5.web.shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("10-244-1-5.web.shop.svc.cluster.local. 5 IN A 10.244.1.5");
        assertThat(m.answer("10-244-3-7.web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void endpointSrvUsesTheEndpointPort() {
        Answer a = shop().plain().answer("10-244-1-5.web.shop.svc.cluster.local.", RrType.SRV);
        assertThat(lines(a.answer())).isEqualTo(sorted(
                "10-244-1-5.web.shop.svc.cluster.local. 5 IN SRV 0 50 8080 10-244-1-5.web.shop.svc.cluster.local.",
                "10-244-1-5.web.shop.svc.cluster.local. 5 IN SRV 0 50 9090 10-244-1-5.web.shop.svc.cluster.local."));
    }

    @Test
    void reverseOfClusterIpNamesTheServiceAndOfAnEndpointItsName() {
        DnsModel m = shop().plain();
        assertThat(lines(m.answer("50.0.96.10.in-addr.arpa.", RrType.PTR).answer()))
                .containsExactly("50.0.96.10.in-addr.arpa. 5 IN PTR web.shop.svc.cluster.local.");
        assertThat(lines(m.answer("5.1.244.10.in-addr.arpa.", RrType.PTR).answer()))
                .containsExactly("5.1.244.10.in-addr.arpa. 5 IN PTR 10-244-1-5.web.shop.svc.cluster.local.");
        assertThat(m.answer("7.3.244.10.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void matchingIgnoresCaseAndTheAnswerEchoesIt() {
        DnsModel m = shop().plain();
        assertThat(lines(m.answer("WEB.Shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("WEB.Shop.svc.cluster.local. 5 IN A 10.96.0.50");
        Answer srv = m.answer("_HTTP._tcp.web.shop.svc.CLUSTER.local.", RrType.SRV);
        assertThat(lines(srv.answer())).containsExactly(
                "_HTTP._tcp.web.shop.svc.CLUSTER.local. 5 IN SRV 0 100 80 web.shop.svc.CLUSTER.local.");
    }

    @Test
    void aServiceAnswersItsClusterIpEvenWithoutEndpoints() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(svc("shop", "lonely").clusterIp("10.96.0.70").selector("app", "nothing").port("http", 80).build());
        assertThat(lines(c.plain().answer("lonely.shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("lonely.shop.svc.cluster.local. 5 IN A 10.96.0.70");
    }

    @Test
    @DisplayName("dual-stack: A and AAAA; a bare SRV weighs over addresses x ports but lists each port once")
    void dualStackService() {
        TestCluster c = new TestCluster().namespace("ds")
                .add(svc("ds", "api").clusterIp("10.96.1.1", "fd00:10:96::1:1").families(IpFamily.IPV4, IpFamily.IPV6)
                        .port("http", 80).port("grpc", 9000).build());
        DnsModel m = c.plain();
        assertThat(lines(m.answer("api.ds.svc.cluster.local.", RrType.AAAA).answer()))
                .containsExactly("api.ds.svc.cluster.local. 5 IN AAAA fd00:10:96::1:1");
        Answer srv = m.answer("api.ds.svc.cluster.local.", RrType.SRV);
        assertThat(lines(srv.answer())).isEqualTo(sorted(
                "api.ds.svc.cluster.local. 5 IN SRV 0 25 80 api.ds.svc.cluster.local.",
                "api.ds.svc.cluster.local. 5 IN SRV 0 25 9000 api.ds.svc.cluster.local."));
        assertThat(lines(srv.additional())).isEqualTo(sorted(
                "api.ds.svc.cluster.local. 5 IN A 10.96.1.1",
                "api.ds.svc.cluster.local. 5 IN AAAA fd00:10:96::1:1"));
    }

    @Test
    void namedTargetPortsResolveFromTheContainerPorts() {
        TestCluster c = new TestCluster().namespace("app")
                .add(svc("app", "api").clusterIp("10.96.2.2").selector("app", "api")
                        .port("http", Protocol.TCP, 80, TargetPort.named("web")).build())
                .add(pod("app", "api-0").labels("app", "api").ip("10.1.0.1").containerPort("web", 8443).build());
        assertThat(lines(c.plain().answer("10-1-0-1.api.app.svc.cluster.local.", RrType.SRV).answer()))
                .containsExactly("10-1-0-1.api.app.svc.cluster.local. 5 IN SRV 0 100 8443 10-1-0-1.api.app.svc.cluster.local.");
    }

    @Test
    void unassignedClusterIpIsNodataWithAnExplanation() {
        TestCluster c = new TestCluster().namespace("app")
                .add(svc("app", "api").selector("app", "api").port("http", 80).build());
        Answer a = c.plain().answer("api.app.svc.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NODATA);
        assertThat(a.explanation()).anySatisfy(l -> assertThat(l).contains("no cluster IP in the input"));
    }
}
