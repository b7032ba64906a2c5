package dev.kdi.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Lists one kind, in one namespace or all, in pages as real API servers expect, converting page by
 * page so no fabric8 object outlives its page. The next page is asked for before this one is
 * converted: fabric8 reads and parses it on its own thread meanwhile, so converting costs hardly
 * any time of its own.
 */
final class PagedLister implements AutoCloseable {
    private final KubernetesClient client;
    private final int pageSize;
    // Guarded by this.
    private ExecutorService pageFetcher;

    PagedLister(KubernetesClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    /** A complete list of one scope: its objects by key and the list's resourceVersion. */
    record Listed(Map<String, Object> objects, String resourceVersion) {
    }

    /**
     * Lists a scope into a fresh map, so the objects in view stay until the new list is complete.
     *
     * @param convert puts one object's record into the map (or reports it unreadable)
     * @param progress hears the number of objects converted so far after each page
     * @throws KubernetesClientException what the API server said instead of a page
     */
    Listed list(KindScope scope, BiConsumer<Map<String, Object>, HasMetadata> convert, IntConsumer progress)
            throws InterruptedException {
        Map<String, Object> objects = new LinkedHashMap<>();
        String rv = null;
        Future<KubernetesResourceList<? extends HasMetadata>> next = fetch(scope, null);
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
                    next = fetch(scope, null);
                    continue;
                }
                throw e;
            }
            String token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            rv = page.getMetadata() == null ? rv : page.getMetadata().getResourceVersion();
            boolean more = token != null && !token.isEmpty();
            if (more) {
                next = fetch(scope, token);
                continued = true;
            }
            for (HasMetadata item : page.getItems()) {
                convert.accept(objects, item);
            }
            progress.accept(objects.size());
            if (!more) {
                return new Listed(objects, rv);
            }
        }
    }

    private Future<KubernetesResourceList<? extends HasMetadata>> fetch(KindScope scope, String token) {
        ListOptions options = new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token)
                .withLabelSelector(scope.labelSelector()).withFieldSelector(scope.fieldSelector()).build();
        return pages().submit(() -> listable(scope).list(options));
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Listable<? extends KubernetesResourceList<? extends HasMetadata>> listable(KindScope scope) {
        if (scope.kind() == ResourceKind.NAMESPACES) {
            return (Listable) client.namespaces();
        }
        MixedOperation op = client.resources(scope.kind().type);
        return scope.namespace() == null ? (Listable) op.inAnyNamespace() : (Listable) op.inNamespace(scope.namespace());
    }

    @Override
    public synchronized void close() {
        if (pageFetcher != null) {
            pageFetcher.shutdownNow();
        }
    }
}
