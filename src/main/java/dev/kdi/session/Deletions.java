package dev.kdi.session;

import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import java.util.Locale;
import java.util.Map;

/**
 * The objects a change deletes, written as {@code kdi diff --delete} takes them:
 * {@code KIND/NS/NAME} (or {@code namespace/NAME}) with kubectl's kind names and short names. The
 * command line and the window's change dialog read them alike.
 */
public final class Deletions {
    private Deletions() {
    }

    /**
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static ObjectRef parse(String text) {
        String[] parts = text.trim().split("/", -1);
        String kind = KINDS.get(parts[0].toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new IllegalArgumentException(text + ": unknown kind \"" + parts[0] + "\" (one of service, pod, "
                    + "statefulset, deployment, replicaset, daemonset, job, cronjob, namespace)");
        }
        if (kind.equals(Kinds.NAMESPACE) && parts.length == 2 && !parts[1].isEmpty()) {
            return ObjectRef.namespace(parts[1]);
        }
        if (kind.equals(Kinds.NAMESPACE) || parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException(text + ": expected KIND/NAMESPACE/NAME (namespace/NAME for a "
                    + "namespace)");
        }
        return new ObjectRef(kind, parts[1], parts[2]);
    }

    /** {@code service/shop/web}, as {@link #parse} reads it back. */
    public static String text(ObjectRef ref) {
        String kind = ref.kind().toLowerCase(Locale.ROOT);
        return ref.kind().equals(Kinds.NAMESPACE) ? kind + "/" + ref.name()
                : kind + "/" + ref.namespace() + "/" + ref.name();
    }

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("service", Kinds.SERVICE), Map.entry("services", Kinds.SERVICE), Map.entry("svc", Kinds.SERVICE),
            Map.entry("pod", Kinds.POD), Map.entry("pods", Kinds.POD), Map.entry("po", Kinds.POD),
            Map.entry("statefulset", Kinds.STATEFUL_SET), Map.entry("statefulsets", Kinds.STATEFUL_SET),
            Map.entry("sts", Kinds.STATEFUL_SET),
            Map.entry("deployment", Kinds.DEPLOYMENT), Map.entry("deployments", Kinds.DEPLOYMENT),
            Map.entry("deploy", Kinds.DEPLOYMENT),
            Map.entry("replicaset", Kinds.REPLICA_SET), Map.entry("replicasets", Kinds.REPLICA_SET),
            Map.entry("rs", Kinds.REPLICA_SET),
            Map.entry("daemonset", Kinds.DAEMON_SET), Map.entry("daemonsets", Kinds.DAEMON_SET),
            Map.entry("ds", Kinds.DAEMON_SET),
            Map.entry("job", Kinds.JOB), Map.entry("jobs", Kinds.JOB),
            Map.entry("cronjob", Kinds.CRON_JOB), Map.entry("cronjobs", Kinds.CRON_JOB), Map.entry("cj", Kinds.CRON_JOB),
            Map.entry("namespace", Kinds.NAMESPACE), Map.entry("namespaces", Kinds.NAMESPACE),
            Map.entry("ns", Kinds.NAMESPACE));
}
