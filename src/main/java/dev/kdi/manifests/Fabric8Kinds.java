package dev.kdi.manifests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.records.objects.ApiKind;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The fabric8 class each {@link ApiKind} is read into, from manifests or from the API. Any other
 * pair of API version and kind (other kinds, older versions of these) is skipped without being
 * deserialized.
 */
public final class Fabric8Kinds {
    private Fabric8Kinds() {
    }

    /** The class objects of the kind are read into. */
    public static Class<? extends HasMetadata> type(ApiKind kind) {
        return switch (kind) {
            case NAMESPACE -> Namespace.class;
            case SERVICE -> Service.class;
            case ENDPOINT_SLICE -> EndpointSlice.class;
            case ENDPOINTS -> Endpoints.class;
            case POD -> Pod.class;
            case CONFIG_MAP -> ConfigMap.class;
            case STATEFUL_SET -> StatefulSet.class;
            case DEPLOYMENT -> Deployment.class;
            case REPLICA_SET -> ReplicaSet.class;
            case DAEMON_SET -> DaemonSet.class;
            case JOB -> Job.class;
            case CRON_JOB -> CronJob.class;
        };
    }

    /**
     * fabric8's serialization over {@code mapper} (configured in place), knowing by apiVersion and
     * kind only the kinds kdi reads: every {@link ApiKind}, {@code Status} and {@code List}.
     *
     * <p>fabric8's default ({@code searchClassloaders} true) finds every model class through a
     * {@code ServiceLoader} and instantiates each the first time anything is read as an untyped
     * {@code KubernetesResource}: a watch event's object, {@code client.load(...)},
     * {@code genericKubernetesResources(apiVersion, kind)}. With the demo open that was about 460
     * model classes kdi never uses and 3.5 MB of metaspace, kept for good (fabric8 caches the scan
     * statically). Typed reads (a {@code get} or {@code list} of a kind's class) never need the
     * table. An untyped read of an unregistered kind becomes a {@code GenericKubernetesResource}:
     * {@code load} would hand the demo's seed back untyped, and a watch would parse each event
     * twice (fabric8 converts it to the watched type). An ERROR event's {@code Status} must stay a
     * {@code Status}, or a 410 Gone is retried forever instead of ending the watch.
     */
    public static KubernetesSerialization serialization(ObjectMapper mapper) {
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, false);
        for (ApiKind kind : ApiKind.values()) {
            serialization.registerKubernetesResource(type(kind));
        }
        serialization.registerKubernetesResource(Status.class);
        serialization.registerKubernetesResource(KubernetesList.class);
        return serialization;
    }

    /** The class to read an object into, or null when the model does not use it. */
    static Class<? extends HasMetadata> classFor(String apiVersion, String kind) {
        return ApiKind.of(apiVersion, kind).<Class<? extends HasMetadata>>map(Fabric8Kinds::type).orElse(null);
    }

    /**
     * How notes name a skipped kind: the kind alone, or with its API version when the model reads
     * that kind in another version (so {@code EndpointSlice discovery.k8s.io/v1beta1} stands out).
     */
    static String describe(String apiVersion, String kind) {
        return ApiKind.isRead(kind) ? kind + " " + apiVersion : kind;
    }
}
