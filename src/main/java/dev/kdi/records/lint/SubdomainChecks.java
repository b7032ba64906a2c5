package dev.kdi.records.lint;

import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod with {@code hostname: h} and {@code subdomain: s} is {@code h.s.ns.svc.<zone>} only when
 * a Service {@code s} in its namespace selects it: the EndpointSlice controller copies the
 * hostname into that Service's slice, and CoreDNS reads names only from slices. A pod with a
 * subdomain but no hostname gets no such name at all, though {@code hostname -f} prints one.
 *
 * <p>Pods of one workload are reported together, under the workload.
 */
final class SubdomainChecks implements NamespaceCheck {

    private record Group(Rule rule, ObjectRef subject, String subdomain, String reason) {
    }

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        Map<Group, List<Pod>> groups = new LinkedHashMap<>();
        for (Pod pod : ns.pods) {
            String sub = pod.subdomain();
            if (sub == null || sub.isEmpty() || ns.isPodExplained(pod.name())) {
                continue;
            }
            ObjectRef subject = ns.subject(pod);
            if (pod.hostname() == null || pod.hostname().isEmpty()) {
                if (!facts.endpointPodNames()) {
                    groups.computeIfAbsent(new Group(Rule.SUBDOMAIN_WITHOUT_HOSTNAME, subject, sub, null),
                            k -> new ArrayList<>()).add(pod);
                }
                continue;
            }
            Service svc = ns.service(sub);
            if (svc == null) {
                groups.computeIfAbsent(new Group(Rule.SUBDOMAIN_SERVICE_MISSING, subject, sub, null),
                        k -> new ArrayList<>()).add(pod);
                continue;
            }
            String reason = notSelectingReason(ns, svc, pod);
            if (reason != null) {
                ns.explainService(sub);
                groups.computeIfAbsent(new Group(Rule.SUBDOMAIN_SERVICE_NOT_SELECTING, subject, sub, reason),
                        k -> new ArrayList<>()).add(pod);
            }
        }
        for (Map.Entry<Group, List<Pod>> e : groups.entrySet()) {
            out.add(finding(ns, facts, e.getKey(), e.getValue()));
        }
    }

    private static String notSelectingReason(NamespaceView ns, Service svc, Pod pod) {
        if (svc.isExternalName()) {
            return "Service " + svc.name() + " is an ExternalName alias, which has no endpoints";
        }
        if (!svc.hasSelector()) {
            for (EndpointSlice s : ns.slicesOf(svc.name())) {
                for (Endpoint e : s.endpoints()) {
                    if (pod.hostname().equals(e.hostname())) {
                        return null;
                    }
                }
            }
            return "Service " + svc.name() + " has no selector, and none of its EndpointSlices names the pod";
        }
        if (LabelSelector.serviceSelects(svc.selector(), pod.labels())) {
            return null;
        }
        return "Service " + svc.name() + " selects " + Words.selector(svc.selector()) + " while the pod has "
                + Words.labelsForKeys(svc.selector(), pod.labels());
    }

    private static Finding finding(NamespaceView ns, ClusterFacts facts, Group g, List<Pod> pods) {
        List<ObjectRef> objects = new ArrayList<>(pods.size() + 2);
        boolean single = g.subject().kind().equals(Kinds.POD);
        objects.add(g.subject());
        if (!single) {
            for (Pod p : pods) {
                objects.add(p.ref());
            }
        }
        String who = who(ns, g.subject(), pods);
        boolean many = pods.size() > 1;
        Set<String> hostnames = new LinkedHashSet<>();
        Set<String> fqdns = new LinkedHashSet<>();
        for (Pod p : pods) {
            String host = p.hostname() == null || p.hostname().isEmpty() ? kubeletHostname(p.name()) : p.hostname();
            hostnames.add(host);
            fqdns.add(host + "." + facts.serviceName(g.subdomain(), ns.name));
        }
        String names = Words.list(fqdns);
        String doesNot = Words.plural(fqdns.size(), " does not resolve", " do not resolve");
        String labels = suggestedLabels(ns, pods.get(0));
        return switch (g.rule()) {
            case SUBDOMAIN_SERVICE_MISSING -> Finding.of(g.rule(), objects,
                    who + (many ? " have " : " has ") + Words.plural(hostnames.size(), "hostname ", "hostnames ")
                            + Words.list(hostnames) + " and subdomain " + g.subdomain() + ", but no Service "
                            + g.subdomain() + " exists in " + ns.name + ": " + names + doesNot + ".",
                    "Create a headless Service named " + g.subdomain() + " in " + ns.name + " that selects " + labels
                            + alternative(ns, pods.get(0)) + ".");
            case SUBDOMAIN_SERVICE_NOT_SELECTING -> {
                objects.add(1, ObjectRef.service(ns.name, g.subdomain()));
                Service svc = ns.service(g.subdomain());
                String fix = svc.hasSelector() && !svc.isExternalName()
                        ? "Change Service " + svc.name() + "'s selector to " + labels + ", or add "
                                + Words.selector(svc.selector()) + " to the pod's labels."
                        : "Make " + svc.name() + " a headless Service (clusterIP: None) that selects " + labels + ".";
                yield Finding.of(g.rule(), objects,
                        who + (many ? " have " : " has ") + Words.plural(hostnames.size(), "hostname ", "hostnames ")
                                + Words.list(hostnames) + " and subdomain " + g.subdomain() + ", but " + g.reason()
                                + ": " + names + doesNot + ".",
                        fix);
            }
            case SUBDOMAIN_WITHOUT_HOSTNAME -> Finding.of(g.rule(), objects,
                    who + (many ? " set" : " sets") + " subdomain " + g.subdomain() + " but no hostname, so "
                            + Words.plural(fqdns.size(), "its own FQDN ", "their own FQDNs ") + names
                            + " (what hostname -f prints)" + doesNot
                            + ": only pods with spec.hostname get a name under their subdomain's Service.",
                    single ? "Set spec.hostname: " + hostnames.iterator().next() + " alongside subdomain: "
                            + g.subdomain() + ", with a headless Service " + g.subdomain() + " that selects the pod."
                            : "Give each pod its own hostname (a StatefulSet does this), or address the pods "
                                    + "through Service " + g.subdomain() + " rather than by their own FQDNs.");
            default -> throw new IllegalStateException(g.rule().code());
        };
    }

    /** {@code Pod shop/x}, or {@code Pods a and b of Deployment shop/web}. */
    static String who(NamespaceView ns, ObjectRef subject, List<Pod> pods) {
        if (subject.kind().equals(Kinds.POD)) {
            return "Pod " + subject.qualifiedName();
        }
        List<String> names = new ArrayList<>(pods.size());
        for (Pod p : pods) {
            names.add(p.name());
        }
        names.sort(Words.NATURAL);
        return Words.pods(names) + " of " + subject.kind() + " " + ns.name + "/" + subject.name();
    }

    /** The hostname the kubelet gives a pod without spec.hostname: its name, cut to 63 characters. */
    static String kubeletHostname(String podName) {
        int max = NameRule.DNS1123_LABEL.maxLength();
        if (podName.length() <= max) {
            return podName;
        }
        String cut = podName.substring(0, max);
        int end = cut.length();
        while (end > 0 && (cut.charAt(end - 1) == '-' || cut.charAt(end - 1) == '.')) {
            end--;
        }
        return cut.substring(0, end);
    }

    /** What a Service for this pod should select: its workload's selector, else its own labels. */
    private static String suggestedLabels(NamespaceView ns, Pod pod) {
        Workload w = ns.templateOwner(pod);
        Map<String, String> labels = w != null ? StatefulSetChecks.podSelector(w) : Words.selectableLabels(pod.labels());
        return labels.isEmpty() ? "the pod (it has no labels yet to select it by)" : Words.selector(labels);
    }

    /** A headless Service that already selects the pod, offered as the subdomain to use instead. */
    private static String alternative(NamespaceView ns, Pod pod) {
        for (Service s : ns.services) {
            if (s.isHeadless() && LabelSelector.serviceSelects(s.selector(), pod.labels())) {
                return ", or set subdomain: " + s.name() + " (a headless Service that already selects it)";
            }
        }
        return "";
    }
}
