package dev.kdi.records.objects;

/**
 * The kinds the model reads, spelled as Kubernetes spells them, as constants for {@code switch}
 * and records; {@link ApiKind} says where the API serves each.
 */
public final class Kinds {
    public static final String NAMESPACE = "Namespace";
    public static final String SERVICE = "Service";
    public static final String ENDPOINT_SLICE = "EndpointSlice";
    public static final String ENDPOINTS = "Endpoints";
    public static final String POD = "Pod";
    public static final String STATEFUL_SET = "StatefulSet";
    public static final String DEPLOYMENT = "Deployment";
    public static final String REPLICA_SET = "ReplicaSet";
    public static final String DAEMON_SET = "DaemonSet";
    public static final String JOB = "Job";
    public static final String CRON_JOB = "CronJob";
    public static final String CONFIG_MAP = "ConfigMap";

    private Kinds() {
    }
}
