package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.sorted;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seed's examples built in code, checked against the answers of shared/examples. */
class SeedExamplesTest {

    static TestCluster seedSubdomain() {
        TestCluster c = new TestCluster()
                .add(svc("default", "sample-headless").headless().port("http-port", 80).selector("app", "sample-app").build())
                .add(svc("default", "sample-subdomain").headless().selector("app", "sample-app").build())
                .add(TestCluster.statefulSet("default", "sample-statefulset-headless", "sample-headless", "app", "sample-app"));
        String[] ips = {"10.46.0.1", "10.40.0.2", "10.46.0.2"};
        for (int i = 0; i < 3; i++) {
            String name = "sample-statefulset-headless-" + i;
            c.add(pod("default", name).labels("app", "sample-app").ip(ips[i]).hostname(name, "sample-headless")
                    .owner("StatefulSet", "sample-statefulset-headless").build());
        }
        c.add(pod("default", "sample-subdomain").labels("app", "sample-app").ip("10.40.0.3")
                .hostname("sample-hostname", "sample-subdomain").build());
        return c;
    }

    @Test
    @DisplayName("hostname + subdomain naming a headless Service that selects the pod resolves")
    void hostnameSubdomain() {
        DnsModel m = seedSubdomain().kubeadm();
        Answer a = m.answer("sample-hostname.sample-subdomain.default.svc.cluster.local", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NOERROR);
        assertThat(lines(a.answer())).containsExactly(
                "sample-hostname.sample-subdomain.default.svc.cluster.local. 30 IN A 10.40.0.3");
    }

    @Test
    void bothServicesSelectAllFourPods() {
        DnsModel m = seedSubdomain().kubeadm();
        assertThat(lines(m.answer("sample-subdomain.default.svc.cluster.local.", RrType.A).answer())).isEqualTo(sorted(
                "sample-subdomain.default.svc.cluster.local. 30 IN A 10.46.0.1",
                "sample-subdomain.default.svc.cluster.local. 30 IN A 10.40.0.2",
                "sample-subdomain.default.svc.cluster.local. 30 IN A 10.46.0.2",
                "sample-subdomain.default.svc.cluster.local. 30 IN A 10.40.0.3"));
    }

    @Test
    void statefulSetPodsAreNamedByAddressInTheOtherService() {
        DnsModel m = seedSubdomain().kubeadm();
        assertThat(lines(m.answer("10-46-0-1.sample-subdomain.default.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("10-46-0-1.sample-subdomain.default.svc.cluster.local. 30 IN A 10.46.0.1");
        Answer miss = m.answer("sample-statefulset-headless-0.sample-subdomain.default.svc.cluster.local.", RrType.A);
        assertThat(miss.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(miss.explanation()).anySatisfy(l -> assertThat(l).contains("subdomain is sample-headless, not sample-subdomain"));
        assertThat(m.answer("sample-hostname.sample-headless.default.svc.cluster.local.", RrType.A).status())
                .isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void srvWeightsOverFourEndpoints() {
        DnsModel m = seedSubdomain().kubeadm();
        Answer a = m.answer("_http-port._tcp.sample-headless.default.svc.cluster.local.", RrType.SRV);
        assertThat(lines(a.answer())).isEqualTo(sorted(
                "_http-port._tcp.sample-headless.default.svc.cluster.local. 30 IN SRV 0 25 80 sample-statefulset-headless-0.sample-headless.default.svc.cluster.local.",
                "_http-port._tcp.sample-headless.default.svc.cluster.local. 30 IN SRV 0 25 80 sample-statefulset-headless-1.sample-headless.default.svc.cluster.local.",
                "_http-port._tcp.sample-headless.default.svc.cluster.local. 30 IN SRV 0 25 80 sample-statefulset-headless-2.sample-headless.default.svc.cluster.local.",
                "_http-port._tcp.sample-headless.default.svc.cluster.local. 30 IN SRV 0 25 80 10-40-0-3.sample-headless.default.svc.cluster.local."));
        assertThat(lines(a.additional())).isEqualTo(sorted(
                "sample-statefulset-headless-0.sample-headless.default.svc.cluster.local. 30 IN A 10.46.0.1",
                "sample-statefulset-headless-1.sample-headless.default.svc.cluster.local. 30 IN A 10.40.0.2",
                "sample-statefulset-headless-2.sample-headless.default.svc.cluster.local. 30 IN A 10.46.0.2",
                "10-40-0-3.sample-headless.default.svc.cluster.local. 30 IN A 10.40.0.3"));
    }

    @Test
    void anAddressSelectedByTwoServicesHasTwoReverseNames() {
        DnsModel m = seedSubdomain().kubeadm();
        assertThat(lines(m.answer("3.0.40.10.in-addr.arpa.", RrType.PTR).answer())).isEqualTo(sorted(
                "3.0.40.10.in-addr.arpa. 30 IN PTR sample-hostname.sample-subdomain.default.svc.cluster.local.",
                "3.0.40.10.in-addr.arpa. 30 IN PTR 10-40-0-3.sample-headless.default.svc.cluster.local."));
    }

    @Test
    void podRecordsAndSchemaVersionUnderKubeadm() {
        DnsModel m = seedSubdomain().kubeadm();
        assertThat(lines(m.answer("10-46-0-1.default.pod.cluster.local.", RrType.A).answer()))
                .containsExactly("10-46-0-1.default.pod.cluster.local. 30 IN A 10.46.0.1");
        assertThat(lines(m.answer("dns-version.cluster.local.", RrType.TXT).answer()))
                .containsExactly("dns-version.cluster.local. 28800 IN TXT \"1.1.0\"");
        assertThat(m.answer("sample-headless.other.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("sample-headless.default.svc.cluster.local.", RrType.AAAA).status()).isEqualTo(Status.NODATA);
        assertThat(m.answer("sample-statefulset-headless-3.sample-headless.default.svc.cluster.local.", RrType.A).status())
                .isEqualTo(Status.NXDOMAIN);
    }
}
