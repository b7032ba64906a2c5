package dev.kdi.records;

import static dev.kdi.records.TestCluster.endpoint;
import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.slice;
import static dev.kdi.records.TestCluster.sorted;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.TestCluster.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.IpFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s_external}'s {@code headless} option: the headless cases of CoreDNS's
 * {@code plugin/k8s_external/external_test.go}, over a headless Service testns/svc-headless whose
 * slice has endpoint-svc-0 (1.2.3.4) and endpoint-svc-1 (1.2.3.5) on port http 80.
 */
class ExternalHeadlessTest {
    private static final String COREFILE = """
            .:53 {
                k8s_external example.com {
                    headless
                }
                kubernetes cluster.local
            }
            """;

    private static DnsModel model(String corefile) {
        return new TestCluster().namespace("testns")
                .add(svc("testns", "svc-headless").headless().port("http", 80).build())
                .add(slice("testns", "svc-headless-1", "svc-headless", IpFamily.IPV4, List.of(tcp("http", 80)),
                        endpoint("1.2.3.4", true, "endpoint-svc-0", "endpoint-svc-0"),
                        endpoint("1.2.3.5", true, "endpoint-svc-1", "endpoint-svc-1"),
                        endpoint("1.2.3.6", false, "endpoint-svc-2", "endpoint-svc-2")))
                .model(corefile);
    }

    @Test
    void aHeadlessServiceIsAnsweredWithItsReadyEndpoints() {
        DnsModel m = model(COREFILE);
        Answer a = m.answer("svc-headless.testns.example.com.", RrType.A);
        assertThat(a.incomplete()).isFalse();
        assertThat(lines(a.answer())).isEqualTo(sorted("svc-headless.testns.example.com. 5 IN A 1.2.3.4",
                "svc-headless.testns.example.com. 5 IN A 1.2.3.5"));
        assertThat(a.answeredBy().chain()).containsExactly("k8s_external");
        for (String name : List.of("svc-headless.testns.example.com.", "_http._tcp.svc-headless.testns.example.com.")) {
            Answer srv = m.answer(name, RrType.SRV);
            assertThat(lines(srv.answer())).isEqualTo(sorted(
                    name + " 5 IN SRV 0 50 80 endpoint-svc-0.svc-headless.testns.example.com.",
                    name + " 5 IN SRV 0 50 80 endpoint-svc-1.svc-headless.testns.example.com."));
            assertThat(lines(srv.additional())).isEqualTo(sorted(
                    "endpoint-svc-0.svc-headless.testns.example.com. 5 IN A 1.2.3.4",
                    "endpoint-svc-1.svc-headless.testns.example.com. 5 IN A 1.2.3.5"));
        }
    }

    @Test
    void anEndpointIsAnsweredByItsName() {
        DnsModel m = model(COREFILE);
        String one = "endpoint-svc-1.svc-headless.testns.example.com.";
        assertThat(lines(m.answer(one, RrType.A).answer())).containsExactly(one + " 5 IN A 1.2.3.5");
        assertThat(lines(m.answer(one, RrType.SRV).answer())).containsExactly(one + " 5 IN SRV 0 100 80 " + one);
        assertThat(m.answer("endpoint-svc-2.svc-headless.testns.example.com.", RrType.A).status())
                .as("a not-ready endpoint is not published").isEqualTo(Status.NXDOMAIN);
        assertThat(m.answer("_https._tcp.svc-headless.testns.example.com.", RrType.SRV).status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void withoutTheOptionAHeadlessServiceHasNoExternalAnswer() {
        Answer a = model(COREFILE.replace("        headless\n", "")).answer("svc-headless.testns.example.com.", RrType.A);
        assertThat(a.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(a.incomplete()).isFalse();
    }
}
