package dev.kdi.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.lint.LintBenchmark;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.session.LoadingHeadroom;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionRequest;
import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import dev.kdi.ui.common.MemoryPreferences;
import dev.kdi.ui.common.UiPreferences;
import dev.kdi.ui.common.UserMessage;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.live.ReplicaOption;
import dev.kdi.ui.live.Reproduction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowModelTest {
    private final Clock clock = Clock.systemUTC();
    private final List<UserMessage> messages = new ArrayList<>();
    private FakeOpener opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()),
            List.of("kind-kdi-test", "prod-eu"), clock);
    private WindowModel model;

    private WindowModel model() {
        model = new WindowModel(new CurrentThreadTaskExecutor(), opener, messages::add, clock, ZoneOffset.UTC,
                new Reproduction(new Random(1)));
        return model;
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private static WindowModel.Start start(boolean demo) {
        return new WindowModel.Start(demo, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void noKubeconfig_showsTheWelcome() {
        opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()), List.of(), clock);
        WindowModel m = model();
        m.start(start(false));
        assertThat(m.phase().get()).isEqualTo(WindowModel.Phase.WELCOME);
        assertThat(m.info().get()).isNull();
        // The demo already loads behind the welcome: the app starts on it, one click away.
        FakeSession preloaded = opener.last();
        assertThat(preloaded.info().kind()).isEqualTo(SessionInfo.Kind.DEMO);
        m.open(new SessionRequest.Demo());
        assertThat(m.phase().get()).isEqualTo(WindowModel.Phase.READY);
        assertThat(m.demo().get()).isTrue();
        assertThat(m.info().get().kind()).isEqualTo(SessionInfo.Kind.DEMO);
        assertThat(opener.last()).isSameAs(preloaded);
    }

    @Test
    void openingASession_isOneLoadForTheHeap_endedWhetherItOpensOrFails() {
        LoadingHeadroom headroom = LoadingHeadroom.none();
        List<Boolean> loadingWhileOpened = new ArrayList<>();
        opener = new FakeOpener(() -> {
            loadingWhileOpened.add(headroom.isLoading());
            return SeedCluster.session(clock, SeedCluster.healthyReplicas());
        }, List.of("kind-kdi-test", "prod-eu"), clock);
        model = new WindowModel(new CurrentThreadTaskExecutor(), opener, messages::add, clock, ZoneOffset.UTC,
                new Reproduction(new Random(1)), UiPreferences.inMemory(), headroom);
        model.start(start(true));
        assertThat(model.phase().get()).isEqualTo(WindowModel.Phase.READY);
        assertThat(loadingWhileOpened).containsExactly(true);
        assertThat(headroom.isLoading()).isFalse();

        opener.failLive("connection refused");
        model.open(new SessionRequest.Live(Optional.empty(), Optional.of("prod-eu")));
        assertThat(messages).isNotEmpty();
        assertThat(headroom.isLoading()).isFalse();
    }

    @Test
    void whatASessionOpened_tellsTheHeapWhetherALargeClusterIsOpen() {
        LoadingHeadroom headroom = LoadingHeadroom.none();
        // Just over 10,000 pods and Services.
        ClusterSnapshot large = LintBenchmark.generate(120);
        boolean[] nextLarge = {false};
        opener = new FakeOpener(() -> nextLarge[0]
                ? new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "large", "", ""), large,
                        CorefileParser.kubeadmDefault(), clock, SeedCluster.healthyReplicas())
                : SeedCluster.session(clock, SeedCluster.healthyReplicas()), List.of("kind-kdi-test", "prod-eu"), clock);
        model = new WindowModel(new CurrentThreadTaskExecutor(), opener, messages::add, clock, ZoneOffset.UTC,
                new Reproduction(new Random(1)), UiPreferences.inMemory(), headroom);
        model.start(start(true));
        assertThat(headroom.isLargeOpen()).isFalse();

        nextLarge[0] = true;
        model.open(new SessionRequest.Live(Optional.empty(), Optional.of("prod-eu")));
        assertThat(model.phase().get()).isEqualTo(WindowModel.Phase.READY);
        assertThat(headroom.isLargeOpen()).isTrue();

        // A failed open leaves the large cluster open, and so its room.
        opener.failLive("connection refused");
        model.open(new SessionRequest.Live(Optional.empty(), Optional.of("kind-kdi-test")));
        assertThat(headroom.isLargeOpen()).isTrue();
    }

    private WindowModel model(UiPreferences preferences) {
        model = new WindowModel(new CurrentThreadTaskExecutor(), opener, messages::add, clock, ZoneOffset.UTC,
                new Reproduction(new Random(1)), preferences);
        return model;
    }

    @Test
    void kubeconfig_opensTheContextLastOpenedFromIt_whileItExists() {
        Path file = Path.of("/tmp/fake-config");
        UiPreferences prefs = new UiPreferences(new MemoryPreferences());
        prefs.cluster(file, "prod-eu", Set.of());
        model(prefs).start(start(false));
        assertThat(opener.requests()).last().isEqualTo(new SessionRequest.Live(Optional.empty(), Optional.of("prod-eu")));
        model.close();

        prefs.cluster(file, "deleted-since", Set.of());
        model(prefs).start(start(false));
        assertThat(opener.requests()).last().isEqualTo(new SessionRequest.Live(Optional.empty(),
                Optional.of("kind-kdi-test")));
        model.close();

        // A context given on the command line wins.
        prefs.cluster(file, "prod-eu", Set.of());
        model(prefs).start(new WindowModel.Start(false, Optional.empty(), Optional.of("kind-kdi-test"), Optional.empty()));
        assertThat(opener.requests()).last().isEqualTo(new SessionRequest.Live(Optional.empty(),
                Optional.of("kind-kdi-test")));
    }

    @Test
    void namespacesChosen_areRememberedPerContext_andChosenAgainWhereTheyStillExist() {
        Path file = Path.of("/tmp/fake-config");
        UiPreferences prefs = new UiPreferences(new MemoryPreferences());
        prefs.cluster(file, "kind-kdi-test", Set.of("shop", "deleted-since"));

        WindowModel m = model(prefs);
        m.start(start(false));

        assertThat(m.toolbar().chosenNamespaces()).containsExactly("shop");
        m.toolbar().chosenNamespaces().add("default");
        assertThat(prefs.namespaces(file, "kind-kdi-test")).containsExactly("default", "shop");
        assertThat(prefs.context(file)).contains("kind-kdi-test");
    }

    @Test
    void kubeconfig_opensItsCurrentContext_andListsEveryContext() {
        WindowModel m = model();
        m.start(start(false));
        assertThat(m.phase().get()).isEqualTo(WindowModel.Phase.READY);
        assertThat(m.toolbar().context().get()).isEqualTo("kind-kdi-test");
        assertThat(m.toolbar().contexts()).containsExactly("kind-kdi-test", "prod-eu");
        assertThat(m.toolbar().namespaces()).contains("default", "shop");
        assertThat(m.toolbar().clusterDomain().get()).isEqualTo("cluster.local");
        assertThat(m.toolbar().replicaOptions()).extracting(ReplicaOption::label)
                .containsExactly("all replicas", "coredns-7db6d8ff4d-2xkqz", "coredns-7db6d8ff4d-q8h5m");
        assertThat(m.tree().source().get().roots()).hasSize(5);
    }

    @Test
    void clusterThatCannotBeReached_leavesTheWelcomeWithWhatHappened() {
        opener.failLive("cannot reach https://10.0.0.1:6443: connection refused; is the VPN up?");
        WindowModel m = model();
        m.start(start(false));
        assertThat(m.phase().get()).isEqualTo(WindowModel.Phase.WELCOME);
        assertThat(m.welcomeProblem().get()).isEqualTo("Could not open context kind-kdi-test: cannot reach"
                + " https://10.0.0.1:6443: connection refused; is the VPN up?");
    }

    @Test
    void failingSwitch_keepsTheClusterShownAndTellsTheUser() {
        WindowModel m = model();
        m.start(start(false));
        opener.failLive("context prod-eu: the token has expired; log in again");
        m.toolbar().switchContext("prod-eu");
        assertThat(m.phase().get()).isEqualTo(WindowModel.Phase.READY);
        assertThat(m.toolbar().context().get()).isEqualTo("kind-kdi-test");
        assertThat(messages).singleElement().satisfies(msg -> {
            assertThat(msg.level()).isEqualTo(UserMessage.Level.ERROR);
            assertThat(msg.text()).contains("the token has expired");
        });
    }

    @Test
    void liveUpdate_replacesTheViewAndKeepsTheSelection() {
        WindowModel m = model();
        m.start(start(false));
        FakeSession session = opener.last();
        Entry headless = m.view().get().services("default").get(0);
        m.tree().selected().set(headless);
        assertThat(m.details().title().get()).isEqualTo("default/sample-headless");
        session.publish(SeedCluster.withPod(session.snapshot(), "default", "late", "10.40.0.9"));
        assertThat(m.view().get().podCount()).isEqualTo(10);
        assertThat(m.details().rows()).anyMatch(r -> r.value().equals("10.40.0.9"));
        assertThat(m.details().title().get()).isEqualTo("default/sample-headless");
    }

    @Test
    void typedClusterDomain_rebuildsTheView_andEmptyGoesBack() {
        WindowModel m = model();
        m.start(start(false));
        m.toolbar().clusterDomain().set("corp.example.");
        m.toolbar().applyClusterDomain();
        assertThat(m.view().get().zone()).isEqualTo("corp.example");
        assertThat(m.view().get().domainOverridden()).isTrue();
        assertThat(m.toolbar().clusterDomainSource().get()).startsWith("typed here");
        m.toolbar().clusterDomain().set("");
        m.toolbar().applyClusterDomain();
        assertThat(m.view().get().zone()).isEqualTo("cluster.local");
        assertThat(m.toolbar().clusterDomain().get()).isEqualTo("cluster.local");
    }

    @Test
    void invalidClusterDomain_isRefusedWithAReason() {
        WindowModel m = model();
        m.start(start(false));
        m.toolbar().clusterDomain().set("not a domain");
        m.toolbar().applyClusterDomain();
        assertThat(m.view().get().zone()).isEqualTo("cluster.local");
        assertThat(messages).singleElement().satisfies(msg -> assertThat(msg.text()).contains("is not a DNS domain"));
    }

    @Test
    void clusterDomainFromTheCommandLine_isUsedFromTheStart() {
        WindowModel m = model();
        m.start(new WindowModel.Start(false, Optional.empty(), Optional.empty(), Optional.of("corp.example")));
        assertThat(m.view().get().zone()).isEqualTo("corp.example");
    }

    @Test
    void chosenNamespaces_narrowTheTree() {
        WindowModel m = model();
        m.start(start(false));
        m.toolbar().chosenNamespaces().add("shop");
        assertThat(m.tree().source().get().roots()).extracting(Entry::name).containsExactly("shop");
    }

    @Test
    void replicaChoice_reachesDetailsAndLookup() {
        WindowModel m = model();
        m.start(start(false));
        ReplicaOption one = m.toolbar().replicaOptions().get(1);
        m.toolbar().replica().set(one);
        assertThat(m.details().replicaChoice().get()).isEqualTo(one.choice());
        assertThat(m.lookup().replica().get()).isEqualTo(one.choice());
    }

    @Test
    void replicaChanges_reachTheStatusBar() {
        WindowModel m = model();
        m.start(start(false));
        FakeSession session = opener.last();
        session.script(session.script("coredns-7db6d8ff4d-q8h5m").orElseThrow().failing("connection reset by peer"));
        assertThat(m.status().replicas()).filteredOn(r -> r.pod().equals("coredns-7db6d8ff4d-q8h5m")).singleElement()
                .satisfies(r -> assertThat(r.state().detail()).contains("connection reset by peer"));
    }

    @Test
    void manifests_openAsPredictionOnly() {
        WindowModel m = model();
        m.start(start(false));
        m.open(new SessionRequest.Manifests(List.of(SeedCluster.resource(SeedCluster.SEED)),
                Optional.of(SeedCluster.resource(SeedCluster.COREFILE))));
        assertThat(m.info().get().kind()).isEqualTo(SessionInfo.Kind.MANIFESTS);
        assertThat(m.canAsk().get()).isFalse();
        assertThat(m.toolbar().replicaOptions()).containsExactly(ReplicaOption.ALL);
        assertThat(opener.last().isClosed()).isTrue();
    }

    @Test
    void badManifest_saysWhichFile() {
        WindowModel m = model();
        m.start(start(false));
        Path missing = Path.of("no-such-dir", "cluster.yaml");
        m.open(new SessionRequest.Manifests(List.of(missing), Optional.empty()));
        assertThat(messages).singleElement().satisfies(msg -> assertThat(msg.text()).contains("cluster.yaml"));
        assertThat(m.info().get().kind()).isEqualTo(SessionInfo.Kind.LIVE);
    }

    @Test
    void manifestsWithBadFiles_showTheRest_andSayEachFileLeftOut() throws Exception {
        WindowModel m = model();
        m.start(start(false));
        Path dir = Path.of(WindowModelTest.class.getResource("/manifests/as-kubectl/ingress-dir").toURI());
        m.open(new SessionRequest.Manifests(List.of(dir), Optional.empty()));

        assertThat(m.info().get().kind()).isEqualTo(SessionInfo.Kind.MANIFESTS);
        assertThat(m.toolbar().namespaces()).contains("ingress-nginx");
        assertThat(messages).singleElement().satisfies(msg -> {
            assertThat(msg.level()).isEqualTo(UserMessage.Level.ERROR);
            assertThat(msg.title()).isEqualTo("3 files left out");
            assertThat(msg.text().lines()).allMatch(l -> l.length() <= 90 || !l.contains(" "));
            assertThat(msg.text().replace('\n', ' ')).contains("broken.yaml: document 1 (Service ingress-nginx/broken)")
                    .contains("kustomization.yaml: a kustomize directory");
        });
        assertThat(m.status().warnings()).filteredOn(w -> w.startsWith("Left out: ")).hasSize(3);
        assertThat(m.status().api().get()).isEqualTo("prediction only · 3 files left out");
    }

    @Test
    void refresh_reloadsFromTheSession() {
        WindowModel m = model();
        m.start(start(false));
        var before = m.view().get();
        m.refresh();
        assertThat(m.view().get()).isNotSameAs(before);
        assertThat(m.toolbar().refreshing().get()).isFalse();
    }
}
