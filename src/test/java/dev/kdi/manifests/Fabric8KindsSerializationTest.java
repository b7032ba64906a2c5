package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.records.objects.ApiKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The serialization kdi's clients use knows every kind kdi reads by apiVersion and kind, and
 * nothing else: fabric8's scan of every model class is never part of it.
 */
class Fabric8KindsSerializationTest {
    private final KubernetesSerialization serialization = Fabric8Kinds.serialization(new ObjectMapper());

    private static String object(ApiKind kind) {
        return "{\"apiVersion\": \"" + kind.apiVersion() + "\", \"kind\": \"" + kind.kind() + "\","
                + " \"metadata\": {\"name\": \"x\"" + (kind.namespaced() ? ", \"namespace\": \"ns\"" : "") + "}}";
    }

    @Test
    @DisplayName("a watch event of every kind kdi reads comes back as that kind's class")
    void watchEventsOfEveryReadKindAreTyped() {
        for (ApiKind kind : ApiKind.values()) {
            WatchEvent event = serialization.unmarshal("{\"type\": \"ADDED\", \"object\": " + object(kind) + "}",
                    WatchEvent.class);
            assertThat(event.getObject()).as(kind.kind()).isExactlyInstanceOf(Fabric8Kinds.type(kind));
        }
    }

    @Test
    @DisplayName("an ERROR event's Status is a Status, so a watch sees 410 Gone and relists")
    void errorEventsCarryAStatus() {
        WatchEvent event = serialization.unmarshal("""
                {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                 "message": "too old resource version: 1 (5)", "reason": "Expired", "code": 410}}
                """, WatchEvent.class);

        assertThat(event.getObject()).isInstanceOf(Status.class);
        assertThat(((Status) event.getObject()).getCode()).isEqualTo(410);
    }

    @Test
    @DisplayName("manifests loaded untyped (the demo's seed, kind: List) come back typed, item by item")
    void untypedLoadIsTyped() {
        StringBuilder yaml = new StringBuilder();
        for (ApiKind kind : ApiKind.values()) {
            yaml.append("---\n").append(object(kind)).append('\n');
        }
        List<?> loaded = serialization.unmarshal(
                new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(loaded).hasSize(ApiKind.values().length);
        for (int i = 0; i < loaded.size(); i++) {
            assertThat(loaded.get(i)).isExactlyInstanceOf(Fabric8Kinds.type(ApiKind.values()[i]));
        }

        Object list = serialization.unmarshal("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": ["
                + object(ApiKind.SERVICE) + ", " + object(ApiKind.CRON_JOB) + "]}");
        assertThat(list).isInstanceOf(KubernetesList.class);
        assertThat(((KubernetesList) list).getItems()).extracting(HasMetadata::getKind)
                .containsExactly("Service", "CronJob");
        assertThat(((KubernetesList) list).getItems()).allMatch(o -> !(o instanceof GenericKubernetesResource));
    }

    @Test
    @DisplayName("kinds kdi never reads are unknown to it: fabric8's class-path scan is not behind it")
    void otherKindsAreNotRegistered() {
        assertThat(serialization.getRegisteredKubernetesResource("v1", "Pod")).isNotNull();
        assertThat(serialization.getRegisteredKubernetesResource("autoscaling/v2", "HorizontalPodAutoscaler")).isNull();
        assertThat(serialization.getRegisteredKubernetesResource("batch/v1beta1", "CronJob")).isNull();
        assertThat(serialization.getRegisteredKubernetesResource("rbac.authorization.k8s.io/v1", "ClusterRole"))
                .isNull();

        Object other = serialization.unmarshal("{\"apiVersion\": \"autoscaling/v2\","
                + " \"kind\": \"HorizontalPodAutoscaler\", \"metadata\": {\"name\": \"web\", \"namespace\": \"shop\"}}");
        assertThat(other).isExactlyInstanceOf(GenericKubernetesResource.class);
    }
}
