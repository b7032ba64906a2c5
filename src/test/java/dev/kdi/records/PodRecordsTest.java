package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The three {@code pods} modes. */
class PodRecordsTest {

    static TestCluster cluster() {
        return new TestCluster().namespace("app")
                .add(pod("app", "web").ip("10.1.2.3").build())
                .add(pod("app", "v6").ip("fd00::1").build())
                .add(pod("other", "x").ip("10.1.2.4").build());
    }

    @Test
    void disabledByDefault() {
        Answer a = cluster().plain().answer("10-1-2-3.app.pod.cluster.local.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(a.explanation()).anySatisfy(l -> assertThat(l).contains("pods disabled"));
    }

    @Test
    @DisplayName("insecure answers any well-formed name in an existing namespace from the name itself")
    void insecure() {
        DnsModel m = cluster().model(
                ".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa {\n pods insecure\n }\n forward . /etc/resolv.conf\n}\n");
        assertThat(lines(m.answer("1-2-3-4.other.pod.cluster.local.", RrType.A).answer()))
                .containsExactly("1-2-3-4.other.pod.cluster.local. 5 IN A 1.2.3.4");
        assertThat(m.answer("1-2-3-4.nobody.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("web.app.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("10-01-2-3.app.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(lines(m.answer("fd00--1.app.pod.cluster.local.", RrType.AAAA).answer()))
                .containsExactly("fd00--1.app.pod.cluster.local. 5 IN AAAA fd00::1");
        assertThat(m.answer("fd00--1.app.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NODATA);
        assertThat(m.answer("app.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NODATA);
    }

    @Test
    @DisplayName("CoreDNS ignores a label in front of a pod name and answers anyway")
    void labelInFrontOfAPodName() {
        DnsModel m = cluster().model(".:53 {\n kubernetes cluster.local {\n pods insecure\n }\n}\n");
        assertThat(lines(m.answer("www.10-1-2-3.app.pod.cluster.local.", RrType.A).answer()))
                .containsExactly("www.10-1-2-3.app.pod.cluster.local. 5 IN A 10.1.2.3");
    }

    @Test
    void verifiedNeedsAPodWithThatAddressInThatNamespace() {
        DnsModel m = cluster().model(".:53 {\n kubernetes cluster.local {\n pods verified\n }\n}\n");
        Answer ok = m.answer("10-1-2-3.app.pod.cluster.local.", RrType.A);
        assertThat(lines(ok.answer())).containsExactly("10-1-2-3.app.pod.cluster.local. 5 IN A 10.1.2.3");
        assertThat(ok.answer().get(0).sources()).extracting(Object::toString).containsExactly("Pod app/web");
        assertThat(m.answer("10-1-2-4.app.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("1-2-3-4.app.pod.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
    }
}
