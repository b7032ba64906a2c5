package dev.kdi.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.RrType;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.diff.ChangeReport;
import dev.kdi.records.diff.DnsDiff;
import dev.kdi.records.diff.NameChange;
import dev.kdi.records.diff.Rejection;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.session.SessionException;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.inventory.Badge;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.ServiceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayModelTest {
    private static final Path NEW = Path.of("/tmp/rename.yaml");

    private static NameChange change(NameChange.Kind kind, String name, String ns, ObjectRef object, String before,
                                     String after) {
        return new NameChange(kind, name, RrType.A, ns, object, before, after, null, null, List.of());
    }

    /** web renamed to storefront: storefront's name appears, web's vanishes, a PTR changes. */
    private static ChangeReport rename() {
        return new ChangeReport(new DnsDiff(List.of(
                change(NameChange.Kind.ADDED, "storefront.shop.svc.cluster.local.", "shop",
                        ObjectRef.service("shop", "storefront"), "NXDOMAIN", "10.96.10.21"),
                change(NameChange.Kind.REMOVED, "web.shop.svc.cluster.local.", "shop",
                        ObjectRef.service("shop", "web"), "10.96.10.20", "NXDOMAIN"),
                change(NameChange.Kind.REMOVED, "10-244-1-10.web.shop.svc.cluster.local.", "shop", null,
                        "10.244.1.10", "NXDOMAIN"),
                change(NameChange.Kind.REMOVED, "10-244-1-20.db.shop.svc.cluster.local.", "shop",
                        ObjectRef.service("shop", "db"), "10.244.1.20", "NXDOMAIN")), List.of(), List.of()),
                List.of(new Rejection(ObjectRef.service("shop", "cache"), "spec.clusterIP", "\"10.96.10.30\"",
                        "\"None\"", "apply would be rejected: delete and recreate")),
                Optional.of(new DnsDiff(List.of(change(NameChange.Kind.CHANGED, "cache.shop.svc.cluster.local.",
                        "shop", ObjectRef.service("shop", "cache"), "10.96.10.30", "10.244.1.30")), List.of(),
                        List.of())),
                Optional.empty(), ClusterSnapshot.empty(), CorefileParser.kubeadmDefault());
    }

    private static Entry service(String ns, String name) {
        Service s = new Service(ns, name, ServiceType.CLUSTER_IP, List.of("10.96.10.20"), null, List.of(),
                Map.of("app", name), false, List.of(), Map.of());
        return new Entry.ServiceEntry(s, ServiceKind.CLUSTER_IP, "cluster.local", List.of(), 0,
                Badge.NONE);
    }

    private static Entry namespace(String name) {
        return new Entry.NamespaceEntry(name, 3, 4, true, Badge.NONE);
    }

    @Test
    void aChangeMarksTheRowsWhoseNamesItTouches_andCountsAsTheCliDoes() {
        List<Path> asked = new ArrayList<>();
        OverlayModel model = new OverlayModel(new CurrentThreadTaskExecutor(), (request, progress) -> {
            asked.addAll(request.paths());
            progress.update("Comparing", 0.5);
            return new OverlayModel.Compared(rename(), null);
        });

        model.open(List.of(NEW));

        assertThat(asked).containsExactly(NEW);
        assertThat(model.busy().get()).isFalse();
        assertThat(model.problem().get()).isEmpty();
        assertThat(model.source().get()).isEqualTo("rename.yaml");
        assertThat(model.summary()).isEqualTo("1 added, 3 removed, 0 changed, 0 new findings, 0 resolved findings");
        assertThat(model.rejections()).containsExactly(
                "Service shop/cache spec.clusterIP \"10.96.10.30\" \u2192 \"None\": apply would be rejected: delete and"
                        + " recreate",
                "If deleted and recreated: 0 added, 0 removed, 1 changed, 0 new findings, 0 resolved findings");
        // A row has its object's names and its own DNS name: the endpoint's name goes with the endpoint row.
        assertThat(model.markOf(service("shop", "web"))).contains(NameChange.Kind.REMOVED);
        assertThat(model.changesOf(service("shop", "web"))).extracting(NameChange::name)
                .containsExactly("web.shop.svc.cluster.local.");
        assertThat(model.markOf(service("shop", "cache"))).contains(NameChange.Kind.CHANGED);
        // Only its endpoint names vanish: the Service itself stays, changed.
        assertThat(model.markOf(service("shop", "db"))).contains(NameChange.Kind.CHANGED);
        assertThat(model.markOf(service("shop", "api"))).isEmpty();
        assertThat(model.markOf(namespace("shop"))).contains(NameChange.Kind.CHANGED);
        assertThat(model.markOf(namespace("default"))).isEmpty();
        assertThat(model.keeps(service("shop", "web"))).isTrue();
        assertThat(model.keeps(service("shop", "api"))).isFalse();
        assertThat(model.keeps(namespace("shop"))).as("shown for its rows, not for itself").isFalse();
        // The list has every change, the recreate's included.
        assertThat(model.changes()).extracting(NameChange::kind).containsExactly(NameChange.Kind.ADDED,
                NameChange.Kind.REMOVED, NameChange.Kind.REMOVED, NameChange.Kind.REMOVED, NameChange.Kind.CHANGED);

        model.changesOnly().set(true);
        model.drop();

        assertThat(model.report().get()).isNull();
        assertThat(model.changesOnly().get()).isFalse();
        assertThat(model.summary()).isEmpty();
        assertThat(model.markOf(service("shop", "web"))).isEmpty();
        assertThat(model.changes()).isEmpty();
    }

    @Test
    void aBadFileSaysWhy_andLeavesTheOverlayAsItWas() {
        boolean[] bad = {false};
        OverlayModel model = new OverlayModel(new CurrentThreadTaskExecutor(), (request, progress) -> {
            if (bad[0]) {
                throw new SessionException("/tmp/bad.yaml: document 1: Service shop/web: spec.ports[0].port: "
                        + "not a number: \"eighty\"");
            }
            return new OverlayModel.Compared(rename(), null);
        });
        model.open(List.of(NEW));
        ChangeReport shown = model.report().get();

        bad[0] = true;
        model.open(List.of(Path.of("/tmp/bad.yaml")));

        assertThat(model.problem().get()).isEqualTo("/tmp/bad.yaml: document 1: Service shop/web: "
                + "spec.ports[0].port: not a number: \"eighty\"");
        assertThat(model.report().get()).isSameAs(shown);
        assertThat(model.source().get()).isEqualTo("rename.yaml");
        assertThat(model.busy().get()).isFalse();

        model.dismissProblem();
        assertThat(model.problem().get()).isEmpty();
    }

    /** Holds each task until the test delivers its outcome, as a worker that finishes late would. */
    private static final class HeldExecutor implements TaskExecutor {
        final List<BackgroundTask<?>> held = new ArrayList<>();

        @Override
        public <T> Running execute(BackgroundTask<T> task) {
            held.add(task);
            return Running.DONE;
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        @SuppressWarnings("unchecked")
        void finish(int i) throws Exception {
            BackgroundTask<Object> t = (BackgroundTask<Object>) held.get(i);
            t.succeeded(t.work().run(BackgroundTask.Context.NONE));
        }
    }

    @Test
    void aResultDeliveredAfterTheChangeIsDroppedOrCancelled_isIgnored() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        OverlayModel model = new OverlayModel(executor, (request, progress) -> new OverlayModel.Compared(rename(), null));

        model.open(List.of(NEW));
        assertThat(model.busy().get()).isTrue();
        model.drop();
        executor.finish(0);

        assertThat(model.report().get()).isNull();
        assertThat(model.busy().get()).isFalse();

        model.open(List.of(NEW));
        model.cancel();
        executor.finish(1);
        assertThat(model.report().get()).isNull();

        // Only the newest of two opens shows.
        model.open(List.of(Path.of("/tmp/first.yaml")));
        model.open(List.of(NEW));
        executor.finish(3);
        executor.finish(2);
        assertThat(model.source().get()).isEqualTo("rename.yaml");
        assertThat(model.report().get()).isNotNull();
    }

    @Test
    void anEndpointsPtrGoesWithItsRow_soARowWhoseNameAndPtrVanishIsMarkedRemoved() {
        ChangeReport r = new ChangeReport(new DnsDiff(List.of(
                change(NameChange.Kind.REMOVED, "10.1.244.10.in-addr.arpa.", "shop", ObjectRef.service("shop", "db"),
                        "db-0.db.shop.svc.cluster.local.", "NXDOMAIN"),
                change(NameChange.Kind.REMOVED, "db-0.db.shop.svc.cluster.local.", "shop",
                        ObjectRef.service("shop", "db"), "10.244.1.10", "NXDOMAIN"),
                change(NameChange.Kind.ADDED, "20.1.244.10.in-addr.arpa.", "shop", ObjectRef.service("shop", "db"),
                        "NXDOMAIN", "10-244-1-20.db.shop.svc.cluster.local.")), List.of(), List.of()),
                List.of(), Optional.empty(), Optional.empty(), ClusterSnapshot.empty(), CorefileParser.kubeadmDefault());
        OverlayModel model = new OverlayModel(new CurrentThreadTaskExecutor(),
                (request, progress) -> new OverlayModel.Compared(r, null));
        model.open(List.of(NEW));

        Entry named = endpoint("10.244.1.10", "db-0");
        assertThat(model.changesOf(named)).extracting(NameChange::name).containsExactlyInAnyOrder(
                "10.1.244.10.in-addr.arpa.", "db-0.db.shop.svc.cluster.local.");
        assertThat(model.markOf(named)).contains(NameChange.Kind.REMOVED);
        // A ClusterIP Service's endpoint has no name of its own: its PTR alone marks it.
        Entry nameless = endpoint("10.244.1.20", "");
        assertThat(model.changesOf(nameless)).extracting(NameChange::name).containsExactly("20.1.244.10.in-addr.arpa.");
        assertThat(model.markOf(nameless)).contains(NameChange.Kind.ADDED);
        assertThat(model.markOf(endpoint("10.244.1.30", ""))).isEmpty();
    }

    private static Entry endpoint(String address, String hostname) {
        return new Entry.EndpointEntry("shop", "db", address, hostname, null, null, true, "cluster.local", Badge.NONE);
    }

    @Test
    void anOverlayWhoseFilesChangeOrWhoseClusterMovesOn_saysSo_andReloadComparesAgain(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("change.yaml");
        Files.writeString(file, "kind: Service\n");
        Path folder = Files.createDirectories(dir.resolve("more/deeper"));
        Files.writeString(folder.resolve("svc.yml"), "kind: Service\n");
        List<OverlayModel.Request> asked = new ArrayList<>();
        OverlayModel model = new OverlayModel(new CurrentThreadTaskExecutor(), (request, progress) -> {
            asked.add(request);
            return new OverlayModel.Compared(rename(), null);
        });
        OverlayModel.Request request = new OverlayModel.Request(List.of(file, dir.resolve("more")),
                List.of(ObjectRef.service("shop", "web")));
        model.open(request);
        model.checkFiles();
        assertThat(model.stale().get()).as("nothing changed yet").isEmpty();

        // A file deep in a folder given counts, as kdi diff -f reads folders recursively.
        Files.writeString(folder.resolve("svc.yml"), "kind: Service\nmetadata: {name: web}\n");
        model.checkFiles();
        assertThat(model.stale().get()).startsWith("svc.yml changed on disk since the change was compared");

        model.reload();
        assertThat(asked).containsExactly(request, request);
        assertThat(model.source().get()).isEqualTo("change.yaml and 1 more, deleting service/shop/web");
        assertThat(model.stale().get()).isEmpty();
        assertThat(model.request()).contains(request);

        Files.delete(file);
        model.checkFiles();
        assertThat(model.stale().get()).startsWith("change.yaml changed on disk");
        model.reload();

        model.clusterChanged();
        assertThat(model.stale().get()).startsWith("The cluster changed since the change was compared");
        model.drop();
        assertThat(model.stale().get()).isEmpty();
        model.clusterChanged();
        assertThat(model.stale().get()).as("nothing shown, nothing out of date").isEmpty();
    }

    @Test
    void aClusterThatMovesOnWhileTheChangeIsCompared_makesItsResultOutOfDateAtOnce() throws Exception {
        HeldExecutor executor = new HeldExecutor();
        OverlayModel model = new OverlayModel(executor, (request, progress) -> new OverlayModel.Compared(rename(), null));
        model.open(List.of(NEW));
        model.clusterChanged();
        executor.finish(0);
        assertThat(model.report().get()).isNotNull();
        assertThat(model.stale().get()).startsWith("The cluster changed");
    }

    @Test
    void theDialogReadsDeletionsAsKdiDiffDeleteDoes_namingTheLineOfAMistake() {
        assertThat(ChangeDialog.parse("svc/shop/web\n\n# the old one\n  sts/db/pg \nnamespace/old\nsvc/shop/web"))
                .containsExactly(ObjectRef.service("shop", "web"), new ObjectRef("StatefulSet", "db", "pg"),
                        ObjectRef.namespace("old"));
        assertThat(ChangeDialog.parse("")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeDialog.parse("svc/shop/web\nwidget/shop/x"))
                .hasMessage("Line 2: widget/shop/x: unknown kind \"widget\" (one of service, pod, statefulset, "
                        + "deployment, replicaset, daemonset, job, cronjob, namespace)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChangeDialog.parse("service/web"))
                .hasMessage("Line 1: service/web: expected KIND/NAMESPACE/NAME (namespace/NAME for a namespace)");
    }
}
