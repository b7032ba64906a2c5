package dev.kdi.ui.tree;

import dev.kdi.ui.common.Icons;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

/**
 * The tree and its search field. A new source from a live update is merged into the rows that
 * exist, so expansion, selection and scroll position stay; a new search replaces the rows and
 * brings the selected object back into view.
 */
public final class ClusterTreeView extends BorderPane {
    private final ClusterTreeModel model;
    private final TreeView<Entry> tree = new TreeView<>();
    private TreeItem<Entry> root = new TreeItem<>();
    private final CustomTextField search = (CustomTextField) TextFields.createClearableTextField();
    private final Label empty = new Label();
    private final Set<String> expandedFull = new HashSet<>();
    private final Set<String> expandedFiltered = new HashSet<>();
    private TreeSource current;
    private boolean applying;
    private Function<Entry, String> marks = e -> "";

    public ClusterTreeView(ClusterTreeModel model) {
        this(model, TreeActions.none());
    }

    /**
     * @param actions what the rows' context menu does outside the tree
     */
    public ClusterTreeView(ClusterTreeModel model, TreeActions actions) {
        this.model = model;
        getStyleClass().add("cluster-tree");

        search.setId("tree-search");
        search.setPromptText("Filter by name, DNS name or IP");
        search.setTooltip(new Tooltip("Filter the tree by name, DNS name or IP (Ctrl+F)"));
        search.setLeft(Icons.SEARCH.create());
        search.textProperty().bindBidirectional(model.query());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            } else if (e.getCode() == KeyCode.DOWN) {
                tree.requestFocus();
                if (tree.getSelectionModel().isEmpty()) {
                    tree.getSelectionModel().selectFirst();
                }
            }
        });
        Label matches = new Label();
        matches.getStyleClass().add("match-count");
        matches.textProperty().bind(model.matchText());
        matches.visibleProperty().bind(model.matchText().isNotEmpty());
        matches.managedProperty().bind(matches.visibleProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox top = new HBox(6, search, matches);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6));
        top.getStyleClass().add("tree-search-bar");
        setTop(top);

        tree.setId("cluster-tree");
        track(root);
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.setFixedCellSize(26);
        tree.setCellFactory(t -> {
            EntryCell cell = new EntryCell(() -> current == null ? null : current.view(), e -> marks.apply(e));
            cell.setContextMenu(menu(cell, actions));
            return cell;
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!applying) {
                model.selected().set(now == null ? null : now.getValue());
            }
        });
        empty.getStyleClass().add("placeholder");
        empty.setWrapText(true);
        empty.setVisible(false);
        empty.setMouseTransparent(true);
        StackPane center = new StackPane(tree, empty);
        StackPane.setAlignment(empty, Pos.TOP_CENTER);
        StackPane.setMargin(empty, new Insets(24, 16, 0, 16));
        setCenter(center);

        model.source().addListener((o, was, now) -> apply(was, now));
        if (model.source().get() != null) {
            apply(null, model.source().get());
        }
    }

    private void setRoot(TreeItem<Entry> next) {
        root = next;
        track(next);
        tree.setRoot(next);
    }

    /** Expand and collapse events bubble up to the root: one handler keeps the open rows' keys. */
    private void track(TreeItem<Entry> top) {
        top.addEventHandler(TreeItem.<Entry>branchExpandedEvent(), e -> {
            if (e.getTreeItem().getValue() != null) {
                expandedSet(current).add(e.getTreeItem().getValue().key());
            }
        });
        top.addEventHandler(TreeItem.<Entry>branchCollapsedEvent(), e -> {
            if (e.getTreeItem().getValue() != null) {
                expandedSet(current).remove(e.getTreeItem().getValue().key());
            }
        });
    }

    /**
     * Marks rows (the change overlay): {@code +}, {@code -} or {@code ~} per entry, empty for
     * none; the rows shown are drawn again.
     */
    public void marks(Function<Entry, String> marks) {
        this.marks = marks;
        tree.refresh();
    }

    /** Shows the entry: opens the rows above it, selects it, scrolls to it, and takes the keyboard. */
    public void select(Entry entry) {
        TreeItem<Entry> item = reveal(entry, true);
        if (item == null && current instanceof FilterIndex.Filtered) {
            // Filtered out: clear the filter, then look again.
            search.clear();
            item = reveal(entry, true);
        }
        if (item != null) {
            tree.getSelectionModel().select(item);
            scrollIntoView(item);
            tree.requestFocus();
        }
    }

    public TreeView<Entry> tree() {
        return tree;
    }

    public TextField searchField() {
        return search;
    }

    private void apply(TreeSource was, TreeSource now) {
        if (now == null) {
            return;
        }
        boolean sameQuery = query(was).equals(query(now)) && was != null;
        Entry selected = model.selected().get();
        applying = true;
        try {
            current = now;
            if (sameQuery) {
                keepScrollWhile(() -> EntryItem.merge(root.getChildren(), now.roots(), () -> current, expandedSet(now)));
            } else {
                if (now instanceof FilterIndex.Filtered) {
                    expandedFiltered.clear();
                }
                List<TreeItem<Entry>> fresh = new ArrayList<>();
                for (Entry e : now.roots()) {
                    fresh.add(new EntryItem(e, () -> current, expandedSet(now)));
                }
                // A new root filled before the tree sees it: the tree hears of one change, not of
                // thousands of rows arriving one by one.
                TreeItem<Entry> fill = new TreeItem<>();
                fill.getChildren().setAll(fresh);
                setRoot(fill);
                if (was != null) {
                    tree.scrollTo(0);
                }
            }
            empty.setText(emptyText(now));
            empty.setVisible(root.getChildren().isEmpty());
            TreeItem<Entry> item = selected == null ? null : reveal(selected, !sameQuery);
            if (item != null) {
                tree.getSelectionModel().select(item);
                if (!sameQuery) {
                    scrollIntoView(item);
                }
            } else if (selected != null && !sameQuery) {
                tree.getSelectionModel().clearSelection();
            }
        } finally {
            applying = false;
        }
        TreeItem<Entry> sel = tree.getSelectionModel().getSelectedItem();
        Entry value = sel == null ? null : sel.getValue();
        if (value != model.selected().get()) {
            model.selected().set(value);
        }
    }

    private static ContextMenu menu(EntryCell cell, TreeActions actions) {
        // The entry under the pointer when the menu opened: a live update may give the cell another
        // entry (or none) before an item is chosen.
        Entry[] shown = new Entry[1];
        MenuItem copyFqdn = new MenuItem("Copy DNS name", Icons.COPY.create());
        copyFqdn.setOnAction(e -> act(shown[0], entry -> actions.copy().accept(entry.fqdn())));
        MenuItem copyName = new MenuItem("Copy name");
        copyName.setOnAction(e -> act(shown[0], entry -> actions.copy().accept(entry.name())));
        MenuItem lookUp = new MenuItem("Look up", Icons.DNS.create());
        lookUp.setOnAction(e -> act(shown[0], entry -> actions.lookUp().accept(entry.fqdn())));
        MenuItem only = new MenuItem("Show only this namespace", Icons.FILTER.create());
        only.setOnAction(e -> act(shown[0], entry -> actions.onlyNamespace().accept(entry.namespace())));
        ContextMenu menu = new ContextMenu(copyFqdn, copyName, lookUp, new SeparatorMenuItem(), only);
        menu.setOnShowing(e -> {
            shown[0] = cell.getItem();
            boolean named = shown[0] != null && !shown[0].fqdn().isEmpty();
            copyFqdn.setDisable(!named);
            lookUp.setDisable(!named);
            copyName.setDisable(shown[0] == null);
            only.setDisable(shown[0] == null);
        });
        return menu;
    }

    private static void act(Entry entry, java.util.function.Consumer<Entry> action) {
        if (entry != null) {
            action.accept(entry);
        }
    }

    private Set<String> expandedSet(TreeSource source) {
        return source instanceof FilterIndex.Filtered ? expandedFiltered : expandedFull;
    }

    private static String query(TreeSource source) {
        return source instanceof FilterIndex.Filtered f ? f.query() : "";
    }

    private static String emptyText(TreeSource source) {
        if (source instanceof FilterIndex.Filtered f) {
            return "Nothing matches “" + f.query().trim() + "”. The filter looks at names, DNS names and addresses.";
        }
        return "No namespaces to show. Choose namespaces in the toolbar, or refresh.";
    }

    /**
     * The row of an entry, found from the top through its parents' keys. With {@code open}, its
     * parents are expanded so that it shows; without, a row hidden in a collapsed parent is not found.
     */
    TreeItem<Entry> reveal(Entry entry, boolean open) {
        List<String> path = new ArrayList<>();
        for (String k = entry.key(); !k.isEmpty(); k = parentKey(k)) {
            path.add(0, k);
        }
        TreeItem<Entry> at = root;
        for (int i = 0; i < path.size(); i++) {
            if (at != root && !at.isExpanded()) {
                if (!open) {
                    return null;
                }
                at.setExpanded(true);
            }
            TreeItem<Entry> next = null;
            for (TreeItem<Entry> child : at.getChildren()) {
                if (child.getValue().key().equals(path.get(i))) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            at = next;
        }
        return at;
    }

    /** The key of the row above: keys are {@code kind/namespace/...}, see {@link Entry#key()}. */
    static String parentKey(String key) {
        String[] parts = key.split("/", -1);
        return switch (parts[0]) {
            case "svc", "pods" -> "ns/" + parts[1];
            case "ep" -> "svc/" + parts[1] + "/" + parts[2];
            case "pod" -> "pods/" + parts[1];
            default -> "";
        };
    }

    private void keepScrollWhile(Runnable change) {
        VirtualFlow<?> flow = flow();
        IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
        TreeItem<Entry> top = first == null || first.getIndex() < 0 ? null : tree.getTreeItem(first.getIndex());
        double offset = first == null ? 0 : first.getLayoutY();
        int before = first == null ? -1 : first.getIndex();
        change.run();
        if (top != null && flow != null) {
            int after = tree.getRow(top);
            if (after >= 0 && after != before) {
                flow.scrollToTop(after);
                flow.scrollPixels(-offset);
            }
        }
    }

    private void scrollIntoView(TreeItem<Entry> item) {
        int row = tree.getRow(item);
        VirtualFlow<?> flow = flow();
        if (row < 0) {
            return;
        }
        if (flow == null) {
            tree.scrollTo(row);
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null || row < first.getIndex() || row > last.getIndex()) {
            tree.scrollTo(Math.max(0, row - 3));
        }
    }

    private VirtualFlow<?> flow() {
        return tree.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }

    /** The view the rows come from, for tests. */
    Inventory shownView() {
        return current == null ? null : current.view();
    }
}
