package dev.kdi.manifests;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kdi.records.objects.ApiKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads manifests the way {@code kubectl apply -f} takes them: files, directories (every
 * {@code .yaml}, {@code .yml} and {@code .json} file under them, recursively, in sorted order) and
 * {@code -} for standard input; multi-document YAML, JSON, and lists ({@code kind: List},
 * {@code ServiceList} ...).
 *
 * <p>Text is decoded as kubectl decodes it (UTF-8, or UTF-16 with a byte order mark), and YAML is
 * read as kubectl's go-yaml reads it: anchors, aliases and merge keys resolved (see
 * {@link YamlTrees}).
 *
 * <p>Every file is read. A file with a problem is left out whole, and its first problem becomes
 * one line naming the file, document, object, field and line ({@link ManifestSet#skipped()}); the
 * other files are still used. Only when nothing at all can be used does reading end with a
 * {@link ManifestException}. Unrendered Helm templates and kustomizations are recognised and
 * named as such instead of being read as objects.
 *
 * <p>Objects are converted one document (or list item) at a time, so a large cluster dump never
 * sits in memory as fabric8 objects.
 */
public final class ManifestReader {
    /** The path that stands for standard input. */
    public static final String STDIN = "-";
    /** How messages name standard input. */
    public static final String STDIN_NAME = "<stdin>";

    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private final Supplier<InputStream> stdin;
    private final ObjectConverter converter;
    private final ObjectMapper mapper;
    private final JsonFactory yaml;
    private final JsonFactory json;

    /**
     * @param stdin opens standard input (tests hand in their own stream)
     * @param converter converts the objects; its interner is shared by everything read
     */
    public ManifestReader(Supplier<InputStream> stdin, ObjectConverter converter) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.converter = Objects.requireNonNull(converter, "converter");
        LoaderOptions loader = new LoaderOptions();
        // snakeyaml stops at 3 MB per document by default; a `kubectl get -o yaml` dump of a big
        // cluster is one document.
        loader.setCodePointLimit(Integer.MAX_VALUE);
        this.yaml = new KubectlYamlFactory(loader);
        this.json = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        ObjectMapper m = new ObjectMapper(json);
        // Configures m in place as fabric8's client configures its own mapper.
        new KubernetesSerialization(m, false);
        this.mapper = m;
    }

    /** Reads every path as {@link #read(List, List)} does, with no {@code -n}. */
    public ManifestSet read(List<String> paths) throws ManifestException {
        return read(paths, List.of());
    }

    /**
     * Reads every path, in order; an object read twice keeps its last version. A file with a
     * problem is skipped whole and said in {@link ManifestSet#skipped()}.
     *
     * @param paths files, directories or {@code -}, one per {@code -f}
     * @param namespaces the {@code -n} given with the files, as {@code kubectl apply -f -n} takes
     *     them: one namespace is the namespace of objects that name none; an object naming another
     *     one, or naming none when several are given, is a problem of its file
     * @throws ManifestException when standard input is named twice, or when nothing can be used:
     *     every file skipped (one line each) or no objects at all
     */
    public ManifestSet read(List<String> paths, List<String> namespaces) throws ManifestException {
        return read(paths, namespaces, null);
    }

    /**
     * The same, for a live cluster's context: with no {@code -n}, objects that name no namespace
     * take the context's namespace, as {@code kubectl apply -f} gives them.
     *
     * @param contextNamespace the context's namespace, or null for {@code default}
     */
    public ManifestSet read(List<String> paths, List<String> namespaces, String contextNamespace)
            throws ManifestException {
        if (paths.isEmpty()) {
            throw new ManifestException("no manifests given: name a file, a directory, or - for standard input");
        }
        SnapshotBuilder builder = new SnapshotBuilder(converter);
        List<String> skipped = new ArrayList<>();
        int documents = 0;
        int objects = 0;
        for (Given given : sources(paths)) {
            if (given.problem() != null) {
                skipped.add(given.problem());
                continue;
            }
            Reading reading = new Reading(new SnapshotBuilder(converter), namespaces.isEmpty() && contextNamespace != null
                    && !contextNamespace.isEmpty() ? List.of(contextNamespace) : List.copyOf(namespaces),
                    !namespaces.isEmpty() || contextNamespace == null || contextNamespace.isEmpty());
            try {
                reading.read(given.source());
            } catch (ManifestException e) {
                skipped.add(e.getMessage());
                continue;
            }
            builder.absorb(reading.builder);
            documents += reading.documents;
            objects += reading.objects;
        }
        if (objects == 0) {
            if (!skipped.isEmpty()) {
                throw new ManifestException(String.join("\n", skipped));
            }
            throw new ManifestException(String.join(", ", paths.stream().map(p -> p.equals(STDIN) ? STDIN_NAME : p).toList())
                    + ": no Kubernetes objects");
        }
        return new ManifestSet(builder.build(), documents, objects, builder.notes(), skipped, builder.nameTexts());
    }

    /** A source to read, or why a path given cannot be read at all (then it is a skipped file). */
    private record Given(Source source, String problem) {
    }

    /** The sources to read, in the order given. */
    private List<Given> sources(List<String> paths) throws ManifestException {
        List<Given> sources = new ArrayList<>();
        boolean stdinTaken = false;
        for (String given : paths) {
            if (given.equals(STDIN)) {
                if (stdinTaken) {
                    throw new ManifestException(STDIN_NAME + ": standard input can be read only once");
                }
                stdinTaken = true;
                sources.add(new Given(Source.bytes(STDIN_NAME, readStdin()), null));
                continue;
            }
            try {
                expand(given).forEach(s -> sources.add(new Given(s, null)));
            } catch (ManifestException e) {
                sources.add(new Given(null, e.getMessage()));
            }
        }
        return sources;
    }

    private static List<Source> expand(String given) throws ManifestException {
        Path path;
        try {
            path = Path.of(given);
        } catch (InvalidPathException e) {
            throw new ManifestException(given + ": no such file");
        }
        if (!Files.exists(path)) {
            throw new ManifestException(given + ": no such file");
        }
        if (!Files.isDirectory(path)) {
            return List.of(file(given, path));
        }
        List<Source> found = directory(given, path);
        if (found.isEmpty()) {
            throw new ManifestException(given + ": no .yaml, .yml or .json files");
        }
        return found;
    }

    private byte[] readStdin() throws ManifestException {
        try (InputStream in = stdin.get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ManifestException(STDIN_NAME + ": cannot read (" + reason(e) + ")", e);
        }
    }

    private static Source file(String name, Path path) throws ManifestException {
        if (Files.isRegularFile(path)) {
            return Source.file(name, path);
        }
        // A pipe (`-f <(helm template ...)`) can be read only once: keep what it gave.
        try (InputStream in = Files.newInputStream(path)) {
            return Source.bytes(name, in.readAllBytes());
        } catch (IOException e) {
            throw new ManifestException(name + ": cannot read (" + reason(e) + ")", e);
        }
    }

    /** The manifests under a directory, depth first, each level in name order as kubectl walks it. */
    private static List<Source> directory(String given, Path dir) throws ManifestException {
        List<Source> out = new ArrayList<>();
        String prefix = given.endsWith("/") ? given : given + "/";
        walk(dir, prefix, out);
        return out;
    }

    private static void walk(Path dir, String prefix, List<Source> out) throws ManifestException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new ManifestException(prefix + ": cannot read (" + reason(e) + ")", e);
        }
        for (Path child : children) {
            String name = prefix + child.getFileName();
            // Symbolic links to directories are not followed, as kubectl does not follow them.
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                walk(child, name + "/", out);
            } else if (hasManifestExtension(name) && !Files.isDirectory(child)) {
                out.add(file(name, child));
            }
        }
    }

    private static boolean hasManifestExtension(String name) {
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /**
     * Whether a file found under a directory is one this reader reads ({@code .yaml}, {@code .yml},
     * {@code .json}, as kubectl): whoever watches a directory of manifests asks here, so it watches
     * exactly what is read.
     */
    public static boolean readsFile(Path file) {
        Path name = file.getFileName();
        return name != null && hasManifestExtension(name.toString());
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : JacksonProblems.firstLine(e.getMessage());
    }

    /** The reading of one source, kept apart until the whole source has been read without a problem. */
    private final class Reading {
        private final SnapshotBuilder builder;
        private final List<String> namespaces;
        /** False for a context's namespace: it only fills in, objects may name any other. */
        private final boolean strictNamespaces;
        private final YamlTrees trees = new YamlTrees();
        private int documents;
        private int objects;

        Reading(SnapshotBuilder builder, List<String> namespaces, boolean strictNamespaces) {
            this.builder = builder;
            this.namespaces = namespaces;
            this.strictNamespaces = strictNamespaces;
        }

        void read(Source source) throws ManifestException {
            Optional<String> kustomization = NonManifests.kustomizationByName(source.name());
            if (kustomization.isPresent()) {
                throw new ManifestException(kustomization.get());
            }
            try {
                parse(source);
            } catch (ManifestException e) {
                // A parser's complaint about an unrendered template says nothing useful: name the template.
                throw NonManifests.template(source, e.getMessage()).map(ManifestException::new).orElse(e);
            }
        }

        private void parse(Source source) throws ManifestException {
            try (BufferedReader in = new BufferedReader(source.reader())) {
                JsonFactory factory = looksLikeJson(in) ? json : yaml;
                try (JsonParser p = factory.createParser(in)) {
                    Document current = new Document(source, factory, 0);
                    while (true) {
                        JsonToken t;
                        try {
                            t = p.nextToken();
                        } catch (JsonProcessingException | RuntimeException e) {
                            throw syntaxError(new Document(source, factory, current.number + 1), e);
                        }
                        if (t == null) {
                            break;
                        }
                        current = new Document(source, factory, current.number + 1);
                        trees.newDocument();
                        if (t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getText().isEmpty())) {
                            // An empty document (`---` twice, a trailing `---`).
                            continue;
                        }
                        documents++;
                        try {
                            if (t == JsonToken.START_OBJECT) {
                                document(current, p);
                            } else {
                                JsonNode value = trees.read(p);
                                throw new ManifestException(current.prefix(null)
                                        + "not a Kubernetes object: found " + JacksonProblems.found(value));
                            }
                        } catch (JsonProcessingException | RuntimeException e) {
                            throw syntaxError(current, e);
                        }
                    }
                }
            } catch (ManifestException e) {
                throw e;
            } catch (IOException e) {
                throw new ManifestException(source.name() + ": cannot read (" + reason(e) + ")", e);
            }
        }

        /**
         * One document whose first token is START_OBJECT. Read field by field, so that the items
         * of a list are converted as they stream by instead of after the whole list is a tree.
         */
        private void document(Document doc, JsonParser p) throws IOException, ManifestException {
            ObjectNode root = mapper.createObjectNode();
            boolean isList = false;
            List<PendingItem> pending = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                boolean merge = YamlTrees.isMergeKey(p);
                JsonToken value = p.nextToken();
                if (!merge && field.equals("items") && value == JsonToken.START_ARRAY) {
                    // kubectl's rule: an object with an `items` list is a list, whatever its kind.
                    isList = true;
                    int index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        item(doc, root, trees.read(p), index++, pending);
                    }
                } else if (merge) {
                    YamlTrees.merge(p, root, trees.read(p));
                } else {
                    JsonNode tree = trees.read(p);
                    if (field.equals("items") && tree.isArray()) {
                        // `items: *anchored` is a list too.
                        isList = true;
                        int index = 0;
                        for (JsonNode item : tree) {
                            item(doc, root, item, index++, pending);
                        }
                    } else {
                        root.set(field, tree);
                    }
                }
            }
            if (isList) {
                requireKindAndApiVersion(doc, root, FieldPath.root());
                for (PendingItem item : pending) {
                    listItem(doc, root, item.object(), item.at());
                }
            } else {
                object(doc, root, FieldPath.root());
            }
        }

        private void item(Document doc, ObjectNode root, JsonNode item, int index, List<PendingItem> pending)
                throws ManifestException {
            FieldPath at = FieldPath.of("items").index(index);
            if (!item.isObject()) {
                throw fail(doc, label(root), InvalidObjectException.invalid(at,
                        "expected a Kubernetes object, found " + JacksonProblems.found(item)));
            }
            ObjectNode object = (ObjectNode) item;
            boolean complete = has(object, "kind") && has(object, "apiVersion");
            if (complete || (has(root, "kind") && has(root, "apiVersion"))) {
                listItem(doc, root, object, at);
            } else {
                // The list's kind comes later (kubectl prints `kind: List` after the items).
                pending.add(new PendingItem(object, at));
            }
        }

        private record PendingItem(ObjectNode object, FieldPath at) {
        }

        /**
         * An item of a list. Items of typed lists ({@code ServiceList} from the API) carry no kind
         * or apiVersion; they take them from the list, as kubectl's decoder does.
         */
        private void listItem(Document doc, ObjectNode list, ObjectNode item, FieldPath at) throws ManifestException {
            String listKind = text(list.get("kind"));
            if (!has(item, "kind") && listKind != null && listKind.length() > 4 && listKind.endsWith("List")) {
                item.put("kind", listKind.substring(0, listKind.length() - 4));
            }
            if (!has(item, "apiVersion") && has(list, "apiVersion")) {
                item.put("apiVersion", text(list.get("apiVersion")));
            }
            object(doc, item, at);
        }

        private void object(Document doc, ObjectNode node, FieldPath at) throws ManifestException {
            requireKindAndApiVersion(doc, node, at);
            String kind = text(node.get("kind"));
            String apiVersion = text(node.get("apiVersion"));
            Optional<String> kustomization = NonManifests.kustomization(doc.source.name(), apiVersion, kind);
            if (kustomization.isPresent()) {
                throw new ManifestException(kustomization.get());
            }
            applyNamespace(doc, node, at);
            objects++;
            Class<? extends HasMetadata> type = Fabric8Kinds.classFor(apiVersion, kind);
            if (type == null) {
                JsonNode meta = node.get("metadata");
                builder.skip(apiVersion, kind, meta == null ? null : text(meta.get("namespace")));
                return;
            }
            String label = label(node);
            HasMetadata object;
            try {
                object = mapper.treeToValue(node, type);
            } catch (JsonProcessingException e) {
                throw fail(doc, label, JacksonProblems.describe(e, node).under(at), e);
            } catch (RuntimeException e) {
                throw fail(doc, label, InvalidObjectException.invalid(at,
                        "cannot be read: " + JacksonProblems.firstLine(e.getMessage())), e);
            }
            try {
                builder.add(object);
            } catch (InvalidObjectException e) {
                throw fail(doc, label, e.under(at), e);
            }
        }

        /** {@code -n} with {@code -f}, as {@code kubectl apply -n NS -f} takes it. */
        private void applyNamespace(Document doc, ObjectNode node, FieldPath at) throws ManifestException {
            if (namespaces.isEmpty() || ApiKind.isClusterScoped(text(node.get("kind")))) {
                return;
            }
            JsonNode meta = node.get("metadata");
            String namespace = meta == null ? null : text(meta.get("namespace"));
            FieldPath field = at.field("metadata").field("namespace");
            if (namespace == null) {
                if (namespaces.size() > 1) {
                    String name = meta == null ? null : text(meta.get("name"));
                    String kind = text(node.get("kind"));
                    throw fail(doc, name == null ? kind : kind + " " + name, InvalidObjectException.invalid(field, "not set, and "
                            + namespaces.size() + " namespaces were given with -n (" + String.join(", ", namespaces)
                            + "): an object without a namespace takes the namespace of a single -n"));
                }
                if (meta == null || meta.isNull()) {
                    meta = node.putObject("metadata");
                }
                if (meta instanceof ObjectNode m) {
                    m.put("namespace", namespaces.get(0));
                }
            } else if (strictNamespaces && !namespaces.contains(namespace)) {
                // kubectl: the namespace from the provided object "a" does not match the namespace "b".
                throw fail(doc, label(node), InvalidObjectException.invalid(field, "the namespace from the provided"
                        + " object \"" + namespace + "\" does not match the namespace" + (namespaces.size() == 1
                        ? " \"" + namespaces.get(0) + "\"" : "s " + String.join(", ", namespaces)) + " given with -n;"
                        + " pass -n " + namespace + " to read it"));
            }
        }

        private void requireKindAndApiVersion(Document doc, ObjectNode node, FieldPath at) throws ManifestException {
            if (!has(node, "kind")) {
                throw fail(doc, null, InvalidObjectException.missing(at.field("kind")));
            }
            if (!has(node, "apiVersion")) {
                throw fail(doc, label(node), InvalidObjectException.missing(at.field("apiVersion")));
            }
        }

        private ManifestException fail(Document doc, String label, InvalidObjectException problem) {
            return fail(doc, label, problem, problem);
        }

        private ManifestException fail(Document doc, String label, InvalidObjectException problem, Throwable cause) {
            int line = LineLocator.lineOf(doc.source, doc.factory, doc.number, problem.path());
            return new ManifestException(doc.prefix(label) + problem.getMessage() + lineSuffix(line), cause);
        }
    }

    /** Where a document is: its source, the parser that reads it, its 1-based number. */
    private record Document(Source source, JsonFactory factory, int number) {
        /** {@code web.yaml: document 2 (Service default/web): }. */
        String prefix(String label) {
            return source.name() + ": document " + number + (label == null ? "" : " (" + label + ")") + ": ";
        }
    }

    private ManifestException syntaxError(Document doc, Exception e) {
        String format = doc.factory == json ? "JSON" : "YAML";
        String reason;
        int line = 0;
        MarkedYAMLException marked = markedCause(e);
        if (marked != null) {
            reason = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            line = mark == null ? 0 : mark.getLine() + 1;
        } else if (e instanceof JsonProcessingException j) {
            reason = JacksonProblems.firstLine(j.getOriginalMessage());
            line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
        } else {
            reason = JacksonProblems.firstLine(e.getMessage());
        }
        reason = tidy(reason);
        return new ManifestException(doc.prefix(null) + "invalid " + format + ": " + reason + lineSuffix(line), e);
    }

    private static MarkedYAMLException markedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }

    /** Parser reasons with Jackson's spelling smoothed: {@code field "a" appears twice}. */
    private static String tidy(String reason) {
        String r = reason == null ? "no reason given" : reason.trim();
        if (r.startsWith("Duplicate field '") && r.endsWith("'")) {
            return "field \"" + r.substring("Duplicate field '".length(), r.length() - 1) + "\" appears twice";
        }
        return r;
    }

    private static String lineSuffix(int line) {
        return line > 0 ? " (line " + line + ")" : "";
    }

    /** JSON starts with a brace or bracket; anything else is YAML (a superset, but with worse messages for JSON). */
    private static boolean looksLikeJson(Reader in) throws IOException {
        in.mark(8192);
        try {
            int c;
            int read = 0;
            while ((c = in.read()) != -1 && read++ < 8192) {
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{' || c == '[';
            }
            return false;
        } finally {
            in.reset();
        }
    }

    /** {@code Kind namespace/name}, {@code Kind name} when cluster-scoped, {@code Kind} without a name. */
    private static String label(ObjectNode node) {
        String kind = text(node.get("kind"));
        if (kind == null) {
            return null;
        }
        JsonNode meta = node.get("metadata");
        String name = meta == null ? null : text(meta.get("name"));
        if (name == null) {
            return kind;
        }
        if (ApiKind.isClusterScoped(kind)) {
            return kind + " " + name;
        }
        String namespace = text(meta.get("namespace"));
        return kind + " " + (namespace == null ? ObjectConverter.DEFAULT_NAMESPACE : namespace) + "/" + name;
    }

    private static boolean has(ObjectNode node, String field) {
        return text(node.get(field)) != null;
    }

    /** A scalar's text, or null for an absent, empty, null or non-scalar value. */
    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isEmpty() ? null : s;
    }
}
