package dev.kdi.records.lint;

import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the Corefile's kubernetes plugin decides for whole namespaces or the whole cluster: no
 * plugin at all, {@code noendpoints}, and namespaces left out of {@code namespaces}.
 */
final class CorefileChecks implements NamespaceCheck {

    /** Findings about the cluster as a whole; none when the plugin serves it normally. */
    static void checkCluster(ClusterFacts facts, List<NamespaceView> namespaces, List<Finding> out) {
        if (!facts.servesCluster()) {
            out.add(Finding.of(Rule.COREFILE_NO_KUBERNETES, List.of(facts.corefileObject()),
                    "The Corefile (" + facts.corefileOrigin() + ") has no kubernetes plugin, so the cluster DNS "
                            + "serves no name under svc." + facts.zone() + " or pod." + facts.zone() + ".",
                    "Add 'kubernetes " + facts.zone() + " in-addr.arpa ip6.arpa' to the Corefile's server block "
                            + "for '.:53'."));
            return;
        }
        if (facts.plugin().noEndpoints()) {
            List<ObjectRef> objects = new ArrayList<>();
            objects.add(facts.corefileObject());
            List<String> headless = new ArrayList<>();
            for (NamespaceView ns : namespaces) {
                for (Service s : ns.services) {
                    if (s.isHeadless()) {
                        objects.add(s.ref());
                        headless.add(s.ref().qualifiedName());
                    }
                }
            }
            headless.sort(null);
            out.add(Finding.of(Rule.ENDPOINTS_DISABLED, objects,
                    "The Corefile's kubernetes plugin sets noendpoints, so CoreDNS knows no endpoint: "
                            + (headless.isEmpty() ? "no" : "the headless " + Words.plural(headless.size(), "Service ",
                            "Services ") + Words.list(headless) + " and all") + " endpoint names are NXDOMAIN.",
                    "Remove noendpoints from the kubernetes plugin if headless Services or per-pod names are used."));
        }
    }

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        KubernetesPlugin plugin = facts.plugin();
        if (plugin == null || plugin.exposes(ns.name) || ns.services.isEmpty()) {
            return;
        }
        List<ObjectRef> objects = new ArrayList<>();
        objects.add(ObjectRef.namespace(ns.name));
        List<String> names = new ArrayList<>();
        for (Service s : ns.services) {
            objects.add(s.ref());
            names.add(s.name());
        }
        names.sort(null);
        out.add(Finding.of(Rule.NAMESPACE_NOT_EXPOSED, objects,
                "The Corefile's kubernetes plugin exposes only " + Words.list(new TreeSet<>(plugin.namespaces()))
                        + ", so " + Words.plural(names.size(), "Service ", "Services ") + Words.list(names) + " in "
                        + ns.name + Words.plural(names.size(), " gets", " get") + " no DNS names (" + names.get(0) + "." + ns.name + ".svc." + facts.zone()
                        + " is NXDOMAIN).",
                "Add " + ns.name + " to the kubernetes plugin's 'namespaces' option, or remove the option to expose "
                        + "every namespace."));
    }
}
