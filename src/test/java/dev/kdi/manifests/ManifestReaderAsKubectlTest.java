package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.TargetPort;
import dev.kdi.records.objects.Workload;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input as kubectl takes it: YAML as go-yaml reads it, encodings, bad files, non-manifests, -n with -f. */
class ManifestReaderAsKubectlTest {

    private static String fixture(String name) {
        try {
            return Path.of(ManifestReaderAsKubectlTest.class.getResource("/manifests/as-kubectl/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ManifestReader reader(String stdin) {
        return new ManifestReader(() -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new ObjectConverter(new Interner()));
    }

    private static ManifestSet read(List<String> namespaces, String... paths) throws ManifestException {
        return reader("").read(List.of(paths), namespaces);
    }

    private static ManifestSet read(String... paths) throws ManifestException {
        return read(List.of(), paths);
    }

    private static ClusterSnapshot stdin(String yaml) throws ManifestException {
        return reader(yaml).read(List.of("-")).snapshot();
    }

    private static String stdinError(String yaml) {
        try {
            reader(yaml).read(List.of("-"));
        } catch (ManifestException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    private static Service service(ClusterSnapshot s, String namespace, String name) {
        return s.services().stream().filter(x -> x.namespace().equals(namespace) && x.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + namespace + "/" + name));
    }

    // --- anchors, aliases, merge keys --------------------------------------------------------------

    @Test
    void read_resolvesAliasesAndMergeKeys_asKubectlDoes() throws Exception {
        ClusterSnapshot s = read(fixture("anchors-and-merge-keys.yaml")).snapshot();

        Workload web = s.workloads().get(0);
        assertThat(web.selector().matchLabels()).isEqualTo(Map.of("app", "web", "tier", "front"));
        assertThat(web.template().labels()).isEqualTo(Map.of("app", "web", "tier", "front"));
        assertThat(web.template().containerPorts()).singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("http"));
        Service svc = service(s, "shop", "web");
        assertThat(svc.labels()).isEqualTo(Map.of("team", "a"));
        assertThat(svc.ports()).containsExactly(
                new ServicePort("http", dev.kdi.records.objects.Protocol.TCP, 80, TargetPort.named("http")),
                new ServicePort("https", dev.kdi.records.objects.Protocol.TCP, 443, TargetPort.named("http")));
        // Of several mappings merged at once, the earlier wins.
        assertThat(service(s, "shop", "api").selector())
                .isEqualTo(Map.of("app", "api", "tier", "back", "owner", "team-a"));
    }

    @Test
    void read_mergesWhereTheMergeKeyStands_asGoYamlV2Does() throws Exception {
        String spec = "spec: {ports: [{port: 80}]}\n";
        String before = "apiVersion: v1\nkind: Service\nmetadata:\n  name: written\n  <<: {name: merged}\n" + spec;
        String after = "apiVersion: v1\nkind: Service\nmetadata:\n  <<: {name: merged}\n  name: written\n" + spec;

        assertThat(stdin(before).services().get(0).name()).isEqualTo("merged");
        assertThat(stdin(after).services().get(0).name()).isEqualTo("written");
    }

    @Test
    void read_mergesAtTheTopOfADocument() throws Exception {
        ClusterSnapshot s = stdin("<<: {apiVersion: v1, kind: Service}\nmetadata: {name: top, namespace: shop}\n"
                + "spec: {ports: [{port: 80}]}\n");

        assertThat(service(s, "shop", "top")).isNotNull();
    }

    @Test
    void read_refusesAnUnknownAnchor_withItsLine() {
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: *nowhere\n"))
                .isEqualTo("<stdin>: document 1: invalid YAML: unknown anchor 'nowhere' referenced (line 5)");
    }

    @Test
    void read_anchorsDoNotReachIntoTheNextDocument() {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: &l {x: y}}\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: *l}\n";

        assertThat(stdinError(yaml)).startsWith("<stdin>: document 2: invalid YAML: unknown anchor 'l' referenced");
    }

    @Test
    void read_refusesAMergeKeyWhoseValueIsNoMapping() {
        assertThat(stdinError("apiVersion: v1\nkind: Service\nmetadata:\n  <<: [a, b]\n  name: web\n"))
                .startsWith("<stdin>: document 1: invalid YAML: a merge key (<<) takes a mapping or a list of mappings");
    }

    @Test
    void read_namesTheLineOfTheAlias_whenAnAliasedValueIsWrong() {
        String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n  - &p {port: eighty}\n"
                + "  - *p\n";

        assertThat(stdinError(yaml)).isEqualTo(
                "<stdin>: document 1 (Service default/web): spec.ports[0].port: \"eighty\" is not a number (line 6)");
    }

    // --- encodings ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"utf8-bom.yaml", "utf16le-bom.yaml", "utf16be-bom.yaml"})
    void read_takesUtf8AndUtf16_withAByteOrderMark(String file) throws Exception {
        Service web = service(read(fixture(file)).snapshot(), "shop", "web");

        assertThat(web.clusterIPs()).containsExactly("10.96.7.16");
    }

    @Test
    void read_refusesUtf16WithoutAByteOrderMark_askubectlDoes() {
        assertThatThrownBy(() -> read(fixture("utf16le-without-bom.yaml")))
                .hasMessageStartingWith(fixture("utf16le-without-bom.yaml") + ": document 1: invalid YAML: ");
    }

    // --- bad files and non-manifests -----------------------------------------------------------------

    @Test
    void read_leavesOutEachBadFile_andUsesTheRest() throws Exception {
        String dir = fixture("ingress-dir");
        ManifestSet set = read(dir, "/no/such.yaml");

        assertThat(service(set.snapshot(), "ingress-nginx", "ingress-nginx-controller").clusterIPs())
                .containsExactly("10.96.30.1");
        assertThat(set.snapshot().services()).noneMatch(s -> s.name().equals("broken"));
        assertThat(set.skipped()).containsExactly(
                dir + "/broken.yaml: document 1 (Service ingress-nginx/broken): spec.ports[0].port: \"eighty\" is"
                        + " not a number (line 8)",
                dir + "/kustomization.yaml: a kustomize directory: run `kubectl kustomize " + dir
                        + "` and pass its output",
                dir + "/patch-kustomize.yml: a kustomize directory: run `kubectl kustomize " + dir
                        + "` and pass its output",
                "/no/such.yaml: no such file");
    }

    @Test
    void read_leavesOutAFileWhole_evenWhenItsFirstDocumentsAreGood() throws Exception {
        String good = "apiVersion: v1\nkind: Service\nmetadata: {name: good, namespace: a}\nspec: {ports: [{port: 80}]}\n";
        ManifestSet set = reader(good + "---\napiVersion: v1\nkind: Service\nmetadata: {name: bad, namespace: a}\n"
                + "spec: {ports: [{port: x}]}\n").read(List.of("-", fixture("utf8-bom.yaml")));

        assertThat(set.snapshot().services()).extracting(Service::name).containsExactly("web");
        assertThat(set.snapshot().namespaces()).doesNotContain("a");
        assertThat(set.skipped()).singleElement().asString().startsWith("<stdin>: document 2 (Service a/bad)");
    }

    @Test
    void read_failsWithEveryFilesLine_whenNoFileCanBeUsed() {
        assertThatThrownBy(() -> read(fixture("helm-template.yaml"), "/no/such.yaml")).hasMessage(
                fixture("helm-template.yaml") + ": unrendered template: run `helm template` first (a template action"
                        + " on line 4)\n/no/such.yaml: no such file");
    }

    @Test
    void read_takesAConfigMapThatCarriesTemplates_asTheManifestItIs() throws Exception {
        ManifestSet set = read(fixture("configmap-with-templates.yaml"));

        assertThat(set.skipped()).isEmpty();
        assertThat(set.objects()).isEqualTo(1);
    }

    @Test
    void read_recognisesAKustomizationByItsKind_whateverTheFileIsCalled() {
        assertThatThrownBy(() -> reader("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources: [a.yaml]\n").read(List.of("-")))
                .hasMessage("<stdin>: a kustomize directory: run `kubectl kustomize .` and pass its output");
    }

    @Test
    void read_takesFluxKustomizations_whichAreObjects() throws Exception {
        ManifestSet set = reader("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
                + "metadata: {name: apps, namespace: flux-system}\nspec: {path: ./apps}\n").read(List.of("-"));

        assertThat(set.skipped()).isEmpty();
        assertThat(set.notes()).anyMatch(n -> n.contains("Kustomization"));
    }

    @Test
    void read_keepsHostAliases_forThePodsHostsFile() throws Exception {
        ClusterSnapshot s = read(fixture("hostaliases.yaml")).snapshot();

        Pod pod = s.pods().stream().filter(p -> p.name().equals("hostaliases-pod")).findFirst().orElseThrow();
        assertThat(pod.dns().hostAliases()).containsExactly(
                new dev.kdi.records.objects.HostAlias("10.1.2.3", List.of("foo.local", "bar.local")),
                new dev.kdi.records.objects.HostAlias("10.1.2.4", List.of("web")),
                new dev.kdi.records.objects.HostAlias("10.1.2.5", List.of("legacy.default.svc.cluster.local")));
        assertThat(stdinError("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c}]\n"
                + "  hostAliases:\n  - ip: not-an-ip\n    hostnames: [x]\n"))
                .startsWith("<stdin>: document 1 (Pod default/p): spec.hostAliases[0].ip: \"not-an-ip\" is not an IP address");
    }

    // --- -n with -f ----------------------------------------------------------------------------------

    @Test
    void read_givesNamespaceLessObjectsTheNamespaceOfTheOneDashN() throws Exception {
        ClusterSnapshot s = read(List.of("argocd"), fixture("namespace-less/argocd-like.yaml")).snapshot();

        assertThat(service(s, "argocd", "argocd-server")).isNotNull();
        assertThat(s.pods()).extracting(Pod::namespace).containsExactly("argocd");
        assertThat(s.namespaces()).contains("argocd");
    }

    @Test
    void read_refusesAnObjectInAnotherNamespace_askubectlApplyDoes() {
        assertThatThrownBy(() -> read(List.of("argocd"), fixture("namespace-less/elsewhere.yaml"))).hasMessage(
                fixture("namespace-less/elsewhere.yaml") + ": document 1 (Service redis/redis): metadata.namespace:"
                        + " the namespace from the provided object \"redis\" does not match the namespace \"argocd\""
                        + " given with -n; pass -n redis to read it (line 6)");
    }

    @Test
    void read_refusesNamespaceLessObjects_whenSeveralNamespacesAreGiven() throws Exception {
        ManifestSet set = read(List.of("argocd", "redis"), fixture("namespace-less"));

        assertThat(set.snapshot().services()).extracting(Service::name).containsExactly("redis");
        assertThat(set.skipped()).containsExactly(fixture("namespace-less") + "/argocd-like.yaml: document 1"
                + " (Service argocd-server): metadata.namespace: not set, and 2 namespaces were given with -n"
                + " (argocd, redis): an object without a namespace takes the namespace of a single -n (line 4)");
    }
}
