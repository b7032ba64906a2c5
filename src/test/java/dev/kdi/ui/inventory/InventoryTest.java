package dev.kdi.ui.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry.EndpointEntry;
import dev.kdi.ui.inventory.Entry.NamespaceEntry;
import dev.kdi.ui.inventory.Entry.PodEntry;
import dev.kdi.ui.inventory.Entry.PodGroupEntry;
import dev.kdi.ui.inventory.Entry.ServiceEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InventoryTest {
    private final Inventory view = SeedCluster.view();

    private Entry child(Entry parent, String name) {
        return view.children(parent).stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no " + name + " under " + parent.key()));
    }

    private NamespaceEntry namespace(String name) {
        return view.namespaces().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void namespaces_areSortedAndCountTheirObjects() {
        assertThat(view.namespaces()).extracting(Entry::name)
                .containsExactly("default", "kube-node-lease", "kube-public", "kube-system", "shop");
        assertThat(namespace("default").services()).isEqualTo(2);
        assertThat(namespace("default").pods()).isEqualTo(4);
        assertThat(view.zone()).isEqualTo("cluster.local");
    }

    @Test
    void headlessService_listsEachEndpointWithItsNameUnderTheService() {
        ServiceEntry svc = (ServiceEntry) child(namespace("default"), "sample-headless");
        assertThat(svc.serviceKind()).isEqualTo(ServiceKind.HEADLESS);
        assertThat(svc.fqdn()).isEqualTo("sample-headless.default.svc.cluster.local");
        assertThat(svc.endpoints()).extracting(EndpointEntry::fqdn).containsExactly(
                "sample-statefulset-headless-0.sample-headless.default.svc.cluster.local",
                "sample-statefulset-headless-1.sample-headless.default.svc.cluster.local",
                "sample-statefulset-headless-2.sample-headless.default.svc.cluster.local",
                "10-40-0-3.sample-headless.default.svc.cluster.local");
        assertThat(svc.readyEndpoints()).isEqualTo(4);
    }

    @Test
    void namespaceChildren_areServicesThenOnePodsRow() {
        List<? extends Entry> children = view.children(namespace("shop"));
        assertThat(children).extracting(Entry::name).containsExactly("db-headless", "web", "pods");
        PodGroupEntry pods = (PodGroupEntry) children.get(2);
        assertThat(view.children(pods)).extracting(Entry::name).containsExactly("db-0", "db-1", "web-6b7f9c-x2x9q");
    }

    @Test
    void podWithHostnameAndSubdomain_showsThatName_andOthersTheirPodRecord() {
        PodEntry subdomain = (PodEntry) child(child(namespace("default"), "pods"), "sample-subdomain");
        assertThat(subdomain.fqdn()).isEqualTo("sample-hostname.sample-subdomain.default.svc.cluster.local");
        assertThat(subdomain.hostnameResolves()).isTrue();
        PodEntry web = (PodEntry) child(child(namespace("shop"), "pods"), "web-6b7f9c-x2x9q");
        assertThat(web.fqdn()).isEqualTo("10-44-0-20.shop.pod.cluster.local");
    }

    @Test
    void brokenStatefulSet_badgesItsPods_theServiceSelectingThem_andTheNamespace() {
        NamespaceEntry shop = namespace("shop");
        PodEntry db0 = (PodEntry) child(child(shop, "pods"), "db-0");
        assertThat(db0.badge()).isEqualTo(Badge.ERROR);
        assertThat(db0.hostnameResolves()).isFalse();
        assertThat(child(shop, "pods").badge()).isEqualTo(Badge.ERROR);
        assertThat(child(shop, "db-headless").badge()).isEqualTo(Badge.ERROR);
        assertThat(child(shop, "web").badge()).isEqualTo(Badge.NONE);
        assertThat(shop.badge()).isEqualTo(Badge.ERROR);
        assertThat(view.findingsOf(db0)).extracting(f -> f.code()).contains("sts-service-missing");
    }

    @Test
    void infoFindings_showInDetailsButCarryNoBadge() {
        NamespaceEntry def = namespace("default");
        assertThat(def.badge()).isEqualTo(Badge.NONE);
        assertThat(view.findingsOf(child(def, "sample-headless"))).extracting(f -> f.code())
                .containsExactly("pod-named-by-address");
    }

    @Test
    void typedClusterDomain_rebuildsEveryNameWithIt() {
        Inventory other = Inventory.build(SeedCluster.inspection(), Optional.of("corp.example"));
        assertThat(other.domainOverridden()).isTrue();
        assertThat(other.zone()).isEqualTo("corp.example");
        ServiceEntry svc = other.services("default").get(0);
        assertThat(svc.fqdn()).isEqualTo("sample-headless.default.svc.corp.example");
        assertThat(other.model().answer(svc.fqdn(), dev.kdi.records.RrType.A).answer()).hasSize(4);
    }

    @Test
    void detectedDomainTypedAgain_isNoOverride() {
        Inventory same = Inventory.build(SeedCluster.inspection(), Optional.of("Cluster.Local."));
        assertThat(same.domainOverridden()).isFalse();
    }
}
