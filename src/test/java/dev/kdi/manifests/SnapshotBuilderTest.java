package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** The builder as the live path uses it: fabric8 objects as the client hands them over. */
class SnapshotBuilderTest {
    private final SnapshotBuilder builder = new SnapshotBuilder(new ObjectConverter(new Interner()));

    @Test
    void add_convertsObjectsMadeWithFabric8Builders_whoseListsMayBeNull() throws Exception {
        builder.add(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withClusterIP("10.96.0.5").addNewPort().withPort(80).endPort().endSpec().build());
        builder.add(new PodBuilder().withNewMetadata().withName("web-0").withNamespace("shop").endMetadata().build());
        builder.add(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build());

        var snapshot = builder.build();

        assertThat(snapshot.services()).singleElement().satisfies(s -> assertThat(s.clusterIPs()).containsExactly("10.96.0.5"));
        assertThat(snapshot.pods()).singleElement().satisfies(p -> assertThat(p.ips()).isEmpty());
        assertThat(snapshot.namespaces()).contains("shop");
        assertThat(builder.notes()).isEmpty();
    }

    @Test
    void add_skipsTheGenericResourcesFabric8MakesOfUnknownKinds() throws Exception {
        HasMetadata widget = new KubernetesSerialization().unmarshal("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w, namespace: widgets}
                """);

        assertThat(widget).isInstanceOf(GenericKubernetesResource.class);
        builder.add(widget);

        assertThat(builder.build().namespaces()).contains("widgets");
        assertThat(builder.notes()).containsExactly("skipped 1 object of kinds the model does not use: Widget");
    }

    @Test
    void build_keepsTheLastVersionOfAnObjectAddedTwice() throws Exception {
        builder.add(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build());
        builder.add(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addNewPort().withPort(8080).endPort().endSpec().build());

        assertThat(builder.build().services()).singleElement()
                .satisfies(s -> assertThat(s.ports().get(0).port()).isEqualTo(8080));
        assertThat(builder.notes()).containsExactly(
                "1 object was read more than once; the last one read counts, as with kubectl apply: Service default/web");
    }
}
