package dev.kdi.records.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Unassigned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Manifests as written, completed with pods and placeholder addresses")
class OfflineCompletionTest {

    private static TestCluster zookeeper() {
        return new TestCluster()
                .add(TestCluster.svc("default", "zk-hs").headless().port("server", 2888).selector("app", "zk").build())
                .add(TestCluster.svc("default", "zk-cs").port("client", 2181).selector("app", "zk").build())
                .add(TestCluster.workload(Kinds.STATEFUL_SET, "default", "zk").labels("app", "zk").serviceName("zk-hs")
                        .replicas(3).build());
    }

    @Test
    void aStatefulSetWithoutPodsBecomesItsPodsWithPlaceholderAddresses() {
        ClusterSnapshot completed = OfflineCompletion.complete(zookeeper().snapshot());

        assertThat(completed.pods()).extracting(Pod::name).containsExactly("zk-0", "zk-1", "zk-2");
        assertThat(completed.pods()).allSatisfy(p -> {
            assertThat(p.ips()).hasSize(1);
            assertThat(Placeholders.inPlaceholderRange(p.ips().get(0))).isTrue();
            assertThat(completed.provisional().isGenerated(p.ref())).isTrue();
            assertThat(completed.provisional().isAssumedReady(p.ref())).isTrue();
        });
        Service cs = completed.services().stream().filter(s -> s.name().equals("zk-cs")).findFirst().orElseThrow();
        assertThat(cs.clusterIPs()).hasSize(1);
        assertThat(completed.provisional().ofAddress(cs.clusterIPs().get(0)))
                .containsExactly(new Unassigned(Unassigned.Kind.CLUSTER_IP, ObjectRef.service("default", "zk-cs")));
    }

    @Test
    void answersSayWhatIsNotAssignedAndKeepWhatCoreDnsWillServe() {
        DnsModel model = DnsModel.build(OfflineCompletion.complete(zookeeper().snapshot()), TestCluster.corefile(
                TestCluster.PLAIN_COREFILE));

        Answer perPod = model.answer("zk-1.zk-hs.default.svc.cluster.local", RrType.A);
        assertThat(perPod.status()).isEqualTo(Status.NOERROR);
        assertThat(perPod.unassigned()).containsExactly(new Unassigned(Unassigned.Kind.POD_IP, ObjectRef.pod("default", "zk-1")));

        Answer srv = model.answer("_client._tcp.zk-cs.default.svc.cluster.local", RrType.SRV);
        assertThat(srv.status()).isEqualTo(Status.NOERROR);
        assertThat(srv.answer()).extracting(r -> r.data().text()).containsExactly("0 100 2181 zk-cs.default.svc.cluster.local.");
        assertThat(srv.unassigned()).extracting(Unassigned::kind).containsExactly(Unassigned.Kind.CLUSTER_IP);

        String ip = perPod.answer().get(0).data().text();
        String reverse = dev.kdi.records.names.IpAddress.parse(ip).orElseThrow().reverseName();
        Answer ptr = model.answer(reverse, RrType.PTR);
        assertThat(ptr.status()).isEqualTo(Status.NOERROR);
        assertThat(ptr.unassigned()).extracting(Unassigned::kind).containsExactly(Unassigned.Kind.POD_IP);

        Answer none = model.answer("zk-9.zk-hs.default.svc.cluster.local", RrType.A);
        assertThat(none.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(none.unassigned()).isEmpty();
    }

    @Test
    void aWorkloadWithAPodInTheInputIsLeftAlone() {
        TestCluster cluster = zookeeper().add(TestCluster.pod("default", "zk-0").ip("10.244.0.5").labels("app", "zk")
                .hostname("zk-0", "zk-hs").build());

        ClusterSnapshot completed = OfflineCompletion.complete(cluster.snapshot());

        assertThat(completed.pods()).extracting(Pod::name).containsExactly("zk-0");
        assertThat(completed.pods().get(0).ips()).containsExactly("10.244.0.5");
        assertThat(completed.provisional().generators()).isEmpty();
    }

    @Test
    void aLiveSnapshotIsNeverCompleted() {
        ClusterSnapshot s = zookeeper().snapshot();
        ClusterSnapshot live = new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(),
                s.pods(), s.workloads(), s.corefile(), true);

        assertThat(OfflineCompletion.complete(live)).isSameAs(live);
    }

    @Test
    void placeholdersAreTheSameInEveryRunAndEveryInputOrder() {
        TestCluster many = zookeeper();
        for (int i = 0; i < 40; i++) {
            many.add(TestCluster.svc("team-" + (i % 4), "svc-" + i).port("http", 80).selector("app", "a" + i).build());
            many.add(TestCluster.workload(Kinds.DEPLOYMENT, "team-" + (i % 4), "app-" + i).labels("app", "a" + i)
                    .replicas(3).build());
        }
        ClusterSnapshot s = many.snapshot();
        Map<ObjectRef, List<String>> first = addresses(OfflineCompletion.complete(s));

        Random random = new Random(17);
        for (int round = 0; round < 5; round++) {
            List<Service> services = new ArrayList<>(s.services());
            List<dev.kdi.records.objects.Workload> workloads = new ArrayList<>(s.workloads());
            Collections.shuffle(services, random);
            Collections.shuffle(workloads, random);
            ClusterSnapshot shuffled = new ClusterSnapshot(s.namespaces(), services, s.endpointSlices(), s.endpoints(),
                    s.pods(), workloads, s.corefile());
            assertThat(addresses(OfflineCompletion.complete(shuffled))).isEqualTo(first);
        }
        // A known value: a change of the hash would move every diff's placeholders.
        assertThat(first.get(ObjectRef.service("default", "zk-cs"))).containsExactly("247.139.191.118");
        assertThat(first.values()).flatExtracting(Function.identity()).doesNotHaveDuplicates()
                .allSatisfy(ip -> assertThat(Placeholders.inPlaceholderRange(ip)).isTrue());
    }

    @Test
    void theSameObjectKeepsItsPlaceholderWhenOthersComeAndGo() {
        Map<ObjectRef, List<String>> before = addresses(OfflineCompletion.complete(zookeeper().snapshot()));
        TestCluster after = zookeeper()
                .add(TestCluster.svc("default", "new").port("http", 80).selector("app", "new").build());

        Map<ObjectRef, List<String>> afterAddresses = addresses(OfflineCompletion.complete(after.snapshot()));

        before.forEach((ref, ips) -> assertThat(afterAddresses.get(ref)).as(ref.toString()).isEqualTo(ips));
    }

    @Test
    void dualStackServicesGiveDualStackPlaceholdersInTheirOrder() {
        TestCluster cluster = new TestCluster()
                .add(TestCluster.svc("default", "web").port("http", 80).selector("app", "web")
                        .families(IpFamily.IPV6, IpFamily.IPV4).build())
                .add(TestCluster.workload(Kinds.DEPLOYMENT, "default", "web").labels("app", "web").build());

        ClusterSnapshot completed = OfflineCompletion.complete(cluster.snapshot());

        List<String> svcIps = completed.services().get(0).clusterIPs();
        assertThat(svcIps).hasSize(2);
        assertThat(svcIps.get(0)).startsWith("100::");
        assertThat(svcIps.get(1)).startsWith("24");
        assertThat(completed.pods().get(0).ips()).hasSize(2).allSatisfy(ip ->
                assertThat(Placeholders.inPlaceholderRange(ip)).isTrue());
    }

    @Test
    void thePlaceholderRangesAreTheReservedOnes() {
        assertThat(Placeholders.inPlaceholderRange("240.0.0.1")).isTrue();
        assertThat(Placeholders.inPlaceholderRange("255.255.255.254")).isTrue();
        assertThat(Placeholders.inPlaceholderRange("10.96.0.10")).isFalse();
        assertThat(Placeholders.inPlaceholderRange("100::1:2:3:4")).isTrue();
        assertThat(Placeholders.inPlaceholderRange("100:0:0:1::1")).isFalse();
        assertThat(Placeholders.inPlaceholderRange("2001:db8::1")).isFalse();
    }

    private static Map<ObjectRef, List<String>> addresses(ClusterSnapshot s) {
        Map<ObjectRef, List<String>> out = s.pods().stream().collect(Collectors.toMap(Pod::ref, Pod::ips));
        s.services().stream().filter(svc -> !svc.isHeadless()).forEach(svc -> out.put(svc.ref(), svc.clusterIPs()));
        return out;
    }
}
