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

    @Test
    @DisplayName("records -f on a kube-dns layout: what kube-dns serves, and one line on stderr for what is left out")
    void records() throws Exception {
        CliRun run = CliRun.run("records", "-f", layout());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "kube-dns.kube-system.svc.cluster.local. 30 IN A 34.118.224.10",
                "db.shop.svc.cluster.local. 30 IN A 10.92.2.11",
                "db.shop.svc.cluster.local. 30 IN A 10.92.2.12",
                "db-0.db.shop.svc.cluster.local. 30 IN A 10.92.2.11",
                "web.shop.svc.cluster.local. 30 IN A 34.118.230.20");
        // CoreDNS would list web-0.web (a ClusterIP Service's endpoint) and 10-92-2-12.db; kube-dns serves neither.
        assertThat(run.out()).doesNotContain("web-0.web").doesNotContain("10-92-2-12").doesNotContain(" SRV ");
        assertThat(run.err().lines().filter(l -> l.startsWith("kdi records: "))).singleElement().asString()
                .startsWith("kdi records: not listed: 9 names and types kdi does not model for kube-dns (NS, CNAME, "
                        + "SOA, SRV), e.g. cluster.local. SOA: not modelled for kube-dns: ");

        CliRun json = CliRun.run("records", "-f", layout(), "-o", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).startsWith("[").contains("\"web.shop.svc.cluster.local.\"").doesNotContain("SRV")
                .doesNotContain("kdi records");
        assertThat(json.err()).contains("kdi records: not listed: 9 names");
    }
}
