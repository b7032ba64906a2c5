package dev.kdi.ui.window;

import dev.kdi.session.ChangeDiffs;
import dev.kdi.session.CheckJson;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.Inspection;
import dev.kdi.session.Kubeconfig;
import dev.kdi.session.LoadingHeadroom;
import dev.kdi.session.Progress;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionListener;
import dev.kdi.session.SessionOpener;
import dev.kdi.session.SessionRequest;
import dev.kdi.ui.check.CheckModel;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.UiPreferences;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.common.UserMessage;
import dev.kdi.ui.details.DetailsModel;
import dev.kdi.ui.diff.OverlayModel;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.live.LiveAsker;
import dev.kdi.ui.live.ReplicaOption;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.lookup.LookupModel;
import dev.kdi.ui.status.StatusModel;
import dev.kdi.ui.toolbar.ToolbarModel;
import dev.kdi.ui.tree.ClusterTreeModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.SetChangeListener;

/**
 * The whole window's state. Opens sessions off the UI thread, turns every new inspection into a
 * {@link Inventory} off the UI thread (the newest wins), and hands it to the tree, details,
 * lookup and status bar.
 */
public final class WindowModel implements AutoCloseable {
    /** What the window shows. */
    public enum Phase {
        /** Nothing open: what the tool does and how to start. */
        WELCOME,
        /** A session is opening; progress and cancel. */
        LOADING,
        /** A session is open. */
        READY
    }

    /**
     * How the window was started.
     *
     * @param demo open the demo cluster
     * @param kubeconfig the kubeconfig given, if any
     * @param context the context given, if any
     * @param clusterDomain a cluster domain to use instead of the detected one
     */
    public record Start(boolean demo, Optional<Path> kubeconfig, Optional<String> context,
                        Optional<String> clusterDomain) {
    }

    private final TaskExecutor executor;
    private final SessionOpener opener;
    private final Notifier notifier;
    private final ClusterTreeModel tree;
    private final DetailsModel details;
    private final LookupModel lookup;
    private final StatusModel status;
    private final CheckModel check;
    private final OverlayModel overlay;
    private final ToolbarModel toolbar;
    private final UiPreferences preferences;
    private final LoadingHeadroom headroom;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.WELCOME);
    private final ReadOnlyStringWrapper loadingMessage = new ReadOnlyStringWrapper(this, "loadingMessage", "");
    private final ReadOnlyDoubleWrapper loadingProgress = new ReadOnlyDoubleWrapper(this, "loadingProgress", -1);
    private final ReadOnlyStringWrapper welcomeProblem = new ReadOnlyStringWrapper(this, "welcomeProblem", "");
    private final ReadOnlyObjectWrapper<SessionInfo> info = new ReadOnlyObjectWrapper<>(this, "info");
    private final ReadOnlyObjectWrapper<Inventory> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper(this, "demo");
    private final ReadOnlyBooleanWrapper canAsk = new ReadOnlyBooleanWrapper(this, "canAsk");

    private Session session;
    private AutoCloseable subscription;
    private Optional<String> domainOverride = Optional.empty();
    private Inspection inspection;
    private TaskExecutor.Running opening = TaskExecutor.Running.DONE;
    private TaskExecutor.Running building = TaskExecutor.Running.DONE;
    private long opened;
    /** The demo, loading behind the welcome so that its button opens it at once. */
    private TaskExecutor.Running preloading = TaskExecutor.Running.DONE;
    private CompletableFuture<Opened> preloaded;
    private Runnable onViewShown = () -> {
    };

    public WindowModel(TaskExecutor executor, SessionOpener opener, Notifier notifier, Clock clock, ZoneId zone,
                       Reproduction reproduction) {
        this(executor, opener, notifier, clock, zone, reproduction, UiPreferences.inMemory());
    }

    /**
     * @param preferences what the window remembers between runs: the last context and namespaces
     *     of each kubeconfig file here, the rest in the window's views
     */
    public WindowModel(TaskExecutor executor, SessionOpener opener, Notifier notifier, Clock clock, ZoneId zone,
                       Reproduction reproduction, UiPreferences preferences) {
        this(executor, opener, notifier, clock, zone, reproduction, preferences, LoadingHeadroom.none());
    }

    /**
     * @param preferences what the window remembers between runs: the last context and namespaces
     *     of each kubeconfig file here, the rest in the window's views
     * @param headroom told when a session opens and its first view is built, and what it opened, so
     *     a large cluster loads without a whole-heap collection at every step of the heap's growth
     *     and keeps room for its next rebuild
     */
    public WindowModel(TaskExecutor executor, SessionOpener opener, Notifier notifier, Clock clock, ZoneId zone,
                       Reproduction reproduction, UiPreferences preferences, LoadingHeadroom headroom) {
        this.preferences = preferences;
        this.headroom = headroom;
        this.executor = executor;
        this.opener = opener;
        this.notifier = notifier;
        this.tree = new ClusterTreeModel(executor, notifier);
        this.details = new DetailsModel(executor, reproduction, notifier);
        this.lookup = new LookupModel(executor, clock, notifier, preferences);
        this.status = new StatusModel(zone);
        this.check = new CheckModel(executor, notifier);
        this.overlay = new OverlayModel(executor, (request, progress) -> {
            Session open = session;
            if (open == null) {
                throw new SessionException("open a cluster or the demo first: a change is laid over it");
            }
            Inspection basis = open.current();
            return OverlayModel.compared(ChangeDiffs.overlay(open, request.paths(), request.deletes(), progress),
                    basis);
        });
        this.toolbar = new ToolbarModel(new ToolbarModel.Commands() {
            @Override
            public void open(SessionRequest request) {
                WindowModel.this.open(request);
            }

            @Override
            public void refresh() {
                WindowModel.this.refresh();
            }

            @Override
            public void useClusterDomain(Optional<String> domain) {
                WindowModel.this.useClusterDomain(domain);
            }
        }, notifier, info.getReadOnlyProperty(), demo.getReadOnlyProperty(), canAsk.getReadOnlyProperty());
        // The names a change adds get rows; dropping it takes them away again.
        overlay.report().addListener((o, was, now) -> {
            if (view.get() != null) {
                tree.show(overlay.over(view.get()), Set.copyOf(toolbar.chosenNamespaces()));
            }
        });
        tree.selected().addListener((o, was, now) -> details.show(overlay.viewFor(now, view.get()), now));
        toolbar.chosenNamespaces().addListener((SetChangeListener<String>) c -> {
            if (view.get() != null) {
                tree.show(overlay.over(view.get()), Set.copyOf(toolbar.chosenNamespaces()));
            }
            rememberCluster();
        });
        toolbar.replica().addListener((o, was, now) -> {
            details.replicaChoice().set((now == null ? ReplicaOption.ALL : now).choice());
            lookup.replica().set((now == null ? ReplicaOption.ALL : now).choice());
        });
    }

    /** Opens what the command line asked for: the demo, the kubeconfig's context, or the welcome. */
    public void start(Start start) {
        domainOverride = start.clusterDomain().filter(d -> !d.isBlank());
        domainOverride.ifPresent(toolbar.clusterDomain()::set);
        Kubeconfig found = opener.kubeconfig(start.kubeconfig());
        Optional<Path> file = found.isEmpty() ? Optional.empty() : found.files().stream().findFirst().or(start::kubeconfig);
        toolbar.kubeconfig(found.names(), start.kubeconfig(), file);
        if (start.demo()) {
            open(new SessionRequest.Demo());
        } else if (file.isPresent()) {
            // The context given, else the one last opened from this file (while it still exists), else the current one.
            Optional<String> last = file.flatMap(preferences::context).filter(found.names()::contains);
            open(new SessionRequest.Live(start.kubeconfig(), start.context().or(() -> last).or(found::current)));
        } else {
            phase.set(Phase.WELCOME);
            welcomeProblem.set(String.join("; ", found.fileProblems()));
            preloadDemo();
        }
    }

    /**
     * Without a kubeconfig the app starts on the demo cluster: it loads behind the welcome, and
     * "Open the demo cluster" shows it without waiting.
     */
    private void preloadDemo() {
        CompletableFuture<Opened> result = new CompletableFuture<>();
        preloaded = result;
        Optional<String> override = domainOverride;
        preloading = BackgroundTask.of("Starting the demo cluster", ctx -> load(new SessionRequest.Demo(), override, ctx))
                .onSuccess(result::complete)
                .onFailure(result::completeExceptionally)
                .runOnce(executor);
    }

    private Opened load(SessionRequest request, Optional<String> override, BackgroundTask.Context ctx)
            throws SessionException, InterruptedException {
        try (LoadingHeadroom.Lease room = headroom.loading()) {
            Session s = opener.open(request);
            try {
                s.start((message, fraction) -> ctx.progress(message, fraction));
                Inspection first = s.current();
                ctx.progress("Building the view", -1);
                Opened opened = new Opened(s, first, Inventory.build(first, override));
                room.opened(first.snapshot());
                return opened;
            } catch (InterruptedException | SessionException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    /** Opens a session; the current one stays until the new one has loaded. */
    public void open(SessionRequest request) {
        opening.cancel();
        long attempt = ++opened;
        phase.set(Phase.LOADING);
        loadingMessage.set("Opening " + request.describe() + "…");
        loadingProgress.set(-1);
        CompletableFuture<Opened> ready = takePreloaded(request);
        if (ready != null) {
            // Already loading (or loaded) behind the welcome: show it as soon as it is there.
            ready.whenComplete((o, e) -> executor.onUiThread(() -> opened(request, attempt, o, e)));
            return;
        }
        Optional<String> override = domainOverride;
        BackgroundTask<Opened> task = BackgroundTask.of("Opening " + request.describe(), ctx -> load(request, override, ctx));
        opening = task.onProgress((m, f) -> {
            if (attempt == opened) {
                loadingMessage.set(m);
                loadingProgress.set(f);
            }
        }).onSuccess(o -> opened(request, attempt, o, null))
                .onFailure(e -> opened(request, attempt, null, e)).runOnce(executor);
    }

    /** The preloaded demo when that is what is asked for; a preload nobody wants is closed. */
    private CompletableFuture<Opened> takePreloaded(SessionRequest request) {
        CompletableFuture<Opened> p = preloaded;
        preloaded = null;
        if (p == null) {
            return null;
        }
        if (request instanceof SessionRequest.Demo) {
            return p;
        }
        preloading.cancel();
        p.thenAccept(o -> o.session().close());
        return null;
    }

    private void opened(SessionRequest request, long attempt, Opened o, Throwable e) {
        if (attempt != opened) {
            if (o != null) {
                o.session().close();
            }
            return;
        }
        if (e == null) {
            attach(request, o);
            return;
        }
        String why = "Could not open " + request.describe() + ": " + Failures.describe(e);
        if (session != null) {
            phase.set(Phase.READY);
            notifier.show(Failures.notice("Could not open " + request.describe(), e));
        } else {
            phase.set(Phase.WELCOME);
            welcomeProblem.set(why);
        }
    }

    private record Opened(Session session, Inspection inspection, Inventory view) {
    }

    private void attach(SessionRequest request, Opened o) {
        detach();
        session = o.session();
        SessionInfo i = session.info();
        // Read before the toolbar forgets the namespaces chosen in the cluster before.
        Set<String> remembered = kubeconfigFile().filter(f -> i.kind() == SessionInfo.Kind.LIVE)
                .map(f -> preferences.namespaces(f, i.name())).orElse(Set.of());
        // A change was compared with the cluster open before: it says nothing about this one.
        overlay.drop();
        info.set(i);
        demo.set(i.kind() == SessionInfo.Kind.DEMO);
        canAsk.set(i.canAskDns());
        toolbar.opened(request, i);
        status.session(i);
        LiveAsker asker = i.canAskDns() ? new LiveAsker(session) : null;
        String whyNot = i.canAskDns() ? "" : "These records are predicted from manifests: there is no cluster DNS to"
                + " ask. Open the demo or a cluster to compare with live answers.";
        details.connect(asker, whyNot, i.kind() == SessionInfo.Kind.LIVE ? Optional.of(i.name()) : Optional.empty());
        lookup.connect(asker, whyNot);
        check.connect(i.canAskDns() ? checker(session) : null, whyNot, () -> Set.copyOf(toolbar.chosenNamespaces()));
        Session attached = session;
        subscription = session.subscribe(new SessionListener() {
            @Override
            public void inspectionChanged(Inspection next) {
                executor.onUiThread(() -> {
                    if (session == attached) {
                        rebuild(next);
                    }
                });
            }

            @Override
            public void replicasChanged(List<ReplicaStatus> now) {
                executor.onUiThread(() -> {
                    if (session == attached) {
                        replicas(now);
                    }
                });
            }
        });
        // Read after subscribing, so that a change in between is not lost.
        replicas(session.replicas());
        welcomeProblem.set("");
        inspection = o.inspection();
        show(o.view());
        Set<String> still = new java.util.TreeSet<>(remembered);
        still.retainAll(toolbar.namespaces());
        toolbar.chosenNamespaces().addAll(still);
        rememberCluster();
        phase.set(Phase.READY);
        List<String> skipped = o.inspection().skippedFiles();
        if (!skipped.isEmpty()) {
            // Bad input is said, never dropped; the status bar keeps the lines after this fades.
            notifier.show(UserMessage.error(Texts.count(skipped.size(), "file", "files") + " left out",
                    Texts.wrap(String.join("\n", skipped) + "\nEverything else is shown.", 90)));
        }
        Inspection latest = session.current();
        if (latest != null && latest != o.inspection()) {
            rebuild(latest);
        }
    }

    /** The Check view's way to the session: its check, and what the JSON export says it worked from. */
    private CheckModel.Checker checker(Session s) {
        return new CheckModel.Checker() {
            @Override
            public CompletableFuture<CheckReport> check(CheckRequest request, Progress progress) {
                return s.check(request, progress);
            }

            @Override
            public String clusterDomain() {
                return view.get() == null ? s.current().clusterDomain() : view.get().zone();
            }

            @Override
            public Map<String, Object> view() {
                Inspection in = s.current();
                List<String> notes = new ArrayList<>(in.dns().notes());
                notes.addAll(in.notes());
                return CheckJson.view(s.info().kind(), in, in.report().warnings(), notes);
            }
        };
    }

    private void replicas(List<ReplicaStatus> now) {
        status.replicas(now);
        toolbar.replicas(now);
    }

    /** A newer inspection: build its view off the UI thread; only the newest is shown. */
    private void rebuild(Inspection next) {
        if (next != inspection) {
            overlay.clusterChanged();
        }
        inspection = next;
        building.cancel();
        Optional<String> override = domainOverride;
        building = BackgroundTask.of("Building the view", ctx -> Inventory.build(next, override))
                .onSuccess(v -> {
                    if (inspection == next) {
                        show(v);
                    }
                })
                .onFailure(e -> notifier.show(Failures.notice("Could not show the update", e)))
                .runOnce(executor);
    }

    private Optional<Path> kubeconfigFile() {
        String file = toolbar.kubeconfigFile().get();
        return file == null || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    }

    /** A live cluster's context and chosen namespaces are remembered for its kubeconfig file. */
    private void rememberCluster() {
        SessionInfo i = info.get();
        if (i != null && i.kind() == SessionInfo.Kind.LIVE) {
            kubeconfigFile().ifPresent(f -> preferences.cluster(f, i.name(), Set.copyOf(toolbar.chosenNamespaces())));
        }
    }

    /** What the window remembers between runs. */
    public UiPreferences preferences() {
        return preferences;
    }

    private void show(Inventory v) {
        view.set(v);
        toolbar.shown(v, domainOverride.isPresent());
        tree.show(overlay.over(v), Set.copyOf(toolbar.chosenNamespaces()));
        Entry selected = tree.selected().get();
        details.show(overlay.viewFor(selected, v), selected);
        lookup.show(v);
        status.view(v);
        onViewShown.run();
    }

    /** The cluster domain the user typed (empty: the detected one); the model and findings are rebuilt with it. */
    private void useClusterDomain(Optional<String> typed) {
        if (inspection == null) {
            return;
        }
        Optional<String> next = typed.filter(t -> !t.equalsIgnoreCase(inspection.clusterDomain()));
        if (next.equals(domainOverride)) {
            if (typed.isEmpty()) {
                toolbar.clusterDomain().set(view.get() == null ? "" : view.get().zone());
            }
            return;
        }
        domainOverride = next;
        rebuild(inspection);
    }

    /** Reloads everything from the source. */
    public void refresh() {
        if (session == null || toolbar.refreshing().get()) {
            return;
        }
        toolbar.setRefreshing(true);
        Session s = session;
        BackgroundTask.of("Refreshing", ctx -> {
            s.refresh((m, f) -> ctx.progress(m, f));
            return s.current();
        }).onSuccess(next -> {
            toolbar.setRefreshing(false);
            if (session == s && next != null && next != inspection) {
                rebuild(next);
            }
        }).onFailure(e -> {
            toolbar.setRefreshing(false);
            notifier.show(UserMessage.error("Refresh failed", Failures.describe(e)
                    + " The window keeps showing what was loaded before."));
        }).runOnce(executor);
    }

    /** Tries the kubeconfig's context again after opening it failed. */
    public void retry() {
        String file = toolbar.kubeconfigFile().get();
        String context = toolbar.context().get();
        open(new SessionRequest.Live(file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)),
                context.isEmpty() ? Optional.empty() : Optional.of(context)));
    }

    /** Stops opening; back to what was shown before. */
    public void cancelLoading() {
        if (phase.get() != Phase.LOADING) {
            return;
        }
        opening.cancel();
        opened++;
        phase.set(session != null ? Phase.READY : Phase.WELCOME);
    }

    /** Called after each view is handed to the views (for measurements). */
    public void onViewShown(Runnable action) {
        this.onViewShown = action;
    }

    private void detach() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Unsubscribing from a session being closed: nothing left to do.
            }
            subscription = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void close() {
        opening.cancel();
        building.cancel();
        check.cancel();
        takePreloaded(new SessionRequest.Live(Optional.empty(), Optional.empty()));
        detach();
    }

    public ClusterTreeModel tree() {
        return tree;
    }

    public DetailsModel details() {
        return details;
    }

    public LookupModel lookup() {
        return lookup;
    }

    /** The Check tab's state. */
    /** The change laid over the open cluster ("Open manifests as a change…"). */
    public OverlayModel overlay() {
        return overlay;
    }

    public CheckModel check() {
        return check;
    }

    public StatusModel status() {
        return status;
    }

    public ReadOnlyObjectProperty<Phase> phase() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadingMessage() {
        return loadingMessage.getReadOnlyProperty();
    }

    /** 0..1, negative when unknown. */
    public ReadOnlyDoubleProperty loadingProgress() {
        return loadingProgress.getReadOnlyProperty();
    }

    /** Why the welcome shows instead of a cluster (opening failed), or empty. */
    public ReadOnlyStringProperty welcomeProblem() {
        return welcomeProblem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SessionInfo> info() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Inventory> view() {
        return view.getReadOnlyProperty();
    }

    /** Whether the demo cluster is open: the window says DEMO wherever it shows the cluster. */
    public ReadOnlyBooleanProperty demo() {
        return demo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAsk() {
        return canAsk.getReadOnlyProperty();
    }

    /** The toolbar's state and commands. */
    public ToolbarModel toolbar() {
        return toolbar;
    }

    /** What "Copy diagnostics" copies: versions, what is open, its notes, the log's last lines. */
    public String diagnostics(ProblemLog log) {
        return Diagnostics.text(info.get(), inspection, session == null ? List.of() : session.replicas(), log);
    }

    /** The session open now, or null. */
    public Session session() {
        return session;
    }
}
