package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.demo.DemoCluster;
import dev.kdi.testing.ApiServerFaults;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a live (demo) API server reached through a kubeconfig, as a user whose
 * role, credentials or network is not friendly: every problem is one line that names the context
 * and says what to do, and a partial view says so on standard error and in JSON.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveCommandLineTest {
    static final String TOKEN = "operator-token";

    @TempDir
    Path home;

    DemoCluster demo;
    ApiServerFaults faults;

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    void startDemo(DemoCluster.Variant variant) throws Exception {
        ApiServerFaults[] f = new ApiServerFaults[1];
        demo = DemoCluster.start(variant.withFront(inner -> f[0] = new ApiServerFaults(inner)));
        faults = f[0];
        new ConfigFile().tokenContext("ops", demo.url(), TOKEN).write(home.resolve(".kube/config"));
    }

    void startDemo() throws Exception {
        startDemo(DemoCluster.Variant.standard());
    }

    CliRun kdi(String... args) {
        return CliRun.runWithInput("", Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"), args);
    }

    @Test
    @DisplayName("pods forbidden across namespaces: records still come, and stderr says what is missing")
    void records_warnOnStderr_whenPodsCanOnlyBeListedPerNamespace() throws Exception {
        startDemo();
        faults.forbid(r -> r.resource().equals("pods") && r.namespace() == null);
        CliRun run = kdi("records", "-n", "shop");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("web.shop.svc.cluster.local.");
        assertThat(run.err().lines()).contains("kdi: warning: cannot list pods across all namespaces (forbidden); "
                + "showing namespaces default, shop only");

        CliRun json = kdi("records", "-n", "shop", "-o", "json");
        JsonNode records = new ObjectMapper().readTree(json.out());
        assertThat(records.isArray()).isTrue();
        assertThat(records.size()).isPositive();
        assertThat(json.err().lines()).contains("kdi: warning: cannot list pods across all namespaces (forbidden); "
                + "showing namespaces default, shop only");
    }

    @Test
    @DisplayName("namespaces forbidden: check works, and says the namespaces are known from their objects")
    void check_warnsOnStderr_whenNamespacesCannotBeListed() throws Exception {
        startDemo();
        faults.forbid(r -> r.resource().equals("namespaces") && r.verb().equals("list"));
        CliRun run = kdi("check", "--replica", DemoCluster.HEALTHY_REPLICA);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("kdi: warning: cannot list namespaces (forbidden)");
        CliRun json = kdi("check", "--replica", DemoCluster.HEALTHY_REPLICA, "-o", "json");
        assertThat(new ObjectMapper().readTree(json.out()).at("/view/warnings/0").asText())
                .startsWith("cannot list namespaces (forbidden)");
    }

    @Test
    @DisplayName("no pods/portforward: lookup and check say which permission is missing in which namespace")
    void lookupAndCheck_nameTheMissingPermission_whenPortForwardIsForbidden() throws Exception {
        startDemo();
        faults.forbid(r -> r.resource().equals("pods/portforward"));
        CliRun lookup = kdi("lookup", "web.shop.svc.cluster.local");
        assertThat(lookup.exit()).isEqualTo(2);
        assertThat(lookup.err().strip()).startsWith("kdi lookup: no replica answered: ")
                .contains("you may not get or create pods/portforward in namespace kube-system")
                .doesNotContain("\n");
        CliRun check = kdi("check");
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err().strip()).startsWith("kdi check: no replica could be asked: ")
                .contains("you may not get or create pods/portforward in namespace kube-system");
    }

    @Test
    @DisplayName("Corefile forbidden: the zone comes from the DNS's PTR, and a note says so")
    void records_noteTheClusterDomainSource_whenTheCorefileIsForbidden() throws Exception {
        startDemo(DemoCluster.Variant.standard().withClusterDomain("corp.internal"));
        faults.forbid(r -> r.resource().equals("configmaps"));
        CliRun run = kdi("records", "-n", "shop");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("web.shop.svc.corp.internal.");
        assertThat(run.err()).contains("kdi: note: cluster domain corp.internal, from the PTR of 10.96.0.10");
        CliRun overridden = kdi("records", "-n", "shop", "--cluster-domain", "example.internal");
        assertThat(overridden.out()).contains("web.shop.svc.example.internal.");
        assertThat(overridden.err()).doesNotContain("note: cluster domain");
    }

    @Test
    void check_notesNodeLocalDnsCache_whenItsDaemonSetRuns() throws Exception {
        startDemo();
        demo.client().apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
                .withNewMetadata().withName("node-local-dns").withNamespace("kube-system").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("k8s-app", "node-local-dns").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("k8s-app", "node-local-dns").endMetadata()
                .withNewSpec().addNewContainer().withName("node-cache").withImage("k8s-dns-node-cache").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        CliRun run = kdi("lookup", "web.shop.svc.cluster.local", "--replica", DemoCluster.HEALTHY_REPLICA);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("kdi: note: NodeLocal DNSCache runs here (DaemonSet kube-system/node-local-dns)");
    }

    @Test
    @DisplayName("rejected credentials: one line naming the context and saying to log in again")
    void records_sayToLogInAgain_whenTheTokenIsRejected() throws Exception {
        startDemo();
        faults.acceptOnlyTokens("someone-else");
        CliRun run = kdi("records");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("kdi: ops: the API server rejected the credentials (401 Unauthorized) "
                + "while listing namespaces; log in again or refresh the kubeconfig's credentials");
    }

    @Test
    @DisplayName("an unreachable server: one line naming the context, the server and what to check")
    void records_sayTheServerCannotBeReached_whenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        new ConfigFile().tokenContext("gone", "https://127.0.0.1:" + port, TOKEN).write(home.resolve(".kube/config"));
        CliRun run = kdi("records");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("kdi: gone: the API server at https://127.0.0.1:" + port
                + "/ could not be reached while listing namespaces").contains("reachable").doesNotContain("\n");
    }

    @Test
    @DisplayName("a certificate the kubeconfig's CA does not vouch for: one line saying so")
    void records_sayTheCertificateIsNotTrusted_whenTheCaIsWrong() throws Exception {
        startDemo();
        new ConfigFile().context("tls", demo.url(), "certificate-authority-data: " + unrelatedCa(), "token: " + TOKEN)
                .write(home.resolve(".kube/config"));
        CliRun run = kdi("records");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("kdi: tls: the TLS connection to the API server at " + demo.url())
                .contains("certificate-authority").doesNotContain("\n");
    }

    /** A real CA certificate that did not sign the demo's: the first one of the JDK's trust store. */
    static String unrelatedCa() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            ks.load(in, null);
        }
        Certificate cert = ks.getCertificate(Collections.list(ks.aliases()).get(0));
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    @DisplayName("an exec plugin that fails: one line naming the plugin and what it said")
    void records_sayWhatTheExecPluginSaid_whenItFails() throws Exception {
        startDemo();
        Path plugin = home.resolve(".local/bin/kdi-test-failing-login");
        Files.createDirectories(plugin.getParent());
        Files.writeString(plugin, "#!/bin/sh\necho 'error: the refresh token expired; run kdi-test-failing-login' >&2\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        new ConfigFile().execContext("sso", demo.url(), "kdi-test-failing-login").write(home.resolve(".kube/config"));
        CliRun run = kdi("records");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("kdi: sso: exec credential plugin 'kdi-test-failing-login' (" + plugin
                + ") of user 'sso' failed with exit code 3: error: the refresh token expired; run "
                + "kdi-test-failing-login; run it in a terminal to see what it needs (often a new login)");
    }

    @Test
    @DisplayName("an exec plugin that is missing: the context is marked, and using it names where kdi looked")
    void contextsAndRecords_nameWhereKdiLooked_whenTheExecPluginIsMissing() throws Exception {
        new ConfigFile().execContext("sso", "https://127.0.0.1:1", "kdi-test-no-such-login")
                .write(home.resolve(".kube/config"));
        CliRun contexts = kdi("contexts");
        assertThat(contexts.exit()).isZero();
        assertThat(contexts.out()).contains("(unusable: exec credential plugin 'kdi-test-no-such-login' not found; "
                + "looked in /usr/bin:/bin:/usr/local/bin:" + home.resolve(".local/bin"));
        CliRun records = kdi("records");
        assertThat(records.exit()).isEqualTo(2);
        assertThat(records.err().strip()).startsWith("kdi: context 'sso': exec credential plugin 'kdi-test-no-such-login' "
                + "not found; looked in /usr/bin:/bin");
    }

    @Test
    @DisplayName("contexts: one broken file or entry never hides the others; each is marked with its reason")
    void contexts_markEveryBrokenContextAndFile() throws Exception {
        String expired = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"exp\": 1700000000}".getBytes()) + ".c2ln";
        Path good = new ConfigFile().tokenContext("good", "https://good:6443", TOKEN)
                .context("missing-ca", "https://ca:6443", "certificate-authority: no-such-ca.crt", "token: " + TOKEN)
                .context("expired", "https://old:6443", "", "token: " + expired)
                .write(home.resolve("good-config"));
        Path broken = home.resolve("broken-config");
        Files.writeString(broken, "contexts: [ {name: x\n  - nope: : :\n");
        CliRun run = CliRun.runWithInput("", Map.of("HOME", home.toString(), "KUBECONFIG", broken + ":" + good),
                "contexts");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out()).containsPattern("(?m)^\\* good +good +default$")
                .contains("missing-ca").contains("(unusable: certificate authority file " + home.resolve("no-such-ca.crt"))
                .contains("(unusable: credentials expired at 2023-11-14");
        assertThat(run.out()).doesNotContain(expired);
        assertThat(run.err().strip()).startsWith("kdi: " + broken + ": does not parse as YAML");
    }

    @Test
    @DisplayName("a kubeconfig that does not parse: commands say which file and why, not that a context is missing")
    void records_nameTheFile_whenTheKubeconfigDoesNotParse() throws IOException {
        Path broken = home.resolve("broken-config");
        Files.writeString(broken, "apiVersion: v1\ncontexts: [ {name: x\n");
        CliRun run = kdi("records", "--kubeconfig", broken.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("kdi: " + broken + ": does not parse as YAML").doesNotContain("\n");
    }
}
