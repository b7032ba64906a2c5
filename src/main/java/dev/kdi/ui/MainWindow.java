package dev.kdi.ui;

import dev.kdi.records.RrType;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionRequest;
import dev.kdi.ui.check.CheckView;
import dev.kdi.ui.common.ClipboardText;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.UiPreferences;
import dev.kdi.ui.details.DetailsView;
import dev.kdi.ui.diff.ChangeDialog;
import dev.kdi.ui.diff.OverlayModel;
import dev.kdi.ui.diff.OverlayView;
import dev.kdi.ui.lookup.LookupView;
import dev.kdi.ui.replicas.ReplicasView;
import dev.kdi.ui.status.StatusView;
import dev.kdi.ui.toolbar.ToolbarView;
import dev.kdi.ui.tree.ClusterTreeView;
import dev.kdi.ui.tree.TreeActions;
import dev.kdi.ui.watch.WatchModel;
import dev.kdi.ui.watch.WatchView;
import dev.kdi.ui.welcome.WelcomeView;
import dev.kdi.ui.window.WindowModel;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the views together: toolbar, tree | details, lookup, status bar; welcome and loading on top. */
public final class MainWindow {
    private final WindowModel model;
    private final StackPane root = new StackPane();
    private final ClusterTreeView tree;
    private final DetailsView details;
    private final OverlayView overlay;
    private final Tab changesTab;
    private final CheckView check;
    private final Tab checkTab;
    private final LookupView lookup;
    private final TabPane views;
    private final WatchModel watch;
    private final ReplicasView.Opened replicas;
    private final StatusView status;
    private final Scene scene;
    private final CommandPalette palette;
    private final UiPreferences preferences;
    private final SplitPane top;
    private final SplitPane main;
    private Theme theme;
    /** The window whose size and place are remembered, once {@link #remember} is called. */
    private Stage stage;
    /** Set by "Reset preferences": closing then leaves them reset instead of saving the window's state. */
    private boolean forgotten;
    /** Where the lookup panel's divider was before it collapsed. */
    private double lookupExpandedAt = 0.66;

    public MainWindow(WindowModel model, ClipboardText clipboard, ZoneId zone) {
        this(model, clipboard, zone, ProblemLog.inMemory());
    }

    /**
     * @param log the window's log: "Copy diagnostics" copies its last lines
     */
    public MainWindow(WindowModel model, ClipboardText clipboard, ZoneId zone, ProblemLog log) {
        this.model = model;
        this.preferences = model.preferences();
        this.theme = Theme.saved(preferences).orElse(Theme.LIGHT);
        root.setId("kdi-root");
        tree = new ClusterTreeView(model.tree(), new TreeActions(clipboard::copy,
                fqdn -> lookUp(fqdn, RrType.A), ns -> {
                    model.toolbar().chosenNamespaces().clear();
                    model.toolbar().chosenNamespaces().add(ns);
                }));
        details = new DetailsView(model.details(), clipboard, entry -> tree.select(entry), this::lookUp);
        lookup = new LookupView(model.lookup(), model.toolbar().replicaOptions(), zone);
        status = new StatusView(model.status());

        // Cluster-wide views (Check, Replicas, Watch) sit as tabs beside the selected object's details.
        check = new CheckView(model.check(), this::reveal, clipboard);
        checkTab = new Tab("Check", check);
        checkTab.setId("tab-check");
        // The change overlay: its before/after pane above the details, its list of every changed
        // name in a tab while a change is open, its marks and filter on the tree.
        overlay = new OverlayView(model.overlay(), model.tree().selected());
        BorderPane detailsWithChange = new BorderPane(details);
        detailsWithChange.setTop(overlay.comparison());
        changesTab = new Tab("Changes", overlay.list());
        changesTab.setId("tab-changes");
        views = new TabPane(new Tab("Details", detailsWithChange), checkTab);
        wireOverlay();
        watch = new WatchModel(model::session, Platform::runLater, java.time.Clock.systemUTC(),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        views.getTabs().add(new Tab("Watch", new WatchView(watch, model.tree().selected(), zone)));
        replicas = ReplicasView.tab(model::session, model.info(), zone, log);
        views.getTabs().add(replicas.tab());
        // A watch asks the session it started on: another cluster opened ends it.
        model.info().addListener((o, was, now) -> watch.stop());
        views.setId("kdi-views");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        top = new SplitPane(tree, views);
        top.setId("split-tree");
        dividerOnceShown(top, preferences.split(TREE_SPLIT).orElse(0.4));
        SplitPane.setResizableWithParent(tree, false);
        main = new SplitPane(top, lookup);
        main.setId("split-lookup");
        main.setOrientation(Orientation.VERTICAL);
        lookupExpandedAt = preferences.split(LOOKUP_SPLIT).orElse(0.66);
        dividerOnceShown(main, lookupExpandedAt);
        SplitPane.setResizableWithParent(lookup, false);
        // Folded when the window closed: it opens folded, and unfolds to the height it had.
        lookup.collapsed().set(preferences.collapsed(LOOKUP_SPLIT));
        // The lookup panel collapses to its form; opened again, it gets back the height it had.
        lookup.collapsed().addListener((o, was, now) -> {
            if (now) {
                lookupExpandedAt = main.getDividerPositions()[0];
            } else {
                Platform.runLater(() -> main.setDividerPositions(lookupExpandedAt));
            }
        });

        BorderPane content = new BorderPane(main);
        ToolbarView toolbar = new ToolbarView(model.toolbar(), this::openManifests, this::toggleTheme);
        MenuItem openChange = new MenuItem("Manifests as a change…", Icons.FILES.create());
        openChange.setId("open-change");
        openChange.disableProperty().bind(model.info().isNull());
        openChange.setOnAction(e -> openChange());
        ((MenuButton) toolbar.lookup("#open-menu")).getItems().add(openChange);
        HBox.setHgrow(toolbar, Priority.ALWAYS);
        HBox bar = new HBox(toolbar, helpMenu(clipboard, log));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("window-top");
        content.setTop(new VBox(bar, demoBanner(), overlay.bar()));
        content.setBottom(status);

        WelcomeView welcome = new WelcomeView(model.welcomeProblem(), model.toolbar().kubeconfigFile().isNotEmpty(),
                () -> model.open(new SessionRequest.Demo()), model::retry, this::openManifests);
        BooleanBinding showMain = model.info().isNotNull().and(model.phase().isNotEqualTo(WindowModel.Phase.WELCOME));
        content.visibleProperty().bind(showMain);
        welcome.visibleProperty().bind(showMain.not());
        root.getChildren().addAll(content, welcome, loading());
        // The tree takes the keyboard when a cluster shows, so the filter keeps its prompt visible.
        model.phase().addListener((o, was, now) -> {
            if (now == WindowModel.Phase.READY) {
                Platform.runLater(() -> tree.tree().requestFocus());
            }
        });

        palette = palette(clipboard, log);
        scene = new Scene(root, 1400, 900);
        scene.getStylesheets().setAll(theme.stylesheets());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), model::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), model::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                () -> tree.searchField().requestFocus());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                () -> lookup.nameField().requestFocus());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), model::cancelLoading);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN),
                this::resolveAll);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> copyFqdn(clipboard));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN),
                () -> palette.show(scene));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::showShortcuts);
    }

    private static final String TREE_SPLIT = "tree";
    private static final String LOOKUP_SPLIT = "lookup";

    /**
     * A split pane whose side keeps its size as the window resizes moves its divider when it is
     * first laid out: the position is set again once it has its size, so it is the one asked for.
     */
    private static void dividerOnceShown(SplitPane split, double position) {
        split.setDividerPositions(position);
        javafx.beans.value.ChangeListener<Number> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() > 0) {
                    o.removeListener(this);
                    Platform.runLater(() -> split.setDividerPositions(position));
                }
            }
        };
        (split.getOrientation() == Orientation.VERTICAL ? split.heightProperty() : split.widthProperty())
                .addListener(once);
    }

    /**
     * Puts the window where and as large as it was last closed (when that place is still on a
     * screen), and remembers it again when the window closes.
     */
    public void remember(Stage window) {
        this.stage = window;
        preferences.window().ifPresent(b -> {
            if (!Screen.getScreensForRectangle(b.x(), b.y(), b.width(), b.height()).isEmpty()) {
                window.setX(b.x());
                window.setY(b.y());
            }
            window.setWidth(b.width());
            window.setHeight(b.height());
            window.setMaximized(b.maximized());
        });
    }

    /** Forgets what the window remembered; it looks as on a first start, now and next time. */
    public void resetPreferences() {
        preferences.reset();
        model.lookup().recent().clear();
        forgotten = true;
        theme = Theme.LIGHT;
        scene.getStylesheets().setAll(theme.stylesheets());
        top.setDividerPositions(0.4);
        lookupExpandedAt = 0.66;
        lookup.collapsed().set(false);
        main.setDividerPositions(0.66);
    }

    private void savePreferences() {
        if (forgotten) {
            return;
        }
        preferences.split(TREE_SPLIT, top.getDividerPositions()[0]);
        preferences.split(LOOKUP_SPLIT, lookup.collapsed().get() ? lookupExpandedAt : main.getDividerPositions()[0]);
        preferences.collapsed(LOOKUP_SPLIT, lookup.collapsed().get());
        if (stage != null) {
            preferences.window(new UiPreferences.Bounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
        }
    }

    /** Every shortcut, for the F1 sheet and the palette. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"F5, Ctrl+R", "Reload everything from the cluster"},
            new String[] {"Ctrl+F", "Filter the tree"},
            new String[] {"Ctrl+L", "Look a name up"},
            new String[] {"Ctrl+Enter", "Resolve all: ask the cluster DNS about the selection's records"},
            new String[] {"Ctrl+Shift+C", "Copy the selection's DNS name"},
            new String[] {"Ctrl+K", "Command palette: every view and action by name"},
            new String[] {"Enter (Check table)", "Open the row's object in the tree"},
            new String[] {"Escape", "Cancel opening a cluster"},
            new String[] {"F1", "This sheet"});

    private CommandPalette palette(ClipboardText clipboard, ProblemLog log) {
        return new CommandPalette(List.of(
                new CommandPalette.Command("Check the cluster DNS (every name, every replica)", "", () -> {
                    showCheck();
                    model.check().run();
                }),
                new CommandPalette.Command("Show the Check view", "", this::showCheck),
                new CommandPalette.Command("Show the details", "", () -> views.getSelectionModel().selectFirst()),
                new CommandPalette.Command("Resolve all", "Ctrl+Enter", this::resolveAll),
                new CommandPalette.Command("Copy the selection's DNS name", "Ctrl+Shift+C", () -> copyFqdn(clipboard)),
                new CommandPalette.Command("Reload everything", "F5", model::refresh),
                new CommandPalette.Command("Filter the tree", "Ctrl+F", () -> tree.searchField().requestFocus()),
                new CommandPalette.Command("Look a name up", "Ctrl+L", () -> lookup.nameField().requestFocus()),
                new CommandPalette.Command("Switch between light and dark", "", this::toggleTheme),
                new CommandPalette.Command("Open the demo cluster", "", () -> model.open(new SessionRequest.Demo())),
                new CommandPalette.Command("Open manifests…", "", this::openManifests),
                new CommandPalette.Command("Open manifests as a change…", "", this::openChange),
                new CommandPalette.Command("Drop the change", "", () -> model.overlay().drop()),
                new CommandPalette.Command("Copy diagnostics", "", () -> clipboard.copy(model.diagnostics(log))),
                new CommandPalette.Command("Keyboard shortcuts", "F1", this::showShortcuts),
                new CommandPalette.Command("Reset preferences (size, splits, theme, contexts, lookups)", "",
                        this::resetPreferences)));
    }

    private void resolveAll() {
        if (model.details().entry().get() != null && model.details().canAsk().get() && !model.details().busy().get()) {
            views.getSelectionModel().selectFirst();
            model.details().resolveAll();
        }
    }

    private void copyFqdn(ClipboardText clipboard) {
        var selected = model.tree().selected().get();
        if (selected != null && !selected.fqdn().isEmpty()) {
            clipboard.copy(selected.fqdn());
        }
    }

    private void showShortcuts() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (String[] s : SHORTCUTS) {
            Label key = new Label(s[0]);
            key.getStyleClass().add("shortcut-key");
            grid.addRow(row++, key, new Label(s[1]));
        }
        Button close = new Button("Close");
        VBox box = new VBox(12, new Label("Keyboard shortcuts"), grid, close);
        box.setId("shortcuts-sheet");
        box.getStyleClass().add("shortcuts-sheet");
        box.setPadding(new Insets(16));
        javafx.stage.Popup sheet = new javafx.stage.Popup();
        sheet.getContent().add(box);
        sheet.setAutoHide(true);
        close.setOnAction(e -> sheet.hide());
        sheet.show(scene.getWindow(), scene.getWindow().getX() + scene.getWidth() / 2 - 220,
                scene.getWindow().getY() + 120);
        close.requestFocus();
    }

    /** Shows an object in the tree and its details (a Check row opened). */
    private void reveal(ObjectRef ref) {
        if (model.view().get() != null) {
            model.view().get().entryOf(ref).ifPresent(e -> {
                tree.select(e);
                views.getSelectionModel().selectFirst();
            });
        }
    }

    private void lookUp(String name, RrType type) {
        model.lookup().asPod().set("");
        model.lookup().prepare(name, type);
        model.lookup().lookup();
    }

    /** Ends what the window's views run on their own (a watch, replica refreshes), once the window is gone. */
    public void close() {
        savePreferences();
        watch.close();
        replicas.close();
    }

    public Scene scene() {
        return scene;
    }

    public Parent root() {
        return root;
    }

    public ClusterTreeView tree() {
        return tree;
    }

    /** The tabs beside the tree; the first is the selected object's details. */
    public TabPane views() {
        return views;
    }

    public DetailsView details() {
        return details;
    }

    public CheckView check() {
        return check;
    }

    /** Brings the Check tab to the front. */
    public void showCheck() {
        views.getSelectionModel().select(checkTab);
    }

    public LookupView lookup() {
        return lookup;
    }

    public StatusView status() {
        return status;
    }

    /** {@code Kubernetes DNS Inspector — prod-eu}, with DEMO when the demo is open. */
    public StringBinding title() {
        return Bindings.createStringBinding(() -> {
            SessionInfo i = model.info().get();
            String base = "Kubernetes DNS Inspector";
            if (i == null) {
                return base;
            }
            return base + " — " + switch (i.kind()) {
                case DEMO -> "DEMO cluster";
                case LIVE -> i.name();
                case MANIFESTS -> "manifests (prediction only)";
            };
        }, model.info());
    }

    public void toggleTheme() {
        theme = theme.other();
        scene.getStylesheets().setAll(theme.stylesheets());
        forgotten = false;
        preferences.theme(theme.name());
    }

    /** The theme shown now. */
    public Theme theme() {
        return theme;
    }

    private void openManifests() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Kubernetes manifests (and a Corefile, if you have one)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Manifests and Corefiles", "*.yaml", "*.yml", "*.json", "*Corefile*"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(scene.getWindow());
        if (files == null || files.isEmpty()) {
            return;
        }
        List<Path> manifests = new ArrayList<>();
        Optional<Path> corefile = Optional.empty();
        for (File f : files) {
            if (f.getName().contains("Corefile")) {
                corefile = Optional.of(f.toPath());
            } else {
                manifests.add(f.toPath());
            }
        }
        if (!manifests.isEmpty()) {
            model.open(new SessionRequest.Manifests(manifests, corefile));
        }
    }

    /** Marks and filters the tree by the open change; shows its tab while there is one. */
    private void wireOverlay() {
        var changes = model.overlay();
        changes.report().addListener((o, was, now) -> {
            tree.marks(now == null ? e -> "" : e -> changes.markOf(e).map(k -> k.mark()).orElse(""));
            if (now == null) {
                views.getTabs().remove(changesTab);
            } else if (!views.getTabs().contains(changesTab)) {
                views.getTabs().add(1, changesTab);
            }
            if (changes.changesOnly().get()) {
                model.tree().only().set(changes::keeps);
            }
        });
        changes.changesOnly().addListener((o, was, now) ->
                model.tree().only().set(now ? changes::keeps : null));
    }

    /**
     * Asks for manifest files and folders, and the objects the change deletes, and lays them over
     * the open cluster as {@code kdi diff --live -f ... --delete ...} would.
     */
    private void openChange() {
        if (model.info().get() == null) {
            return;
        }
        new ChangeDialog(scene.getWindow(), model.overlay().request()).ask().ifPresent(this::openChange);
    }

    /** Lays manifests (files or directories) over the open cluster as a change. */
    public void openChange(List<Path> paths) {
        model.overlay().open(paths);
    }

    /** Lays manifests over the open cluster as a change that deletes the objects named, too. */
    public void openChange(OverlayModel.Request request) {
        model.overlay().open(request);
    }

    /** The change overlay's bar, list and before/after pane. */
    public OverlayView overlay() {
        return overlay;
    }

    private MenuButton helpMenu(ClipboardText clipboard, ProblemLog log) {
        MenuItem diagnostics = new MenuItem("Copy diagnostics");
        diagnostics.setId("copy-diagnostics");
        diagnostics.setOnAction(e -> clipboard.copy(model.diagnostics(log)));
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts (F1)");
        shortcuts.setOnAction(e -> showShortcuts());
        MenuItem commands = new MenuItem("Command palette (Ctrl+K)");
        commands.setOnAction(e -> palette.show(scene));
        MenuItem reset = new MenuItem("Reset preferences");
        reset.setId("reset-preferences");
        reset.setOnAction(e -> resetPreferences());
        MenuButton help = new MenuButton("?", null, commands, shortcuts, diagnostics, reset);
        help.setId("help-menu");
        help.setTooltip(new Tooltip("Diagnostics for a bug report, keyboard shortcuts, preferences"));
        help.getStyleClass().add("help-menu");
        return help;
    }

    private Region demoBanner() {
        Label text = new Label("You are looking at the embedded demo cluster: an API server and a DNS server inside"
                + " kdi. Expand a namespace, select a Service and press Resolve all; to inspect your own cluster,"
                + " start kdi with --context NAME.");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = Icons.CANCEL.button("Hide this note");
        HBox banner = new HBox(10, Icons.DEMO.create(18), text, close);
        banner.setId("demo-banner");
        banner.getStyleClass().add("demo-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        BooleanProperty dismissed = new SimpleBooleanProperty();
        close.setOnAction(e -> dismissed.set(true));
        banner.visibleProperty().bind(model.demo().and(dismissed.not()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Region loading() {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(320);
        bar.progressProperty().bind(model.loadingProgress());
        Label message = new Label();
        message.setId("loading-message");
        message.textProperty().bind(model.loadingMessage());
        message.setWrapText(true);
        message.setMaxWidth(320);
        Button cancel = new Button("Cancel", Icons.CANCEL.create());
        cancel.setId("cancel-loading");
        cancel.setOnAction(e -> model.cancelLoading());
        VBox card = new VBox(12, message, bar, cancel);
        card.getStyleClass().add("loading-card");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        card.setPadding(new Insets(20));
        StackPane overlay = new StackPane(card);
        overlay.getStyleClass().add("loading");
        overlay.setId("loading");
        overlay.visibleProperty().bind(model.phase().isEqualTo(WindowModel.Phase.LOADING));
        return overlay;
    }
}
