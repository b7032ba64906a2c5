package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Options of the kubernetes plugin that change answers. */
class CorefileOptionsTest {

    static TestCluster cluster() {
        return new TestCluster().namespace("shop", "hidden")
                .add(svc("shop", "web").clusterIp("10.96.0.50").selector("app", "web").port("http", 80).build())
                .add(svc("shop", "empty").clusterIp("10.96.0.51").selector("app", "none").port("http", 80).build())
                .add(svc("shop", "h").headless().selector("app", "web").port("http", 80).build())
                .add(svc("hidden", "secret").clusterIp("10.96.9.9").port("http", 80).build())
                .add(pod("shop", "web-0").labels("app", "web").ip("10.244.1.1").build());
    }

    static DnsModel with(String options) {
        return DnsModel.build(cluster().snapshot(), TestCluster.withOptions(options));
    }

    @Test
    void ttl() {
        assertThat(lines(with("ttl 0").answer("web.shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("web.shop.svc.cluster.local. 0 IN A 10.96.0.50");
        assertThat(with("ttl 3600").answer("nope.shop.svc.cluster.local.", RrType.A).authority().ttl()).isEqualTo(300);
    }

    @Test
    void namespacesHidesOthersForwardAndReverse() {
        DnsModel m = with("namespaces shop");
        assertThat(m.answer("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
        Answer hidden = m.answer("secret.hidden.svc.cluster.local.", RrType.A);
        assertThat(hidden.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(hidden.explanation()).anySatisfy(l -> assertThat(l).contains("not exposed"));
        assertThat(m.answer("9.9.96.10.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.zone()).noneMatch(r -> r.owner().contains("hidden"));
    }

    @Test
    void ignoreEmptyServiceMakesServicesWithoutReadyEndpointsNxdomain() {
        DnsModel m = with("ignore empty_service");
        assertThat(m.answer("empty.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
        assertThat(with("").answer("empty.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
    }

    @Test
    void noendpointsLeavesOnlyClusterIps() {
        DnsModel m = with("noendpoints");
        assertThat(m.answer("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
        assertThat(m.answer("h.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("10-244-1-1.web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void endpointPodNamesNamesEndpointsAfterTheirPods() {
        DnsModel m = with("endpoint_pod_names");
        assertThat(lines(m.answer("web-0.h.shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("web-0.h.shop.svc.cluster.local. 5 IN A 10.244.1.1");
        assertThat(m.answer("10-244-1-1.h.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(lines(m.answer("1.1.244.10.in-addr.arpa.", RrType.PTR).answer())).contains(
                "1.1.244.10.in-addr.arpa. 5 IN PTR web-0.h.shop.svc.cluster.local.");
    }

    @Test
    void fallthroughWithoutZonesCoversEverything() {
        DnsModel m = with("fallthrough");
        assertThat(m.answer("nope.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.FORWARDED);
    }

    @Test
    void reverseZonesFromCidrsLimitWhichPtrsTheClusterDnsAnswers() {
        DnsModel m = DnsModel.build(cluster().snapshot(), TestCluster.corefile(
                ".:53 {\n kubernetes cluster.local 10.96.0.0/16\n forward . /etc/resolv.conf\n}\n"));
        assertThat(m.answer("50.0.96.10.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.NOERROR);
        assertThat(m.answer("1.1.244.10.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.FORWARDED);
    }

    @Test
    void clusterDomainOverride() {
        DnsModel m = DnsModel.build(cluster().snapshot(), TestCluster.withOptions("").withClusterDomain("corp.internal"));
        assertThat(lines(m.answer("web.shop.svc.corp.internal.", RrType.A).answer()))
                .containsExactly("web.shop.svc.corp.internal. 5 IN A 10.96.0.50");
        assertThat(m.clusterDomain()).contains("corp.internal.");
        assertThat(lines(m.answer("50.0.96.10.in-addr.arpa.", RrType.PTR).answer()))
                .containsExactly("50.0.96.10.in-addr.arpa. 5 IN PTR web.shop.svc.corp.internal.");
    }

    @Test
    void kubernetesWithoutZonesTakesTheServerBlockZones() {
        DnsModel m = DnsModel.build(cluster().snapshot(), TestCluster.corefile(
                "cluster.local:53 in-addr.arpa:53 {\n kubernetes {\n ttl 7\n }\n}\n"));
        assertThat(lines(m.answer("web.shop.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("web.shop.svc.cluster.local. 7 IN A 10.96.0.50");
        assertThat(m.answer("50.0.96.10.in-addr.arpa.", RrType.PTR).status()).isEqualTo(Status.NOERROR);
    }
}
