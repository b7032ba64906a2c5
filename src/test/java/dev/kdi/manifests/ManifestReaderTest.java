package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.TargetPort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path temp;

    private static String fixture(String name) {
        try {
            return Path.of(ManifestReaderTest.class.getResource("/manifests/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ManifestReader reader(Supplier<InputStream> stdin) {
        return new ManifestReader(stdin, new ObjectConverter(new Interner()));
    }

    private static ManifestSet read(String... paths) throws ManifestException {
        return reader(() -> {
            throw new AssertionError("standard input was not named");
        }).read(List.of(paths));
    }

    private static ManifestSet readStdin(String text) throws ManifestException {
        return reader(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).read(List.of("-"));
    }

    private static String stdinError(String text) {
        try {
            readStdin(text);
        } catch (ManifestException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + text);
    }

    private Path write(String relative, String content) {
        try {
            Path p = temp.resolve(relative);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String service(String name, int port) {
        return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + "}\nspec: {ports: [{port: " + port + "}]}\n";
    }

    private static Service onlyService(ClusterSnapshot s) {
        assertThat(s.services()).hasSize(1);
        return s.services().get(0);
    }

    // --- error messages -------------------------------------------------------------------------

    @Test
    void read_namesFileDocumentObjectFieldAndLine_whenAPortIsNotANumber() {
        String file = fixture("service-port-not-a-number.yaml");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(ManifestException.class)
                .hasMessage(file + ": document 2 (Service default/web): spec.ports[0].port: \"eighty\" is not a number (line 16)");
    }

    @Test
    void read_namesStandardInputAsStdin() {
        String message = stdinError("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  ports:
                  - port: 80
                    protocol: tcp
                """);

        assertThat(message).isEqualTo(
                "<stdin>: document 1 (Service shop/web): spec.ports[0].protocol: \"tcp\" is not one of TCP, UDP, SCTP (line 7)");
    }

    @Test
    void read_reportsTheParsersReasonAndLine_forAYamlSyntaxError() {
        String file = fixture("yaml-syntax-error-in-document-3.yaml");

        assertThatThrownBy(() -> read(file)).hasMessage(
                file + ": document 3: invalid YAML: expected <block end>, but found '<block mapping start>' (line 14)");
    }

    @Test
    void read_reportsTheParsersReasonAndLine_forAJsonSyntaxError() {
        String file = fixture("json-syntax-error.json");

        assertThatThrownBy(() -> read(file)).hasMessage(file + ": document 1: invalid JSON: Unexpected character ('}' (code 125)):"
                + " was expecting double-quote to start field name (line 4)");
    }

    @Test
    void read_refusesAFieldWrittenTwice_askubectlDoes() {
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: 80}]\n  ports: []\n"))
                .isEqualTo("<stdin>: document 1: invalid YAML: field \"ports\" appears twice (line 6)");
    }

    @Test
    void read_countsEmptyDocuments_inTheDocumentNumber() {
        assertThat(stdinError("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\napiVersion: v1\nmetadata: {name: b}\n"))
                .isEqualTo("<stdin>: document 3: kind is missing");
    }

    @Test
    void read_refusesADocumentWithoutKind() {
        Path file = write("x.yaml", "apiVersion: v1\nmetadata: {name: a}\n");

        assertThatThrownBy(() -> read(file.toString())).hasMessage(file + ": document 1: kind is missing");
    }

    @Test
    void read_refusesADocumentWithoutApiVersion() {
        assertThat(stdinError("kind: Service\nmetadata: {name: a}\n"))
                .isEqualTo("<stdin>: document 1 (Service default/a): apiVersion is missing");
    }

    @Test
    void read_refusesADocumentThatIsNoObject() {
        assertThat(stdinError("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\njust some words\n"))
                .isEqualTo("<stdin>: document 2: not a Kubernetes object: found \"just some words\"");
    }

    @Test
    void read_pointsAtTheParent_whenARequiredFieldIsMissing() {
        assertThat(stdinError("apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {app: a}\nspec: {}\n"))
                .isEqualTo("<stdin>: document 1 (Pod): metadata.name is missing (line 3)");
    }

    @Test
    void read_saysWhatTypeWasExpected_whenAValueHasTheWrongShape() {
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: 80\n"))
                .isEqualTo("<stdin>: document 1 (Service default/a): spec.ports: expected a list, found 80 (line 5)");
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n  - port: 80\n    targetPort: {x: 1}\n"))
                .isEqualTo("<stdin>: document 1 (Service default/a): spec.ports[0].targetPort: expected a number or a name, found a mapping (line 7)");
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  publishNotReadyAddresses: maybe\n  ports: [{port: 80}]\n"))
                .isEqualTo("<stdin>: document 1 (Service default/a): spec.publishNotReadyAddresses: \"maybe\" is not true or false (line 5)");
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: 80.5}]\n"))
                .isEqualTo("<stdin>: document 1 (Service default/a): spec.ports[0].port: 80.5 is not a whole number (line 5)");
    }

    @Test
    void read_namesAClusterScopedObjectWithoutNamespace() {
        assertThat(stdinError("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Shop\n"))
                .isEqualTo("<stdin>: document 1 (Namespace Shop): metadata.name: \"Shop\" is not a valid namespace name"
                        + " (at most 63 lower-case letters, digits and '-') (line 4)");
    }

    @Test
    void read_reportsOnlyTheFirstError() {
        assertThat(stdinError(service("a", 0) + "---\n" + service("b", -1)))
                .startsWith("<stdin>: document 1 (Service default/a): spec.ports[0].port: 0 ");
    }

    @Test
    void read_saysNoSuchFile_forAMissingFile() {
        assertThatThrownBy(() -> read("nope.yaml")).isInstanceOf(ManifestException.class).hasMessage("nope.yaml: no such file");
    }

    @Test
    void read_refusesInputWithoutObjects() throws IOException {
        Path empty = write("empty.yaml", "# nothing here yet\n---\n");

        assertThatThrownBy(() -> read(empty.toString())).hasMessage(empty + ": no Kubernetes objects");
    }

    @Test
    void read_refusesStandardInputTwice() {
        assertThatThrownBy(() -> reader(() -> new ByteArrayInputStream(new byte[0])).read(List.of("-", "-")))
                .hasMessage("<stdin>: standard input can be read only once");
    }

    // --- formats --------------------------------------------------------------------------------

    @Test
    void read_takesJson_asConcatenatedObjects() throws Exception {
        ManifestSet set = read(fixture("service-and-pod.json"));

        Service api = onlyService(set.snapshot());
        assertThat(api.namespace()).isEqualTo("backend");
        assertThat(api.clusterIPs()).containsExactly("10.96.3.4");
        assertThat(api.ports()).containsExactly(new ServicePort("grpc", dev.kdi.records.objects.Protocol.TCP, 9000,
                TargetPort.named("grpc")));
        assertThat(set.snapshot().pods()).singleElement().satisfies(p -> {
            assertThat(p.ips()).containsExactly("10.244.7.1");
            assertThat(p.ready()).isTrue();
        });
        assertThat(set.documents()).isEqualTo(2);
        assertThat(set.snapshot().namespaces()).contains("backend");
    }

    @Test
    void read_takesTheItemsOfAList_whoseKindComesAfterThem() throws Exception {
        ManifestSet set = read(fixture("kubectl-get-list.yaml"));

        assertThat(set.documents()).isEqualTo(1);
        assertThat(set.objects()).as("the list's items, not the list").isEqualTo(2);
        assertThat(onlyService(set.snapshot()).name()).isEqualTo("web");
        assertThat(set.snapshot().pods()).extracting(Pod::name).containsExactly("web-a");
        assertThat(set.snapshot().namespaces()).contains("shop");
    }

    @Test
    void read_givesItemsOfATypedListTheirKind_andNamesTheItemInErrors() {
        String file = fixture("api-service-list.json");

        assertThatThrownBy(() -> read(file)).hasMessage(file
                + ": document 1 (Service kube-system/broken): items[1].spec.ports[0].targetPort: 99999 is not a port number (1 to 65535) (line 10)");
    }

    @Test
    void read_refusesListItemsWithoutKindOrThatAreNoObjects() {
        assertThat(stdinError("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  metadata: {name: a}\n"))
                .isEqualTo("<stdin>: document 1: items[0].kind is missing (line 4)");
        assertThat(stdinError("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Namespace
                  metadata: {name: a}
                - 5
                """)).isEqualTo("<stdin>: document 1 (List): items[1]: expected a Kubernetes object, found 5 (line 7)");
    }

    @Test
    void read_convertsItemsOfATypedList() throws Exception {
        ManifestSet set = readStdin("""
                kind: ServiceList
                apiVersion: v1
                items:
                - metadata: {name: kube-dns, namespace: kube-system}
                  spec: {clusterIP: 10.96.0.10, ports: [{name: dns, protocol: UDP, port: 53}]}
                """);

        assertThat(onlyService(set.snapshot()).clusterIPs()).containsExactly("10.96.0.10");
    }

    @Test
    void read_takesStandardInputFromTheInjectedSupplier() throws Exception {
        ManifestSet set = readStdin(service("web", 80) + "---\n" + service("api", 81));

        assertThat(set.snapshot().services()).extracting(Service::name).containsExactly("web", "api");
        assertThat(set.documents()).isEqualTo(2);
        assertThat(set.objects()).isEqualTo(2);
    }

    @Test
    void read_mixesStandardInputAndFiles_inTheOrderGiven() throws Exception {
        Path file = write("web.yaml", service("web", 80));
        ManifestReader reader = reader(() -> new ByteArrayInputStream(service("web", 81).getBytes(StandardCharsets.UTF_8)));

        ManifestSet set = reader.read(List.of(file.toString(), "-"));

        assertThat(onlyService(set.snapshot()).ports().get(0).port()).as("the last one read counts").isEqualTo(81);
        assertThat(set.notes()).contains("1 object was read more than once; the last one read counts, as with kubectl apply: "
                + "Service default/web");
    }

    // --- directories ----------------------------------------------------------------------------

    @Test
    void read_takesEveryManifestUnderADirectory_recursivelyInSortedOrder() throws Exception {
        write("apps/b.yaml", service("web", 82));
        write("apps/a.yml", service("web", 81));
        write("apps/a/deep.json", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"web\"},"
                + " \"spec\": {\"ports\": [{\"port\": 80}]}}");
        write("apps/README.md", "not a manifest: " + service("readme", 1));
        write("apps/notes.txt", "kind: nonsense");
        write("apps/backup.yaml.orig", "kind: nonsense");

        ManifestSet set = read(temp.resolve("apps").toString());

        // kubectl walks a/ (a directory) before a.yml and b.yaml; b.yaml, read last, wins.
        assertThat(set.documents()).isEqualTo(3);
        assertThat(onlyService(set.snapshot()).ports().get(0).port()).isEqualTo(82);
    }

    @Test
    void read_namesFilesUnderADirectory_byTheDirectoryAsGivenAndTheRelativePath() {
        write("manifests/sub/bad.yaml", service("web", 0));
        String given = temp.resolve("manifests").toString() + "/";

        assertThatThrownBy(() -> read(given)).hasMessage(given + "sub/bad.yaml: document 1 (Service default/web):"
                + " spec.ports[0].port: 0 is not a port number (1 to 65535) (line 4)");
    }

    @Test
    void read_refusesADirectoryWithoutManifests() throws IOException {
        Files.createDirectories(temp.resolve("manifests/empty-sub"));
        write("manifests/notes.txt", "nothing");
        String given = temp.resolve("manifests") + "/";

        assertThatThrownBy(() -> read(given)).hasMessage(given + ": no .yaml, .yml or .json files");
    }

    // --- what the snapshot holds ----------------------------------------------------------------

    @Test
    void read_putsObjectsWithoutNamespaceInDefault_andEveryNamespaceInUseExists() throws Exception {
        ManifestSet set = readStdin(service("web", 80) + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: team-a}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: empty-ns}
                """);

        assertThat(onlyService(set.snapshot()).namespace()).isEqualTo("default");
        assertThat(set.snapshot().namespaces()).containsExactlyInAnyOrder(
                "default", "kube-system", "kube-public", "kube-node-lease", "team-a", "empty-ns");
    }

    @Test
    void read_skipsKindsTheModelDoesNotUse_andCountsThemInNotes() throws Exception {
        ManifestSet set = read(fixture("kinds-the-model-does-not-use.yaml"));

        assertThat(set.objects()).isEqualTo(7);
        assertThat(onlyService(set.snapshot()).name()).isEqualTo("web");
        assertThat(set.notes()).containsExactly(
                "skipped 5 objects of kinds the model does not use: EndpointSlice discovery.k8s.io/v1beta1, Ingress, Node, Secret, Widget",
                "skipped 1 ConfigMap other than kube-system/coredns");
        assertThat(set.snapshot().namespaces()).as("the namespaces of skipped objects exist too")
                .contains("shop", "vault", "widgets")
                .doesNotContain("not-a-namespace");
        assertThat(set.snapshot().endpointSlices()).isEmpty();
    }

    @Test
    void read_skipsEndpointSlicesThatServeNoServiceName_withANoteEach() throws Exception {
        ManifestSet set = read(fixture("endpoint-slices-to-skip.yaml"));

        assertThat(set.snapshot().endpointSlices()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("web-x1");
            assertThat(s.serviceName()).isEqualTo("web");
        });
        assertThat(set.notes()).containsExactly(
                "skipped EndpointSlice shop/ext-fqdn: addressType FQDN",
                "skipped EndpointSlice shop/orphan: no label kubernetes.io/service-name");
    }

    @Test
    void read_takesTheCorefileFromTheCorednsConfigMap() throws Exception {
        ManifestSet set = read(fixture("coredns-configmap.yaml"));

        assertThat(set.snapshot().corefile()).contains("ttl 60").startsWith(".:53 {");
        assertThat(set.notes()).isEmpty();
    }

    @Test
    void read_notesACorednsConfigMapWithoutCorefile() throws Exception {
        ManifestSet set = readStdin("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: coredns, namespace: kube-system}
                data: {other: x}
                """);

        assertThat(set.snapshot().corefile()).isNull();
        assertThat(set.notes()).containsExactly("ConfigMap kube-system/coredns has no key Corefile");
    }

    @Test
    void read_keepsLegacyEndpointsAndWorkloads() throws Exception {
        ManifestSet set = readStdin("""
                apiVersion: v1
                kind: Endpoints
                metadata: {name: legacy}
                subsets:
                - addresses: [{ip: 10.1.0.1}]
                  ports: [{port: 5432}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent}]}
                """);

        assertThat(set.snapshot().endpoints()).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("legacy"));
        assertThat(set.snapshot().workloads()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("DaemonSet");
            assertThat(w.namespace()).isEqualTo("monitoring");
        });
    }

    @Test
    void read_sharesOneLabelMapOwnerAndPortListAcrossPodsOfOneTemplate() throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            yaml.append("""
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: web-%d
                      namespace: shop
                      labels: {app: web, tier: front, pod-template-hash: 7d9f8b6c5}
                      ownerReferences:
                      - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f8b6c5, uid: u, controller: true}
                    spec:
                      nodeName: node-%d
                      containers:
                      - name: web
                        ports: [{name: http, containerPort: 8080}]
                    status:
                      phase: Running
                      podIP: 10.%d.%d.%d
                      conditions: [{type: Ready, status: "True"}]
                    """.formatted(i, i % 8, i / 65536, (i / 256) % 256, i % 256));
        }

        List<Pod> pods = readStdin(yaml.toString()).snapshot().pods();

        assertThat(pods).hasSize(10_000);
        Pod first = pods.get(0);
        assertThat(first.labels()).isEqualTo(Map.of("app", "web", "tier", "front", "pod-template-hash", "7d9f8b6c5"));
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.labels()).isSameAs(first.labels());
            assertThat(p.owner()).isSameAs(first.owner());
            assertThat(p.containerPorts()).isSameAs(first.containerPorts());
            assertThat(p.dns()).isSameAs(dev.kdi.records.objects.PodDns.DEFAULTS);
            assertThat(p.namespace()).isSameAs(first.namespace());
        });
        assertThat(pods.get(8).nodeName()).isSameAs(first.nodeName());
        assertThat(pods.get(9_999).ips()).containsExactly("10.0.39.15");
    }
}
