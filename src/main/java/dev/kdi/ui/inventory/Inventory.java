package dev.kdi.ui.inventory;

import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.session.Inspection;
import dev.kdi.ui.common.NaturalOrder;
import dev.kdi.ui.inventory.Entry.EndpointEntry;
import dev.kdi.ui.inventory.Entry.NamespaceEntry;
import dev.kdi.ui.inventory.Entry.PodEntry;
import dev.kdi.ui.inventory.Entry.PodGroupEntry;
import dev.kdi.ui.inventory.Entry.ServiceEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The inventory of one inspection as the window shows it: the entries of the tree, the model in force (the
 * session's, or one rebuilt with the cluster domain the user typed), and its findings by object.
 *
 * <p>Immutable. Building it walks every object once, so it is done off the UI thread.
 */
public final class Inventory {
    private final Inspection inspection;
    private final DnsModel model;
    private final List<Finding> findings;
    private final String zone;
    private final boolean domainOverridden;
    private final List<NamespaceEntry> namespaces;
    private final Map<String, List<Entry>> namespaceChildren;
    private final Map<String, List<PodEntry>> podsByNamespace;
    /** A Finding, or a {@code List<Finding>} of several: most objects have one. */
    private final Map<ObjectRef, Object> findingsByObject;
    private final int serviceCount;
    private final int podCount;
    private final int endpointCount;

    /** Findings that mean a pod's hostname.subdomain name does not exist. */
    private static final Set<String> HOSTNAME_MISSING = Set.of("sts-service-missing",
            "sts-service-not-selecting", "subdomain-service-missing", "subdomain-service-not-selecting");

    private Inventory(Builder b) {
        this.inspection = b.inspection;
        this.model = b.model;
        this.findings = b.findings;
        this.zone = b.zone;
        this.domainOverridden = b.overridden;
        this.namespaces = List.copyOf(b.namespaceEntries);
        this.namespaceChildren = b.namespaceChildren;
        this.podsByNamespace = b.podsByNamespace;
        this.findingsByObject = b.findingsByObject;
        this.serviceCount = b.serviceCount;
        this.podCount = b.podCount;
        this.endpointCount = b.endpointCount;
    }

    /**
     * Builds the view of an inspection.
     *
     * @param clusterDomain a cluster domain to use instead of the detected one; the model and the
     *     findings are rebuilt with it
     */
    public static Inventory build(Inspection inspection, Optional<String> clusterDomain) {
        DnsModel model = inspection.model();
        List<Finding> findings = inspection.findings();
        boolean overridden = false;
        if (clusterDomain.isPresent() && !sameDomain(clusterDomain.get(), inspection.clusterDomain())) {
            model = DnsModel.build(inspection.snapshot(), model.corefile().withClusterDomain(clusterDomain.get()),
                    model.serial());
            findings = Lint.findings(model);
            overridden = true;
        }
        return new Builder(inspection, model, findings, overridden).build();
    }

    /**
     * The view of a model other than the inspection's: the cluster with a change applied, say, in
     * the namespaces it touches. Its rows are the model's; the inspection is the one it came from.
     */
    public static Inventory of(Inspection inspection, DnsModel model, List<Finding> findings) {
        return new Builder(inspection, model, findings, false).build();
    }

    /**
     * This view with the rows of {@code other} it lacks: namespaces, Services, endpoints and pods
     * whose keys it does not have, each where it belongs in order. Rows it has stay as they are.
     * What is laid over a view by a change: the names the change adds get rows of their own.
     */
    public Inventory withRowsOf(Inventory other) {
        List<NamespaceEntry> nsEntries = new ArrayList<>(namespaces);
        Map<String, List<Entry>> children = new HashMap<>(namespaceChildren);
        Map<String, List<PodEntry>> podsOf = new HashMap<>(podsByNamespace);
        Map<ObjectRef, Object> findingsOf = new HashMap<>(findingsByObject);
        int[] counts = {serviceCount, podCount, endpointCount};
        Comparator<Entry> byName = Comparator.comparing(Entry::name, NaturalOrder.INSTANCE);
        Set<ObjectRef> added = new HashSet<>();
        boolean any = false;
        for (NamespaceEntry theirs : other.namespaces) {
            String ns = theirs.name();
            NamespaceEntry mine = namespaces.stream().filter(n -> n.name().equals(ns)).findFirst().orElse(null);
            List<ServiceEntry> services = new ArrayList<>(mine == null ? List.of() : services(ns));
            Map<String, Integer> serviceAt = new HashMap<>();
            for (int i = 0; i < services.size(); i++) {
                serviceAt.put(services.get(i).key(), i);
            }
            boolean changed = mine == null;
            for (ServiceEntry s : other.services(ns)) {
                Integer at = serviceAt.get(s.key());
                if (at == null) {
                    services.add(s);
                    added.add(s.service().ref());
                    counts[0]++;
                    counts[2] += s.endpoints().size();
                    changed = true;
                    continue;
                }
                ServiceEntry have = services.get(at);
                Set<String> keys = new HashSet<>();
                have.endpoints().forEach(e -> keys.add(e.key()));
                List<EndpointEntry> eps = new ArrayList<>(have.endpoints());
                int ready = have.readyEndpoints();
                for (EndpointEntry e : s.endpoints()) {
                    if (keys.add(e.key())) {
                        eps.add(e);
                        ready += e.ready() ? 1 : 0;
                        counts[2]++;
                    }
                }
                if (eps.size() != have.endpoints().size()) {
                    eps.sort(Comparator.comparing(EndpointEntry::name, NaturalOrder.INSTANCE));
                    services.set(at, new ServiceEntry(have.service(), have.serviceKind(), have.zone(), eps, ready,
                            have.badge()));
                    changed = true;
                }
            }
            List<PodEntry> pods = new ArrayList<>(pods(ns));
            Set<String> podKeys = new HashSet<>();
            pods.forEach(p -> podKeys.add(p.key()));
            for (PodEntry p : other.pods(ns)) {
                if (podKeys.add(p.key())) {
                    pods.add(p);
                    added.add(p.pod().ref());
                    counts[1]++;
                    changed = true;
                }
            }
            if (!changed) {
                continue;
            }
            any = true;
            services.sort(byName);
            pods.sort(byName);
            List<Entry> rows = new ArrayList<>(services);
            Badge badge = mine == null ? theirs.badge() : mine.badge();
            if (!pods.isEmpty()) {
                int ready = (int) pods.stream().filter(p -> p.pod().ready()).count();
                Badge podsBadge = pods.stream().map(PodEntry::badge).reduce(Badge.NONE, Badge::max);
                rows.add(new PodGroupEntry(ns, pods.size(), ready, podsBadge));
                podsOf.put(ns, List.copyOf(pods));
            }
            children.put(ns, List.copyOf(rows));
            NamespaceEntry entry = new NamespaceEntry(ns, services.size(), pods.size(),
                    mine == null ? theirs.exposed() : mine.exposed(), badge);
            if (mine == null) {
                nsEntries.add(entry);
            } else {
                nsEntries.set(nsEntries.indexOf(mine), entry);
            }
        }
        if (!any) {
            return this;
        }
        // The rows added bring their own findings: the details of an added Service list them.
        for (ObjectRef ref : added) {
            findingsOf.putIfAbsent(ref, other.findingsOf(ref));
        }
        nsEntries.sort(Comparator.comparing(NamespaceEntry::name, NaturalOrder.INSTANCE));
        return new Inventory(inspection, model, findings, zone, domainOverridden, nsEntries, children, podsOf,
                findingsOf, counts);
    }

    private Inventory(Inspection inspection, DnsModel model, List<Finding> findings, String zone,
                      boolean domainOverridden, List<NamespaceEntry> namespaces, Map<String, List<Entry>> children,
                      Map<String, List<PodEntry>> pods, Map<ObjectRef, Object> findingsByObject, int[] counts) {
        this.inspection = inspection;
        this.model = model;
        this.findings = findings;
        this.zone = zone;
        this.domainOverridden = domainOverridden;
        this.namespaces = List.copyOf(namespaces);
        this.namespaceChildren = children;
        this.podsByNamespace = pods;
        this.findingsByObject = findingsByObject;
        this.serviceCount = counts[0];
        this.podCount = counts[1];
        this.endpointCount = counts[2];
    }

    private static boolean sameDomain(String a, String b) {
        return DnsNames.lower(DnsNames.absolute(a)).equals(DnsNames.lower(DnsNames.absolute(b)));
    }

    public Inspection inspection() {
        return inspection;
    }

    /** The model in force: the session's, or the one rebuilt for the typed cluster domain. */
    public DnsModel model() {
        return model;
    }

    /** The findings of {@link #model()}, most severe first. */
    public List<Finding> findings() {
        return findings;
    }

    /** The cluster domain in force, without the trailing dot. */
    public String zone() {
        return zone;
    }

    /** Whether the user's cluster domain replaced the detected one. */
    public boolean domainOverridden() {
        return domainOverridden;
    }

    public List<NamespaceEntry> namespaces() {
        return namespaces;
    }

    /** The rows under an entry, in display order. */
    public List<? extends Entry> children(Entry entry) {
        if (entry instanceof NamespaceEntry ns) {
            return namespaceChildren.getOrDefault(ns.name(), List.of());
        }
        if (entry instanceof ServiceEntry svc) {
            return svc.endpoints();
        }
        if (entry instanceof PodGroupEntry group) {
            return podsByNamespace.getOrDefault(group.namespace(), List.of());
        }
        return List.of();
    }

    /** The Services of a namespace. */
    public List<ServiceEntry> services(String namespace) {
        List<ServiceEntry> out = new ArrayList<>();
        for (Entry e : namespaceChildren.getOrDefault(namespace, List.of())) {
            if (e instanceof ServiceEntry s) {
                out.add(s);
            }
        }
        return out;
    }

    public List<PodEntry> pods(String namespace) {
        return podsByNamespace.getOrDefault(namespace, List.of());
    }

    /** Findings naming the object, every severity. */
    @SuppressWarnings("unchecked")
    public List<Finding> findingsOf(ObjectRef ref) {
        Object held = findingsByObject.get(ref);
        if (held == null) {
            return List.of();
        }
        return held instanceof Finding f ? List.of(f) : (List<Finding>) held;
    }

    /** Findings that concern an entry: its own, its pod's owner's, and those of what lies below it. */
    public List<Finding> findingsOf(Entry entry) {
        LinkedHashMap<Finding, Boolean> out = new LinkedHashMap<>();
        if (entry instanceof NamespaceEntry ns) {
            for (Finding f : findings) {
                for (ObjectRef o : f.objects()) {
                    if (o.namespace().equals(ns.name()) || o.equals(ns.ref())) {
                        out.put(f, true);
                        break;
                    }
                }
            }
        } else if (entry instanceof ServiceEntry svc) {
            findingsOf(svc.service().ref()).forEach(f -> out.put(f, true));
            for (EndpointEntry ep : svc.endpoints()) {
                if (ep.badge() != Badge.NONE && ep.targetPod() != null) {
                    podFindings(ep.namespace(), ep.targetPod()).forEach(f -> out.put(f, true));
                }
            }
        } else if (entry instanceof EndpointEntry ep) {
            if (ep.targetPod() != null) {
                podFindings(ep.namespace(), ep.targetPod()).forEach(f -> out.put(f, true));
            }
        } else if (entry instanceof PodGroupEntry group) {
            for (PodEntry p : pods(group.namespace())) {
                if (p.badge() != Badge.NONE) {
                    podFindings(p.namespace(), p.name()).forEach(f -> out.put(f, true));
                }
            }
        } else if (entry instanceof PodEntry p) {
            podFindings(p.namespace(), p.name()).forEach(f -> out.put(f, true));
        }
        List<Finding> list = new ArrayList<>(out.keySet());
        list.sort(Lint.ORDER);
        return list;
    }

    private List<Finding> podFindings(String namespace, String name) {
        List<Finding> out = new ArrayList<>(findingsOf(ObjectRef.pod(namespace, name)));
        Pod pod = null;
        for (PodEntry p : pods(namespace)) {
            if (p.name().equals(name)) {
                pod = p.pod();
                break;
            }
        }
        if (pod != null && pod.owner() != null) {
            for (Finding f : findingsOf(new ObjectRef(pod.owner().kind(), namespace, pod.owner().name()))) {
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** The row of a namespace, Service or pod, when the view has one. */
    public Optional<Entry> entryOf(ObjectRef ref) {
        String ns = ref.kind().equals(Kinds.NAMESPACE) ? ref.name() : ref.namespace();
        for (NamespaceEntry n : namespaces) {
            if (!n.name().equals(ns)) {
                continue;
            }
            switch (ref.kind()) {
                case Kinds.NAMESPACE -> {
                    return Optional.of(n);
                }
                case Kinds.SERVICE -> {
                    return services(ns).stream().filter(s -> s.name().equals(ref.name())).<Entry>map(s -> s).findFirst();
                }
                case Kinds.POD -> {
                    return pods(ns).stream().filter(p -> p.name().equals(ref.name())).<Entry>map(p -> p).findFirst();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    public int serviceCount() {
        return serviceCount;
    }

    public int podCount() {
        return podCount;
    }

    public int endpointCount() {
        return endpointCount;
    }

    /** Every entry, depth first in display order: for indexes built off the UI thread. */
    public void forEachEntry(BiConsumer<Entry, Entry> visitor) {
        for (NamespaceEntry ns : namespaces) {
            visitor.accept(ns, null);
            for (Entry child : children(ns)) {
                visitor.accept(child, ns);
                for (Entry grandchild : children(child)) {
                    visitor.accept(grandchild, child);
                }
            }
        }
    }

    /** Collects everything in one pass per kind of object. */
    private static final class Builder {
        final Inspection inspection;
        final DnsModel model;
        final List<Finding> findings;
        final boolean overridden;
        final String zone;
        final boolean podRecords;
        final KubernetesPlugin plugin;
        final List<NamespaceEntry> namespaceEntries = new ArrayList<>();
        final Map<String, List<Entry>> namespaceChildren = new HashMap<>();
        final Map<String, List<PodEntry>> podsByNamespace = new HashMap<>();
        final Map<ObjectRef, Object> findingsByObject = new HashMap<>();
        /** Badges by kind, namespace and name: 150,000 pods look theirs up without making a key each. */
        final Map<String, Map<String, Map<String, Badge>>> badges = new HashMap<>();
        /** Pods whose hostname.subdomain name does not exist, by namespace. */
        final Map<String, Set<String>> hostnameMissing = new HashMap<>();
        /** The badges of pods that have one, by namespace and name, for their endpoints' rows. */
        final Map<String, Map<String, Badge>> podBadges = new HashMap<>();
        /** Endpoints', pods' and namespaces' rows as ranges of a few shared arrays. */
        final Rows.Store rows = new Rows.Store();
        int serviceCount;
        int podCount;
        int endpointCount;

        Builder(Inspection inspection, DnsModel model, List<Finding> findings, boolean overridden) {
            this.inspection = inspection;
            this.model = model;
            this.findings = findings;
            this.overridden = overridden;
            String z = model.clusterDomain().orElse("cluster.local.");
            this.zone = z.endsWith(".") ? z.substring(0, z.length() - 1) : z;
            this.plugin = model.plugin().orElse(null);
            this.podRecords = plugin != null && plugin.pods() != PodMode.DISABLED;
        }

        Inventory build() {
            for (Finding f : findings) {
                Badge b = Badge.of(f.severity());
                boolean missing = HOSTNAME_MISSING.contains(f.code());
                for (ObjectRef o : f.objects()) {
                    fileFinding(o, f);
                    if (missing && o.kind().equals(Kinds.POD)) {
                        hostnameMissing.computeIfAbsent(o.namespace(), k -> new HashSet<>()).add(o.name());
                    }
                    if (b != Badge.NONE) {
                        badges.computeIfAbsent(o.kind(), k -> new HashMap<>())
                                .computeIfAbsent(o.namespace(), k -> new HashMap<>()).merge(o.name(), b, Badge::max);
                    }
                }
            }
            var snapshot = model.snapshot();
            TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
            names.addAll(snapshot.namespaces());

            Map<String, List<PodEntry>> pods = new HashMap<>();
            for (Pod p : snapshot.pods()) {
                Badge badge = badge(Kinds.POD, p.namespace(), p.name());
                if (p.owner() != null) {
                    badge = badge.max(badge(p.owner().kind(), p.namespace(), p.owner().name()));
                }
                boolean hostnameExists = !hostnameMissing.getOrDefault(p.namespace(), Set.of()).contains(p.name());
                pods.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(
                        new PodEntry(p, zone, podRecords, hostnameExists, badge));
                if (badge != Badge.NONE) {
                    podBadges.computeIfAbsent(p.namespace(), k -> new HashMap<>()).put(p.name(), badge);
                }
                podCount++;
            }
            Map<String, List<EndpointSlice>> slices = new HashMap<>();
            for (EndpointSlice s : model.endpointSlices()) {
                slices.computeIfAbsent(s.namespace() + "/" + s.serviceName(), k -> new ArrayList<>(1)).add(s);
            }
            Map<String, List<ServiceEntry>> services = new HashMap<>();
            for (Service s : snapshot.services()) {
                services.computeIfAbsent(s.namespace(), k -> new ArrayList<>())
                        .add(service(s, slices.getOrDefault(s.namespace() + "/" + s.name(), List.of())));
                serviceCount++;
            }
            names.addAll(services.keySet());
            names.addAll(pods.keySet());
            Comparator<Entry> byName = Comparator.comparing(Entry::name, NaturalOrder.INSTANCE);
            for (String ns : names) {
                List<ServiceEntry> svcs = services.getOrDefault(ns, List.of());
                List<PodEntry> nsPods = pods.getOrDefault(ns, List.of());
                List<Entry> children = new ArrayList<>(svcs.size() + 1);
                children.addAll(svcs);
                children.sort(byName);
                Badge badge = badge(Kinds.NAMESPACE, "", ns);
                for (ServiceEntry s : svcs) {
                    badge = badge.max(s.badge());
                }
                if (!nsPods.isEmpty()) {
                    nsPods.sort(byName);
                    Badge podsBadge = Badge.NONE;
                    int ready = 0;
                    for (PodEntry p : nsPods) {
                        podsBadge = podsBadge.max(p.badge());
                        if (p.pod().ready()) {
                            ready++;
                        }
                    }
                    children.add(new PodGroupEntry(ns, nsPods.size(), ready, podsBadge));
                    podsByNamespace.put(ns, rows.of(nsPods));
                    badge = badge.max(podsBadge);
                }
                namespaceChildren.put(ns, rows.of(children));
                boolean exposed = plugin == null || plugin.exposes(ns);
                namespaceEntries.add(new NamespaceEntry(ns, svcs.size(), nsPods.size(), exposed, badge));
            }
            return new Inventory(this);
        }

        /**
         * Files a finding under an object: most objects have one, kept bare (where a list with
         * room for more was two objects, for each of thousands of objects).
         */
        @SuppressWarnings("unchecked")
        private void fileFinding(ObjectRef o, Finding f) {
            Object had = findingsByObject.get(o);
            if (had == null) {
                findingsByObject.put(o, f);
            } else if (had instanceof Finding first) {
                List<Finding> two = new ArrayList<>(2);
                two.add(first);
                two.add(f);
                findingsByObject.put(o, two);
            } else {
                ((List<Finding>) had).add(f);
            }
        }

        /** The most severe badge of the object's findings. */
        private Badge badge(String kind, String namespace, String name) {
            Map<String, Map<String, Badge>> ofKind = badges.get(kind);
            Map<String, Badge> inNamespace = ofKind == null ? null : ofKind.get(namespace);
            return inNamespace == null ? Badge.NONE : inNamespace.getOrDefault(name, Badge.NONE);
        }

        private ServiceEntry service(Service s, List<EndpointSlice> slices) {
            ServiceKind kind = ServiceKind.of(s);
            Badge badge = badge(Kinds.SERVICE, s.namespace(), s.name());
            Map<String, Badge> badgedPods = podBadges.getOrDefault(s.namespace(), Map.of());
            List<EndpointEntry> endpoints = new ArrayList<>();
            int ready = 0;
            if (kind != ServiceKind.EXTERNAL_NAME) {
                Map<String, EndpointEntry> byAddress = new LinkedHashMap<>();
                for (EndpointSlice slice : slices) {
                    for (Endpoint e : slice.endpoints()) {
                        for (String address : e.addresses()) {
                            if (byAddress.containsKey(address)) {
                                continue;
                            }
                            String host = model.endpointName(address, e);
                            Badge podBadge = e.targetPod() == null ? Badge.NONE
                                    : badgedPods.getOrDefault(e.targetPod(), Badge.NONE);
                            byAddress.put(address, new EndpointEntry(s.namespace(), s.name(), address, host,
                                    e.targetPod(), e.nodeName(), e.isReady(), zone, podBadge));
                        }
                    }
                }
                endpoints.addAll(byAddress.values());
                endpoints.sort(Comparator.comparing(EndpointEntry::name, NaturalOrder.INSTANCE));
                for (EndpointEntry ep : endpoints) {
                    badge = badge.max(ep.badge());
                    if (ep.ready()) {
                        ready++;
                    }
                }
                endpointCount += endpoints.size();
            }
            return new ServiceEntry(s, kind, zone, rows.of(endpoints), ready, badge);
        }
    }
}
