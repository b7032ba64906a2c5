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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads a cluster's DNS-relevant objects into the model's records, then keeps them current.
 *
 * <p>Lists are paginated as real API servers expect and converted page by page, so no fabric8
 * object outlives its page. Each watch resumes from the last resourceVersion seen in its scope
 * and relists when the server says that version is gone (410); while a watch is down its kind is
 * reported stale, and a relist replaces the old objects only once the new list is complete, so
 * the view never goes empty. When the user may not list a kind across all namespaces, the loader
 * reads it in the context's namespace and the namespaces the user names, and reports what it
 * could not read instead of showing an empty view.
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

    // Guarded by this.
    private final Map<ResourceKind, Map<String, Object>> store = new EnumMap<>(ResourceKind.class);
    /** Kinds read namespace by namespace because listing them across all namespaces is forbidden. */
    private final Set<ResourceKind> scopedKinds = EnumSet.noneOf(ResourceKind.class);
    /** Whether the namespaces themselves could be listed; if not, objects prove which exist. */
    private boolean namespacesListed;
    /** Fallback namespaces from which at least one kind could be read. */
    private final Set<String> namespacesRead = new LinkedHashSet<>();
    private final Map<Scope, String> resourceVersions = new HashMap<>();
    private final Map<Scope, KindWatcher> watchers = new HashMap<>();
    private final Map<Scope, Integer> failedAttempts = new HashMap<>();
    private final Map<Scope, String> staleReasons = new LinkedHashMap<>();
    private final Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
    /** Objects kdi could not read, by kind/namespace/name; checked once per object, so without the lock. */
    private final Map<String, LoadReport.AccessProblem> unreadable = new java.util.concurrent.ConcurrentHashMap<>();
    private String corefile;
    private Instant loadedAt;
    private ExecutorService pageFetcher;
    private volatile boolean closed;

    /** What the loader tells its owner; called from loader and watch threads, never under a lock. */
    public interface Listener {
        /** Objects of a kind were loaded during the initial load (for a progress display). */
        default void progress(String plural, int loaded) {
        }

        /** The cluster's objects changed, or the report did (staleness, access). */
        void changed();
    }

    /** What one watch covers: a kind across all namespaces (namespace null) or in one namespace. */
    private record Scope(ResourceKind kind, String namespace) {
        String describe() {
            return kind.plural + (namespace == null ? "" : " in namespace " + namespace);
        }
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
     * that cannot be reached, stops answering or rejects the credentials is.
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

    /** Starts watching every scope that could be listed, from the resourceVersion of its list. */
    public void watch() {
        for (Scope scope : watchableScopes()) {
            startWatch(scope);
        }
    }

    private synchronized List<Scope> watchableScopes() {
        List<Scope> out = new ArrayList<>();
        for (Scope s : resourceVersions.keySet()) {
            if (!problems.containsKey(problemKey(s.kind(), s.namespace() == null ? "" : s.namespace()))) {
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
                replace(new Scope(kind, null), listPages(kind, null));
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
                if (!isForbidden(e)) {
                    throw unreachable(kind, null, e);
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
            replace(new Scope(kind, ns), listPages(kind, ns));
            synchronized (this) {
                namespacesRead.add(ns);
                problems.remove(problemKey(kind, ns));
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                notServed(kind);
                return;
            }
            if (!isForbidden(e)) {
                throw unreachable(kind, ns, e);
            }
            recordProblem(kind, ns, "list", e);
        }
    }

    /** An API server too old (or too trimmed) to serve a kind: the view lacks it, and says so. */
    private synchronized void notServed(ResourceKind kind) {
        problems.put(problemKey(kind, ""), new LoadReport.AccessProblem(kind.rbacResource(), "", "list",
                "this API server does not serve them (404)"));
    }

    /** A complete list of one scope: its objects by key and the list's resourceVersion. */
    private record Listed(Map<String, Object> objects, String resourceVersion) {
    }

    /**
     * Lists one kind (in one namespace, or all) page by page into a fresh map, so the objects in
     * view stay until the new list is complete. The next page is asked for before this one is
     * converted: fabric8 reads and parses it on its own threads meanwhile, so converting costs
     * hardly any time of its own.
     */
    private Listed listPages(ResourceKind kind, String namespace) throws InterruptedException {
        Map<String, Object> objects = new LinkedHashMap<>();
        String rv = null;
        Future<KubernetesResourceList<? extends HasMetadata>> next = fetch(kind, namespace, null);
        boolean continued = false;
        while (true) {
            KubernetesResourceList<? extends HasMetadata> page;
            try {
                page = await(next);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 410 && continued) {
                    // The continue token expired mid-list: start this scope over, as kubectl does.
                    objects.clear();
                    continued = false;
                    next = fetch(kind, namespace, null);
                    continue;
                }
                throw e;
            }
            String token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            rv = page.getMetadata() == null ? rv : page.getMetadata().getResourceVersion();
            boolean more = token != null && !token.isEmpty();
            if (more) {
                next = fetch(kind, namespace, token);
                continued = true;
            }
            for (HasMetadata item : page.getItems()) {
                convertInto(objects, kind, item);
            }
            listener.progress(kind.plural, objects.size());
            if (!more) {
                return new Listed(objects, rv);
            }
        }
    }

    private Future<KubernetesResourceList<? extends HasMetadata>> fetch(ResourceKind kind, String namespace,
                                                                       String token) {
        ListOptions options = new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token).build();
        return pages().submit(() -> listable(kind, namespace).list(options));
    }

    /** A page, or what the API server said instead; interruptible, and never waits past fabric8's timeout. */
    private static KubernetesResourceList<? extends HasMetadata> await(
            Future<KubernetesResourceList<? extends HasMetadata>> page) throws InterruptedException {
        try {
            return page.get();
        } catch (InterruptedException e) {
            page.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KubernetesClientException k) {
                throw k;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw new KubernetesClientException(r.getMessage(), r);
            }
            throw new KubernetesClientException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** One thread that fetches pages; it never waits for anything but the API server. */
    private synchronized ExecutorService pages() {
        if (pageFetcher == null) {
            pageFetcher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kdi-list-pages");
                t.setDaemon(true);
                return t;
            });
        }
        return pageFetcher;
    }

    /** Puts a complete list in place of what the scope held, in one step. */
    private synchronized void replace(Scope scope, Listed listed) {
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
                throw new ClusterException(failure("reading ConfigMap kube-system/coredns", e), e);
            }
            synchronized (this) {
                problems.put("configmaps/coredns", new LoadReport.AccessProblem("configmaps", "kube-system", "get",
                        "forbidden; the Corefile is unknown, so the cluster domain is detected instead"));
            }
        }
    }

    /** Converts one object into {@code into}; objects the model cannot read are reported, never fatal. */
    private void convertInto(Map<String, Object> into, ResourceKind kind, HasMetadata item) {
        String key = key(item);
        try {
            Object record = kind.convert(converter, item);
            if (record != null) {
                into.put(key, record);
            } else {
                into.remove(key);
            }
            if (!unreadable.isEmpty()) {
                unreadable.remove(kind.plural + "/" + key);
            }
        } catch (InvalidObjectException | RuntimeException e) {
            // A live object is valid by definition; one we cannot read is reported, not fatal.
            unreadable.put(kind.plural + "/" + key, new LoadReport.AccessProblem(kind.plural,
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

    private void startWatch(Scope scope) {
        if (closed) {
            return;
        }
        KindWatcher watcher = new KindWatcher(scope);
        String rv;
        KindWatcher previous;
        synchronized (this) {
            rv = resourceVersions.get(scope);
            previous = watchers.put(scope, watcher);
        }
        if (previous != null) {
            previous.retire();
        }
        try {
            ListOptions options = new ListOptionsBuilder().withResourceVersion(rv == null || rv.isEmpty() ? null : rv)
                    .withAllowWatchBookmarks(true).build();
            Watch w = watchable(scope.kind(), scope.namespace()).watch(options, watcher);
            boolean recovered;
            synchronized (this) {
                if (watchers.get(scope) != watcher || closed) {
                    recovered = false;
                    w.close();
                } else {
                    watcher.handle = w;
                    recovered = staleReasons.remove(scope) != null;
                }
            }
            if (recovered) {
                listener.changed();
            }
        } catch (KubernetesClientException e) {
            if (isForbidden(e)) {
                // Listing worked but watching may not: the view stays as listed, and says so.
                recordProblem(scope.kind(), scope.namespace() == null ? "" : scope.namespace(), "watch", e);
                markStale(scope, "may not watch " + scope.kind().rbacResource() + "; the view will not update");
                return;
            }
            if (e.getCode() == 410) {
                markStale(scope, "the watch fell too far behind; listing " + scope.describe() + " again");
                execute(() -> relist(scope));
                return;
            }
            markStale(scope, "the watch could not start (" + reason(e) + "); retrying");
            scheduleRewatch(scope);
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

    /** Applies one scope's events; on a drop, resumes from the last version seen or relists. */
    private final class KindWatcher implements Watcher<HasMetadata> {
        private final Scope scope;
        /** Set once the watch started; guarded by the loader. */
        Watch handle;
        private volatile boolean retired;

        KindWatcher(Scope scope) {
            this.scope = scope;
        }

        /** A newer watch took over this scope: ignore what this one still says, and close it. */
        void retire() {
            retired = true;
            Watch h;
            synchronized (ClusterLoader.this) {
                h = handle;
            }
            if (h != null) {
                h.close();
            }
        }

        @Override
        public void eventReceived(Action action, HasMetadata object) {
            if (retired || closed) {
                return;
            }
            synchronized (ClusterLoader.this) {
                String rv = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
                if (rv != null) {
                    resourceVersions.put(scope, rv);
                }
                failedAttempts.remove(scope);
                Map<String, Object> kindStore = store.get(scope.kind());
                switch (action) {
                    case ADDED, MODIFIED -> convertInto(kindStore, scope.kind(), object);
                    case DELETED -> {
                        kindStore.remove(key(object));
                        unreadable.remove(scope.kind().plural + "/" + key(object));
                    }
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
            if (retired || closed) {
                return;
            }
            KubernetesClientException asClient = cause.asClientException();
            if (asClient != null && isForbidden(asClient)) {
                recordProblem(scope.kind(), scope.namespace() == null ? "" : scope.namespace(), "watch", asClient);
                markStale(scope, "may not watch " + scope.kind().rbacResource() + "; the view will not update");
                return;
            }
            if (cause.isHttpGone()) {
                // Our resourceVersion is too old: only a fresh list can catch up.
                markStale(scope, "the watch fell too far behind; listing " + scope.describe() + " again");
                execute(() -> relist(scope));
            } else {
                markStale(scope, "the watch dropped" + dropReason(cause) + "; reconnecting");
                scheduleRewatch(scope);
            }
        }

        @Override
        public void onClose() {
            // Closed by us.
        }
    }

    /** fabric8 says "Exhausted reconnects" for any drop, because its own reconnecting is off. */
    private static String dropReason(WatcherException cause) {
        String m = cause.getMessage();
        if (m == null || m.isBlank() || m.startsWith("Exhausted reconnects")) {
            return "";
        }
        return " (" + firstLine(m) + ")";
    }

    /** Lists a scope again, replacing what it held once the list is complete, then watches it. */
    private void relist(Scope scope) {
        if (closed) {
            return;
        }
        try {
            if (scope.namespace() == null) {
                replace(scope, listPages(scope.kind(), null));
            } else {
                listNamespace(scope.kind(), scope.namespace());
            }
            listener.changed();
            startWatch(scope);
        } catch (KubernetesClientException e) {
            if (isForbidden(e)) {
                recordProblem(scope.kind(), scope.namespace() == null ? "" : scope.namespace(), "list", e);
                markStale(scope, "may no longer list " + scope.kind().rbacResource() + "; the view will not update");
                return;
            }
            markStale(scope, failure("listing " + scope.describe() + " again", e) + "; retrying");
            scheduleRelist(scope);
        } catch (ClusterException e) {
            markStale(scope, e.getMessage() + "; retrying");
            scheduleRelist(scope);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleRewatch(Scope scope) {
        schedule(scope, () -> startWatch(scope));
    }

    private void scheduleRelist(Scope scope) {
        schedule(scope, () -> relist(scope));
    }

    private void schedule(Scope scope, Runnable task) {
        if (closed) {
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = failedAttempts.merge(scope, 1, Integer::sum);
        }
        long delay = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(attempt - 1, 8));
        try {
            scheduler.schedule(task, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The owner is shutting down.
        }
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // The owner is shutting down.
        }
    }

    private void markStale(Scope scope, String why) {
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
        TreeMap<String, LoadReport.AccessProblem> all = new TreeMap<>(problems);
        unreadable.forEach((k, v) -> all.put("invalid/" + k, v));
        List<LoadReport.AccessProblem> list = new ArrayList<>(all.values());
        Map<String, String> stale = new LinkedHashMap<>();
        for (Map.Entry<Scope, String> e : staleReasons.entrySet()) {
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

    /** The Corefile from ConfigMap kube-system/coredns, when it could be read. */
    public synchronized Optional<String> corefile() {
        return Optional.ofNullable(corefile);
    }

    @Override
    public void close() {
        closed = true;
        List<KindWatcher> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(watchers.values());
            watchers.clear();
            if (pageFetcher != null) {
                pageFetcher.shutdownNow();
            }
        }
        toClose.forEach(KindWatcher::retire);
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

    private ClusterException unreachable(ResourceKind kind, String namespace, KubernetesClientException e) {
        String what = "listing " + kind.plural + (namespace == null ? "" : " in namespace " + namespace);
        if (e.getCode() == 401) {
            return new ClusterException("the API server rejected the credentials (401 Unauthorized) while " + what
                    + "; log in again or refresh the kubeconfig's credentials", e);
        }
        return new ClusterException(failure(what, e), e);
    }

    /**
     * What went wrong talking to the API server, and what to do about it: no answer in time, not
     * reachable at all, a certificate kdi may not trust, or an HTTP error.
     */
    private String failure(String what, KubernetesClientException e) {
        String server = client.getConfiguration().getMasterUrl();
        if (e.getCode() > 0) {
            return "the API server answered " + reason(e) + " while " + what;
        }
        if (has(e, javax.net.ssl.SSLException.class) || has(e, java.security.cert.CertificateException.class)
                || has(e, java.security.cert.CertPathValidatorException.class)) {
            return "the TLS connection to the API server at " + server + " failed while " + what + " ("
                    + reason(e) + "); the server's certificate is not one the kubeconfig's certificate authority "
                    + "vouches for: check the cluster's certificate-authority(-data) and server address";
        }
        if (isTimeout(e)) {
            return "the API server stopped answering while " + what + ": no reply within "
                    + millis(client.getConfiguration().getRequestTimeout())
                    + "; check that it is up and that the network (VPN, proxy) still reaches " + server;
        }
        return "the API server at " + server + " could not be reached while " + what + " (" + reason(e)
                + "); check that the cluster is running and reachable from here (VPN, proxy, firewall)";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String millis(int ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
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
