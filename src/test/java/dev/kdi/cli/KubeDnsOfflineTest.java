package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GKE Standard's kube-dns read from manifests: its ConfigMap routes and kube-dns's rules answer. */
class KubeDnsOfflineTest {
    static String layout() throws Exception {
        return Path.of(KubeDnsOfflineTest.class.getResource("/layouts/gke-kube-dns.yaml").toURI()).toString();
    }

    @Test
    @DisplayName("predict -f on a kube-dns layout: kube-dns's answers, its stub domain, and what is not modelled")
    void predict() throws Exception {
        CliRun endpoint = CliRun.run("predict", "-f", layout(), "web-0.web.shop.svc.cluster.local", "A");
        assertThat(endpoint.exit()).as(endpoint.err()).isZero();
        assertThat(endpoint.out()).contains("NXDOMAIN");

        CliRun stub = CliRun.run("predict", "-f", layout(), "ldap.corp.example", "A");
        assertThat(stub.exit()).as(stub.err()).isZero();
        assertThat(stub.out()).contains("FORWARDED").contains("10.150.0.1");

        CliRun srv = CliRun.run("predict", "-f", layout(), "_http._tcp.web.shop.svc.cluster.local", "SRV");
        assertThat(srv.exit()).as(srv.err()).isZero();
        assertThat(srv.out()).contains("NOT_MODELLED");
    }
}
