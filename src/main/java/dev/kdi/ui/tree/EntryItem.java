package dev.kdi.ui.tree;

import dev.kdi.ui.inventory.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree row that creates its children the first time they are needed, from whatever
 * {@link TreeSource} is current. A new source updates loaded rows in place, by key, so expansion
 * and selection stay with their objects.
 */
final class EntryItem extends TreeItem<Entry> {
    /** Above this many changes under one row, one replacement is cheaper than many events. */
    private static final int MAX_SINGLE_CHANGES = 64;

    private final Supplier<TreeSource> source;
    private final Set<String> expanded;
    private boolean loaded;

    /**
     * @param source the current source, read whenever children are created
     * @param expanded keys of rows the user has open (the tree keeps it up to date from the
     *     expand events that reach its root, so rows need no listener of their own)
     */
    EntryItem(Entry entry, Supplier<TreeSource> source, Set<String> expanded) {
        super(entry);
        this.source = source;
        this.expanded = expanded;
        if (expanded.contains(entry.key()) || source.get().expandedAtFirst(entry)) {
            setExpanded(true);
        }
    }

    @Override
    public boolean isLeaf() {
        return loaded ? super.getChildren().isEmpty() : source.get().children(getValue()).isEmpty();
    }

    @Override
    public ObservableList<TreeItem<Entry>> getChildren() {
        if (!loaded) {
            loaded = true;
            List<EntryItem> items = new ArrayList<>();
            for (Entry child : source.get().children(getValue())) {
                items.add(new EntryItem(child, source, expanded));
            }
            super.getChildren().setAll(items);
        }
        return super.getChildren();
    }

    boolean isLoaded() {
        return loaded;
    }

    /** Points the row at its entry in a new source and does the same below, where rows exist. */
    void update(Entry entry) {
        if (getValue() != entry) {
            setValue(entry);
        }
        if (loaded) {
            merge(super.getChildren(), source.get().children(entry), source, expanded);
        }
    }

    /**
     * Makes {@code items} show {@code entries}: rows whose key survives are kept (and updated),
     * rows that went are removed, new ones inserted where they belong.
     */
    static void merge(ObservableList<TreeItem<Entry>> items, List<? extends Entry> entries,
                      Supplier<TreeSource> source, Set<String> expanded) {
        Map<String, EntryItem> byKey = new HashMap<>();
        for (TreeItem<Entry> item : items) {
            byKey.put(item.getValue().key(), (EntryItem) item);
        }
        List<TreeItem<Entry>> target = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            EntryItem old = byKey.get(e.key());
            if (old != null) {
                old.update(e);
                target.add(old);
            } else {
                target.add(new EntryItem(e, source, expanded));
            }
        }
        if (target.equals(items)) {
            return;
        }
        Map<TreeItem<Entry>, Boolean> keep = new IdentityHashMap<>();
        target.forEach(t -> keep.put(t, true));
        int removals = 0;
        for (TreeItem<Entry> item : items) {
            if (!keep.containsKey(item)) {
                removals++;
            }
        }
        int insertions = target.size() - (items.size() - removals);
        if (removals + insertions > MAX_SINGLE_CHANGES) {
            items.setAll(target);
            return;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            if (!keep.containsKey(items.get(i))) {
                items.remove(i);
            }
        }
        // What is left keeps its order (entries sort by name, and the name is part of the key),
        // so walking both lists inserts each new row at its place.
        for (int i = 0; i < target.size(); i++) {
            if (i >= items.size() || items.get(i) != target.get(i)) {
                items.add(i, target.get(i));
            }
        }
    }
}
