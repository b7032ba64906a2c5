package dev.kdi.records.objects;

/**
 * A pod-owning workload: StatefulSet, Deployment, ReplicaSet, DaemonSet, Job or CronJob.
 *
 * @param kind the kind, as in {@link Kinds}
 * @param namespace the namespace
 * @param name the name
 * @param selector {@code spec.selector} (for a CronJob, the job template's), possibly empty
 * @param template the pod template
 * @param serviceName {@code spec.serviceName} of a StatefulSet, or null
 * @param replicas {@code spec.replicas}, or -1 when the kind has none
 */
public record Workload(
        String kind,
        String namespace,
        String name,
        LabelSelector selector,
        PodTemplate template,
        String serviceName,
        int replicas) {

    public ObjectRef ref() {
        return new ObjectRef(kind, namespace, name);
    }

    public boolean isStatefulSet() {
        return Kinds.STATEFUL_SET.equals(kind);
    }
}
