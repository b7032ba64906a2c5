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
 * @param replicas {@code spec.replicas} (a Job's {@code spec.parallelism}), or -1 when the kind has none
 * @param ordinalsStart a StatefulSet's {@code spec.ordinals.start}: its first pod's ordinal (0 when unset)
 * @param indexed whether a Job's {@code spec.completionMode} is {@code Indexed}
 * @param completions a Job's {@code spec.completions}, or -1 when unset
 */
public record Workload(
        String kind,
        String namespace,
        String name,
        LabelSelector selector,
        PodTemplate template,
        String serviceName,
        int replicas,
        int ordinalsStart,
        boolean indexed,
        int completions) {

    /** A workload with no ordinals, completion mode or completions of its own. */
    public Workload(String kind, String namespace, String name, LabelSelector selector, PodTemplate template,
                    String serviceName, int replicas) {
        this(kind, namespace, name, selector, template, serviceName, replicas, 0, false, -1);
    }

    public ObjectRef ref() {
        return new ObjectRef(kind, namespace, name);
    }

    public boolean isStatefulSet() {
        return Kinds.STATEFUL_SET.equals(kind);
    }
}
