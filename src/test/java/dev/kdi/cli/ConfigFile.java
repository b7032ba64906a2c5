package dev.kdi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a kubeconfig at test time (never committed: kubeconfigs are generated in temp dirs).
 * Each context gets its own cluster and user entry, named after it.
 */
final class ConfigFile {
    private final List<String> contexts = new ArrayList<>();
    private final List<String> clusters = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private String current;

    /** A context on {@code server}; {@code clusterExtra} and {@code user} are YAML flow-mapping entries. */
    ConfigFile context(String name, String server, String clusterExtra, String user) {
        if (current == null) {
            current = name;
        }
        contexts.add("- {name: " + name + ", context: {cluster: " + name + ", user: " + name + "}}");
        clusters.add("- {name: " + name + ", cluster: {server: '" + server + "'" + (clusterExtra.isEmpty() ? "" : ", "
                + clusterExtra) + "}}");
        users.add("- {name: " + name + ", user: {" + user + "}}");
        return this;
    }

    /** A context with a bearer token, trusting the demo's self-signed certificate. */
    ConfigFile tokenContext(String name, String server, String token) {
        return context(name, server, "insecure-skip-tls-verify: true", "token: " + token);
    }

    /** A context whose user runs an exec credential plugin. */
    ConfigFile execContext(String name, String server, String command) {
        return context(name, server, "insecure-skip-tls-verify: true",
                "exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: " + command + ", args: [get-token]}");
    }

    ConfigFile current(String name) {
        current = name;
        return this;
    }

    String text() {
        return "apiVersion: v1\nkind: Config\ncurrent-context: " + current + "\ncontexts:\n" + String.join("\n", contexts)
                + "\nclusters:\n" + String.join("\n", clusters) + "\nusers:\n" + String.join("\n", users) + "\n";
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text());
        return file;
    }
}
