package dev.kdi.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's kubeconfig, read as kubectl reads it: {@code --kubeconfig}, else every file in
 * {@code KUBECONFIG} merged (the first file to define a name wins), else {@code ~/.kube/config}.
 *
 * <p>Files are read entry by entry, so a broken context, a missing certificate file or an
 * exec plugin that cannot be found marks that context only and never hides the others.
 */
public final class Kubeconfigs {
    private static final YAMLMapper YAML = new YAMLMapper();
    /**
     * What {@code Config.fromKubeconfig} does, minus fabric8's static mapper: building a reader
     * of its kubeconfig model (whose {@code extensions} are typed {@code KubernetesResource})
     * makes that mapper scan and load every model class, for good (see
     * {@link dev.kdi.manifests.Fabric8Kinds#serialization}).
     */
    private static final KubernetesSerialization KUBECONFIG = new KubernetesSerialization(new ObjectMapper(), false);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final List<Path> files;
    private final List<String> fileProblems;
    private final Map<String, Entry> contexts;
    private final Map<String, Entry> clusters;
    private final Map<String, Entry> users;
    private final String currentContext;
    private final ExecPlugins plugins;
    private final Path home;
    private final Clock clock;

    /** One named entry and the file it came from (relative paths are relative to that file). */
    private record Entry(String name, JsonNode body, Path file) {
    }

    private Kubeconfigs(List<Path> files, List<String> fileProblems, Map<String, Entry> contexts,
                        Map<String, Entry> clusters, Map<String, Entry> users, String currentContext,
                        ExecPlugins plugins, Path home, Clock clock) {
        this.files = files;
        this.fileProblems = fileProblems;
        this.contexts = contexts;
        this.clusters = clusters;
        this.users = users;
        this.currentContext = currentContext;
        this.plugins = plugins;
        this.home = home;
        this.clock = clock;
    }

    /**
     * Reads the kubeconfig files.
     *
     * @param explicit {@code --kubeconfig}, when given
     * @param env the environment ({@code KUBECONFIG})
     * @param home the user's home directory as kubectl finds it ({@code $HOME} first, see
     *     {@link ExecPlugins#homeOf}); {@code ~} in the files' paths means it
     */
    public static Kubeconfigs load(Optional<Path> explicit, Map<String, String> env, Path home, ExecPlugins plugins,
                                   Clock clock) {
        List<Path> files = new ArrayList<>();
        if (explicit.isPresent()) {
            files.add(explicit.get());
        } else if (env.get("KUBECONFIG") != null && !env.get("KUBECONFIG").isBlank()) {
            for (String part : env.get("KUBECONFIG").split(java.io.File.pathSeparator)) {
                if (!part.isBlank() && !files.contains(Path.of(part))) {
                    files.add(Path.of(part));
                }
            }
        } else {
            files.add(home.resolve(".kube").resolve("config"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Entry> contexts = new LinkedHashMap<>();
        Map<String, Entry> clusters = new LinkedHashMap<>();
        Map<String, Entry> users = new LinkedHashMap<>();
        String current = null;
        List<Path> read = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                // kubectl ignores missing files in KUBECONFIG, but not an explicit --kubeconfig.
                if (explicit.isPresent()) {
                    problems.add(file + ": no such file");
                }
                continue;
            }
            JsonNode root;
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                root = text.isBlank() ? YAML.createObjectNode() : YAML.readTree(text);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
                problems.add(file + ": does not parse as YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
                        + where);
                continue;
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
                continue;
            }
            read.add(file);
            if (root == null || !root.isObject()) {
                problems.add(file + ": is not a kubeconfig (expected a mapping at the top)");
                continue;
            }
            collect(root, "contexts", "context", file, contexts, problems);
            collect(root, "clusters", "cluster", file, clusters, problems);
            collect(root, "users", "user", file, users, problems);
            JsonNode cc = root.get("current-context");
            if (current == null && cc != null && cc.isTextual() && !cc.asText().isEmpty()) {
                current = cc.asText();
            }
        }
        if (read.isEmpty() && problems.isEmpty() && explicit.isEmpty()) {
            // Nothing found at all: the caller shows the welcome view or says how to connect.
            return new Kubeconfigs(List.of(), List.of(), Map.of(), Map.of(), Map.of(), null, plugins, home, clock);
        }
        return new Kubeconfigs(List.copyOf(read), List.copyOf(problems), contexts, clusters, users, current, plugins,
                home, clock);
    }

    private static void collect(JsonNode root, String listKey, String bodyKey, Path file, Map<String, Entry> into,
                                List<String> problems) {
        JsonNode list = root.get(listKey);
        if (list == null || list.isNull()) {
            return;
        }
        if (!(list instanceof ArrayNode array)) {
            problems.add(file + ": " + listKey + " is not a list");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            JsonNode name = item == null ? null : item.get("name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                problems.add(file + ": " + listKey + "[" + i + "] has no name");
                continue;
            }
            // The first file to define a name wins, as kubectl merges.
            into.putIfAbsent(name.asText(), new Entry(name.asText(), item.get(bodyKey), file));
        }
    }

    /** Whether no kubeconfig was found at all (a first start, or a machine without clusters). */
    public boolean isEmpty() {
        return files.isEmpty() && fileProblems.isEmpty();
    }

    /** The files that were read. */
    public List<Path> files() {
        return files;
    }

    /** Files that could not be read, each with the reason. */
    public List<String> fileProblems() {
        return fileProblems;
    }

    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext);
    }

    /** Every context, in name order, each with its problem if it has one. */
    public List<ContextInfo> contexts() {
        List<ContextInfo> out = new ArrayList<>();
        for (Entry c : contexts.values()) {
            out.add(describe(c));
        }
        out.sort(Comparator.comparing(ContextInfo::name));
        return out;
    }

    private ContextInfo describe(Entry ctx) {
        String cluster = text(ctx.body(), "cluster");
        String user = text(ctx.body(), "user");
        String namespace = text(ctx.body(), "namespace");
        Entry cl = cluster == null ? null : clusters.get(cluster);
        String server = cl == null ? "" : Optional.ofNullable(text(cl.body(), "server")).orElse("");
        return new ContextInfo(ctx.name(), cluster == null ? "" : cluster, user == null ? "" : user,
                namespace == null || namespace.isEmpty() ? "default" : namespace, server,
                ctx.name().equals(currentContext), ctx.file(), problem(ctx));
    }

    /** Why a context cannot be used as it is, checked without contacting the cluster. */
    private Optional<String> problem(Entry ctx) {
        if (ctx.body() == null || !ctx.body().isObject()) {
            return Optional.of("the context entry has no 'context' mapping");
        }
        String cluster = text(ctx.body(), "cluster");
        if (cluster == null || cluster.isEmpty()) {
            return Optional.of("names no cluster");
        }
        Entry cl = clusters.get(cluster);
        if (cl == null) {
            return Optional.of("cluster '" + cluster + "' is not defined in any kubeconfig file");
        }
        if (cl.body() == null || text(cl.body(), "server") == null) {
            return Optional.of("cluster '" + cluster + "' has no server URL");
        }
        Optional<String> caProblem = fileProblem(cl, cl.body(), "certificate-authority", "certificate authority");
        if (caProblem.isPresent()) {
            return caProblem;
        }
        String user = text(ctx.body(), "user");
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        Entry u = users.get(user);
        if (u == null) {
            return Optional.of("user '" + user + "' is not defined in any kubeconfig file");
        }
        if (u.body() == null || !u.body().isObject()) {
            return Optional.empty();
        }
        for (String[] f : new String[][] {{"client-certificate", "client certificate"}, {"client-key", "client key"},
            {"tokenFile", "token file"}}) {
            Optional<String> p = fileProblem(u, u.body(), f[0], f[1]);
            if (p.isPresent()) {
                return p;
            }
        }
        Optional<Instant> certExpiry = clientCertificateExpiry(u);
        if (certExpiry.isPresent() && certExpiry.get().isBefore(clock.instant())) {
            return Optional.of("client certificate expired on " + DATE.format(certExpiry.get()) + "; get a new one "
                    + "(e.g. from your cluster's admin or provider)");
        }
        Optional<Instant> tokenExpiry = tokenExpiry(u.body());
        if (tokenExpiry.isPresent() && tokenExpiry.get().isBefore(clock.instant())) {
            return Optional.of("credentials expired at " + DATE.format(tokenExpiry.get()) + "; log in again");
        }
        JsonNode exec = u.body().get("exec");
        if (exec != null && exec.isObject()) {
            String command = text(exec, "command");
            if (command == null || command.isEmpty()) {
                return Optional.of("user '" + user + "' has an exec entry without a command");
            }
            ExecPlugins.Lookup found = plugins.find(command, u.file().toAbsolutePath().getParent());
            if (found instanceof ExecPlugins.Missing m) {
                return Optional.of(m.message());
            }
        }
        return Optional.empty();
    }

    private Optional<String> fileProblem(Entry owner, JsonNode body, String key, String what) {
        String path = text(body, key);
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        Path p = resolve(owner.file(), path);
        return Files.isReadable(p) ? Optional.empty() : Optional.of(what + " file " + p + " does not exist or cannot be read");
    }

    private Optional<Instant> clientCertificateExpiry(Entry u) {
        try {
            byte[] pem;
            String data = text(u.body(), "client-certificate-data");
            if (data != null && !data.isEmpty()) {
                pem = Base64.getDecoder().decode(data.strip());
            } else {
                String path = text(u.body(), "client-certificate");
                if (path == null || path.isEmpty()) {
                    return Optional.empty();
                }
                pem = Files.readAllBytes(resolve(u.file(), path));
            }
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            return Optional.of(cert.getNotAfter().toInstant());
        } catch (IllegalArgumentException | IOException | CertificateException | ClassCastException e) {
            // An unreadable certificate is the API server's to refuse; say nothing here.
            return Optional.empty();
        }
    }

    /** The expiry of a bearer token or an OIDC id-token that is a JWT and cannot be refreshed. */
    private static Optional<Instant> tokenExpiry(JsonNode user) {
        String token = text(user, "token");
        JsonNode provider = user.get("auth-provider");
        if (token == null && provider != null && provider.get("config") != null) {
            JsonNode config = provider.get("config");
            if (text(config, "refresh-token") != null) {
                return Optional.empty();
            }
            token = text(config, "id-token");
        }
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            return exp != null && exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
                    : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What fabric8 needs to talk to a context's cluster: its client {@link Config}, built from
     * that context's entries alone, with file paths made absolute and exec plugins located.
     *
     * @param context the context, or empty for the current one
     */
    public ContextTarget target(Optional<String> context) throws ClusterException {
        if (isEmpty()) {
            throw new ClusterException("no kubeconfig found (looked at $KUBECONFIG and ~/.kube/config); point kdi at "
                    + "one with --kubeconfig FILE, or try the demo cluster with --demo");
        }
        String name = context.orElse(currentContext);
        if (contexts.isEmpty() && !fileProblems.isEmpty()) {
            // Nothing usable was read: the files' problems are the whole story.
            throw new ClusterException(String.join("; ", fileProblems));
        }
        if (name == null) {
            throw new ClusterException("the kubeconfig has no current context; choose one with --context NAME ("
                    + String.join(", ", contexts.keySet()) + ")");
        }
        Entry ctx = contexts.get(name);
        if (ctx == null) {
            throw new ClusterException("context '" + name + "' not found; the kubeconfig has: "
                    + (contexts.isEmpty() ? "no contexts" : String.join(", ", contexts.keySet()))
                    + (fileProblems.isEmpty() ? "" : " (and " + String.join("; ", fileProblems) + ")"));
        }
        ContextInfo info = describe(ctx);
        if (info.problem().isPresent()) {
            throw new ClusterException("context '" + name + "': " + info.problem().get());
        }
        ObjectNode kubeconfig = YAML.createObjectNode();
        kubeconfig.put("apiVersion", "v1");
        kubeconfig.put("kind", "Config");
        kubeconfig.put("current-context", name);
        kubeconfig.putArray("contexts").add(named(name, "context", ctx.body()));
        Entry cl = clusters.get(info.cluster());
        ObjectNode clusterBody = cl.body().deepCopy();
        absolutize(clusterBody, cl.file(), "certificate-authority");
        kubeconfig.putArray("clusters").add(named(cl.name(), "cluster", clusterBody));
        ArrayNode usersNode = kubeconfig.putArray("users");
        Optional<ExecCredentials> credentials = Optional.empty();
        if (!info.user().isEmpty()) {
            Entry u = users.get(info.user());
            ObjectNode userBody = u.body() == null || !u.body().isObject() ? YAML.createObjectNode() : u.body().deepCopy();
            absolutize(userBody, u.file(), "client-certificate");
            absolutize(userBody, u.file(), "client-key");
            absolutize(userBody, u.file(), "tokenFile");
            credentials = execCredentials(u.name(), userBody, u.file());
            // kdi runs the plugin itself; fabric8 would run it again, and quietly.
            userBody.remove("exec");
            usersNode.add(named(u.name(), "user", userBody));
        }
        try {
            // The merged kubeconfig's current-context is this context.
            Config config = Config.empty();
            KubeConfigUtils.merge(config, null, KUBECONFIG.convertValue(kubeconfig,
                    io.fabric8.kubernetes.api.model.Config.class));
            return new ContextTarget(name, info.namespace(), info.server(), config, credentials);
        } catch (RuntimeException e) {
            throw new ClusterException("context '" + name + "': its kubeconfig entries cannot be used: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** The user's exec plugin, located the way a terminal would find it; run only when a session starts. */
    private Optional<ExecCredentials> execCredentials(String user, ObjectNode body, Path file) throws ClusterException {
        if (!(body.get("exec") instanceof ObjectNode exec)) {
            return Optional.empty();
        }
        String command = text(exec, "command");
        ExecPlugins.Lookup found = plugins.find(command, file.toAbsolutePath().getParent());
        if (found instanceof ExecPlugins.Missing m) {
            throw new ClusterException(m.message());
        }
        List<String> args = new ArrayList<>();
        if (exec.get("args") instanceof ArrayNode a) {
            a.forEach(x -> args.add(x.asText()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        // The plugin may call other tools (gcloud, az): give it the PATH a terminal would have.
        env.put("PATH", plugins.searchPath());
        env.putAll(ExecCredentials.env(exec.get("env")));
        return Optional.of(new ExecCredentials(user, ((ExecPlugins.Found) found).path(), args, env,
                text(exec, "apiVersion"), ExecCredentials.DEFAULT_TIMEOUT, clock));
    }

    private static ObjectNode named(String name, String key, JsonNode body) {
        ObjectNode n = YAML.createObjectNode();
        n.put("name", name);
        n.set(key, body);
        return n;
    }

    private void absolutize(ObjectNode body, Path file, String key) {
        String path = text(body, key);
        if (path != null && !path.isEmpty()) {
            body.put(key, resolve(file, path).toString());
        }
    }

    /**
     * A path as a kubeconfig writes it: {@code ~} is the home directory kdi was given (so
     * {@code $HOME}, as for kubectl, not Java's {@code user.home}, which ignores it), and a relative
     * path is relative to the file that holds it.
     */
    private Path resolve(Path kubeconfig, String path) {
        Path p = path.equals("~") ? home : path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
        return p.isAbsolute() ? p : kubeconfig.toAbsolutePath().getParent().resolve(p).normalize();
    }

    private static String text(JsonNode node, String key) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        return s == null ? "unknown reason" : s.lines().findFirst().orElse(s);
    }
}
