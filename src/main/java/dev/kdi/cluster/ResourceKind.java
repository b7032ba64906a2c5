package dev.kdi.cluster;

import dev.kdi.manifests.Converted;
import dev.kdi.manifests.Fabric8Kinds;
import dev.kdi.manifests.InvalidObjectException;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ApiKind;
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
 * The kinds the live path lists and watches (the {@link ApiKind}s but Endpoints, which the API
 * server mirrors into slices, and the one ConfigMap, read by name), with how each converts to the
 * model's records.
 *
 * <p>Only the fields DNS needs survive conversion; the fabric8 objects are dropped page by page,
 * which keeps a 150,000-pod cluster small.
 */
enum ResourceKind {
    NAMESPACES(ApiKind.NAMESPACE),
    SERVICES(ApiKind.SERVICE),
    ENDPOINT_SLICES(ApiKind.ENDPOINT_SLICE),
    PODS(ApiKind.POD),
    STATEFUL_SETS(ApiKind.STATEFUL_SET),
    DEPLOYMENTS(ApiKind.DEPLOYMENT),
    REPLICA_SETS(ApiKind.REPLICA_SET),
    DAEMON_SETS(ApiKind.DAEMON_SET),
    JOBS(ApiKind.JOB),
    CRON_JOBS(ApiKind.CRON_JOB);

    /** The kinds the model cannot do without; the rest only feed the lint. */
    static final List<ResourceKind> ESSENTIAL = List.of(NAMESPACES, SERVICES, ENDPOINT_SLICES, PODS);

    final String kind;
    final String plural;
    final Class<? extends HasMetadata> type;
    final boolean namespaced;
    private final ApiKind apiKind;

    ResourceKind(ApiKind apiKind) {
        this.apiKind = apiKind;
        this.kind = apiKind.kind();
        this.plural = apiKind.plural();
        this.type = Fabric8Kinds.type(apiKind);
        this.namespaced = apiKind.namespaced();
    }

    /**
     * The model's record for an object, or null when the model skips it (e.g. an FQDN slice).
     */
    Object convert(ObjectConverter converter, HasMetadata object) throws InvalidObjectException {
        return switch (this) {
            case NAMESPACES -> converter.namespace((Namespace) object);
            case SERVICES -> converter.service((Service) object);
            case ENDPOINT_SLICES -> converter.endpointSlice((EndpointSlice) object) instanceof
                    Converted.Kept<dev.kdi.records.objects.EndpointSlice> kept ? kept.value() : null;
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
        return apiKind.resource();
    }
}
