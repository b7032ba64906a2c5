package dev.kdi.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a kubeconfig user's exec credential plugin ({@code aws eks get-token}, {@code kubelogin},
 * {@code gke-gcloud-auth-plugin}, ...) as kubectl does, and keeps its token until it expires.
 *
 * <p>kdi runs the plugin itself rather than leaving it to fabric8, which merges the plugin's
 * standard error into the JSON it parses (so a warning breaks it), logs the plugin's output when
 * it fails, and turns every failure into a missing token that only shows up later as a 401. Here
 * a failure is a message that names the plugin, what it said on standard error, and what to do;
 * what it prints on standard output (the credential) is never shown or logged.
 */
public final class ExecCredentials implements OAuthTokenProvider {
    /** Long enough for a plugin that opens a browser for a login; short enough never to hang kdi. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** A token this close to its expiry is fetched anew. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String user;
    private final Path plugin;
    private final List<String> args;
    private final Map<String, String> env;
    private final String apiVersion;
    private final Duration timeout;
    private final Clock clock;
    private Credential cached;

    /**
     * What the plugin handed out: a bearer token, or a client certificate and key (PEM).
     *
     * @param expires when it stops being valid, when the plugin said
     */
    public record Credential(Optional<String> token, Optional<String> clientCertificate, Optional<String> clientKey,
                             Optional<Instant> expires) {
        @Override
        public String toString() {
            // Holds a secret: never print it.
            return "Credential[" + (token.isPresent() ? "token" : "client certificate")
                    + expires.map(e -> ", expires " + e).orElse("") + "]";
        }
    }

    /**
     * @param user the kubeconfig user whose plugin this is, for messages
     * @param plugin the plugin's executable, already located
     * @param args its arguments
     * @param env variables to add to kdi's environment for it (the kubeconfig's {@code env}, PATH)
     * @param apiVersion the ExecCredential version the kubeconfig asks for
     */
    public ExecCredentials(String user, Path plugin, List<String> args, Map<String, String> env, String apiVersion,
                           Duration timeout, Clock clock) {
        this.user = user;
        this.plugin = plugin;
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
        this.apiVersion = apiVersion == null || apiVersion.isEmpty() ? "client.authentication.k8s.io/v1" : apiVersion;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The plugin's executable. */
    public Path plugin() {
        return plugin;
    }

    /** A valid credential: the one held while it lasts, else a new one from the plugin. */
    public synchronized Credential obtain() throws ClusterException {
        if (cached != null && cached.expires().map(e -> clock.instant().plus(EXPIRY_MARGIN).isBefore(e)).orElse(true)) {
            return cached;
        }
        cached = run();
        return cached;
    }

    /**
     * For fabric8, before each request: the token, fetched anew when it expired. A plugin that
     * fails now leaves the old token in place; the API server's 401 then says what happened.
     */
    @Override
    public String getToken() {
        try {
            return obtain().token().orElse(null);
        } catch (ClusterException e) {
            synchronized (this) {
                return cached == null ? null : cached.token().orElse(null);
            }
        }
    }

    private Credential run() throws ClusterException {
        List<String> command = new ArrayList<>();
        command.add(plugin.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        // kubectl tells plugins what it wants; kdi has no terminal to lend them for a prompt.
        pb.environment().put("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + apiVersion
                + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw failure("could not be started: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // It does not read standard input; nothing to tell.
        }
        Drain out = new Drain(process.getInputStream(), 1 << 20);
        Drain err = new Drain(process.getErrorStream(), 64 << 10);
        out.start();
        err.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure("did not finish within " + human(timeout) + "; it may be waiting for a login on a "
                        + "terminal or in a browser: run it once in a terminal, then try again");
            }
            out.join(1_000);
            err.join(1_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure("was interrupted");
        }
        if (process.exitValue() != 0) {
            String said = tail(err.text());
            throw failure("failed with exit code " + process.exitValue() + (said.isEmpty() ? "" : ": " + said)
                    + "; run it in a terminal to see what it needs (often a new login)");
        }
        return parse(out.text());
    }

    private Credential parse(String output) throws ClusterException {
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            // Never quote the output: it is meant to hold a secret.
            throw failure("printed something that is not an ExecCredential (" + (e.getLocation() == null ? "not JSON"
                    : "not JSON at line " + e.getLocation().getLineNr()) + ")");
        }
        if (root == null || !root.isObject() || !"ExecCredential".equals(root.path("kind").asText())) {
            throw failure("printed something that is not an ExecCredential (no \"kind\": \"ExecCredential\")");
        }
        String version = root.path("apiVersion").asText("");
        if (!version.equals(apiVersion)) {
            throw failure("answered with apiVersion \"" + version + "\", but the kubeconfig asks for \"" + apiVersion
                    + "\"; set the user's exec apiVersion to what the plugin speaks");
        }
        JsonNode status = root.path("status");
        Optional<String> token = text(status, "token");
        Optional<String> cert = text(status, "clientCertificateData");
        Optional<String> key = text(status, "clientKeyData");
        if (token.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
            throw failure("printed an ExecCredential without a token or a client certificate and key");
        }
        Optional<Instant> expires = Optional.empty();
        Optional<String> at = text(status, "expirationTimestamp");
        if (at.isPresent()) {
            try {
                expires = Optional.of(Instant.parse(at.get()));
            } catch (DateTimeParseException e) {
                throw failure("gave an expirationTimestamp that is not a time: \"" + at.get() + "\"");
            }
        }
        return new Credential(token, cert, key, expires);
    }

    private ClusterException failure(String what) {
        return new ClusterException("exec credential plugin '" + plugin.getFileName() + "' (" + plugin + ") of user '"
                + user + "' " + what);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }

    /** The last few lines a plugin wrote on standard error: where plugins say what is wrong. */
    private static String tail(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.lines().toList()) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        String joined = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return joined.length() > 400 ? joined.substring(0, 400) + "..." : joined;
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
    }

    /** Reads one of the plugin's streams on its own thread, so neither can fill up and stall it. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in, int limit) {
            super("kdi-exec-plugin-output");
            setDaemon(true);
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (bytes) {
                        if (bytes.size() < limit) {
                            bytes.write(buf, 0, Math.min(n, limit - bytes.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended; what was read is what there is.
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public String toString() {
        return "ExecCredentials[" + plugin + "]";
    }

    /** The kubeconfig's {@code env} list as a map. */
    static Map<String, String> env(JsonNode envList) {
        Map<String, String> out = new LinkedHashMap<>();
        if (envList != null && envList.isArray()) {
            for (JsonNode item : envList) {
                if (item.hasNonNull("name")) {
                    out.put(item.get("name").asText(), item.path("value").asText(""));
                }
            }
        }
        return out;
    }
}
