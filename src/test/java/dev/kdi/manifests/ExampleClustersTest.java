package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.TargetPort;
import dev.kdi.records.objects.Workload;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared example clusters under {@code src/test/resources/examples/}, read as the CLI reads them. */
class ExampleClustersTest {

    private static String example(String name) {
        try {
            return Path.of(ExampleClustersTest.class.getResource("/examples/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ManifestSet read(String path) throws ManifestException {
        return new ManifestReader(() -> {
            throw new AssertionError("no stdin");
        }, new ObjectConverter(new Interner())).read(List.of(path));
    }

    private static Service service(ClusterSnapshot s, String name) {
        return s.services().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    private static Pod pod(ClusterSnapshot s, String name) {
        return s.pods().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void clusterip_hasTwoServicesAndFourPods_oneOfThemNotReady() throws Exception {
        ManifestSet set = read(example("clusterip.yaml"));
        ClusterSnapshot s = set.snapshot();

        assertThat(set.documents()).isEqualTo(7);
        assertThat(set.notes()).isEmpty();
        assertThat(s.namespaces()).containsExactlyInAnyOrder("shop", "default", "kube-system", "kube-public", "kube-node-lease");
        assertThat(service(s, "web")).isEqualTo(new Service("shop", "web", ServiceType.CLUSTER_IP, List.of("10.96.0.50"), null,
                List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080)),
                        new ServicePort("metrics", Protocol.TCP, 9090, TargetPort.number(9090))),
                Map.of("app", "web"), false, List.of(), Map.of()));
        assertThat(service(s, "cache").clusterIPs()).containsExactly("10.96.0.60");
        assertThat(service(s, "cache").ports()).containsExactly(new ServicePort("", Protocol.TCP, 6379, TargetPort.number(6379)));
        assertThat(s.pods()).extracting(Pod::name, Pod::primaryIp, Pod::ready).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web-a", "10.244.1.5", true),
                org.assertj.core.groups.Tuple.tuple("web-b", "10.244.2.6", true),
                org.assertj.core.groups.Tuple.tuple("web-c", "10.244.3.7", false),
                org.assertj.core.groups.Tuple.tuple("cache-0", "10.244.1.9", true));
        assertThat(s.pods()).allSatisfy(p -> assertThat(p.phase()).isEqualTo(Pod.Phase.RUNNING));
        assertThat(s.endpointSlices()).as("derived later by the model, not read").isEmpty();
        assertThat(s.workloads()).isEmpty();
        assertThat(s.corefile()).isNull();
    }

    @Test
    void seedHeadless_hasTheStatefulSetItsHeadlessServiceAndThreeReadyPods() throws Exception {
        ClusterSnapshot s = read(example("seed-headless.yaml")).snapshot();

        Service headless = service(s, "sample-headless");
        assertThat(headless.isHeadless()).isTrue();
        assertThat(headless.ports()).containsExactly(new ServicePort("http-port", Protocol.TCP, 80, TargetPort.number(80)));
        assertThat(headless.selector()).isEqualTo(Map.of("app", "sample-app"));

        assertThat(s.workloads()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("StatefulSet");
            assertThat(w.ref().toString()).isEqualTo("StatefulSet default/sample-statefulset-headless");
            assertThat(w.serviceName()).isEqualTo("sample-headless");
            assertThat(w.replicas()).isEqualTo(3);
            assertThat(w.selector()).isEqualTo(LabelSelector.of(Map.of("app", "sample-app")));
            assertThat(w.template().labels()).isEqualTo(Map.of("app", "sample-app"));
        });

        assertThat(s.pods()).extracting(Pod::name, Pod::primaryIp, Pod::hostname, Pod::nodeName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sample-statefulset-headless-0", "10.46.0.1", "sample-statefulset-headless-0", "k8s-node02"),
                org.assertj.core.groups.Tuple.tuple("sample-statefulset-headless-1", "10.40.0.2", "sample-statefulset-headless-1", "k8s-node01"),
                org.assertj.core.groups.Tuple.tuple("sample-statefulset-headless-2", "10.46.0.2", "sample-statefulset-headless-2", "k8s-node02"));
        assertThat(s.pods()).allSatisfy(p -> {
            assertThat(p.ready()).isTrue();
            assertThat(p.subdomain()).isEqualTo("sample-headless");
            assertThat(p.owner()).isEqualTo(new Owner("StatefulSet", "sample-statefulset-headless"));
            assertThat(p.labels()).isEqualTo(Map.of("app", "sample-app"));
        });
        assertThat(s.namespaces()).containsExactlyInAnyOrder("default", "kube-system", "kube-public", "kube-node-lease");
    }

    @Test
    void seedSubdomain_addsAPodWithHostnameAndSubdomain_andAPortlessHeadlessService() throws Exception {
        ClusterSnapshot s = read(example("seed-subdomain.yaml")).snapshot();

        assertThat(s.services()).extracting(Service::name).containsExactly("sample-headless", "sample-subdomain");
        Service subdomain = service(s, "sample-subdomain");
        assertThat(subdomain.isHeadless()).isTrue();
        assertThat(subdomain.ports()).isEmpty();
        assertThat(s.pods()).hasSize(4);
        Pod standalone = pod(s, "sample-subdomain");
        assertThat(standalone.hostname()).isEqualTo("sample-hostname");
        assertThat(standalone.subdomain()).isEqualTo("sample-subdomain");
        assertThat(standalone.ips()).containsExactly("10.40.0.3");
        assertThat(standalone.owner()).isNull();
        assertThat(standalone.ready()).isTrue();
    }

    @Test
    void theExamplesDirectory_readsTheThreeClustersOnly_andLaterFilesOverrideEarlierOnes() throws Exception {
        String dir = example("clusterip.yaml").replaceFirst("clusterip\\.yaml$", "");

        ManifestSet set = read(dir);

        // Corefiles, .expected, .queries and .zone files are not manifests.
        assertThat(set.documents()).isEqualTo(7 + 6 + 8);
        ClusterSnapshot s = set.snapshot();
        assertThat(s.services()).extracting(Service::name).containsExactlyInAnyOrder("web", "cache", "sample-headless", "sample-subdomain");
        assertThat(s.pods()).hasSize(8);
        assertThat(s.workloads()).extracting(Workload::name).containsExactly("sample-statefulset-headless");
        assertThat(set.notes()).containsExactly("6 objects were read more than once; the last one read counts, as with kubectl apply: "
                + "Namespace default, Service default/sample-headless, StatefulSet default/sample-statefulset-headless, "
                + "Pod default/sample-statefulset-headless-0, Pod default/sample-statefulset-headless-1 and 1 more");
    }
}
