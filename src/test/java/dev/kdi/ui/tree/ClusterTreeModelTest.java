package dev.kdi.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterTreeModelTest {
    private final Inventory view = SeedCluster.view();
    private final ClusterTreeModel model = new ClusterTreeModel(new CurrentThreadTaskExecutor(), m -> { });

    @Test
    void show_givesEveryNamespace_orOnlyTheChosenOnes() {
        model.show(view, Set.of());
        assertThat(model.source().get().roots()).hasSize(5);
        model.show(view, Set.of("shop", "default"));
        assertThat(model.source().get().roots()).extracting(Entry::name).containsExactly("default", "shop");
    }

    @Test
    void query_filtersAndSaysHowManyMatch_clearingShowsAllAgain() {
        model.show(view, Set.of());
        model.query().set("10.40.0.3");
        assertThat(model.source().get()).isInstanceOf(FilterIndex.Filtered.class);
        assertThat(model.matchText().get()).isEqualTo("3 matches");
        model.query().set("zzz");
        assertThat(model.matchText().get()).isEqualTo("no match");
        assertThat(model.source().get().roots()).isEmpty();
        model.query().set("");
        assertThat(model.source().get()).isInstanceOf(TreeSource.Full.class);
        assertThat(model.matchText().get()).isEmpty();
    }

    @Test
    void newView_keepsTheQuery() {
        model.show(view, Set.of());
        model.query().set("db-0");
        model.show(SeedCluster.view(), Set.of());
        assertThat(model.source().get()).isInstanceOf(FilterIndex.Filtered.class);
        assertThat(((FilterIndex.Filtered) model.source().get()).query()).isEqualTo("db-0");
    }
}
