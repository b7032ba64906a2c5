package dev.kdi.records.lint;

import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.List;
import java.util.Set;

/**
 * A hostname in the template of a Deployment, ReplicaSet or DaemonSet is stamped on every
 * replica: they all share one name, and with a matching headless Service that name returns
 * every ready replica at once. Only a StatefulSet (or an indexed Job) names pods one by one.
 */
final class TemplateChecks implements NamespaceCheck {
    private static final Set<String> REPLICATED = Set.of(Kinds.DEPLOYMENT, Kinds.REPLICA_SET, Kinds.DAEMON_SET);

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        for (Workload w : ns.workloads) {
            PodTemplate t = w.template();
            if (!REPLICATED.contains(w.kind()) || t.hostname() == null || t.hostname().isEmpty()
                    || ns.parentOf(w) != null) {
                continue;
            }
            String who = "Every replica of " + w.kind() + " " + ns.name + "/" + w.name();
            String message;
            if (t.subdomain() == null || t.subdomain().isEmpty()) {
                message = who + " gets hostname " + t.hostname() + ", and without a subdomain that name is local to "
                        + "each pod: no DNS name tells the replicas apart.";
            } else {
                String shared = t.hostname() + "." + facts.serviceName(t.subdomain(), ns.name);
                Service svc = ns.service(t.subdomain());
                message = who + " gets hostname " + t.hostname() + " and subdomain " + t.subdomain() + ", so " + shared
                        + (svc == null ? " (once a Service " + t.subdomain() + " exists)" : "")
                        + " returns every ready replica's address at once, never one pod.";
            }
            out.add(Finding.of(Rule.TEMPLATE_HOSTNAME, List.of(w.ref()), message,
                    "Use a StatefulSet for per-pod names (" + w.name() + "-0, " + w.name() + "-1, ...), or drop "
                            + "hostname from the template and reach the replicas through a Service."));
        }
    }
}
