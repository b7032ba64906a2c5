package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.testing.ApiServerFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kdi} started as its own process with a controlled environment, as a desktop launcher
 * starts it: {@code PATH=/usr/bin:/bin} and a home of the test's making.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessLevelTest {
    static final String PLUGIN_TOKEN = "kdi-token-from-plugin-5f2c9e";
    static final String SECRET_TOKEN = "kdi-secret-token-7d41ab";
    static final String SECRET_PASSWORD = "kdi-secret-password-93e0c1";
    static final String SECRET_KEY_MARKER = "kdiSecretClientKeyMaterial";

    static DemoCluster demo;
    static ApiServerFaults faults;

    @BeforeAll
    static void startDemo() throws Exception {
        ApiServerFaults[] f = new ApiServerFaults[1];
        demo = DemoCluster.start(DemoCluster.Variant.standard().withFront(inner -> f[0] = new ApiServerFaults(inner)));
        faults = f[0];
        faults.acceptOnlyTokens(PLUGIN_TOKEN, SECRET_TOKEN);
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    static Map<String, String> desktopEnvironment(Path home) {
        return Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8");
    }

    static Path fakePlugin(Path home, String name, String script) throws Exception {
        Path plugin = home.resolve(".local/bin").resolve(name);
        Files.createDirectories(plugin.getParent());
        Files.writeString(plugin, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return plugin;
    }

    @Test
    @DisplayName("started with PATH=/usr/bin:/bin, kdi finds the exec plugin in ~/.local/bin and uses its token")
    void execPluginInLocalBin_isFoundAndUsed_withADesktopPath(@TempDir Path home) throws Exception {
        fakePlugin(home, "kdi-test-login", "printf '{\"apiVersion\": \"client.authentication.k8s.io/v1beta1\", "
                + "\"kind\": \"ExecCredential\", \"status\": {\"token\": \"" + PLUGIN_TOKEN + "\"}}'\n");
        new ConfigFile().execContext("desktop", demo.url(), "kdi-test-login").write(home.resolve(".kube/config"));

        CliRun contexts = KdiProcess.run(desktopEnvironment(home), "contexts");
        assertThat(contexts.exit()).as(contexts.err()).isZero();
        assertThat(contexts.out().strip()).isEqualTo("* desktop  desktop  default");

        int before = faults.requests().size();
        CliRun records = KdiProcess.run(desktopEnvironment(home), "records", "-n", "shop");
        assertThat(records.exit()).as(records.err()).isZero();
        assertThat(records.out()).contains("web.shop.svc.cluster.local.");
        List<ApiServerFaults.ApiRequest> seen = faults.requests().subList(before, faults.requests().size());
        assertThat(seen).isNotEmpty().allSatisfy(r -> assertThat(r.user()).isIn(PLUGIN_TOKEN, ApiServerFaults.ADMIN_TOKEN));
        assertThat(seen).anySatisfy(r -> assertThat(r.user()).isEqualTo(PLUGIN_TOKEN));
        assertThat(records.out() + records.err()).doesNotContain(PLUGIN_TOKEN);
    }

    @Test
    @DisplayName("without the plugin, kdi names it and every directory it looked in")
    void missingExecPlugin_isNamedWithWhereKdiLooked(@TempDir Path home) throws Exception {
        new ConfigFile().execContext("desktop", demo.url(), "kdi-test-absent-login").write(home.resolve(".kube/config"));
        CliRun records = KdiProcess.run(desktopEnvironment(home), "records");
        assertThat(records.exit()).isEqualTo(2);
        assertThat(records.err().strip()).startsWith("kdi: context 'desktop': exec credential plugin "
                + "'kdi-test-absent-login' not found; looked in /usr/bin:/bin:/usr/local/bin:" + home.resolve(".local/bin"))
                .contains(".krew/bin").contains("/opt/homebrew/bin");
    }

    @Test
    @DisplayName("tokens, client keys and passwords never appear in output, errors or --debug logs")
    void credentials_neverAppearInOutputOrLogs(@TempDir Path home) throws Exception {
        fakePlugin(home, "kdi-test-login", "printf '{\"apiVersion\": \"client.authentication.k8s.io/v1beta1\", "
                + "\"kind\": \"ExecCredential\", \"status\": {\"token\": \"" + PLUGIN_TOKEN + "\"}}'\n");
        fakePlugin(home, "kdi-test-broken-login", "echo 'cannot refresh; login required' >&2\nprintf '" + PLUGIN_TOKEN
                + "'\nexit 1\n");
        String keyData = java.util.Base64.getEncoder().encodeToString(("-----BEGIN PRIVATE KEY-----\n"
                + SECRET_KEY_MARKER + "\n-----END PRIVATE KEY-----\n").getBytes());
        new ConfigFile()
                .tokenContext("token", demo.url(), SECRET_TOKEN)
                .tokenContext("wrong-token", demo.url(), "kdi-rejected-" + SECRET_TOKEN)
                .execContext("plugin", demo.url(), "kdi-test-login")
                .execContext("broken-plugin", demo.url(), "kdi-test-broken-login")
                .context("password", demo.url(), "insecure-skip-tls-verify: true",
                        "username: admin, password: " + SECRET_PASSWORD)
                .context("client-key", "https://127.0.0.1:1", "insecure-skip-tls-verify: true",
                        "client-certificate-data: " + keyData + ", client-key-data: " + keyData)
                .write(home.resolve(".kube/config"));
        List<String> secrets = List.of(SECRET_TOKEN, PLUGIN_TOKEN, SECRET_PASSWORD, SECRET_KEY_MARKER, keyData);

        // With --debug the libraries log (requests, retries, failures): those runs need a process of
        // their own; the rest run in this one, which is quicker.
        List<List<String>> debugRuns = List.of(
                List.of("contexts", "--debug"),
                List.of("records", "-n", "shop", "--context", "token", "--debug"),
                List.of("records", "--context", "wrong-token", "--debug"),
                List.of("records", "--context", "broken-plugin", "--debug"),
                List.of("lookup", "web.shop.svc.cluster.local", "--context", "plugin", "--debug"));
        List<List<String>> quietRuns = List.of(
                List.of("contexts"),
                List.of("records", "--context", "password"),
                List.of("records", "--context", "client-key"),
                List.of("check", "-n", "queue", "--context", "plugin"));
        List<String> outputs = new ArrayList<>();
        for (List<String> args : debugRuns) {
            CliRun run = KdiProcess.run(desktopEnvironment(home), args.toArray(String[]::new));
            outputs.add("kdi " + String.join(" ", args) + "\n" + run.out() + run.err());
            if (args.contains("token") || args.contains("plugin")) {
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.err()).as("--debug shows the libraries' logs").contains("DEBUG");
            }
            if (args.contains("wrong-token")) {
                assertThat(run.exit()).isEqualTo(2);
                assertThat(run.err()).contains("401 Unauthorized");
            }
            if (args.contains("broken-plugin")) {
                assertThat(run.exit()).isEqualTo(2);
                assertThat(run.err()).contains("cannot refresh; login required");
            }
        }
        for (List<String> args : quietRuns) {
            CliRun run = CliRun.runWithInput("", desktopEnvironment(home), args.toArray(String[]::new));
            outputs.add("kdi " + String.join(" ", args) + "\n" + run.out() + run.err());
            if (args.contains("password")) {
                assertThat(run.err()).contains("401 Unauthorized");
            }
            if (args.contains("client-key")) {
                assertThat(run.exit()).isEqualTo(2);
            }
        }
        for (String output : outputs) {
            for (String secret : secrets) {
                assertThat(output).as(output.lines().findFirst().orElse("") + " must not show " + secret)
                        .doesNotContain(secret);
            }
        }
    }
}
