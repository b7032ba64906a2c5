package dev.kdi.records.objects;

import java.util.Optional;
import java.util.Set;

/**
 * The kinds the model reads, with where the API serves each: the one vocabulary the manifest
 * reader, the live loader and the model share. The readers add only what is theirs (the fabric8
 * class each kind is read into, how the loader lists it).
 */
public enum ApiKind {
    NAMESPACE(Kinds.NAMESPACE, "v1", "namespaces", false),
    SERVICE(Kinds.SERVICE, "v1", "services", true),
    ENDPOINT_SLICE(Kinds.ENDPOINT_SLICE, "discovery.k8s.io/v1", "endpointslices", true),
    ENDPOINTS(Kinds.ENDPOINTS, "v1", "endpoints", true),
    POD(Kinds.POD, "v1", "pods", true),
    CONFIG_MAP(Kinds.CONFIG_MAP, "v1", "configmaps", true),
    STATEFUL_SET(Kinds.STATEFUL_SET, "apps/v1", "statefulsets", true),
    DEPLOYMENT(Kinds.DEPLOYMENT, "apps/v1", "deployments", true),
    REPLICA_SET(Kinds.REPLICA_SET, "apps/v1", "replicasets", true),
    DAEMON_SET(Kinds.DAEMON_SET, "apps/v1", "daemonsets", true),
    JOB(Kinds.JOB, "batch/v1", "jobs", true),
    CRON_JOB(Kinds.CRON_JOB, "batch/v1", "cronjobs", true);

    /** Well-known kinds that live outside namespaces; their {@code metadata.namespace} means nothing. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(Kinds.NAMESPACE, "Node", "PersistentVolume",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PriorityClass",
            "IngressClass", "RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment", "APIService",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "CertificateSigningRequest", "ComponentStatus",
            "FlowSchema", "PriorityLevelConfiguration", "GatewayClass");

    private final String kind;
    private final String apiVersion;
    private final String plural;
    private final boolean namespaced;

    ApiKind(String kind, String apiVersion, String plural, boolean namespaced) {
        this.kind = kind;
        this.apiVersion = apiVersion;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    /** The kind as manifests spell it: {@code EndpointSlice}. */
    public String kind() {
        return kind;
    }

    /** The API version the model reads it in: {@code discovery.k8s.io/v1}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The resource's plural name in API paths: {@code endpointslices}. */
    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** The resource as RBAC and kubectl name it: {@code pods}, {@code endpointslices.discovery.k8s.io}. */
    public String resource() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? plural : plural + "." + apiVersion.substring(0, slash);
    }

    /** The kind the model reads in exactly this API version; other versions of a kind are not it. */
    public static Optional<ApiKind> of(String apiVersion, String kind) {
        for (ApiKind k : values()) {
            if (k.kind.equals(kind) && k.apiVersion.equals(apiVersion)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Whether the model reads this kind in some API version. */
    public static boolean isRead(String kind) {
        for (ApiKind k : values()) {
            if (k.kind.equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the kind is a well-known cluster-scoped one (a Node, a ClusterRole, ...). */
    public static boolean isClusterScoped(String kind) {
        return CLUSTER_SCOPED.contains(kind);
    }
}
