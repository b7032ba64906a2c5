package dev.kdi.records.lint;

import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names that become DNS labels must be valid labels, or the API server refuses the object and
 * the name never exists: namespace names, Service names (DNS-1035: a letter first), and pod
 * hostnames and subdomains (DNS-1123). Offline manifests are where these turn up.
 */
final class NameChecks implements NamespaceCheck {

    private record Group(ObjectRef subject, String field, String value, String problem) {
    }

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        String nsProblem = NameRule.DNS1123_LABEL.problem(ns.name);
        if (nsProblem != null) {
            out.add(Finding.of(Rule.NAME_NOT_DNS_LABEL, List.of(ObjectRef.namespace(ns.name)),
                    "Namespace " + ns.name + " is not a valid DNS label (" + nsProblem + "): the API server rejects it, "
                            + "so no name under " + ns.name + ".svc." + facts.zone() + " can exist.",
                    "Rename it to " + NameRule.DNS1123_LABEL.suggestion(ns.name) + "."));
        }
        for (Service svc : ns.services) {
            String problem = NameRule.DNS1035_LABEL.problem(svc.name());
            if (problem != null) {
                out.add(Finding.of(Rule.NAME_NOT_DNS_LABEL, List.of(svc.ref()),
                        "Service " + svc.ref().qualifiedName() + " is not a valid DNS label (" + problem
                                + "): the API server rejects it, so " + facts.serviceName(svc.name(), ns.name)
                                + " never exists.",
                        "Rename it to " + NameRule.DNS1035_LABEL.suggestion(svc.name()) + "."));
            }
        }
        for (Workload w : ns.workloads) {
            if (ns.parentOf(w) == null) {
                template(ns, w, out);
            }
        }
        Map<Group, List<Pod>> groups = new LinkedHashMap<>();
        for (Pod p : ns.pods) {
            Workload owner = ns.templateOwner(p);
            PodTemplate t = owner == null ? null : owner.template();
            // A StatefulSet's controller sets each pod's hostname to its name; the set's check covers that.
            boolean setByController = owner != null && owner.isStatefulSet() && p.name().equals(p.hostname());
            if (!setByController && (t == null || !Objects.equals(t.hostname(), p.hostname()))) {
                addIfInvalid(groups, ns.subject(p), "hostname", p.hostname(), p);
            }
            if (t == null || !Objects.equals(t.subdomain(), p.subdomain())) {
                addIfInvalid(groups, ns.subject(p), "subdomain", p.subdomain(), p);
            }
        }
        for (Map.Entry<Group, List<Pod>> e : groups.entrySet()) {
            Group g = e.getKey();
            List<ObjectRef> objects = new ArrayList<>();
            objects.add(g.subject());
            if (!g.subject().kind().equals(Kinds.POD)) {
                e.getValue().forEach(p -> objects.add(p.ref()));
            }
            boolean many = e.getValue().size() > 1;
            out.add(Finding.of(Rule.NAME_NOT_DNS_LABEL, objects,
                    SubdomainChecks.who(ns, g.subject(), e.getValue()) + (many ? " have " : " has ") + g.field() + " '"
                            + g.value() + "', which is not a valid DNS label (" + g.problem()
                            + "): the API server rejects " + (many ? "them" : "it") + ".",
                    "Set " + g.field() + ": " + NameRule.DNS1123_LABEL.suggestion(g.value()) + "."));
        }
    }

    private static void addIfInvalid(Map<Group, List<Pod>> groups, ObjectRef subject, String field, String value,
                                     Pod pod) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String problem = NameRule.DNS1123_LABEL.problem(value);
        if (problem != null) {
            groups.computeIfAbsent(new Group(subject, field, value, problem), k -> new ArrayList<>()).add(pod);
        }
    }

    private static void template(NamespaceView ns, Workload w, List<Finding> out) {
        PodTemplate t = w.template();
        String what = "The pod template of " + w.kind() + " " + ns.name + "/" + w.name();
        for (String[] field : new String[][] {{"hostname", t.hostname()}, {"subdomain", t.subdomain()}}) {
            if (field[1] == null || field[1].isEmpty()) {
                continue;
            }
            String problem = NameRule.DNS1123_LABEL.problem(field[1]);
            if (problem != null) {
                out.add(Finding.of(Rule.NAME_NOT_DNS_LABEL, List.of(w.ref()),
                        what + " sets " + field[0] + " '" + field[1] + "', which is not a valid DNS label (" + problem
                                + "): the API server rejects its pods.",
                        "Set " + field[0] + ": " + NameRule.DNS1123_LABEL.suggestion(field[1]) + " in the template."));
            }
        }
        if (w.isStatefulSet() && w.replicas() > 0) {
            // The controller makes each pod's hostname its name: <set>-<ordinal>.
            String last = w.name() + "-" + (w.replicas() - 1);
            if (last.length() > NameRule.DNS1123_LABEL.maxLength()) {
                out.add(Finding.of(Rule.NAME_NOT_DNS_LABEL, List.of(w.ref()),
                        "StatefulSet " + ns.name + "/" + w.name() + " names its pods, and so their hostnames, " + last
                                + " and the like, " + NameRule.DNS1123_LABEL.problem(last) + ": the API server rejects "
                                + "those pods.",
                        "Shorten the StatefulSet's name to at most " + (NameRule.DNS1123_LABEL.maxLength() - 1 - String.valueOf(
                                w.replicas() - 1).length()) + " characters."));
            }
        }
    }
}
