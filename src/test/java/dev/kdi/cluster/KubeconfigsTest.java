package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigsTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    ExecPlugins plugins(String path) {
        return new ExecPlugins(Map.of("PATH", path), dir.resolve("home"), Optional::empty);
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static String config(String current, String contexts, String clusters, String users) {
        return "apiVersion: v1\nkind: Config\n" + (current == null ? "" : "current-context: " + current + "\n")
                + "contexts:\n" + contexts + "clusters:\n" + clusters + "users:\n" + users;
    }

    @Test
    @DisplayName("KUBECONFIG files merge as kubectl merges: the first to define a name wins")
    void mergesKubeconfigList() throws Exception {
        Path a = write("a", config("one",
                "- {name: one, context: {cluster: c1, user: u1, namespace: shop}}\n",
                "- {name: c1, cluster: {server: 'https://one:6443'}}\n",
                "- {name: u1, user: {token: abc}}\n"));
        Path b = write("b", config("two",
                "- {name: one, context: {cluster: c2, user: u2}}\n- {name: two, context: {cluster: c2, user: u2}}\n",
                "- {name: c2, cluster: {server: 'https://two:6443'}}\n",
                "- {name: u2, user: {token: def}}\n"));
        Kubeconfigs k = Kubeconfigs.load(Optional.empty(), Map.of("KUBECONFIG", a + ":" + b), dir, plugins(""), NOW);
        assertThat(k.currentContext()).contains("one");
        List<ContextInfo> contexts = k.contexts();
        assertThat(contexts).extracting(ContextInfo::name).containsExactly("one", "two");
        assertThat(contexts.get(0).server()).isEqualTo("https://one:6443");
        assertThat(contexts.get(0).namespace()).isEqualTo("shop");
        assertThat(contexts.get(0).current()).isTrue();
        assertThat(contexts.get(1).namespace()).isEqualTo("default");
        ContextTarget t = k.target(Optional.of("two"));
        assertThat(t.config().getMasterUrl()).startsWith("https://two:6443");
        assertThat(t.toString()).doesNotContain("def");
    }

    @Test
    @DisplayName("one broken context never hides the others; each says why")
    void brokenContextsAreMarked() throws IOException {
        Path k = write("config", config("good",
                "- {name: good, context: {cluster: c, user: u}}\n"
                        + "- {name: nocluster, context: {cluster: missing, user: u}}\n"
                        + "- {name: nofile, context: {cluster: c, user: filed}}\n"
                        + "- {name: noplugin, context: {cluster: c, user: exec}}\n",
                "- {name: c, cluster: {server: 'https://c:6443'}}\n",
                "- {name: u, user: {token: abc}}\n"
                        + "- {name: filed, user: {client-certificate: certs/me.crt, client-key: certs/me.key}}\n"
                        + "- {name: exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "
                        + "kdi-test-no-such-plugin}}}\n"));
        Kubeconfigs configs = Kubeconfigs.load(Optional.of(k), Map.of(), dir, plugins("/nonexistent"), NOW);
        Map<String, Optional<String>> problems = new java.util.TreeMap<>();
        configs.contexts().forEach(c -> problems.put(c.name(), c.problem()));
        assertThat(problems.get("good")).isEmpty();
        assertThat(problems.get("nocluster")).get().asString().contains("cluster 'missing' is not defined");
        assertThat(problems.get("nofile")).get().asString().contains(dir.resolve("certs/me.crt").toString())
                .contains("does not exist");
        assertThat(problems.get("noplugin")).get().asString().contains("kdi-test-no-such-plugin")
                .contains("/usr/local/bin").contains(".local/bin").contains(".krew/bin");
        assertThatThrownBy(() -> configs.target(Optional.of("noplugin"))).isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("context 'noplugin': exec credential plugin 'kdi-test-no-such-plugin' not found");
    }

    @Test
    void aFileThatDoesNotParseIsReportedWithoutHidingOthers() throws IOException {
        Path good = write("good", config("one", "- {name: one, context: {cluster: c, user: u}}\n",
                "- {name: c, cluster: {server: 'https://c:6443'}}\n", "- {name: u, user: {token: t}}\n"));
        Path bad = write("bad", "contexts: [ {name: x\n  - nope: : :\n");
        Kubeconfigs k = Kubeconfigs.load(Optional.empty(), Map.of("KUBECONFIG", bad + ":" + good), dir, plugins(""), NOW);
        assertThat(k.fileProblems()).singleElement().asString().startsWith(bad + ": does not parse as YAML");
        assertThat(k.contexts()).extracting(ContextInfo::name).containsExactly("one");
    }

    @Test
    @DisplayName("~ in a kubeconfig's paths is $HOME, as kubectl reads it, not Java's user.home")
    void tildeFollowsHome() throws Exception {
        Path home = dir.resolve("elsewhere/home");
        Files.createDirectories(home.resolve("certs"));
        Files.writeString(home.resolve("certs/me.crt"), "not read here");
        Files.writeString(home.resolve("certs/me.key"), "not read here");
        Path k = write("kube/config", config("found",
                "- {name: found, context: {cluster: c, user: tilde}}\n"
                        + "- {name: missing, context: {cluster: c, user: gone}}\n",
                "- {name: c, cluster: {server: 'https://c:6443'}}\n",
                "- {name: tilde, user: {client-certificate: ~/certs/me.crt, client-key: ~/certs/me.key}}\n"
                        + "- {name: gone, user: {client-certificate: ~/certs/gone.crt, client-key: ~/certs/me.key}}\n"));
        assertThat(home.toString()).isNotEqualTo(System.getProperty("user.home"));

        Kubeconfigs configs = Kubeconfigs.load(Optional.of(k), Map.of(), ExecPlugins.homeOf(Map.of("HOME",
                home.toString())), plugins(""), NOW);

        Map<String, Optional<String>> problems = new java.util.TreeMap<>();
        configs.contexts().forEach(c -> problems.put(c.name(), c.problem()));
        assertThat(problems.get("found")).isEmpty();
        assertThat(problems.get("missing")).get().asString().contains(home.resolve("certs/gone.crt").toString())
                .contains("does not exist");
    }

    @Test
    void expiredTokensAreMarked() throws IOException {
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\": 1700000000}".getBytes());
        String jwt = "eyJhbGciOiJSUzI1NiJ9." + claims + ".c2ln";
        Path k = write("config", config("old", "- {name: old, context: {cluster: c, user: u}}\n",
                "- {name: c, cluster: {server: 'https://c:6443'}}\n", "- {name: u, user: {token: " + jwt + "}}\n"));
        ContextInfo c = Kubeconfigs.load(Optional.of(k), Map.of(), dir, plugins(""), NOW).contexts().get(0);
        assertThat(c.problem()).get().asString().startsWith("credentials expired at 2023-11-14").contains("log in again");
        assertThat(c.problem().get()).doesNotContain(jwt);
    }

    @Test
    @DisplayName("an exec plugin in ~/.local/bin is found with PATH=/usr/bin:/bin, and runs with a wider PATH")
    void execPluginOutsideThePath() throws Exception {
        Path plugin = dir.resolve("home/.local/bin/kubelogin");
        Files.createDirectories(plugin.getParent());
        Files.writeString(plugin, "#!/bin/sh\necho '{}'\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path k = write("config", config("oidc", "- {name: oidc, context: {cluster: c, user: u}}\n",
                "- {name: c, cluster: {server: 'https://c:6443'}}\n",
                "- {name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, "
                        + "args: [get-token]}}}\n"));
        Kubeconfigs configs = Kubeconfigs.load(Optional.of(k), Map.of(), dir, plugins("/usr/bin:/bin"), NOW);
        assertThat(configs.contexts().get(0).problem()).isEmpty();
        ContextTarget t = configs.target(Optional.empty());
        assertThat(t.context()).isEqualTo("oidc");
    }

    @Test
    void noKubeconfigAtAllIsEmptyAndSaysHowToConnect() {
        Kubeconfigs k = Kubeconfigs.load(Optional.empty(), Map.of(), dir.resolve("nohome"), plugins(""), NOW);
        assertThat(k.isEmpty()).isTrue();
        assertThatThrownBy(() -> k.target(Optional.empty())).hasMessageContaining("--kubeconfig")
                .hasMessageContaining("--demo");
    }

    @Test
    void unknownContextListsTheKnownOnes() throws IOException {
        Path k = write("config", config("one", "- {name: one, context: {cluster: c, user: u}}\n",
                "- {name: c, cluster: {server: 'https://c:6443'}}\n", "- {name: u, user: {token: t}}\n"));
        assertThatThrownBy(() -> Kubeconfigs.load(Optional.of(k), Map.of(), dir, plugins(""), NOW).target(Optional.of("prod")))
                .hasMessage("context 'prod' not found; the kubeconfig has: one");
    }
}
