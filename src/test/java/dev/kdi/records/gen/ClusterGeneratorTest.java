package dev.kdi.records.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.Workload;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterGeneratorTest {
    private static final int SEEDS = 150;

    @Test
    void random_sameSeed_sameClusterAndCorefile() {
        assertThat(ClusterGenerator.random(42)).isEqualTo(ClusterGenerator.random(42));
        assertThat(ClusterGenerator.random(42).snapshot()).isNotEqualTo(ClusterGenerator.random(43).snapshot());
    }

    @Test
    @DisplayName("the default seeds of the property tests cover every case the generator knows")
    void random_defaultSeeds_coverEveryCase() {
        Set<String> seen = new LinkedHashSet<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            GeneratedCluster g = ClusterGenerator.random(seed);
            ClusterSnapshot s = g.snapshot();
            note(seen, "ClusterIP v4", s.services(), v -> !v.isHeadless() && !v.clusterIPs().isEmpty()
                    && v.clusterIPs().get(0).contains("."));
            note(seen, "ClusterIP v6", s.services(), v -> v.clusterIPs().size() == 1 && v.clusterIPs().get(0).contains(":"));
            note(seen, "dual-stack v6 first", s.services(), v -> v.clusterIPs().size() == 2
                    && v.clusterIPs().get(0).contains(":"));
            note(seen, "NodePort", s.services(), v -> v.type() == ServiceType.NODE_PORT);
            note(seen, "LoadBalancer", s.services(), v -> v.type() == ServiceType.LOAD_BALANCER);
            note(seen, "headless without ports", s.services(), v -> v.isHeadless() && v.ports().isEmpty());
            note(seen, "headless dual-stack", s.services(), v -> v.isHeadless() && v.ipFamilies().size() == 2);
            note(seen, "unallocated cluster IP", s.services(), v -> !v.isExternalName() && v.clusterIPs().isEmpty());
            note(seen, "unnamed port", s.services(), v -> v.ports().stream().anyMatch(p -> !p.isNamed()));
            note(seen, "named targetPort", s.services(), v -> v.ports().stream().anyMatch(p -> p.targetPort().isNamed()));
            note(seen, "publishNotReadyAddresses", s.services(), Service::publishNotReadyAddresses);
            note(seen, "selector-less", s.services(), v -> !v.isExternalName() && !v.hasSelector());
            note(seen, "ExternalName outside", s.services(), v -> v.isExternalName() && v.externalName().contains("example"));
            note(seen, "ExternalName inside", s.services(), v -> v.isExternalName()
                    && v.externalName().toLowerCase().contains(".svc." + g.clusterDomain()));
            note(seen, "ExternalName at an address", s.services(), v -> v.isExternalName()
                    && IpAddress.isAddress(v.externalName()));
            note(seen, "ExternalName invalid", s.services(), v -> v.isExternalName()
                    && (v.externalName().isEmpty() || v.externalName().contains(" ")));
            note(seen, "pod with hostname and subdomain", s.pods(), p -> p.hostname() != null && p.subdomain() != null);
            note(seen, "pod not ready", s.pods(), p -> p.phase() == Pod.Phase.RUNNING && !p.ready());
            note(seen, "pod terminating", s.pods(), Pod::terminating);
            note(seen, "pod terminal", s.pods(), p -> p.phase().isTerminal());
            note(seen, "pod without address", s.pods(), p -> p.ips().isEmpty());
            note(seen, "pod dual-stack", s.pods(), p -> p.ips().size() == 2);
            note(seen, "pods sharing an address", List.of(s), c -> c.pods().stream().map(Pod::primaryIp)
                    .filter(ip -> ip != null).distinct().count() < c.pods().stream().filter(p -> p.primaryIp() != null).count());
            note(seen, "StatefulSet serviceName names no Service", s.workloads(), w -> w.isStatefulSet()
                    && s.services().stream().noneMatch(v -> v.namespace().equals(w.namespace()) && v.name().equals(w.serviceName())));
            note(seen, "StatefulSet serviceName names its Service", s.workloads(), w -> w.isStatefulSet()
                    && s.services().stream().anyMatch(v -> v.namespace().equals(w.namespace()) && v.name().equals(w.serviceName())));
            note(seen, "Deployment with template hostname", s.workloads(), w -> !w.isStatefulSet()
                    && w.template().hostname() != null);
            note(seen, "given slice without ports", s.endpointSlices(), e -> e.ports().isEmpty());
            note(seen, "given slice port without number", s.endpointSlices(), e -> e.ports().stream().anyMatch(p -> p.port() == -1));
            note(seen, "given slice with non-canonical IPv6", s.endpointSlices(), e -> e.endpoints().stream()
                    .flatMap(x -> x.addresses().stream())
                    .anyMatch(a -> a.contains(":") && !IpAddress.parse(a).orElseThrow().toString().equals(a)));
            note(seen, "endpoint without ready condition", s.endpointSlices(), e -> e.endpoints().stream()
                    .anyMatch(x -> x.ready() == null));
            note(seen, "endpoint not ready", s.endpointSlices(), e -> e.endpoints().stream()
                    .anyMatch(x -> Boolean.FALSE.equals(x.ready())));
            note(seen, "endpoint pod name of 64+ characters", s.endpointSlices(), e -> e.endpoints().stream()
                    .map(Endpoint::targetPod).anyMatch(p -> p != null && p.length() >= 64));
            note(seen, "slice of a Service that does not exist", s.endpointSlices(), e -> s.services().stream()
                    .noneMatch(v -> v.namespace().equals(e.namespace()) && v.name().equals(e.serviceName())));
            note(seen, "Endpoints object", s.endpoints(), e -> !e.skipMirror());
            note(seen, "Endpoints object skipping mirroring", s.endpoints(), e -> e.skipMirror());
            note(seen, "namespace never created", s.services(), v -> !s.namespaces().contains(v.namespace()));

            KubernetesPlugin k = g.corefile().kubernetes().orElseThrow();
            seen.add("pods " + k.pods());
            note(seen, "ttl other than 5", List.of(k), x -> x.ttl() != 5);
            note(seen, "endpoint_pod_names", List.of(k), KubernetesPlugin::endpointPodNames);
            note(seen, "namespaces", List.of(k), x -> !x.namespaces().isEmpty());
            note(seen, "noendpoints", List.of(k), KubernetesPlugin::noEndpoints);
            note(seen, "ignore empty_service", List.of(k), KubernetesPlugin::ignoreEmptyService);
            note(seen, "fallthrough", List.of(k), x -> x.fallthrough() != null);
            note(seen, "reverse zones from CIDRs", List.of(k), x -> x.zones().stream().anyMatch(z -> z.matches("^[0-9].*")));
            note(seen, "no reverse zones", List.of(k), x -> x.zones().stream().noneMatch(z -> z.endsWith(".arpa.")));
        }
        assertThat(seen).contains("ClusterIP v4", "ClusterIP v6", "dual-stack v6 first", "NodePort", "LoadBalancer",
                "headless without ports", "headless dual-stack", "unallocated cluster IP", "unnamed port",
                "named targetPort", "publishNotReadyAddresses", "selector-less", "ExternalName outside",
                "ExternalName inside", "ExternalName at an address", "ExternalName invalid",
                "pod with hostname and subdomain", "pod not ready", "pod terminating", "pod terminal",
                "pod without address", "pod dual-stack", "pods sharing an address",
                "StatefulSet serviceName names no Service", "StatefulSet serviceName names its Service",
                "Deployment with template hostname", "given slice without ports", "given slice port without number",
                "given slice with non-canonical IPv6", "endpoint without ready condition", "endpoint not ready",
                "endpoint pod name of 64+ characters", "slice of a Service that does not exist", "Endpoints object",
                "Endpoints object skipping mirroring", "namespace never created", "pods " + PodMode.DISABLED,
                "pods " + PodMode.INSECURE, "pods " + PodMode.VERIFIED, "ttl other than 5", "endpoint_pod_names",
                "namespaces", "noendpoints", "ignore empty_service", "fallthrough", "reverse zones from CIDRs",
                "no reverse zones");
    }

    private static <T> void note(Set<String> seen, String feature, List<T> items, Predicate<T> test) {
        if (items.stream().anyMatch(test)) {
            seen.add(feature);
        }
    }

    @Test
    void scale_hasExactlyTheAskedSizeAndShape() {
        ClusterSnapshot s = ScaleGenerator.generate(new ScaleGenerator.Scale(20, 200, 1500), 7);
        assertThat(s.namespaces()).hasSize(22).contains("default", "kube-system");
        assertThat(s.services()).hasSize(200);
        assertThat(s.services().stream().filter(Service::isHeadless)).hasSize(50);
        assertThat(s.services().stream().filter(Service::isExternalName)).hasSize(20);
        assertThat(s.pods()).hasSize(1500);
        assertThat(s.pods().stream().map(Pod::primaryIp).distinct()).hasSize(1500);
        assertThat(s.services().stream().map(v -> v.namespace() + "/" + v.name()).distinct()).hasSize(200);
        assertThat(s.workloads().stream().filter(Workload::isStatefulSet)).hasSize(50);
    }

    @Test
    @DisplayName("pods of one workload share one label map and one port list, as a deduplicating loader leaves them")
    void scale_podsOfAWorkloadShareTheirMaps() {
        ClusterSnapshot s = ScaleGenerator.generate(new ScaleGenerator.Scale(5, 40, 400), 3);
        Map<Object, Boolean> labelMaps = new IdentityHashMap<>();
        Map<Object, Boolean> portLists = new IdentityHashMap<>();
        Map<Object, Boolean> owners = new IdentityHashMap<>();
        for (Pod p : s.pods()) {
            labelMaps.put(p.labels(), Boolean.TRUE);
            portLists.put(p.containerPorts(), Boolean.TRUE);
            owners.put(p.owner(), Boolean.TRUE);
        }
        assertThat(labelMaps.size()).isEqualTo(owners.size());
        assertThat(portLists.size()).isLessThanOrEqualTo(owners.size());
        assertThat(owners.size()).isLessThan(s.pods().size() / 5);
    }

    @Test
    void scale_sameSeedSameCluster() {
        ScaleGenerator.Scale scale = new ScaleGenerator.Scale(5, 40, 400);
        assertThat(ScaleGenerator.generate(scale, 1)).isEqualTo(ScaleGenerator.generate(scale, 1));
    }

    @Test
    void realisticQuestions_coverEveryKindOfName() {
        ClusterSnapshot s = ScaleGenerator.generate(new ScaleGenerator.Scale(5, 40, 400), 3);
        var model = dev.kdi.records.DnsModel.build(s, dev.kdi.records.corefile.CorefileParser.kubeadmDefault());
        ClusterNames names = ClusterNames.of(model);
        var questions = QuestionMix.realistic(names, 1, 2000);
        assertThat(questions).hasSize(2000);
        assertThat(questions).anyMatch(q -> names.endpointNames().contains(q.name()));
        assertThat(questions).anyMatch(q -> names.portNames().contains(q.name()));
        assertThat(questions).anyMatch(q -> q.name().endsWith(".in-addr.arpa."));
        assertThat(questions).anyMatch(q -> names.podNames().contains(q.name()));
        assertThat(questions).anyMatch(q -> q.name().startsWith("api.github.com."));
        assertThat(model.endpointSlices()).allMatch(e -> e.origin() == EndpointSlice.Origin.DERIVED_FROM_PODS);
    }
}
