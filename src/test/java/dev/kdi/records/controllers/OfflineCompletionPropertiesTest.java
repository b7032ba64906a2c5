package dev.kdi.records.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.gen.ClusterGenerator;
import dev.kdi.records.gen.ClusterNames;
import dev.kdi.records.gen.GeneratedCluster;
import dev.kdi.records.gen.QuestionMix;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over generated clusters: a cluster's StatefulSets written without their pods and its Services
 * without cluster IPs, completed offline and then given the addresses the cluster assigned, is
 * exactly the live-shaped cluster, and answers as it does; before the addresses are filled in, the
 * answers already have the live statuses and record counts, and every placeholder is marked.
 */
@DisplayName("Offline completion over generated clusters")
class OfflineCompletionPropertiesTest {

    /** Pods generated over all seeds: the property says nothing if the generator never strips a set. */
    private static final AtomicInteger GENERATED = new AtomicInteger();

    @AfterAll
    static void someSeedsGeneratedPods() {
        assertThat(GENERATED.get()).as("pods generated over all seeds").isGreaterThan(20);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, Integer.getInteger("kdi.cases", 80));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatingPodsThenFillingInAddressesGivesTheLivePrediction(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        Shapes shapes = new Shapes(g.snapshot());
        ClusterSnapshot completed = OfflineCompletion.complete(shapes.asWritten);
        ClusterSnapshot filled = shapes.fillIn(completed);
        GENERATED.addAndGet(completed.provisional().generators().size());

        assertThat(filled.pods()).as("seed %d", seed).containsExactlyElementsOf(shapes.live.pods());
        assertThat(filled.services()).as("seed %d", seed).containsExactlyElementsOf(shapes.live.services());

        Corefile corefile = g.corefile();
        DnsModel live = DnsModel.build(shapes.live, corefile);
        DnsModel offline = DnsModel.build(completed, corefile);
        DnsModel afterwards = DnsModel.build(filled, corefile);
        for (Question q : QuestionMix.realistic(ClusterNames.of(live), seed, 300)) {
            Answer expected = live.answer(q);
            assertThat(afterwards.answer(q)).as("seed %d: %s", seed, q).isEqualTo(expected);
            if (!shapes.namesAnAddress(q.name())) {
                Answer predicted = offline.answer(q);
                assertThat(predicted.status()).as("seed %d: %s", seed, q).isEqualTo(expected.status());
                assertThat(predicted.answer()).as("seed %d: %s", seed, q).hasSameSizeAs(expected.answer());
                assertThat(predicted.additional()).as("seed %d: %s", seed, q).hasSameSizeAs(expected.additional());
                boolean placeholder = hasPlaceholder(predicted.answer()) || hasPlaceholder(predicted.additional());
                assertThat(!predicted.unassigned().isEmpty()).as("seed %d: %s marked", seed, q).isEqualTo(placeholder);
            }
        }
    }

    private static boolean hasPlaceholder(List<ResourceRecord> records) {
        return records.stream().anyMatch(r -> (r.type().mnemonic().equals("A") || r.type().mnemonic().equals("AAAA"))
                && Placeholders.inPlaceholderRange(r.data().text()));
    }

    /** The live-shaped cluster and the same written as people write manifests. */
    private static final class Shapes {
        final ClusterSnapshot live;
        final ClusterSnapshot asWritten;
        private final Map<ObjectRef, List<String>> realAddresses = new HashMap<>();
        private final Set<String> dashedAddresses = new HashSet<>();
        private int next;

        Shapes(ClusterSnapshot s) {
            List<IpFamily> families = OfflineCompletion.podFamilies(s.services());
            Set<ObjectRef> stripped = new HashSet<>();
            List<Pod> kept = new ArrayList<>();
            List<Pod> controllerPods = new ArrayList<>();
            for (Workload w : s.workloads()) {
                if (w.isStatefulSet() && onlyOwnPods(w, s.pods())) {
                    for (int i = 0; i < w.replicas(); i++) {
                        String name = w.name() + "-" + i;
                        stripped.add(ObjectRef.pod(w.namespace(), name));
                        Map<String, String> labels = new HashMap<>(w.template().labels());
                        labels.put("statefulset.kubernetes.io/pod-name", name);
                        labels.put("apps.kubernetes.io/pod-index", Integer.toString(i));
                        List<String> ips = families.stream().map(this::address).toList();
                        Pod pod = new Pod(w.namespace(), name, Map.copyOf(labels), ips, name, w.serviceName(),
                                Pod.Phase.RUNNING, true, false, null, new dev.kdi.records.objects.Owner(Kinds.STATEFUL_SET,
                                w.name()), w.template().dns(), w.template().containerPorts());
                        controllerPods.add(pod);
                        realAddresses.put(pod.ref(), ips);
                    }
                }
            }
            for (Pod p : s.pods()) {
                if (!stripped.contains(p.ref())) {
                    kept.add(p);
                }
                p.ips().forEach(ip -> dashedAddresses.add(dashed(ip)));
            }
            List<Pod> livePods = new ArrayList<>(kept);
            livePods.addAll(controllerPods);
            List<Service> writtenServices = new ArrayList<>();
            List<Service> liveServices = new ArrayList<>();
            for (Service written : s.services()) {
                Service svc = written;
                if (OfflineCompletion.needsClusterIp(written)) {
                    // Written without an address: the live cluster has one of the family it asks for.
                    List<IpFamily> wanted = written.ipFamilies().isEmpty() ? List.of(families.get(0)) : written.ipFamilies();
                    svc = new Service(written.namespace(), written.name(), written.type(),
                            wanted.stream().map(this::address).toList(), written.externalName(), written.ports(),
                            written.selector(), written.publishNotReadyAddresses(), written.ipFamilies(), written.labels());
                }
                liveServices.add(svc);
                boolean leaveOut = svc.type() != ServiceType.EXTERNAL_NAME && !svc.isHeadless()
                        && !svc.clusterIPs().isEmpty() && families(svc.clusterIPs()).equals(
                                svc.ipFamilies().isEmpty() ? List.of(families.get(0)) : svc.ipFamilies());
                svc.clusterIPs().forEach(ip -> dashedAddresses.add(dashed(ip)));
                if (leaveOut) {
                    realAddresses.put(svc.ref(), svc.clusterIPs());
                    writtenServices.add(new Service(svc.namespace(), svc.name(), svc.type(), List.of(), svc.externalName(),
                            svc.ports(), svc.selector(), svc.publishNotReadyAddresses(), svc.ipFamilies(), svc.labels()));
                } else {
                    writtenServices.add(svc);
                }
            }
            controllerPods.forEach(p -> p.ips().forEach(ip -> dashedAddresses.add(dashed(ip))));
            live = new ClusterSnapshot(s.namespaces(), liveServices, s.endpointSlices(), s.endpoints(), livePods,
                    s.workloads(), s.corefile());
            asWritten = new ClusterSnapshot(s.namespaces(), writtenServices, s.endpointSlices(), s.endpoints(), kept,
                    s.workloads(), s.corefile());
        }

        /** The completed snapshot with the cluster's own addresses where the placeholders were. */
        ClusterSnapshot fillIn(ClusterSnapshot c) {
            List<Pod> pods = new ArrayList<>();
            for (Pod p : c.pods()) {
                List<String> ips = c.provisional().isGenerated(p.ref()) ? realAddresses.get(p.ref()) : p.ips();
                assertThat(ips).as("a generated pod the live cluster lacks: %s", p.ref()).isNotNull();
                pods.add(new Pod(p.namespace(), p.name(), p.labels(), ips, p.hostname(), p.subdomain(), p.phase(),
                        p.ready(), p.terminating(), p.nodeName(), p.owner(), p.dns(), p.containerPorts()));
            }
            List<Service> services = new ArrayList<>();
            for (Service svc : c.services()) {
                List<String> ips = realAddresses.getOrDefault(svc.ref(), svc.clusterIPs());
                services.add(new Service(svc.namespace(), svc.name(), svc.type(), ips, svc.externalName(), svc.ports(),
                        svc.selector(), svc.publishNotReadyAddresses(), svc.ipFamilies(), svc.labels()));
            }
            return new ClusterSnapshot(c.namespaces(), services, c.endpointSlices(), c.endpoints(), pods, c.workloads(),
                    c.corefile());
        }

        /** Names spelled from an address (reverse names, dashed labels) differ by design. */
        boolean namesAnAddress(String name) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".arpa.")) {
                return true;
            }
            int dot = lower.indexOf('.');
            String first = dot < 0 ? lower : lower.substring(0, dot);
            return dashedAddresses.contains(first);
        }

        private String address(IpFamily family) {
            next++;
            return family == IpFamily.IPV4 ? "10.250." + (next / 250) + "." + (next % 250 + 1)
                    : "fd00:250::" + Integer.toHexString(next);
        }

        private static boolean onlyOwnPods(Workload w, List<Pod> pods) {
            int own = 0;
            for (Pod p : pods) {
                if (!p.namespace().equals(w.namespace())) {
                    continue;
                }
                boolean owned = p.owner() != null && p.owner().kind().equals(w.kind()) && p.owner().name().equals(w.name());
                if (!owned && w.selector().matches(p.labels())) {
                    return false;
                }
                own += owned ? 1 : 0;
            }
            return own == w.replicas();
        }

        private static List<IpFamily> families(List<String> ips) {
            return ips.stream().map(ip -> IpAddress.version(ip) == 6 ? IpFamily.IPV6 : IpFamily.IPV4).toList();
        }

        private static String dashed(String ip) {
            String canonical = IpAddress.canonical(ip);
            String text = canonical == null ? ip : canonical;
            return text.contains(".") ? text.replace('.', '-') : text.replace(':', '-').toLowerCase(java.util.Locale.ROOT);
        }
    }
}
