package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.MockApiServer;
import dev.kdi.manifests.Fabric8Kinds;
import dev.kdi.records.objects.ApiKind;
import dev.kdi.testing.Await;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * With fabric8's scan of every model class gone, every kind kdi reads still arrives as its own
 * class, through fabric8's mock API server in CRUD mode: the demo's client loading manifests, and
 * a session's client (its serialization, {@link DnsFieldsSerialization}) listing and watching.
 */
class KindsArriveTypedTest {
    private MockApiServer api;
    private KubernetesClient session;
    private final List<Watch> watches = new ArrayList<>();

    @BeforeEach
    void start() {
        api = MockApiServer.start(false);
        session = new KubernetesClientBuilder().withConfig(api.client().getConfiguration())
                .withKubernetesSerialization(DnsFieldsSerialization.create()).build();
    }

    @AfterEach
    void stop() {
        watches.forEach(Watch::close);
        session.close();
        api.close();
    }

    /** One object of each kind kdi reads, as a multi-document manifest. */
    private static String manifests() {
        StringBuilder yaml = new StringBuilder();
        for (ApiKind kind : ApiKind.values()) {
            yaml.append("---\napiVersion: ").append(kind.apiVersion()).append("\nkind: ").append(kind.kind())
                    .append("\nmetadata:\n  name: typed-").append(kind.plural()).append('\n');
            if (kind.namespaced()) {
                yaml.append("  namespace: shop\n");
            }
        }
        return yaml.toString();
    }

    @Test
    @DisplayName("every kind kdi reads arrives typed: loaded by the demo's client, listed and watched by a session's")
    void everyReadKindArrivesTyped() throws Exception {
        Map<ApiKind, Object> watched = new ConcurrentHashMap<>();
        for (ApiKind kind : ApiKind.values()) {
            Watchable<HasMetadata> op = kind == ApiKind.NAMESPACE ? cast(session.namespaces())
                    : cast(session.resources(Fabric8Kinds.type(kind)).inAnyNamespace());
            watches.add(op.watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, HasMetadata resource) {
                    if (action == Action.ADDED) {
                        watched.put(kind, resource);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            }));
        }

        List<HasMetadata> loaded = api.client().load(new ByteArrayInputStream(
                manifests().getBytes(StandardCharsets.UTF_8))).items();
        assertThat(loaded).hasSize(ApiKind.values().length);
        for (int i = 0; i < loaded.size(); i++) {
            ApiKind kind = ApiKind.values()[i];
            assertThat(loaded.get(i)).as("loaded " + kind.kind()).isExactlyInstanceOf(Fabric8Kinds.type(kind));
            api.client().resource(loaded.get(i)).create();
        }

        Await.until(Duration.ofSeconds(30), () -> watched.size() == ApiKind.values().length,
                "an ADDED event of every kind; got " + watched.keySet());
        for (ApiKind kind : ApiKind.values()) {
            assertThat(watched.get(kind)).as("watched " + kind.kind()).isExactlyInstanceOf(Fabric8Kinds.type(kind));
            List<? extends HasMetadata> listed = kind == ApiKind.NAMESPACE ? session.namespaces().list().getItems()
                    : session.resources(Fabric8Kinds.type(kind)).inAnyNamespace().list().getItems();
            assertThat(listed).as("listed " + kind.kind()).extracting(o -> o.getMetadata().getName())
                    .contains("typed-" + kind.plural());
            assertThat(listed).as("listed " + kind.kind()).allMatch(o -> o.getClass() == Fabric8Kinds.type(kind));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Watchable<HasMetadata> cast(Watchable op) {
        return op;
    }
}
