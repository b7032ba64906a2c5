package dev.kdi.ui.tree;

import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The tree's state: which rows it shows (everything, or what the search leaves), the search text,
 * and the selected entry. Searching runs off the UI thread; a newer keystroke cancels an older
 * search.
 */
public final class ClusterTreeModel {
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<TreeSource> source = new ReadOnlyObjectWrapper<>(this, "source");
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyStringWrapper matchText = new ReadOnlyStringWrapper(this, "matchText", "");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private Inventory view;
    private Set<String> namespaces = Set.of();
    private FilterIndex index;
    private TaskExecutor.Running indexing = TaskExecutor.Running.DONE;
    private TaskExecutor.Running filtering = TaskExecutor.Running.DONE;
    /** Rows kept besides the search (the change overlay's "Changes only"), or null for all. */
    private final ObjectProperty<Predicate<Entry>> only = new SimpleObjectProperty<>(this, "only");
    private Consumer<TreeSource> filterListener = s -> {
    };

    public ClusterTreeModel(TaskExecutor executor, Notifier notifier) {
        this.executor = executor;
        this.notifier = notifier;
        query.addListener((o, was, now) -> refilter());
        only.addListener((o, was, now) -> refilter());
    }

    /** Shows a new view (a new inspection, or another cluster domain) with the namespaces chosen. */
    public void show(Inventory newView, Set<String> chosenNamespaces) {
        boolean sameView = newView == view;
        this.view = newView;
        this.namespaces = Set.copyOf(chosenNamespaces);
        if (!sameView) {
            index = null;
            indexing.cancel();
            Inventory building = newView;
            indexing = BackgroundTask.of("Indexing the tree for search", ctx -> FilterIndex.build(building))
                    .onSuccess(built -> {
                        if (view == building) {
                            index = built;
                            if (!query.get().isBlank() || only.get() != null) {
                                refilter();
                            }
                        }
                    })
                    .onFailure(e -> notifier.show(Failures.notice("Could not index the tree for search", e)))
                    .runOnce(executor);
        }
        if (query.get().isBlank() && only.get() == null) {
            source.set(TreeSource.of(newView, namespaces));
            matchText.set("");
        } else if (index != null) {
            refilter();
        }
    }

    /** The rows to show. */
    public ReadOnlyObjectProperty<TreeSource> source() {
        return source.getReadOnlyProperty();
    }

    /** What the search field holds: a name, a DNS name or an address, or part of one. */
    public StringProperty query() {
        return query;
    }

    /** {@code 12 matches}, {@code no match}, or empty when not searching. */
    public ReadOnlyStringProperty matchText() {
        return matchText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searching() {
        return searching.getReadOnlyProperty();
    }

    /** The entry the details show; the view keeps it in step with the tree's selection. */
    public ObjectProperty<Entry> selected() {
        return selected;
    }

    /** A filter on top of the search: only rows it keeps (and the rows above them) show; null for all. */
    public ObjectProperty<Predicate<Entry>> only() {
        return only;
    }

    /** Told each time a search has been applied (for measurements). */
    public void onFiltered(Consumer<TreeSource> listener) {
        this.filterListener = listener;
    }

    private void refilter() {
        if (view == null) {
            return;
        }
        filtering.cancel();
        String q = query.get() == null ? "" : query.get();
        Predicate<Entry> keep = only.get();
        if (q.isBlank() && keep == null) {
            searching.set(false);
            matchText.set("");
            TreeSource full = TreeSource.of(view, namespaces);
            source.set(full);
            filterListener.accept(full);
            return;
        }
        searching.set(true);
        FilterIndex current = index;
        Inventory forView = view;
        Set<String> within = namespaces;
        BackgroundTask<FilterIndex.Filtered> task = BackgroundTask.of("Searching the tree", ctx -> {
            FilterIndex idx = current != null ? current : FilterIndex.build(forView);
            return idx.filter(q, within, keep == null ? e -> true : keep, ctx::isCancelled);
        });
        filtering = task.onSuccess(result -> {
            if (result == null || view != forView || !q.equals(query.get()) || keep != only.get()) {
                return;
            }
            searching.set(false);
            matchText.set(result.matches() == 0 ? "no match" : Texts.count(result.matches(), "match", "matches"));
            source.set(result);
            filterListener.accept(result);
        }).onFailure(e -> {
            searching.set(false);
            notifier.show(Failures.notice("Could not search the tree", e));
        }).runOnce(executor);
    }
}
