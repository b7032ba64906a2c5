package dev.kdi.ui.tree;

import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.util.List;
import java.util.Set;

/** What the tree shows: its top rows and, on demand, the rows under any row. */
public interface TreeSource {

    List<? extends Entry> roots();

    List<? extends Entry> children(Entry parent);

    /** Whether a row starts expanded (the filter opens the way to a few matches). */
    default boolean expandedAtFirst(Entry entry) {
        return false;
    }

    /** The view the rows come from. */
    Inventory view();

    /** Every entry of the view, in the namespaces chosen (all when {@code namespaces} is empty). */
    static TreeSource of(Inventory view, Set<String> namespaces) {
        return new Full(view, namespaces);
    }

    /** The whole view. */
    record Full(Inventory view, Set<String> namespaces) implements TreeSource {
        public Full {
            namespaces = Set.copyOf(namespaces);
        }

        @Override
        public List<? extends Entry> roots() {
            if (namespaces.isEmpty()) {
                return view.namespaces();
            }
            return view.namespaces().stream().filter(n -> namespaces.contains(n.name())).toList();
        }

        @Override
        public List<? extends Entry> children(Entry parent) {
            return view.children(parent);
        }
    }
}
