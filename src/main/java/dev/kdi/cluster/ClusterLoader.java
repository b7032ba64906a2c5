package dev.kdi.cluster;

import dev.kdi.manifests.InvalidObjectException;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Loads a cluster's DNS-relevant objects into the model's records, then keeps them current.
 *
 * <p>Lists are paginated as real API servers expect and converted page by page, so no fabric8
 * object outlives its page. Watches resume from the last resourceVersion seen and relist when the
 * server says it is gone (410); while a watch is down its kind is reported stale. When the user
 * may not list across all namespaces, the loader falls back to the context's namespace and the
 * namespaces the user names, and reports what it could not read instead of showing an empty view.
 */
public final class ClusterLoader implements AutoCloseable {
    /** Page size: large enough to be quick, small enough to keep each page's objects short-lived. */
    static final int DEFAULT_PAGE_SIZE = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final ObjectConverter converter;
    private final List<String> fallbackNamespaces;
    private final int pageSize;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Listener listener;

    private final Map<ResourceKind, Map<String, Object>> store = new EnumMap<>(ResourceKind.class);
    private final Map<ResourceKind, String> resourceVersions = new EnumMap<>(ResourceKind.class);
    private final Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
    private final Set<String> stale = new LinkedHashSet<>();
    private final List<Watch> watches = new ArrayList<>();
    private final Map<ResourceKind, Integer> failedAttempts = new EnumMap<>(ResourceKind.class);
    private String corefile;
    private boolean namespaceScoped;
    private java.time.Instant loadedAt;
    private volatile boolean closed;

    /** What the loader tells its owner; called from loader and watch threads. */
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
     * @param scheduler runs watch re-establishment with backoff
     */
    public ClusterLoader(KubernetesClient client, ObjectConverter converter, List<String> fallbackNamespaces,
                         int pageSize, ScheduledExecutorService scheduler, Clock clock, Listener listener) {
        this.client = client;
        this.converter = converter;
        this.fallbackNamespaces = List.copyOf(new LinkedHashSet<>(fallbackNamespaces));
        this.pageSize = pageSize;
        this.scheduler = scheduler;
        this.clock = clock;
        this.listener = listener;
        for (ResourceKind k : ResourceKind.values()) {
            store.put(k, new LinkedHashMap<>());
        }
    }

    /**
     * The initial load of every kind. Access problems are recorded, not thrown; an API server
     * that cannot be reached or stops answering is.
     */
    public void load() throws ClusterException, InterruptedException {
        for (ResourceKind kind : ResourceKind.values()) {
            checkInterrupted();
            list(kind);
        }
        loadCorefile();
        synchronized (this) {
            loadedAt = clock.instant();
        }
        listener.changed();
    }

    /** Starts watching every kind that could be listed, from the resourceVersion of its list. */
    public void watch() {
        for (ResourceKind kind : ResourceKind.values()) {
            startWatch(kind);
        }
    }

    // ---- Listing

    private void list(ResourceKind kind) throws ClusterException, InterruptedException {
        if (!kind.namespaced) {
            try {
                String rv = listPages(kind, null);
                synchronized (this) {
                    resourceVersions.put(kind, rv);
                }
            } catch (KubernetesClientException e) {
                if (!isForbidden(e)) {
                    throw unreachable(kind, e);
                }
                recordProblem(kind, "", "list", e);
                synchronized (this) {
                    for (String ns : fallbackNamespaces) {
                        store.get(kind).put(ns, ns);
                    }
                }
            }
            return;
        }
        boolean scoped;
        synchronized (this) {
            scoped = namespaceScoped;
        }
        if (!scoped) {
            try {
                String rv = listPages(kind, null);
                synchronized (this) {
                    resourceVersions.put(kind, rv);
                }
                return;
            } catch (KubernetesClientException e) {
                if (!isForbidden(e)) {
                    throw unreachable(kind, e);
                }
                recordProblem(kind, "", "list", e);
                synchronized (this) {
                    namespaceScoped = true;
                }
            }
        }
        for (String ns : fallbackNamespaces) {
            checkInterrupted();
            try {
                listPages(kind, ns);
                synchronized (this) {
                    store.get(ResourceKind.NAMESPACES).putIfAbsent(ns, ns);
                }
            } catch (KubernetesClientException e) {
                if (!isForbidden(e)) {
                    throw unreachable(kind, e);
                }
                recordProblem(kind, ns, "list", e);
            }
        }
    }

    /** Lists one kind (in one namespace, or all) page by page; returns the list's resourceVersion. */
    private String listPages(ResourceKind kind, String namespace) throws InterruptedException, ClusterException {
        String token = null;
        String rv = null;
        int loaded = 0;
        do {
            checkInterrupted();
            ListOptions options = new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token).build();
            KubernetesResourceList<? extends HasMetadata> page;
            try {
                page = listable(kind, namespace).list(options);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 410 && token != null) {
                    // The continue token expired mid-list: start this kind over, as kubectl does.
                    synchronized (this) {
                        store.get(kind).clear();
                    }
                    token = null;
                    loaded = 0;
                    continue;
                }
                throw e;
            }
            synchronized (this) {
                for (HasMetadata item : page.getItems()) {
                    put(kind, item);
                }
            }
            loaded += page.getItems().size();
            listener.progress(kind.plural, loaded);
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            rv = page.getMetadata() == null ? rv : page.getMetadata().getResourceVersion();
        } while (token != null && !token.isEmpty());
        return rv;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Listable<? extends KubernetesResourceList<? extends HasMetadata>> listable(ResourceKind kind, String namespace) {
        if (kind == ResourceKind.NAMESPACES) {
            return (Listable) client.namespaces();
        }
        MixedOperation op = client.resources(kind.type);
        return namespace == null ? (Listable) op.inAnyNamespace() : (Listable) op.inNamespace(namespace);
    }

    private void loadCorefile() throws ClusterException {
        try {
            ConfigMap cm = client.configMaps().inNamespace(ObjectConverter.COREDNS_NAMESPACE)
                    .withName(ObjectConverter.COREDNS_CONFIG_MAP).get();
            synchronized (this) {
                corefile = cm == null || cm.getData() == null ? null : cm.getData().get(ObjectConverter.COREFILE_KEY);
            }
        } catch (KubernetesClientException e) {
            if (!isForbidden(e)) {
                throw new ClusterException("the API server stopped answering while reading ConfigMap kube-system/coredns: "
                        + reason(e), e);
            }
            synchronized (this) {
                problems.put("configmaps/coredns", new LoadReport.AccessProblem("configmaps", "kube-system", "get",
                        "forbidden; the Corefile is unknown, so the cluster domain is detected instead"));
            }
        }
    }

    /** Converts and stores one object; objects the model cannot read are skipped, never fatal. */
    private void put(ResourceKind kind, HasMetadata item) {
        String key = key(item);
        try {
            Object record = kind.convert(converter, item);
            if (record != null) {
                store.get(kind).put(key, record);
            } else {
                store.get(kind).remove(key);
            }
        } catch (InvalidObjectException | RuntimeException e) {
            // A live object is valid by definition; one we cannot read is reported, not fatal.
            problems.put("invalid/" + kind.plural + "/" + key, new LoadReport.AccessProblem(kind.plural,
                    item.getMetadata() == null || item.getMetadata().getNamespace() == null ? ""
                            : item.getMetadata().getNamespace(), "read",
                    key + " could not be read by kdi: " + e.getMessage()));
        }
    }

    private static String key(HasMetadata item) {
        String ns = item.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? item.getMetadata().getName() : ns + "/" + item.getMetadata().getName();
    }

    // ---- Watching

    private void startWatch(ResourceKind kind) {
        if (closed) {
            return;
        }
        String rv;
        boolean scoped;
        synchronized (this) {
            rv = resourceVersions.get(kind);
            scoped = namespaceScoped && kind.namespaced;
        }
        List<String> scopes = new ArrayList<>();
        if (scoped) {
            for (String ns : fallbackNamespaces) {
                if (!problems.containsKey(problemKey(kind, ns))) {
                    scopes.add(ns);
                }
            }
        } else if (rv != null) {
            scopes.add(null);
        }
        for (String ns : scopes) {
            try {
                ListOptions options = new ListOptionsBuilder().withResourceVersion(rv).withAllowWatchBookmarks(true).build();
                Watch w = watchable(kind, ns).watch(options, new KindWatcher(kind, ns));
                synchronized (this) {
                    watches.add(w);
                    stale.remove(kind.plural);
                }
            } catch (KubernetesClientException e) {
                if (isForbidden(e)) {
                    // Listing worked but watching may not: the view stays as listed, and says so.
                    recordProblem(kind, ns == null ? "" : ns, "watch", e);
                    markStale(kind, "may not watch " + kind.rbacResource() + "; the view will not update");
                    continue;
                }
                markStale(kind, "watch could not start: " + reason(e));
                scheduleRewatch(kind);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Watchable<HasMetadata> watchable(ResourceKind kind, String namespace) {
        if (kind == ResourceKind.NAMESPACES) {
            return (Watchable) client.namespaces();
        }
        MixedOperation op = client.resources(kind.type);
        return namespace == null ? (Watchable) op.inAnyNamespace() : (Watchable) op.inNamespace(namespace);
    }

    /** Applies one kind's events; on a drop, resumes from the last version seen or relists. */
    private final class KindWatcher implements Watcher<HasMetadata> {
        private final ResourceKind kind;
        private final String namespace;

        KindWatcher(ResourceKind kind, String namespace) {
            this.kind = kind;
            this.namespace = namespace;
        }

        @Override
        public void eventReceived(Action action, HasMetadata object) {
            synchronized (ClusterLoader.this) {
                String rv = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
                if (rv != null && namespace == null) {
                    resourceVersions.put(kind, rv);
                }
                failedAttempts.remove(kind);
                switch (action) {
                    case ADDED, MODIFIED -> put(kind, object);
                    case DELETED -> store.get(kind).remove(key(object));
                    default -> {
                        // BOOKMARK only moves the resourceVersion; ERROR arrives through onClose.
                    }
                }
            }
            if (action != Action.BOOKMARK) {
                listener.changed();
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            if (closed) {
                return;
            }
            KubernetesClientException asClient = cause.asClientException();
            if (asClient != null && isForbidden(asClient)) {
                recordProblem(kind, namespace == null ? "" : namespace, "watch", asClient);
                markStale(kind, "may not watch " + kind.rbacResource() + "; the view will not update");
                return;
            }
            if (cause.isHttpGone()) {
                // Our resourceVersion is too old: only a fresh list can catch up.
                markStale(kind, "the watch fell too far behind; listing " + kind.plural + " again");
                scheduler.execute(() -> relist(kind));
            } else {
                markStale(kind, "the watch dropped (" + firstLine(cause.getMessage()) + "); reconnecting");
                scheduleRewatch(kind);
            }
        }

        @Override
        public void onClose() {
            // Closed by us.
        }
    }

    private void relist(ResourceKind kind) {
        if (closed) {
            return;
        }
        try {
            synchronized (this) {
                store.get(kind).clear();
            }
            list(kind);
            startWatch(kind);
            listener.changed();
        } catch (ClusterException e) {
            markStale(kind, e.getMessage());
            scheduleRelist(kind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleRewatch(ResourceKind kind) {
        schedule(kind, () -> startWatch(kind));
    }

    private void scheduleRelist(ResourceKind kind) {
        schedule(kind, () -> relist(kind));
    }

    private void schedule(ResourceKind kind, Runnable task) {
        if (closed) {
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = failedAttempts.merge(kind, 1, Integer::sum);
        }
        long delay = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(attempt - 1, 8));
        scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
    }

    private void markStale(ResourceKind kind, String why) {
        synchronized (this) {
            stale.add(kind.plural);
            problems.remove("stale/" + kind.plural);
            problems.put("stale/" + kind.plural, new LoadReport.AccessProblem(kind.plural, "", "watch", why));
        }
        listener.changed();
    }

    // ---- Results

    /** The current objects; slices are the cluster's own, so the model derives none. */
    public synchronized ClusterSnapshot snapshot() {
        Set<String> namespaces = new LinkedHashSet<>();
        for (Object o : store.get(ResourceKind.NAMESPACES).values()) {
            namespaces.add((String) o);
        }
        List<Service> services = values(ResourceKind.SERVICES, Service.class);
        List<EndpointSlice> slices = values(ResourceKind.ENDPOINT_SLICES, EndpointSlice.class);
        List<Pod> pods = values(ResourceKind.PODS, Pod.class);
        List<Workload> workloads = new ArrayList<>();
        for (ResourceKind k : List.of(ResourceKind.STATEFUL_SETS, ResourceKind.DEPLOYMENTS, ResourceKind.REPLICA_SETS,
                ResourceKind.DAEMON_SETS, ResourceKind.JOBS, ResourceKind.CRON_JOBS)) {
            workloads.addAll(values(k, Workload.class));
        }
        if (namespaceScoped) {
            // Objects prove their namespaces exist even when namespaces cannot be listed.
            services.forEach(s -> namespaces.add(s.namespace()));
            pods.forEach(p -> namespaces.add(p.namespace()));
        }
        return new ClusterSnapshot(namespaces, services, slices, List.of(), pods, workloads, corefile, true);
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
        List<LoadReport.AccessProblem> list = new ArrayList<>(new TreeMap<>(problems).values());
        return new LoadReport(list, List.copyOf(stale), namespaceScoped, namespaceScoped ? fallbackNamespaces : List.of(),
                loadedAt);
    }

    /** The Corefile from ConfigMap kube-system/coredns, when it could be read. */
    public synchronized Optional<String> corefile() {
        return Optional.ofNullable(corefile);
    }

    @Override
    public void close() {
        closed = true;
        List<Watch> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(watches);
            watches.clear();
        }
        toClose.forEach(Watch::close);
    }

    // ---- Helpers

    private void recordProblem(ResourceKind kind, String namespace, String verb, KubernetesClientException e) {
        synchronized (this) {
            problems.put(problemKey(kind, namespace), new LoadReport.AccessProblem(kind.rbacResource(), namespace, verb,
                    "forbidden (" + firstLine(e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage() : e.getMessage()) + ")"));
        }
    }

    private static String problemKey(ResourceKind kind, String namespace) {
        return "access/" + kind.plural + "/" + namespace;
    }

    static boolean isForbidden(KubernetesClientException e) {
        return e.getCode() == 403;
    }

    private ClusterException unreachable(ResourceKind kind, KubernetesClientException e) {
        if (e.getCode() == 401) {
            return new ClusterException("the API server rejected the credentials (401 Unauthorized) while listing "
                    + kind.plural + "; log in again or refresh the kubeconfig's credentials", e);
        }
        return new ClusterException("the API server stopped answering while listing " + kind.plural + ": " + reason(e), e);
    }

    static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode() + " " + firstLine(e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private static String firstLine(String s) {
        return s == null ? "no reason given" : s.lines().findFirst().orElse(s);
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("loading was cancelled");
        }
    }
}
