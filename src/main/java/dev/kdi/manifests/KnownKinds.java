package dev.kdi.manifests;

import dev.kdi.records.objects.Kinds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Map;
import java.util.Set;

/**
 * The API versions and kinds the model reads, and the fabric8 class each is read into. Any other
 * pair (other kinds, older API versions of these kinds) is skipped without being deserialized.
 */
final class KnownKinds {
    private static final Map<String, Class<? extends HasMetadata>> CLASSES = Map.ofEntries(
            Map.entry("v1/" + Kinds.NAMESPACE, Namespace.class),
            Map.entry("v1/" + Kinds.SERVICE, Service.class),
            Map.entry("v1/" + Kinds.POD, Pod.class),
            Map.entry("v1/" + Kinds.ENDPOINTS, Endpoints.class),
            Map.entry("v1/" + Kinds.CONFIG_MAP, ConfigMap.class),
            Map.entry("discovery.k8s.io/v1/" + Kinds.ENDPOINT_SLICE, EndpointSlice.class),
            Map.entry("apps/v1/" + Kinds.STATEFUL_SET, StatefulSet.class),
            Map.entry("apps/v1/" + Kinds.DEPLOYMENT, Deployment.class),
            Map.entry("apps/v1/" + Kinds.REPLICA_SET, ReplicaSet.class),
            Map.entry("apps/v1/" + Kinds.DAEMON_SET, DaemonSet.class),
            Map.entry("batch/v1/" + Kinds.JOB, Job.class),
            Map.entry("batch/v1/" + Kinds.CRON_JOB, CronJob.class));

    private static final Set<String> MODEL_KINDS = Set.of(Kinds.NAMESPACE, Kinds.SERVICE, Kinds.POD, Kinds.ENDPOINTS,
            Kinds.CONFIG_MAP, Kinds.ENDPOINT_SLICE, Kinds.STATEFUL_SET, Kinds.DEPLOYMENT, Kinds.REPLICA_SET,
            Kinds.DAEMON_SET, Kinds.JOB, Kinds.CRON_JOB);

    /** Well-known kinds that live outside namespaces; their {@code metadata.namespace} means nothing. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(Kinds.NAMESPACE, "Node", "PersistentVolume",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PriorityClass",
            "IngressClass", "RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment", "APIService",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "CertificateSigningRequest", "ComponentStatus",
            "FlowSchema", "PriorityLevelConfiguration", "GatewayClass");

    private KnownKinds() {
    }

    /** The class to read an object into, or null when the model does not use it. */
    static Class<? extends HasMetadata> classFor(String apiVersion, String kind) {
        return CLASSES.get(apiVersion + "/" + kind);
    }

    /**
     * How notes name a skipped kind: the kind alone, or with its API version when the model reads
     * that kind in another version (so {@code EndpointSlice discovery.k8s.io/v1beta1} stands out).
     */
    static String describe(String apiVersion, String kind) {
        return MODEL_KINDS.contains(kind) ? kind + " " + apiVersion : kind;
    }

    static boolean isClusterScoped(String kind) {
        return CLUSTER_SCOPED.contains(kind);
    }
}
