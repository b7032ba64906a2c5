package dev.kdi.records.controllers;

import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods a workload's controller would create from its template, for input that has the
 * workload but none of its pods: the StatefulSet controller ({@code stateful_set_utils.go}:
 * {@code newStatefulSetPod}, {@code updateIdentity}), the Job controller ({@code job_controller.go},
 * {@code indexed_job_utils.go}), and one pod per replica for Deployments and ReplicaSets.
 *
 * <p>The pods carry no address (the network plugin assigns those) and are taken to be Ready. Pods
 * whose real names are random get names that no controller makes: {@code <workload>-template-<n>}
 * (the random parts of real names have no vowels).
 */
public final class WorkloadPods {
    /** The StatefulSet controller's label for the pod's own name. */
    public static final String STS_POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    /** The StatefulSet controller's label for the ordinal (Kubernetes 1.28 and newer). */
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    /** The Job name labels the API server adds to a Job's template when it generates the selector. */
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    public static final String LEGACY_JOB_NAME_LABEL = "job-name";
    /** The Indexed Job controller's label (and annotation) for the completion index. */
    public static final String JOB_COMPLETION_INDEX_LABEL = "batch.kubernetes.io/job-completion-index";

    private WorkloadPods() {
    }

    /**
     * Whether some pod of the input belongs to the workload: owned by it, or selected by its
     * selector (a Job's own pods carry its name label, its selector being generated).
     */
    public static boolean hasPods(Workload w, List<Pod> podsInNamespace) {
        for (Pod p : podsInNamespace) {
            if (p.owner() != null && p.owner().kind().equals(w.kind()) && p.owner().name().equals(w.name())) {
                return true;
            }
            if (!w.selector().isEmpty() && w.selector().matches(p.labels())) {
                return true;
            }
            if (isJob(w) && (w.name().equals(p.labels().get(JOB_NAME_LABEL))
                    || w.name().equals(p.labels().get(LEGACY_JOB_NAME_LABEL)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pods the controller would run, without addresses; none for a CronJob (its Jobs exist
     * only on schedule). A DaemonSet gets one stand-in for its pod on every node.
     */
    public static List<Pod> of(Workload w) {
        return switch (w.kind()) {
            case Kinds.STATEFUL_SET -> statefulSet(w);
            case Kinds.JOB -> job(w);
            case Kinds.DEPLOYMENT, Kinds.REPLICA_SET -> numbered(w, Math.max(0, w.replicas()), w.template().labels());
            case Kinds.DAEMON_SET -> numbered(w, 1, w.template().labels());
            default -> List.of();
        };
    }

    private static List<Pod> statefulSet(Workload w) {
        int replicas = w.replicas() < 0 ? 1 : w.replicas();
        List<Pod> out = new ArrayList<>(replicas);
        for (int i = 0; i < replicas; i++) {
            int ordinal = w.ordinalsStart() + i;
            String name = w.name() + "-" + ordinal;
            Map<String, String> labels = new HashMap<>(w.template().labels());
            labels.put(STS_POD_NAME_LABEL, name);
            labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
            // updateIdentity: the hostname is the pod's name and the subdomain the set's
            // serviceName, whatever the template says.
            out.add(pod(w, name, Map.copyOf(labels), name, w.serviceName()));
        }
        return out;
    }

    private static List<Pod> job(Workload w) {
        int parallelism = w.replicas() < 0 ? 1 : w.replicas();
        int running = w.completions() < 0 ? parallelism : Math.min(parallelism, w.completions());
        Map<String, String> labels = new HashMap<>(w.template().labels());
        labels.putIfAbsent(JOB_NAME_LABEL, w.name());
        labels.putIfAbsent(LEGACY_JOB_NAME_LABEL, w.name());
        if (!w.indexed()) {
            return numbered(w, running, Map.copyOf(labels));
        }
        List<Pod> out = new ArrayList<>(running);
        for (int index = 0; index < running; index++) {
            Map<String, String> indexed = new HashMap<>(labels);
            indexed.put(JOB_COMPLETION_INDEX_LABEL, Integer.toString(index));
            // The controller sets the hostname to <job>-<index> and keeps the template's subdomain;
            // the pod's name is generated from <job>-<index>-.
            String hostname = w.name() + "-" + index;
            out.add(pod(w, hostname + "-template", Map.copyOf(indexed), hostname, w.template().subdomain()));
        }
        return out;
    }

    private static List<Pod> numbered(Workload w, int count, Map<String, String> labels) {
        List<Pod> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            out.add(pod(w, w.name() + "-template-" + n, labels, w.template().hostname(), w.template().subdomain()));
        }
        return out;
    }

    private static Pod pod(Workload w, String name, Map<String, String> labels, String hostname, String subdomain) {
        PodTemplate t = w.template();
        return new Pod(w.namespace(), name, labels, List.of(), hostname, subdomain, Pod.Phase.RUNNING, true, false,
                null, new Owner(w.kind(), w.name()), t.dns(), t.containerPorts());
    }

    private static boolean isJob(Workload w) {
        return Kinds.JOB.equals(w.kind());
    }

}
