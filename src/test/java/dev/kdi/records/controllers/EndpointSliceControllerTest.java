package dev.kdi.records.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.TargetPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The slices derived for one Service: ports resolved per pod, addresses printed as the controller prints them. */
class EndpointSliceControllerTest {
    private static final Map<String, String> WEB = Map.of("app", "web");

    @Test
    void aNamedTargetPortResolvesPerPodAndPodsThatResolveAlikeShareASlice() {
        Service svc = service(List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.named("http"))),
                List.of(IpFamily.IPV4));
        List<ContainerPort> on8080 = List.of(new ContainerPort("http", Protocol.TCP, 8080));
        List<ContainerPort> on9090 = List.of(new ContainerPort("http", Protocol.TCP, 9090));
        List<Pod> pods = List.of(pod("a", "10.0.0.1", on8080), pod("b", "10.0.0.2", on9090),
                pod("c", "10.0.0.3", List.of(new ContainerPort("http", Protocol.TCP, 8080))),
                pod("d", "10.0.0.4", List.of(new ContainerPort("http", Protocol.UDP, 8080))));

        List<EndpointSlice> slices = EndpointSliceController.slicesFor(svc, pods);

        assertThat(slices).extracting(EndpointSlice::ports).containsExactly(
                List.of(new EndpointPort("http", Protocol.TCP, 8080)),
                List.of(new EndpointPort("http", Protocol.TCP, 9090)),
                List.of());
        assertThat(slices).extracting(s -> s.endpoints().stream().map(e -> e.targetPod()).toList())
                .containsExactly(List.of("a", "c"), List.of("b"), List.of("d"));
    }

    @Test
    void numericTargetPortsAreTheSameForEveryPod() {
        Service svc = service(List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080)),
                new ServicePort("metrics", Protocol.TCP, 9100, TargetPort.number(9100))), List.of(IpFamily.IPV4));
        List<Pod> pods = List.of(pod("a", "10.0.0.1", List.of()), pod("b", "10.0.0.2",
                List.of(new ContainerPort("http", Protocol.TCP, 7000))));

        List<EndpointSlice> slices = EndpointSliceController.slicesFor(svc, pods);

        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).ports()).containsExactly(new EndpointPort("http", Protocol.TCP, 8080),
                new EndpointPort("metrics", Protocol.TCP, 9100));
        assertThat(slices.get(0).endpoints()).hasSize(2);
    }

    @Test
    void addressesArePrintedCanonicallyAndSortedIntoTheirFamily() {
        Service svc = service(List.of(), List.of(IpFamily.IPV4, IpFamily.IPV6));
        List<Pod> pods = List.of(pod("plain", "10.0.0.1", List.of()),
                pod("dual", List.of("10.0.0.2", "2001:DB8:0:0::2"), List.of()),
                pod("v6", List.of("2001:db8::3"), List.of()));

        List<EndpointSlice> slices = EndpointSliceController.slicesFor(svc, pods);

        assertThat(slices).extracting(EndpointSlice::addressType).containsExactly(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(slices.get(0).endpoints()).extracting(e -> e.addresses())
                .containsExactly(List.of("10.0.0.1"), List.of("10.0.0.2"));
        assertThat(slices.get(1).endpoints()).extracting(e -> e.addresses())
                .containsExactly(List.of("2001:db8::2"), List.of("2001:db8::3"));
        assertThat(slices.get(0).endpoints().get(0).addresses()).as("an address already canonical is the pod's own list")
                .isSameAs(pods.get(0).ips());
    }

    @Test
    void endpointsMadeFromThePodsWhenRead_areWhatTheControllerWrites() {
        Service svc = service(List.of(), List.of(IpFamily.IPV4));
        Pod named = new Pod("default", "named", WEB, List.of("10.0.0.1"), "host", "web", Pod.Phase.RUNNING, true, false,
                "node-1", null, PodDns.DEFAULTS, List.of());
        Pod notReady = new Pod("default", "slow", WEB, List.of("10.0.0.2"), null, null, Pod.Phase.RUNNING, false, false,
                "node-2", null, PodDns.DEFAULTS, List.of());
        Pod leaving = new Pod("default", "leaving", WEB, List.of("10.0.0.3"), "host", "other", Pod.Phase.RUNNING, true,
                true, null, null, PodDns.DEFAULTS, List.of());

        EndpointSlice slice = EndpointSliceController.slicesFor(svc, List.of(named, notReady, leaving)).get(0);

        List<Endpoint> expected = List.of(new Endpoint(List.of("10.0.0.1"), true, "host", "named", "node-1"),
                new Endpoint(List.of("10.0.0.2"), false, null, "slow", "node-2"),
                new Endpoint(List.of("10.0.0.3"), false, null, "leaving", null));
        assertThat(slice.endpoints()).containsExactlyElementsOf(expected).isEqualTo(expected)
                .hasSameHashCodeAs(expected);
        EndpointSlice given = new EndpointSlice(slice.namespace(), slice.name(), slice.serviceName(),
                slice.addressType(), slice.ports(), expected, slice.origin());
        assertThat(slice).isEqualTo(given).hasSameHashCodeAs(given);
        assertThatThrownBy(() -> slice.endpoints().add(expected.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        // Its pods are a range of a larger array: reading past them is an error, not a neighbour's pod.
        assertThatThrownBy(() -> slice.endpoints().get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void slicesOfOneSnapshotShareEqualPortListsAndNames() {
        Service a = service(List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080))),
                List.of(IpFamily.IPV4));
        Service b = new Service("other", a.name(), a.type(), a.clusterIPs(), null,
                List.of(new ServicePort("http", Protocol.TCP, 80, TargetPort.number(8080))), WEB, false,
                a.ipFamilies(), Map.of());
        Pod inOther = new Pod("other", "b", WEB, List.of("10.0.0.9"), null, null, Pod.Phase.RUNNING, true, false,
                "node-1", null, PodDns.DEFAULTS, List.of());
        var snapshot = new ClusterSnapshot(Set.of("default", "other"), List.of(a, b),
                List.of(), List.of(), List.of(pod("a", "10.0.0.1", List.of()), inOther), List.of(), null);

        List<EndpointSlice> slices = EffectiveSlices.of(snapshot);

        assertThat(slices).extracting(EndpointSlice::namespace).containsExactly("default", "other");
        assertThat(slices.get(1).name()).isEqualTo("web-derived-ipv4").isSameAs(slices.get(0).name());
        assertThat(slices.get(1).ports()).isSameAs(slices.get(0).ports());
    }

    private static Service service(List<ServicePort> ports, List<IpFamily> families) {
        return new Service("default", "web", ServiceType.CLUSTER_IP, List.of(Service.NONE), null, ports, WEB, false,
                families, Map.of());
    }

    private static Pod pod(String name, String ip, List<ContainerPort> ports) {
        return pod(name, List.of(ip), ports);
    }

    private static Pod pod(String name, List<String> ips, List<ContainerPort> ports) {
        return new Pod("default", name, WEB, ips, null, null, Pod.Phase.RUNNING, true, false, "node-1", null,
                PodDns.DEFAULTS, ports);
    }
}
