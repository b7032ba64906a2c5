package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.demo.MockApiServer;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.testing.ApiServerFaults;
import dev.kdi.testing.ApiServerFaults.ApiRequest;
import dev.kdi.testing.Await;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loader against an API server that behaves as real ones do and fails as they fail: paginated
 * lists, continue tokens that expire, watches that drop or are too old, RBAC that forbids listing
 * across namespaces, and a server that stops answering.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterLoaderTest {
    /**
     * How long a state may take to show. Refused watches back off 250 ms, 500 ms, 1 s, 2 s, 4 s,
     * 8 s...: on a busy machine the refused spell lasts long enough for the next try to come 8 s
     * after the watches are allowed again, so the bound leaves room for that and for the relist.
     */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String USER = "limited-user";

    ApiServerFaults faults;
    MockApiServer api;
    ScheduledExecutorService scheduler;
    KubernetesClient client;
    final List<Boolean> staleSeen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        api = MockApiServer.start(false, inner -> faults = new ApiServerFaults(inner).paginate());
        scheduler = Executors.newScheduledThreadPool(2);
        for (String ns : List.of("default", "shop", "queue", "kube-system")) {
            api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .build()).create();
        }
        for (int i = 0; i < 7; i++) {
            pod("shop", "web-" + i, "10.244.1." + (10 + i));
        }
        pod("queue", "worker-0", "10.244.2.10");
        pod("default", "tool", "10.244.3.10");
        api.client().services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").endMetadata().withNewSpec().withClusterIP("10.96.0.50")
                .withClusterIPs("10.96.0.50").addNewPort().withPort(80).endPort().endSpec().build()).create();
        api.client().services().inNamespace("queue").resource(new ServiceBuilder().withNewMetadata().withName("mq")
                .withNamespace("queue").endMetadata().withNewSpec().withClusterIP("10.96.0.60")
                .withClusterIPs("10.96.0.60").addNewPort().withPort(5672).endPort().endSpec().build()).create();
        api.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("coredns").withNamespace("kube-system").endMetadata()
                .addToData("Corefile", ".:53 {\n    kubernetes cluster.local\n}\n").build()).create();
        client = new KubernetesClientBuilder().withConfig(userConfig(2_000)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        scheduler.shutdownNow();
        api.close();
    }

    Config userConfig(int requestTimeoutMillis) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withOauthToken(USER)
                .withRequestTimeout(requestTimeoutMillis).withConnectionTimeout(requestTimeoutMillis)
                .withWatchReconnectLimit(0).withRequestRetryBackoffLimit(0).build();
    }

    void pod(String ns, String name, String ip) {
        var p = api.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewSpec().withNodeName("node-1").endSpec().build()).create();
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP(ip)
                .addNewPodIP().withIp(ip).endPodIP().build());
        api.client().pods().resource(p).updateStatus();
    }

    ClusterLoader loader(List<String> namespaces, int pageSize) {
        ClusterLoader[] self = new ClusterLoader[1];
        self[0] = new ClusterLoader(client, new ObjectConverter(new Interner()), namespaces, pageSize, scheduler,
                Clock.systemUTC(), () -> {
                    if (self[0] != null) {
                        staleSeen.add(self[0].report().isStale());
                    }
                });
        return self[0];
    }

    List<ApiRequest> requests(String verb, String resource) {
        return faults.requests().stream().filter(r -> r.verb().equals(verb) && r.resource().equals(resource)).toList();
    }

    static List<String> podNames(ClusterSnapshot s) {
        return s.pods().stream().map(p -> p.namespace() + "/" + p.name()).sorted().toList();
    }

    @Test
    @DisplayName("lists come in pages of the page size, each asked for with the previous page's continue token")
    void load_readsEveryPage_whenTheServerPaginates() throws Exception {
        try (ClusterLoader loader = loader(List.of("default"), 3)) {
            loader.load();
            assertThat(podNames(loader.snapshot())).hasSize(9).contains("shop/web-0", "shop/web-6", "queue/worker-0");
            List<ApiRequest> pages = requests("list", "pods");
            assertThat(pages).hasSize(3).allSatisfy(r -> assertThat(r.query()).containsEntry("limit", "3"));
            assertThat(pages.get(0).query()).doesNotContainKey("continue");
            assertThat(pages.get(1).query().get("continue")).isNotEmpty();
            assertThat(loader.report().isComplete()).isTrue();
        }
    }

    @Test
    @DisplayName("a continue token that expires mid-list starts that kind over, without duplicates")
    void load_startsTheKindOver_whenAContinueTokenExpires() throws Exception {
        try (ClusterLoader loader = loader(List.of("default"), 2)) {
            faults.expireNextContinueToken("pods");
            loader.load();
            assertThat(podNames(loader.snapshot())).hasSize(9).doesNotHaveDuplicates();
            List<ApiRequest> pods = requests("list", "pods");
            // Page 1, then page 2 refused (410), then pages 1 to 5 again.
            assertThat(pods).hasSize(7);
            assertThat(pods.get(2).query()).doesNotContainKey("continue");
        }
    }

    @Test
    @DisplayName("a watch that drops is marked stale, then resumes from the last resourceVersion seen")
    void watch_resumesFromTheLastResourceVersion_whenTheWatchDrops() throws Exception {
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            loader.load();
            loader.watch();
            // Every kind, and the DNS pods' ConfigMaps.
            Await.until(WAIT, () -> faults.openWatches() == ResourceKind.values().length + 1, "everything watched");
            pod("shop", "web-new", "10.244.1.99");
            // pod() writes twice (create, then status): wait for the second, or the loader may
            // rightly resume from the first.
            Await.until(WAIT, () -> loader.snapshot().pods().stream().anyMatch(
                    p -> p.name().equals("web-new") && p.ips().contains("10.244.1.99")), "the new pod's address arrives");
            String lastSeen = api.client().pods().inNamespace("shop").withName("web-new").get().getMetadata()
                    .getResourceVersion();
            int watchesBefore = requests("watch", "pods").size();

            faults.dropWatches();
            Await.until(WAIT, () -> staleSeen.contains(true), "the view is reported stale");
            Await.until(WAIT, () -> requests("watch", "pods").size() > watchesBefore, "the pods watch is re-opened");
            // The DNS ConfigMaps' own watch reconnects on its own timer: its note may clear a moment later.
            Await.until(WAIT, () -> !loader.report().isStale() && loader.report().problems().isEmpty(),
                    "the view is current again and no stale note outlives the recovery");

            ApiRequest resumed = requests("watch", "pods").get(watchesBefore);
            assertThat(Long.parseLong(resumed.query().get("resourceVersion"))).isGreaterThanOrEqualTo(
                    Long.parseLong(lastSeen));
            assertThat(loader.report().isComplete()).isTrue();
            pod("queue", "worker-1", "10.244.2.11");
            Await.until(WAIT, () -> podNames(loader.snapshot()).contains("queue/worker-1"), "changes arrive again");
            assertThat(requests("list", "pods")).as("resumed, not relisted").hasSize(1);
        }
    }

    @Test
    @DisplayName("a watch that drops after every few events keeps up without relisting")
    void watch_keepsUp_whenWatchesDropEveryFewEvents() throws Exception {
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            loader.load();
            faults.dropWatchesAfter(2);
            loader.watch();
            for (int i = 0; i < 6; i++) {
                pod("shop", "burst-" + i, "10.244.4." + i);
            }
            Await.until(WAIT, () -> podNames(loader.snapshot()).containsAll(List.of("shop/burst-0", "shop/burst-5")),
                    "every pod created while watches dropped arrives");
            assertThat(requests("watch", "pods").size()).isGreaterThan(1);
            assertThat(requests("list", "pods")).hasSize(1);
        }
    }

    @Test
    @DisplayName("a watch from a resourceVersion the server no longer has (410) relists, dropping what went away")
    void watch_relists_whenTheResourceVersionIsGone() throws Exception {
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            loader.load();
            loader.watch();
            // Every kind, and the DNS pods' ConfigMaps.
            Await.until(WAIT, () -> faults.openWatches() == ResourceKind.values().length + 1, "everything watched");

            faults.refuseWatches(true);
            faults.dropWatches();
            Await.until(WAIT, () -> loader.report().isStale(), "the view is reported stale");
            // Deleted while nobody watched: only a fresh list can tell.
            api.client().pods().inNamespace("shop").withName("web-3").delete();
            faults.goneForNextWatchOf(Arrays.stream(ResourceKind.values()).map(k -> k.plural).toList());
            faults.refuseWatches(false);

            Await.until(WAIT, () -> !podNames(loader.snapshot()).contains("shop/web-3"), "the deleted pod goes");
            // The DNS ConfigMaps' own watch reconnects on its own timer: its note may clear a moment later.
            Await.until(WAIT, () -> !loader.report().isStale() && loader.report().problems().isEmpty(),
                    "the view is current again and no stale note outlives the recovery");
            assertThat(requests("list", "pods").size()).isGreaterThan(1);
            assertThat(podNames(loader.snapshot())).hasSize(8);
        }
    }

    @Test
    @DisplayName("forbidden to list across namespaces: the context's and the named namespaces are read one by one")
    void load_fallsBackToNamespaces_whenListingAcrossAllIsForbidden() throws Exception {
        faults.forbid(r -> r.namespace() == null && (r.verb().equals("list") || r.verb().equals("watch")));
        faults.forbid(r -> "queue".equals(r.namespace()));
        try (ClusterLoader loader = loader(List.of("shop", "default", "queue"), 100)) {
            loader.load();
            ClusterSnapshot s = loader.snapshot();
            assertThat(podNames(s)).hasSize(8).contains("shop/web-0", "default/tool").doesNotContain("queue/worker-0");
            assertThat(s.namespaces()).contains("shop", "default");
            LoadReport report = loader.report();
            assertThat(report.namespaceScoped()).isTrue();
            assertThat(report.isComplete()).isFalse();
            assertThat(report.problems()).extracting(LoadReport.AccessProblem::describe)
                    .anySatisfy(d -> assertThat(d).startsWith("cannot list pods across all namespaces"))
                    .anySatisfy(d -> assertThat(d).startsWith("cannot list namespaces across all namespaces"))
                    .anySatisfy(d -> assertThat(d).startsWith("cannot list pods in namespace queue"));
            assertThat(report.namespaces()).containsExactly("shop", "default");

            loader.watch();
            pod("shop", "web-late", "10.244.1.77");
            Await.until(WAIT, () -> podNames(loader.snapshot()).contains("shop/web-late"),
                    "namespace-scoped watches deliver");
            assertThat(requests("watch", "pods")).allSatisfy(r -> assertThat(r.namespace()).isIn("shop", "default"));
        }
    }

    @Test
    @DisplayName("forbidden to list namespaces only: the namespaces objects live in still exist")
    void snapshot_keepsNamespacesOfObjects_whenNamespacesCannotBeListed() throws Exception {
        faults.forbid(r -> r.resource().equals("namespaces"));
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            loader.load();
            assertThat(loader.snapshot().namespaces()).contains("default", "shop", "queue");
            assertThat(loader.report().problems()).singleElement().extracting(LoadReport.AccessProblem::resource)
                    .isEqualTo("namespaces");
        }
    }

    @Test
    @DisplayName("the snapshot holds the model's own small records, never a fabric8 object")
    void snapshot_holdsNoFabric8Object() throws Exception {
        // JOL measures records only with this (Unsafe refuses their field offsets).
        System.setProperty("jol.magicFieldOffset", "true");
        try (ClusterLoader loader = loader(List.of("default"), 4)) {
            loader.load();
            ClusterSnapshot snapshot = loader.snapshot();
            assertThat(snapshot.pods()).hasSize(9);
            assertThat(org.openjdk.jol.info.GraphLayout.parseInstance(snapshot).getClasses())
                    .extracting(Class::getName).noneMatch(n -> n.startsWith("io.fabric8"))
                    .anyMatch(n -> n.equals(dev.kdi.records.objects.Pod.class.getName()));
        }
    }

    @Test
    void load_recordsTheCorefileAsUnknown_whenItsConfigMapIsForbidden() throws Exception {
        faults.forbid(r -> r.resource().equals("configmaps"));
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            loader.load();
            assertThat(loader.corefile()).isEmpty();
            assertThat(loader.report().problems()).singleElement().satisfies(p -> {
                assertThat(p.resource()).isEqualTo("configmaps");
                assertThat(p.describe()).contains("kube-system").contains("forbidden");
            });
        }
    }

    @Test
    @DisplayName("an API server that stops answering mid-load ends the load with a message, within the timeout")
    void load_failsWithAMessage_whenTheServerStopsAnswering() throws Exception {
        client.close();
        client = new KubernetesClientBuilder().withConfig(userConfig(500)).build();
        faults.stallAfter(2);
        long start = System.nanoTime();
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            assertThatThrownBy(loader::load).isInstanceOf(ClusterException.class)
                    .hasMessageStartingWith("the API server stopped answering while listing endpointslices")
                    .hasMessageContaining("500 ms");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void load_saysToLogInAgain_whenTheCredentialsAreRejected() throws Exception {
        faults.acceptOnlyTokens("someone-else");
        try (ClusterLoader loader = loader(List.of("default"), 100)) {
            assertThatThrownBy(loader::load).isInstanceOf(ClusterException.class)
                    .hasMessageContaining("401 Unauthorized").hasMessageContaining("log in again");
        }
    }
}
