package dev.kdi.ui.tree;

import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Entry.EndpointEntry;
import dev.kdi.ui.inventory.Entry.NamespaceEntry;
import dev.kdi.ui.inventory.Entry.PodEntry;
import dev.kdi.ui.inventory.Entry.ServiceEntry;
import dev.kdi.ui.inventory.Inventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Every entry of a view flattened in display order with its parent, so that a filter is one scan
 * with no allocation per entry. Built and searched off the UI thread.
 */
public final class FilterIndex {
    /** Up to this many matches, the rows leading to them open by themselves. */
    static final int EXPAND_UP_TO = 200;

    private final Inventory view;
    private final Entry[] entries;
    private final int[] parents;

    private FilterIndex(Inventory view, Entry[] entries, int[] parents) {
        this.view = view;
        this.entries = entries;
        this.parents = parents;
    }

    public static FilterIndex build(Inventory view) {
        // Two passes over the three levels, straight into arrays: no boxing, no maps, little garbage.
        int total = 0;
        for (Entry ns : view.namespaces()) {
            total++;
            for (Entry child : view.children(ns)) {
                total += 1 + view.children(child).size();
            }
        }
        Entry[] entries = new Entry[total];
        int[] parents = new int[total];
        int i = 0;
        for (Entry ns : view.namespaces()) {
            int nsAt = i;
            entries[i] = ns;
            parents[i++] = -1;
            for (Entry child : view.children(ns)) {
                int childAt = i;
                entries[i] = child;
                parents[i++] = nsAt;
                for (Entry grandchild : view.children(child)) {
                    entries[i] = grandchild;
                    parents[i++] = childAt;
                }
            }
        }
        return new FilterIndex(view, entries, parents);
    }

    public Inventory view() {
        return view;
    }

    public int size() {
        return entries.length;
    }

    /**
     * The rows to show for a query: entries whose name, DNS name or address contains it (case
     * does not count), the rows above them, and everything below a row that matches itself.
     *
     * @param namespaces only these namespaces; empty for all
     * @param cancelled polled now and then; a cancelled filter returns null
     */
    public Filtered filter(String query, Set<String> namespaces, BooleanSupplier cancelled) {
        return filter(query, namespaces, e -> true, cancelled);
    }

    /**
     * As {@link #filter(String, Set, BooleanSupplier)}, counting only rows that {@code only}
     * keeps as well (the change overlay's "Changes only").
     */
    public Filtered filter(String query, Set<String> namespaces, java.util.function.Predicate<Entry> only,
                           BooleanSupplier cancelled) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        boolean[] shown = new boolean[entries.length];
        boolean[] matched = new boolean[entries.length];
        int matches = 0;
        boolean skipNamespace = false;
        for (int i = 0; i < entries.length; i++) {
            if ((i & 4095) == 0 && cancelled.getAsBoolean()) {
                return null;
            }
            Entry e = entries[i];
            if (e instanceof NamespaceEntry ns) {
                skipNamespace = !namespaces.isEmpty() && !namespaces.contains(ns.name());
            }
            if (skipNamespace || !matches(e, q) || !only.test(e)) {
                continue;
            }
            matched[i] = true;
            shown[i] = true;
            matches++;
            for (int p = parents[i]; p >= 0 && !shown[p]; p = parents[p]) {
                shown[p] = true;
            }
        }
        // Below a row that matches itself everything shows, so only rows outside such a row get a
        // partial list of children. Parents come before their children, so one pass decides it.
        boolean[] covered = new boolean[entries.length];
        List<Entry> roots = new ArrayList<>();
        Map<String, List<Entry>> children = new HashMap<>();
        Set<String> expand = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            int p = parents[i];
            covered[i] = matched[i] || (p >= 0 && covered[p]);
            if (!shown[i]) {
                continue;
            }
            if (p < 0) {
                roots.add(entries[i]);
            } else if (!covered[p]) {
                children.computeIfAbsent(entries[p].key(), k -> new ArrayList<>()).add(entries[i]);
            }
            if (!covered[i] && matches <= EXPAND_UP_TO) {
                expand.add(entries[i].key());
            }
        }
        return new Filtered(view, query, roots, children, expand, matches);
    }

    static boolean matches(Entry e, String q) {
        if (q.isEmpty()) {
            return true;
        }
        if (e.name().contains(q)) {
            return true;
        }
        // Pods', endpoints' and Services' names are made on demand; these search them without making them.
        if (e instanceof PodEntry p ? p.fqdnContains(q)
                : e instanceof EndpointEntry ep ? ep.fqdnContains(q)
                : e instanceof ServiceEntry s ? s.fqdnContains(q) : e.fqdn().contains(q)) {
            return true;
        }
        if (e instanceof ServiceEntry s) {
            for (String ip : s.service().clusterIPs()) {
                if (ip.contains(q)) {
                    return true;
                }
            }
            return s.service().externalName() != null && s.service().externalName().toLowerCase(Locale.ROOT).contains(q);
        }
        if (e instanceof EndpointEntry ep) {
            return ep.address().contains(q) || ep.hostnameContains(q);
        }
        if (e instanceof PodEntry p) {
            for (String ip : p.pod().ips()) {
                if (ip.contains(q)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    /** The rows a query leaves. */
    public record Filtered(Inventory view, String query, List<Entry> roots, Map<String, List<Entry>> partial,
                           Set<String> expand, int matches) implements TreeSource {
        @Override
        public List<? extends Entry> children(Entry parent) {
            List<Entry> some = partial.get(parent.key());
            return some != null ? some : view.children(parent);
        }

        @Override
        public boolean expandedAtFirst(Entry entry) {
            return expand.contains(entry.key());
        }
    }
}
