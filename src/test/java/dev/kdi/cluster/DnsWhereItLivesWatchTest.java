package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.MockApiServer;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.testing.ApiServerFaults;
import dev.kdi.testing.ApiServerFaults.ApiRequest;
import dev.kdi.testing.Await;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster DNS read where it lives, for the user most operators on a shared cluster are: may
 * list nothing across all namespaces, may read their own namespace ({@code default}) and
 * {@code kube-system}, but not the Corefile's ConfigMap; refusals are the API server's own 403
 * Status bodies. The DNS Service, its EndpointSlices and its pods are watched where they live, so
 * a replica that comes, goes or moves shows without a reload, through drops and 410s.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DnsWhereItLivesWatchTest {
    /** Refused watches back off up to 8 s on a busy machine before the next try: see ClusterLoaderTest.WAIT. */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String USER = "jane";
    static final Set<String> READABLE = Set.of("default", "kube-system");
    static final Map<String, String> DNS_SELECTOR = Map.of("k8s-app", "kube-dns");
    static final Set<String> DNS_RESOURCES = Set.of("services", "endpointslices", "pods");

    ApiServerFaults faults;
    MockApiServer api;
    ScheduledExecutorService scheduler;
    KubernetesClient client;

    @BeforeEach
    void start() {
        api = MockApiServer.start(false, inner -> faults = new ApiServerFaults(inner).paginate());
        scheduler = Executors.newScheduledThreadPool(2);
        for (String ns : List.of("default", "kube-system", "shop")) {
            api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .build()).create();
        }
        api.client().services().inNamespace("kube-system").resource(new ServiceBuilder().withNewMetadata()
                .withName("kube-dns").withNamespace("kube-system").addToLabels("k8s-app", "kube-dns").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.10").withClusterIPs("10.96.0.10").withSelector(DNS_SELECTOR)
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").endPort().endSpec().build()).create();
        pod("kube-system", "coredns-a", DNS_SELECTOR, "10.244.0.2");
        pod("kube-system", "coredns-b", DNS_SELECTOR, "10.244.0.3");
        pod("kube-system", "kube-proxy-x", Map.of("k8s-app", "kube-proxy"), "10.0.0.5");
        slice("coredns-a", "10.244.0.2", "coredns-b", "10.244.0.3");
        api.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("coredns").withNamespace("kube-system").endMetadata()
                .addToData("Corefile", ".:53 {\n    kubernetes cluster.local\n}\n").build()).create();
        pod("default", "tool", Map.of("app", "tool"), "10.244.3.10");
        pod("shop", "web", Map.of("app", "web"), "10.244.1.10");
        faults.forbid(DnsWhereItLivesWatchTest::forbiddenToJane);
        client = new KubernetesClientBuilder().withConfig(userConfig()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        scheduler.shutdownNow();
        api.close();
    }

    /** Jane's role: nothing at the cluster scope, her namespace and kube-system, but not the Corefile. */
    static boolean forbiddenToJane(ApiRequest r) {
        if (r.namespace() == null) {
            return true;
        }
        if (r.resource().equals("configmaps") && r.namespace().equals("kube-system") && "coredns".equals(r.name())) {
            return true;
        }
        return !READABLE.contains(r.namespace());
    }

    Config userConfig() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withOauthToken(USER)
                .withRequestTimeout(2_000).withConnectionTimeout(2_000)
                .withWatchReconnectLimit(0).withRequestRetryBackoffLimit(0).build();
    }

    void pod(String ns, String name, Map<String, String> labels, String ip) {
        var p = api.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).withLabels(labels).endMetadata().withNewSpec().withNodeName("node-1").endSpec()
                .build()).create();
        readdress(p, ip);
    }

    void readdress(io.fabric8.kubernetes.api.model.Pod p, String ip) {
        p.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
        api.client().pods().resource(p).updateStatus();
    }

    /** The DNS Service's one EndpointSlice, with these pods (name, address, ...) ready behind it. */
    void slice(String... podsAndAddresses) {
        var builder = new EndpointSliceBuilder().withNewMetadata().withName("kube-dns-x1").withNamespace("kube-system")
                .addToLabels(ObjectConverter.SERVICE_NAME_LABEL, "kube-dns").endMetadata().withAddressType("IPv4")
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").endPort();
        for (int i = 0; i < podsAndAddresses.length; i += 2) {
            builder.addToEndpoints(new EndpointBuilder().withAddresses(podsAndAddresses[i + 1]).withNewConditions()
                    .withReady(true).endConditions().withNewTargetRef().withKind("Pod").withName(podsAndAddresses[i])
                    .withNamespace("kube-system").endTargetRef().build());
        }
        api.client().discovery().v1().endpointSlices().inNamespace("kube-system").resource(builder.build())
                .createOr(existing -> existing.update());
    }

    ClusterLoader loader() {
        return new ClusterLoader(client, new ObjectConverter(new Interner()), List.of("default"), 100, scheduler,
                Clock.systemUTC(), () -> {
                });
    }

    /** Every watch jane opened and was allowed is open now, the DNS's three among them. */
    boolean everythingWatched() {
        Set<String> asked = faults.requests().stream()
                .filter(r -> !r.isAdmin() && r.verb().equals("watch") && !forbiddenToJane(r))
                .map(r -> r.resource() + " " + r.namespace() + " " + r.query().get("labelSelector") + " "
                        + r.query().get("fieldSelector"))
                .collect(Collectors.toSet());
        return dnsWatches().stream().map(ApiRequest::resource).collect(Collectors.toSet()).equals(DNS_RESOURCES)
                && faults.openWatches() == asked.size();
    }

    List<ApiRequest> dnsWatches() {
        return faults.requests().stream().filter(r -> !r.isAdmin() && r.verb().equals("watch")
                && "kube-system".equals(r.namespace()) && DNS_RESOURCES.contains(r.resource())).toList();
    }

    static Map<String, List<String>> podAddresses(ClusterSnapshot s) {
        return s.pods().stream().collect(Collectors.toMap(p -> p.namespace() + "/" + p.name(), Pod::ips));
    }

    static List<String> replicas(ClusterLoader loader) {
        return loader.locateDns(loader.snapshot()).replicas().stream()
                .map(r -> r.pod() + "@" + r.address()).sorted().toList();
    }

    @Test
    @DisplayName("a DNS pod added, readdressed and deleted in kube-system shows without a reload; other pods there never")
    void watch_followsTheDnsPodsWhereTheyLive() throws Exception {
        try (ClusterLoader loader = loader()) {
            loader.load();
            assertThat(podAddresses(loader.snapshot())).containsOnlyKeys("default/tool", "kube-system/coredns-a",
                    "kube-system/coredns-b");
            assertThat(replicas(loader)).containsExactly("coredns-a@10.244.0.2", "coredns-b@10.244.0.3");
            loader.watch();
            Await.until(WAIT, this::everythingWatched, "every scope watched, the DNS's where it lives");
            // Each of the DNS's watches is as selective as its read: by name, or by label.
            assertThat(dnsWatches()).allSatisfy(r -> assertThat(r.query().keySet())
                    .containsAnyOf("labelSelector", "fieldSelector"));
            assertThat(dnsWatches()).filteredOn(r -> r.resource().equals("services")).singleElement()
                    .satisfies(r -> assertThat(r.query()).containsEntry("fieldSelector", "metadata.name=kube-dns"));
            assertThat(dnsWatches()).filteredOn(r -> r.resource().equals("pods")).singleElement()
                    .satisfies(r -> assertThat(r.query()).containsEntry("labelSelector", "k8s-app=kube-dns"));

            pod("kube-system", "metrics-server-1", Map.of("k8s-app", "metrics-server"), "10.244.0.9");
            pod("kube-system", "coredns-c", DNS_SELECTOR, "10.244.0.4");
            slice("coredns-a", "10.244.0.2", "coredns-b", "10.244.0.3", "coredns-c", "10.244.0.4");
            Await.until(WAIT, () -> replicas(loader).contains("coredns-c@10.244.0.4")
                            && List.of("10.244.0.4").equals(podAddresses(loader.snapshot()).get("kube-system/coredns-c")),
                    "the scaled-up replica and its address arrive");

            // The replica restarts elsewhere: a new address on the pod and in the slice.
            readdress(api.client().pods().inNamespace("kube-system").withName("coredns-a").get(), "10.244.0.12");
            slice("coredns-a", "10.244.0.12", "coredns-b", "10.244.0.3", "coredns-c", "10.244.0.4");
            Await.until(WAIT, () -> replicas(loader).contains("coredns-a@10.244.0.12")
                            && List.of("10.244.0.12").equals(podAddresses(loader.snapshot()).get("kube-system/coredns-a")),
                    "the readdressed replica arrives");

            api.client().pods().inNamespace("kube-system").withName("coredns-b").delete();
            slice("coredns-a", "10.244.0.12", "coredns-c", "10.244.0.4");
            Await.until(WAIT, () -> !podAddresses(loader.snapshot()).containsKey("kube-system/coredns-b")
                    && replicas(loader).equals(List.of("coredns-a@10.244.0.12", "coredns-c@10.244.0.4")),
                    "the deleted replica goes");

            assertThat(podAddresses(loader.snapshot())).containsOnlyKeys("default/tool", "kube-system/coredns-a",
                    "kube-system/coredns-c");
            assertThat(loader.report().isStale()).isFalse();
            // Only the real refusals, one line each: nothing about kube-system's DNS objects.
            assertThat(loader.report().problems()).extracting(LoadReport.AccessProblem::describe)
                    .noneMatch(d -> d.contains("in namespace kube-system") && !d.contains("configmaps"))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("the DNS's watches that drop resume from the last resourceVersion, without relisting")
    void watch_resumesTheDnsWatches_whenTheyDrop() throws Exception {
        try (ClusterLoader loader = loader()) {
            loader.load();
            loader.watch();
            Await.until(WAIT, this::everythingWatched, "every scope watched");
            pod("kube-system", "coredns-c", DNS_SELECTOR, "10.244.0.4");
            Await.until(WAIT, () -> List.of("10.244.0.4").equals(podAddresses(loader.snapshot())
                    .get("kube-system/coredns-c")), "the new replica's address arrives");
            String lastSeen = api.client().pods().inNamespace("kube-system").withName("coredns-c").get().getMetadata()
                    .getResourceVersion();
            int before = dnsWatches().size();

            faults.dropWatches();
            Await.until(WAIT, () -> loader.report().isStale() || dnsWatches().size() >= before + 3,
                    "the drop is seen");
            Await.until(WAIT, () -> dnsWatches().size() >= before + 3 && everythingWatched()
                    && !loader.report().isStale(), "the DNS's watches are open again and the view current");

            ApiRequest resumed = dnsWatches().subList(before, dnsWatches().size()).stream()
                    .filter(r -> r.resource().equals("pods")).findFirst().orElseThrow();
            assertThat(resumed.query()).containsEntry("labelSelector", "k8s-app=kube-dns");
            assertThat(Long.parseLong(resumed.query().get("resourceVersion")))
                    .isGreaterThanOrEqualTo(Long.parseLong(lastSeen));

            api.client().pods().inNamespace("kube-system").withName("coredns-a").delete();
            Await.until(WAIT, () -> !podAddresses(loader.snapshot()).containsKey("kube-system/coredns-a"),
                    "changes arrive again");
            assertThat(faults.requests()).filteredOn(r -> !r.isAdmin() && r.verb().equals("list")
                    && "kube-system".equals(r.namespace()) && r.resource().equals("pods")).as("resumed, not relisted")
                    .hasSize(1);
        }
    }

    @Test
    @DisplayName("a DNS watch from a resourceVersion the server no longer has (410) relists where the DNS lives")
    void watch_relistsTheDnsPods_whenTheResourceVersionIsGone() throws Exception {
        try (ClusterLoader loader = loader()) {
            loader.load();
            loader.watch();
            Await.until(WAIT, this::everythingWatched, "every scope watched");

            faults.refuseWatches(true);
            faults.dropWatches();
            Await.until(WAIT, () -> loader.report().isStale(), "the view is reported stale");
            // Deleted while nobody watched: only a fresh list can tell.
            api.client().pods().inNamespace("kube-system").withName("coredns-b").delete();
            faults.goneForNextWatchOf(List.of("kube-system/pods", "kube-system/endpointslices", "kube-system/services"));
            faults.refuseWatches(false);

            Await.until(WAIT, () -> !podAddresses(loader.snapshot()).containsKey("kube-system/coredns-b"),
                    "the replica deleted while the watch was down goes");
            Await.until(WAIT, () -> !loader.report().isStale(), "the view is current again");
            List<ApiRequest> podLists = faults.requests().stream().filter(r -> !r.isAdmin() && r.verb().equals("list")
                    && "kube-system".equals(r.namespace()) && r.resource().equals("pods")).toList();
            assertThat(podLists).hasSize(2)
                    .allSatisfy(r -> assertThat(r.query()).containsEntry("labelSelector", "k8s-app=kube-dns"));
            assertThat(podAddresses(loader.snapshot())).containsOnlyKeys("default/tool", "kube-system/coredns-a");
            assertThat(loader.snapshot().services()).extracting(s -> s.namespace() + "/" + s.name())
                    .containsExactly("kube-system/kube-dns");

            pod("kube-system", "coredns-d", DNS_SELECTOR, "10.244.0.5");
            Await.until(WAIT, () -> podAddresses(loader.snapshot()).containsKey("kube-system/coredns-d"),
                    "changes arrive after the relist");
        }
    }

    @Test
    @DisplayName("the DNS Service's new selector is followed: its pods are read and watched by it instead")
    void watch_followsTheDnsServicesSelector() throws Exception {
        try (ClusterLoader loader = loader()) {
            loader.load();
            loader.watch();
            Await.until(WAIT, this::everythingWatched, "every scope watched");
            pod("kube-system", "dns-new-0", Map.of("app.kubernetes.io/name", "coredns"), "10.244.0.20");
            api.client().services().inNamespace("kube-system").withName("kube-dns").edit(s -> {
                s.getSpec().setSelector(Map.of("app.kubernetes.io/name", "coredns"));
                return s;
            });
            Await.until(WAIT, () -> podAddresses(loader.snapshot()).keySet()
                    .equals(Set.of("default/tool", "kube-system/dns-new-0")), "the pods the new selector picks");
            Await.until(WAIT, () -> dnsWatches().stream().anyMatch(r -> r.resource().equals("pods")
                    && "app.kubernetes.io/name=coredns".equals(r.query().get("labelSelector"))), "watched by it");
            pod("kube-system", "dns-new-1", Map.of("app.kubernetes.io/name", "coredns"), "10.244.0.21");
            Await.until(WAIT, () -> podAddresses(loader.snapshot()).containsKey("kube-system/dns-new-1"),
                    "a pod the new selector picks later arrives");
        }
    }

    @Test
    @DisplayName("watching the DNS pods forbidden where they live: said once, the rest still watched")
    void watch_reportsOnlyTheRefusedDnsWatch() throws Exception {
        faults.forbid(r -> r.verb().equals("watch") && "kube-system".equals(r.namespace())
                && r.resource().equals("pods"));
        try (ClusterLoader loader = loader()) {
            loader.load();
            loader.watch();
            Await.until(WAIT, () -> loader.report().problems().stream()
                    .anyMatch(p -> p.verb().equals("watch")), "the refused watch is reported");
            assertThat(loader.report().problems()).extracting(LoadReport.AccessProblem::describe)
                    .filteredOn(d -> d.contains("in namespace kube-system") && !d.contains("configmaps"))
                    .singleElement().asString()
                    .startsWith("cannot watch pods in namespace kube-system: forbidden");
            slice("coredns-a", "10.244.0.2");
            Await.until(WAIT, () -> replicas(loader).equals(List.of("coredns-a@10.244.0.2")),
                    "the EndpointSlices are still watched");
        }
    }
}
