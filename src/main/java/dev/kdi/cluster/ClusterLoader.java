package dev.kdi.cluster;

import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.DnsPodFiles;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Loads a cluster's DNS-relevant objects into the model's records, then keeps them current.
 *
 * <p>Lists are paginated as real API servers expect and converted page by page, so no fabric8
 * object outlives its page. Each watch resumes from the last resourceVersion seen in its scope
 * and relists when the server says that version is gone (410); while a watch is down its kind is
 * reported stale, and a relist replaces the old objects only once the new list is complete, so
 * the view never goes empty. When the user may not list a kind across all namespaces, the loader
 * reads it in the context's namespace and the namespaces the user names, and reports what it
 * could not read instead of showing an empty view. The cluster DNS lives elsewhere (kube-system,
 * openshift-dns), so for such a user it is read where it lives: the well-known Services by name,
 * then the found Service's EndpointSlices and pods by label in its namespace; those selective
 * scopes are watched like the others, so a DNS replica that restarts, scales or moves shows.
 */
public final class ClusterLoader implements AutoCloseable {
    /** Page size: large enough to be quick, small enough to keep each page's objects short-lived. */
    static final int DEFAULT_PAGE_SIZE = 500;

    private final KubernetesClient client;
    private final RecordConversion conversion;
    private final List<String> fallbackNamespaces;
    private final PagedLister lister;
    private final WatchRetries retries;
    private final Clock clock;
    private final Listener listener;

    // Guarded by this.
    private final Map<ResourceKind, Map<String, Object>> store = new EnumMap<>(ResourceKind.class);
    /** Kinds read namespace by namespace because listing them across all namespaces is forbidden. */
    private final Set<ResourceKind> scopedKinds = EnumSet.noneOf(ResourceKind.class);
    /** Whether the namespaces themselves could be listed; if not, objects prove which exist. */
    private boolean namespacesListed;
    /** Fallback namespaces from which at least one kind could be read. */
    private final Set<String> namespacesRead = new LinkedHashSet<>();
    private final Map<KindScope, String> resourceVersions = new HashMap<>();
    private final Map<KindScope, ScopeWatch> watchers = new HashMap<>();
    private final Map<KindScope, String> staleReasons = new LinkedHashMap<>();
    private final Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
    private final DnsConfig dnsConfig;
    /** The DNS Service the user named ({@code --dns-service}), which replaces the well-known places. */
    private final Optional<DnsServers.ServiceRef> dnsService;
    /** The DNS Service found at the kubelet's clusterDNS address, when no well-known one exists. */
    private DnsServers.WellKnown atKubeletAddress;
    /** The DNS pods read where they live (by the DNS Service's selector), or null: follows that selector. */
    private KindScope dnsPods;
    private Instant loadedAt;
    private volatile boolean closed;
    private final ScopeWatch.Events watchEvents = new ScopeWatch.Events() {
        @Override
        public void received(KindScope scope, Action action, HasMetadata object) {
            ClusterLoader.this.received(scope, action, object);
        }

        @Override
        public void ended(KindScope scope, WatcherException cause) {
            ClusterLoader.this.ended(scope, cause);
        }
    };

    /** What the loader tells its owner; called from loader and watch threads, never under a lock. */
    public interface Listener {
        /** Objects of a kind were loaded during the initial load (for a progress display). */
        default void progress(String plural, int loaded) {
        }

        /** The cluster's objects changed, or the report did (staleness, access). */
        void changed();
    }

    /**
     * @param client a client for the context
     * @param converter turns fabric8 objects into records; owned by this loader from now on
     * @param fallbackNamespaces namespaces to read one by one when listing across all is forbidden
     *     (the context's namespace first, then those the user named)
     * @param scheduler runs watch re-establishment with backoff, and relists
     */
    public ClusterLoader(KubernetesClient client, ObjectConverter converter, List<String> fallbackNamespaces,
                         int pageSize, ScheduledExecutorService scheduler, Clock clock, Listener listener) {
        this(client, converter, fallbackNamespaces, pageSize, scheduler, clock, listener, Optional.empty());
    }

    /** @param dnsService the DNS Service the user named ({@code --dns-service}), replacing detection */
    public ClusterLoader(KubernetesClient client, ObjectConverter converter, List<String> fallbackNamespaces,
                         int pageSize, ScheduledExecutorService scheduler, Clock clock, Listener listener,
                         Optional<DnsServers.ServiceRef> dnsService) {
        this.client = client;
        this.dnsService = dnsService;
        this.conversion = new RecordConversion(converter);
        this.fallbackNamespaces = List.copyOf(new LinkedHashSet<>(fallbackNamespaces));
        this.lister = new PagedLister(client, pageSize);
        this.retries = new WatchRetries(scheduler);
        this.clock = clock;
        this.listener = listener;
        this.dnsConfig = new DnsConfig(client, retries, this::snapshot, this::dnsCandidates, listener::changed);
        for (ResourceKind k : ResourceKind.values()) {
            store.put(k, new LinkedHashMap<>());
        }
    }

    /**
     * The initial load of every kind. Access problems are recorded, not thrown; an API server
     * that cannot be reached, stops answering or rejects the credentials is.
     */
    public void load() throws ClusterException, InterruptedException {
        for (ResourceKind kind : ResourceKind.values()) {
            checkInterrupted();
            list(kind);
        }
        readDnsWhereItLives();
        dnsConfig.read();
        synchronized (this) {
            loadedAt = clock.instant();
        }
        listener.changed();
    }

    /** Starts watching every scope that could be listed, from the resourceVersion of its list. */
    public void watch() {
        for (KindScope scope : watchableScopes()) {
            startWatch(scope);
        }
        dnsConfig.watch();
    }

    private synchronized List<KindScope> watchableScopes() {
        List<KindScope> out = new ArrayList<>();
        for (KindScope s : resourceVersions.keySet()) {
            if (!problems.containsKey(problemKey(s.kind(), s.namespaceOrEmpty()))) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind())
                : String.valueOf(a.namespace()).compareTo(String.valueOf(b.namespace())));
        return out;
    }

    // ---- Listing

    /** Lists one kind: across all namespaces, or, when that is forbidden, namespace by namespace. */
    private void list(ResourceKind kind) throws ClusterException, InterruptedException {
        boolean scoped;
        synchronized (this) {
            scoped = scopedKinds.contains(kind);
        }
        if (!scoped) {
            try {
                replace(new KindScope(kind, null), listPages(new KindScope(kind, null)));
                if (kind == ResourceKind.NAMESPACES) {
                    synchronized (this) {
                        namespacesListed = true;
                    }
                }
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    notServed(kind);
                    return;
                }
                if (!LoadFailures.isForbidden(e)) {
                    throw unreachable(new KindScope(kind, null), e);
                }
                recordProblem(kind, "", "list", e);
                if (!kind.namespaced) {
                    // Namespaces cannot be listed: the objects found in them will show which exist.
                    return;
                }
                synchronized (this) {
                    scopedKinds.add(kind);
                }
            }
        }
        for (String ns : fallbackNamespaces) {
            checkInterrupted();
            listNamespace(kind, ns);
        }
    }

    private void listNamespace(ResourceKind kind, String ns) throws ClusterException, InterruptedException {
        try {
            replace(new KindScope(kind, ns), listPages(new KindScope(kind, ns)));
            synchronized (this) {
                namespacesRead.add(ns);
                problems.remove(problemKey(kind, ns));
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                notServed(kind);
                return;
            }
            if (!LoadFailures.isForbidden(e)) {
                throw unreachable(new KindScope(kind, ns), e);
            }
            recordProblem(kind, ns, "list", e);
        }
    }

    /**
     * A user who may not list Services, EndpointSlices or pods across all namespaces still needs
     * the cluster DNS, which none of the namespaces read one by one may hold: gets the well-known
     * DNS Services by name, then lists the found one's EndpointSlices and pods by label in its
     * namespace. Only what is refused there is reported. Each read is a selective scope that
     * {@link #watch} watches from its resourceVersion, as it does the view's namespaces.
     *
     * <p>A selective scope is made only for a kind its namespace's lists do not cover, and only
     * one per kind and namespace (one DNS Service is found), so the objects of that kind in that
     * namespace are the scope's alone and a relist may replace them all.
     */
    private void readDnsWhereItLives() throws ClusterException, InterruptedException {
        dev.kdi.records.objects.Service service = null;
        for (DnsServers.WellKnown candidate : DnsServers.candidates(dnsService)) {
            checkInterrupted();
            service = storedService(candidate);
            if (service == null && !covers(ResourceKind.SERVICES, candidate.namespace())) {
                service = getService(candidate);
            }
            if (service != null) {
                break;
            }
        }
        if (service == null && dnsService.isEmpty()) {
            service = serviceAtKubeletAddress();
        }
        if (service == null) {
            return;
        }
        String ns = service.namespace();
        if (!covers(ResourceKind.ENDPOINT_SLICES, ns)) {
            readSelective(KindScope.labelled(ResourceKind.ENDPOINT_SLICES, ns,
                    Map.of("kubernetes.io/service-name", service.name())));
        }
        if (!covers(ResourceKind.PODS, ns) && service.selector() != null && !service.selector().isEmpty()) {
            KindScope pods = KindScope.labelled(ResourceKind.PODS, ns, service.selector());
            synchronized (this) {
                dnsPods = pods;
            }
            readSelective(pods);
        }
    }

    /**
     * No DNS Service at a well-known place: the kubelet's {@code clusterDNS}, from its configz through
     * the API server's node proxy (as the kubelet documentation reads it), names the address of
     * the cluster DNS, and the Service at that address is it. Needs {@code get nodes/proxy}; a
     * refusal is reported.
     */
    private dev.kdi.records.objects.Service serviceAtKubeletAddress() {
        String node;
        synchronized (this) {
            node = store.get(ResourceKind.PODS).values().stream().map(o -> ((Pod) o).nodeName())
                    .filter(n -> n != null && !n.isEmpty()).findFirst().orElse(null);
        }
        if (node == null) {
            return null;
        }
        String body;
        try {
            body = client.raw(client.getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/nodes/" + node
                    + "/proxy/configz");
        } catch (KubernetesClientException e) {
            if (LoadFailures.isForbidden(e)) {
                synchronized (this) {
                    problems.put("access/nodes/proxy", new LoadReport.AccessProblem("nodes/proxy", "", "get",
                            "forbidden (the kubelet's configz, whose clusterDNS would name the cluster DNS Service)"));
                }
                return null;
            }
            // No kubelet answering there (a node gone, a proxy refused, an API server that serves no
            // node proxy): configz is only a hint, and the load goes on without it.
            return null;
        }
        Optional<String> address = KubeletConfigz.clusterDns(body);
        if (address.isEmpty()) {
            return null;
        }
        Optional<DnsServers.WellKnown> found = DnsServers.atKubeletAddress(snapshot(), address.get());
        synchronized (this) {
            atKubeletAddress = found.orElse(null);
        }
        return found.map(this::storedService).orElse(null);
    }

    /** Where the DNS Service is looked for: the one the user named, else the well-known places and the kubelet's. */
    synchronized List<DnsServers.WellKnown> dnsCandidates() {
        if (dnsService.isPresent() || atKubeletAddress == null) {
            return DnsServers.candidates(dnsService);
        }
        List<DnsServers.WellKnown> out = new ArrayList<>(DnsServers.DNS_SERVICES);
        out.add(atKubeletAddress);
        return out;
    }

    /** The cluster DNS in a snapshot of this loader, looked for where this loader looks. */
    public DnsServers.Found locateDns(ClusterSnapshot snapshot) {
        return DnsServers.locate(snapshot, dnsCandidates());
    }

    private synchronized dev.kdi.records.objects.Service storedService(DnsServers.WellKnown candidate) {
        Object o = store.get(ResourceKind.SERVICES).get(candidate.namespace() + "/" + candidate.name());
        return o instanceof dev.kdi.records.objects.Service s ? s : null;
    }

    /** Whether a kind's lists already hold every object of the namespace (or were refused there). */
    private synchronized boolean covers(ResourceKind kind, String namespace) {
        if (!scopedKinds.contains(kind)) {
            return !problems.containsKey(problemKey(kind, ""));
        }
        return fallbackNamespaces.contains(namespace);
    }

    private dev.kdi.records.objects.Service getService(DnsServers.WellKnown candidate)
            throws ClusterException, InterruptedException {
        KindScope scope = KindScope.named(ResourceKind.SERVICES, candidate.namespace(), candidate.name());
        PagedLister.Listed found;
        try {
            found = readScope(scope);
        } catch (KubernetesClientException e) {
            if (LoadFailures.isForbidden(e)) {
                recordProblem(ResourceKind.SERVICES, candidate.namespace(), "get", e);
                return null;
            }
            throw LoadFailures.unreachable(client.getConfiguration(), "reading Service " + candidate.namespace() + "/"
                    + candidate.name(), e);
        }
        if (found.objects().isEmpty()) {
            // Not there: the next candidate is tried, and this one is not watched.
            return null;
        }
        replace(scope, found);
        return storedService(candidate);
    }

    /** Reads a selective scope of the DNS's namespace into the store; a refusal is reported, not thrown. */
    private void readSelective(KindScope scope) throws ClusterException, InterruptedException {
        try {
            replace(scope, readScope(scope));
        } catch (KubernetesClientException e) {
            if (LoadFailures.isForbidden(e)) {
                recordProblem(scope.kind(), scope.namespace(), "list", e);
                return;
            }
            if (e.getCode() == 404) {
                notServed(scope.kind());
                return;
            }
            throw LoadFailures.unreachable(client.getConfiguration(), "listing " + scope.describe(), e);
        }
    }

    /**
     * One selective scope as it is now: the named object by a get (what a user whose role names
     * the DNS Service may do; none when it is absent, from its own resourceVersion), or the
     * labelled objects by a list.
     *
     * @throws KubernetesClientException what the API server said instead
     */
    private PagedLister.Listed readScope(KindScope scope) throws InterruptedException {
        if (scope.name() == null) {
            return lister.list(scope, (into, item) -> conversion.convertInto(into, scope.kind(), item), loaded -> {
            });
        }
        HasMetadata found;
        try {
            found = client.resources(scope.kind().type).inNamespace(scope.namespace()).withName(scope.name()).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            found = null;
        }
        Map<String, Object> objects = new LinkedHashMap<>();
        if (found == null) {
            // Gone: watched from now, so its return shows.
            return new PagedLister.Listed(objects, "");
        }
        conversion.convertInto(objects, scope.kind(), found);
        String rv = found.getMetadata() == null ? null : found.getMetadata().getResourceVersion();
        return new PagedLister.Listed(objects, rv);
    }

    /** An API server too old (or too trimmed) to serve a kind: the view lacks it, and says so. */
    private synchronized void notServed(ResourceKind kind) {
        problems.put(problemKey(kind, ""), LoadFailures.notServed(kind));
    }

    private PagedLister.Listed listPages(KindScope scope) throws InterruptedException {
        return lister.list(scope, (into, item) -> conversion.convertInto(into, scope.kind(), item),
                loaded -> listener.progress(scope.kind().plural, loaded));
    }

    /** Puts a complete list in place of what the scope held, in one step. */
    private synchronized void replace(KindScope scope, PagedLister.Listed listed) {
        if (scope.namespace() == null) {
            // The whole kind: the fresh map becomes the store, without copying 150,000 entries.
            store.put(scope.kind(), listed.objects());
        } else {
            Map<String, Object> kindStore = store.get(scope.kind());
            String prefix = scope.namespace() + "/";
            kindStore.keySet().removeIf(k -> k.startsWith(prefix));
            kindStore.putAll(listed.objects());
        }
        resourceVersions.put(scope, listed.resourceVersion() == null ? "" : listed.resourceVersion());
    }

    // ---- Watching

    private void startWatch(KindScope scope) {
        if (closed || superseded(scope)) {
            return;
        }
        ScopeWatch watcher = new ScopeWatch(scope, watchEvents);
        String rv;
        ScopeWatch previous;
        synchronized (this) {
            rv = resourceVersions.get(scope);
            previous = watchers.put(scope, watcher);
        }
        if (previous != null) {
            previous.retire();
        }
        try {
            Watch w = watcher.open(client, rv);
            boolean recovered;
            synchronized (this) {
                if (watchers.get(scope) != watcher || closed) {
                    recovered = false;
                    w.close();
                } else {
                    recovered = watcher.attach(w) && staleReasons.remove(scope) != null;
                }
            }
            if (recovered) {
                listener.changed();
            }
        } catch (KubernetesClientException e) {
            if (LoadFailures.isForbidden(e)) {
                // Listing worked but watching may not: the view stays as listed, and says so.
                recordProblem(scope.kind(), scope.namespaceOrEmpty(), "watch", e);
                markStale(scope, LoadFailures.mayNotWatch(scope.kind()));
                return;
            }
            if (e.getCode() == 410) {
                markStale(scope, LoadFailures.fellBehind(scope.describe()));
                retries.now(() -> relist(scope));
                return;
            }
            markStale(scope, LoadFailures.watchCouldNotStart(e));
            scheduleRewatch(scope);
        }
    }

    /** Applies one event of a scope's current watch. */
    private void received(KindScope scope, Action action, HasMetadata object) {
        if (closed) {
            return;
        }
        retries.succeeded(scope);
        synchronized (this) {
            String rv = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
            if (rv != null) {
                resourceVersions.put(scope, rv);
            }
            Map<String, Object> kindStore = store.get(scope.kind());
            switch (action) {
                case ADDED, MODIFIED -> conversion.convertInto(kindStore, scope.kind(), object);
                case DELETED -> conversion.remove(kindStore, scope.kind(), object);
                default -> {
                    // BOOKMARK only moves the resourceVersion; ERROR arrives through ended().
                }
            }
        }
        if (action != Action.BOOKMARK) {
            listener.changed();
        }
        if (scope.kind() == ResourceKind.SERVICES && scope.name() != null && action != Action.BOOKMARK) {
            followSelector(scope);
        }
    }

    /**
     * The DNS Service read where it lives changed: when its selector no longer picks the pods read
     * by the old one, those are read and watched by the new one instead.
     */
    private void followSelector(KindScope serviceScope) {
        KindScope old;
        KindScope now;
        ScopeWatch retired;
        synchronized (this) {
            Object o = store.get(ResourceKind.SERVICES).get(serviceScope.namespace() + "/" + serviceScope.name());
            if (dnsPods == null || !(o instanceof Service service) || service.selector() == null
                    || service.selector().isEmpty() || service.selector().equals(dnsPods.labels())) {
                return;
            }
            old = dnsPods;
            now = KindScope.labelled(ResourceKind.PODS, old.namespace(), service.selector());
            dnsPods = now;
            retired = watchers.remove(old);
            resourceVersions.remove(old);
            staleReasons.remove(old);
        }
        if (retired != null) {
            retired.retire();
        }
        retries.now(() -> relist(now));
    }

    /**
     * Whether the scope is the DNS pods' by a selector the DNS Service no longer has: a retry of it
     * scheduled before the change must not bring its pods or its watch back.
     */
    private synchronized boolean superseded(KindScope scope) {
        return scope.kind() == ResourceKind.PODS && scope.selective() && dnsPods != null && !scope.equals(dnsPods);
    }

    /** A scope's current watch dropped: resumes from the last version seen, or relists. */
    private void ended(KindScope scope, WatcherException cause) {
        if (closed) {
            return;
        }
        KubernetesClientException asClient = cause.asClientException();
        if (asClient != null && LoadFailures.isForbidden(asClient)) {
            recordProblem(scope.kind(), scope.namespaceOrEmpty(), "watch", asClient);
            markStale(scope, LoadFailures.mayNotWatch(scope.kind()));
            return;
        }
        if (cause.isHttpGone()) {
            // Our resourceVersion is too old: only a fresh list can catch up.
            markStale(scope, LoadFailures.fellBehind(scope.describe()));
            retries.now(() -> relist(scope));
        } else {
            markStale(scope, LoadFailures.watchDropped(cause));
            scheduleRewatch(scope);
        }
    }

    /** Lists a scope again, replacing what it held once the list is complete, then watches it. */
    private void relist(KindScope scope) {
        if (closed || superseded(scope)) {
            return;
        }
        try {
            if (scope.selective()) {
                replace(scope, readScope(scope));
                synchronized (this) {
                    problems.remove(problemKey(scope.kind(), scope.namespace()));
                }
            } else if (scope.namespace() == null) {
                replace(scope, listPages(scope));
            } else {
                listNamespace(scope.kind(), scope.namespace());
            }
            listener.changed();
            startWatch(scope);
        } catch (KubernetesClientException e) {
            if (LoadFailures.isForbidden(e)) {
                recordProblem(scope.kind(), scope.namespaceOrEmpty(), scope.name() == null ? "list" : "get", e);
                markStale(scope, LoadFailures.mayNoLongerList(scope.kind()));
                return;
            }
            markStale(scope, LoadFailures.failure(client.getConfiguration(), "listing " + scope.describe() + " again", e)
                    + "; retrying");
            scheduleRelist(scope);
        } catch (ClusterException e) {
            markStale(scope, e.getMessage() + "; retrying");
            scheduleRelist(scope);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleRewatch(KindScope scope) {
        if (!closed) {
            retries.later(scope, () -> startWatch(scope));
        }
    }

    private void scheduleRelist(KindScope scope) {
        if (!closed) {
            retries.later(scope, () -> relist(scope));
        }
    }

    private void markStale(KindScope scope, String why) {
        synchronized (this) {
            staleReasons.put(scope, why);
        }
        listener.changed();
    }

    // ---- Results

    /** The current objects; slices are the cluster's own, so the model derives none. */
    public synchronized ClusterSnapshot snapshot() {
        List<Service> services = values(ResourceKind.SERVICES, Service.class);
        List<EndpointSlice> slices = values(ResourceKind.ENDPOINT_SLICES, EndpointSlice.class);
        List<Pod> pods = values(ResourceKind.PODS, Pod.class);
        List<Workload> workloads = new ArrayList<>();
        for (ResourceKind k : List.of(ResourceKind.STATEFUL_SETS, ResourceKind.DEPLOYMENTS, ResourceKind.REPLICA_SETS,
                ResourceKind.DAEMON_SETS, ResourceKind.JOBS, ResourceKind.CRON_JOBS)) {
            workloads.addAll(values(k, Workload.class));
        }
        Set<String> namespaces = new LinkedHashSet<>();
        for (Object o : store.get(ResourceKind.NAMESPACES).values()) {
            namespaces.add((String) o);
        }
        if (!namespacesListed) {
            // Namespaces cannot be listed: those read and those objects live in certainly exist.
            namespaces.addAll(namespacesRead);
            services.forEach(s -> namespaces.add(s.namespace()));
            slices.forEach(s -> namespaces.add(s.namespace()));
            pods.forEach(p -> namespaces.add(p.namespace()));
            workloads.forEach(w -> namespaces.add(w.namespace()));
        }
        ClusterSnapshot snapshot = new ClusterSnapshot(namespaces, services, slices, List.of(), pods, workloads,
                dnsConfig.corefile(), true);
        DnsPodFiles files = dnsConfig.files();
        return files == null ? snapshot : snapshot.withDnsPodFiles(files);
    }

    private <T> List<T> values(ResourceKind kind, Class<T> type) {
        Collection<Object> values = store.get(kind).values();
        List<T> out = new ArrayList<>(values.size());
        for (Object o : values) {
            out.add(type.cast(o));
        }
        return out;
    }

    /** How complete and current the view is. */
    public synchronized LoadReport report() {
        TreeMap<String, LoadReport.AccessProblem> all = new TreeMap<>(problems);
        dnsConfig.problems().forEach(all::putIfAbsent);
        conversion.reportInto(all);
        List<LoadReport.AccessProblem> list = new ArrayList<>(all.values());
        Map<String, String> stale = new LinkedHashMap<>();
        for (Map.Entry<KindScope, String> e : staleReasons.entrySet()) {
            stale.merge(e.getKey().kind().plural, e.getValue(), (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
        List<String> read = new ArrayList<>();
        for (String ns : fallbackNamespaces) {
            if (namespacesRead.contains(ns)) {
                read.add(ns);
            }
        }
        boolean scoped = !scopedKinds.isEmpty();
        return new LoadReport(list, List.copyOf(stale.keySet()), scoped, scoped ? read : List.of(), loadedAt, stale);
    }

    /** The Corefile the DNS pods load, when it could be read. */
    public Optional<String> corefile() {
        return Optional.ofNullable(dnsConfig.corefile());
    }

    /**
     * Where the Corefile is read ({@code ConfigMap openshift-dns/dns-default}): the ConfigMap key
     * behind the DNS pods' {@code -conf}, or the DNS Service's conventional ConfigMap.
     */
    public String corefileOrigin() {
        DnsConfig.Source source = dnsConfig.source();
        return source == null ? "ConfigMap " + ObjectConverter.COREDNS_NAMESPACE + "/" + ObjectConverter.COREDNS_CONFIG_MAP
                : source.origin();
    }

    @Override
    public void close() {
        closed = true;
        List<ScopeWatch> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(watchers.values());
            watchers.clear();
        }
        lister.close();
        toClose.forEach(ScopeWatch::retire);
        dnsConfig.close();
    }

    // ---- Helpers

    private void recordProblem(ResourceKind kind, String namespace, String verb, KubernetesClientException e) {
        synchronized (this) {
            problems.put(problemKey(kind, namespace), LoadFailures.forbidden(kind, namespace, verb, e));
        }
    }

    private static String problemKey(ResourceKind kind, String namespace) {
        return "access/" + kind.plural + "/" + namespace;
    }

    private ClusterException unreachable(KindScope scope, KubernetesClientException e) {
        return LoadFailures.unreachable(client.getConfiguration(), "listing " + scope.describe(), e);
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("loading was cancelled");
        }
    }
}
