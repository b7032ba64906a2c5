package dev.kdi.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

class UiPreferencesTest {
    private final Preferences root = new MemoryPreferences();
    private final UiPreferences prefs = new UiPreferences(root);

    @Test
    void whatIsPut_isReadBack_throughANewInstanceOverTheSameNode() {
        prefs.window(new UiPreferences.Bounds(10, 20, 1200, 700, false));
        prefs.split("tree", 0.3);
        prefs.theme("DARK");
        prefs.cluster(Path.of("/home/me/.kube/config"), "prod-eu", Set.of("shop", "default"));
        prefs.lookedUp("web.shop.svc.cluster.local A");

        UiPreferences again = new UiPreferences(root);

        assertThat(again.window()).contains(new UiPreferences.Bounds(10, 20, 1200, 700, false));
        assertThat(again.split("tree")).hasValue(0.3);
        assertThat(again.split("lookup")).isEmpty();
        assertThat(again.theme()).contains("DARK");
        assertThat(again.context(Path.of("/home/me/.kube/config"))).contains("prod-eu");
        assertThat(again.namespaces(Path.of("/home/me/.kube/config"), "prod-eu")).containsExactly("default", "shop");
        assertThat(again.lookups()).containsExactly("web.shop.svc.cluster.local A");
    }

    @Test
    void contextsAndNamespaces_areKeptPerKubeconfigFile_andNamespacesPerContext() {
        Path home = Path.of("/home/me/.kube/config");
        Path work = Path.of("/home/me/work/kubeconfig");
        prefs.cluster(home, "kind-dev", Set.of("default"));
        prefs.cluster(work, "prod-eu", Set.of("payments"));

        assertThat(prefs.context(home)).contains("kind-dev");
        assertThat(prefs.context(work)).contains("prod-eu");
        assertThat(prefs.context(Path.of("/elsewhere"))).isEmpty();
        assertThat(prefs.namespaces(work, "prod-eu")).containsExactly("payments");
        // The namespaces were chosen in another context: they mean nothing in this one.
        assertThat(prefs.namespaces(work, "prod-us")).isEmpty();
        prefs.cluster(work, "prod-us", Set.of());
        assertThat(prefs.namespaces(work, "prod-us")).isEmpty();
    }

    @Test
    void lookups_newestFirst_onceEach_atMostTheLimit() {
        for (int i = 0; i < UiPreferences.LOOKUPS + 5; i++) {
            prefs.lookedUp("name-" + i + ".example. A");
        }
        prefs.lookedUp("name-10.example. A");

        assertThat(prefs.lookups()).hasSize(UiPreferences.LOOKUPS).startsWith("name-10.example. A", "name-"
                + (UiPreferences.LOOKUPS + 4) + ".example. A").containsOnlyOnce("name-10.example. A");
    }

    @Test
    void damagedValues_areIgnored() {
        root.node("window").put("width", "wide");
        root.node("window").put("height", "800");
        root.node("splits").put("tree", "1.7");

        assertThat(prefs.window()).isEmpty();
        assertThat(prefs.split("tree")).isEmpty();
    }

    @Test
    void reset_forgetsEverything() throws Exception {
        prefs.window(new UiPreferences.Bounds(10, 20, 1200, 700, true));
        prefs.theme("DARK");
        prefs.cluster(Path.of("/home/me/.kube/config"), "prod-eu", Set.of("shop"));
        prefs.lookedUp("a.example. A");

        prefs.reset();

        assertThat(root.keys()).isEmpty();
        assertThat(root.childrenNames()).isEmpty();
        assertThat(prefs.window()).isEmpty();
        assertThat(prefs.theme()).isEmpty();
        assertThat(prefs.context(Path.of("/home/me/.kube/config"))).isEmpty();
        assertThat(prefs.lookups()).isEmpty();
    }
}
