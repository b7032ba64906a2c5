package dev.kdi.cluster;

import dev.kdi.manifests.InvalidObjectException;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.Kinds;
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
import java.util.List;

/**
 * The kinds the live path lists and watches, with how each converts to the model's records.
 *
 * <p>Only the fields DNS needs survive conversion; the fabric8 objects are dropped page by page,
 * which keeps a 150,000-pod cluster small.
 */
enum ResourceKind {
    NAMESPACES(Kinds.NAMESPACE, "namespaces", Namespace.class, false),
    SERVICES(Kinds.SERVICE, "services", Service.class, true),
    ENDPOINT_SLICES(Kinds.ENDPOINT_SLICE, "endpointslices", EndpointSlice.class, true),
    PODS(Kinds.POD, "pods", Pod.class, true),
    STATEFUL_SETS(Kinds.STATEFUL_SET, "statefulsets", StatefulSet.class, true),
    DEPLOYMENTS(Kinds.DEPLOYMENT, "deployments", Deployment.class, true),
    REPLICA_SETS(Kinds.REPLICA_SET, "replicasets", ReplicaSet.class, true),
    DAEMON_SETS(Kinds.DAEMON_SET, "daemonsets", DaemonSet.class, true),
    JOBS(Kinds.JOB, "jobs", Job.class, true),
    CRON_JOBS(Kinds.CRON_JOB, "cronjobs", CronJob.class, true);

    /** The kinds the model cannot do without; the rest only feed the lint. */
    static final List<ResourceKind> ESSENTIAL = List.of(NAMESPACES, SERVICES, ENDPOINT_SLICES, PODS);

    final String kind;
    final String plural;
    final Class<? extends HasMetadata> type;
    final boolean namespaced;

    ResourceKind(String kind, String plural, Class<? extends HasMetadata> type, boolean namespaced) {
        this.kind = kind;
        this.plural = plural;
        this.type = type;
        this.namespaced = namespaced;
    }

    /**
     * The model's record for an object, or null when the model skips it (e.g. an FQDN slice).
     */
    Object convert(ObjectConverter converter, HasMetadata object) throws InvalidObjectException {
        return switch (this) {
            case NAMESPACES -> converter.namespace((Namespace) object);
            case SERVICES -> converter.service((Service) object);
            case ENDPOINT_SLICES -> converter.endpointSlice((EndpointSlice) object) instanceof
                    dev.kdi.manifests.Converted.Kept<dev.kdi.records.objects.EndpointSlice> kept ? kept.value() : null;
            case PODS -> converter.pod((Pod) object);
            case STATEFUL_SETS -> converter.workload((StatefulSet) object);
            case DEPLOYMENTS -> converter.workload((Deployment) object);
            case REPLICA_SETS -> converter.workload((ReplicaSet) object);
            case DAEMON_SETS -> converter.workload((DaemonSet) object);
            case JOBS -> converter.workload((Job) object);
            case CRON_JOBS -> converter.workload((CronJob) object);
        };
    }

    /** The RBAC resource, for messages: {@code list pods}, {@code watch endpointslices.discovery.k8s.io}. */
    String rbacResource() {
        return switch (this) {
            case ENDPOINT_SLICES -> "endpointslices.discovery.k8s.io";
            case STATEFUL_SETS, DEPLOYMENTS, REPLICA_SETS, DAEMON_SETS -> plural + ".apps";
            case JOBS, CRON_JOBS -> plural + ".batch";
            default -> plural;
        };
    }
}
