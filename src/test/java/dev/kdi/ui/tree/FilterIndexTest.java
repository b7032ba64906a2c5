package dev.kdi.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FilterIndexTest {
    private final Inventory view = SeedCluster.view();
    private final FilterIndex index = FilterIndex.build(view);

    private static Entry find(TreeSource source, Entry parent, String key) {
        return source.children(parent).stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " under " + parent.key()));
    }

    @Test
    void filterByAddress_keepsEveryRowWithThatAddressAndTheRowsAboveThem() {
        FilterIndex.Filtered f = index.filter("10.40.0.3", Set.of(), () -> false);
        assertThat(f.roots()).extracting(Entry::name).containsExactly("default");
        Entry def = f.roots().get(0);
        assertThat(f.children(def)).extracting(Entry::name)
                .containsExactly("sample-headless", "sample-subdomain", "pods");
        Entry headless = find(f, def, "svc/default/sample-headless");
        assertThat(f.children(headless)).extracting(Entry::key).containsExactly("ep/default/sample-headless/10.40.0.3");
        Entry pods = find(f, def, "pods/default");
        assertThat(f.children(pods)).extracting(Entry::name).containsExactly("sample-subdomain");
        assertThat(f.matches()).isEqualTo(3);
        assertThat(f.expandedAtFirst(def)).isTrue();
    }

    @Test
    void rowMatchingItself_showsEverythingBelowIt() {
        FilterIndex.Filtered f = index.filter("db-headless", Set.of(), () -> false);
        Entry shop = f.roots().get(0);
        Entry svc = find(f, shop, "svc/shop/db-headless");
        assertThat(f.children(svc)).hasSize(2);
        assertThat(f.expandedAtFirst(svc)).isFalse();
    }

    @Test
    void filter_ignoresCaseAndMatchesDnsNames() {
        FilterIndex.Filtered f = index.filter("SAMPLE-HOSTNAME.sample-subdomain", Set.of(), () -> false);
        assertThat(f.matches()).isGreaterThan(0);
        assertThat(f.roots()).extracting(Entry::name).containsExactly("default");
    }

    @Test
    void searchingTheLabels_findsWhatSearchingTheMadeNamesFinds() {
        // Pods, endpoints and Services search their names label by label without making them: every
        // piece of every name in the view, and pieces of none, must be found exactly where the made
        // names have them.
        List<Entry> rows = new ArrayList<>();
        view.forEachEntry((e, parent) -> {
            if (e instanceof Entry.PodEntry || e instanceof Entry.EndpointEntry || e instanceof Entry.ServiceEntry) {
                rows.add(e);
            }
        });
        Set<String> queries = new TreeSet<>(List.of("svc", "pod", "c.p", ".", "-", "--", "x", "0", "1-"));
        for (Entry e : rows) {
            for (String name : names(e)) {
                for (int i = 0; i < name.length(); i++) {
                    for (int j = i + 1; j <= Math.min(name.length(), i + 12); j++) {
                        queries.add(name.substring(i, j));
                    }
                }
            }
        }
        assertThat(rows).anyMatch(e -> e instanceof Entry.PodEntry p && p.hasHostname());
        assertThat(rows).anyMatch(e -> e instanceof Entry.ServiceEntry);
        for (Entry e : rows) {
            for (String q : queries) {
                boolean made = names(e).stream().anyMatch(n -> n.contains(q));
                boolean searched = e instanceof Entry.PodEntry p ? p.fqdnContains(q)
                        : e instanceof Entry.ServiceEntry s ? s.fqdnContains(q)
                        : ((Entry.EndpointEntry) e).fqdnContains(q);
                assertThat(searched).as("%s for %s", e.key(), q).isEqualTo(made);
            }
        }
    }

    private static List<String> names(Entry e) {
        return e instanceof Entry.PodEntry p ? List.of(p.hostnameFqdn(), p.podRecordFqdn()) : List.of(e.fqdn());
    }

    @Test
    void filter_staysWithinTheChosenNamespaces() {
        assertThat(index.filter("db", Set.of("default"), () -> false).roots()).isEmpty();
        assertThat(index.filter("db", Set.of("shop"), () -> false).roots()).extracting(Entry::name)
                .containsExactly("shop");
    }

    @Test
    void noMatch_leavesNoRows() {
        FilterIndex.Filtered f = index.filter("no-such-thing", Set.of(), () -> false);
        assertThat(f.roots()).isEmpty();
        assertThat(f.matches()).isZero();
    }

    @Test
    void cancelledFilter_returnsNothing() {
        assertThat(index.filter("db", Set.of(), () -> true)).isNull();
    }

    @Test
    void parentKey_walksUpTheTree() {
        assertThat(ClusterTreeView.parentKey("ep/default/sample-headless/10.40.0.3")).isEqualTo("svc/default/sample-headless");
        assertThat(ClusterTreeView.parentKey("svc/default/sample-headless")).isEqualTo("ns/default");
        assertThat(ClusterTreeView.parentKey("pod/shop/db-0")).isEqualTo("pods/shop");
        assertThat(ClusterTreeView.parentKey("pods/shop")).isEqualTo("ns/shop");
        assertThat(ClusterTreeView.parentKey("ns/shop")).isEmpty();
    }
}
