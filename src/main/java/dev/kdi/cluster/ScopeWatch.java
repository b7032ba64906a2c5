package dev.kdi.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Watchable;

/**
 * One watch of one scope, from a resourceVersion on. It passes events and its end to its owner
 * until a newer watch of the same scope retires it; after that it stays silent, so a late event
 * of a replaced watch never undoes what the newer one applied.
 */
final class ScopeWatch implements Watcher<HasMetadata> {

    /** What the owner hears; called on fabric8's watch threads. */
    interface Events {
        void received(KindScope scope, Action action, HasMetadata object);

        /** The server or the connection ended the watch (never called for a close of ours). */
        void ended(KindScope scope, WatcherException cause);
    }

    private final KindScope scope;
    private final Events events;
    // Guarded by this.
    private Watch handle;
    private boolean retired;

    ScopeWatch(KindScope scope, Events events) {
        this.scope = scope;
        this.events = events;
    }

    /**
     * Opens the watch from {@code resourceVersion} (from now when empty), with bookmarks, and with
     * the scope's label or name selector when it is selective.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the server refuses it
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Watch open(KubernetesClient client, String resourceVersion) {
        Watchable<HasMetadata> watchable;
        if (scope.kind() == ResourceKind.NAMESPACES) {
            watchable = (Watchable) client.namespaces();
        } else {
            MixedOperation op = client.resources(scope.kind().type);
            watchable = scope.namespace() == null ? (Watchable) op.inAnyNamespace()
                    : (Watchable) op.inNamespace(scope.namespace());
        }
        return watchable.watch(new ListOptionsBuilder()
                .withResourceVersion(resourceVersion == null || resourceVersion.isEmpty() ? null : resourceVersion)
                .withLabelSelector(scope.labelSelector()).withFieldSelector(scope.fieldSelector())
                .withAllowWatchBookmarks(true).build(), this);
    }

    /** Keeps the opened watch's handle so {@link #retire} can close it; false (and closes it) if already retired. */
    boolean attach(Watch opened) {
        synchronized (this) {
            if (!retired) {
                handle = opened;
                return true;
            }
        }
        opened.close();
        return false;
    }

    /** A newer watch took over this scope, or the owner closed: ignore what this one still says, and close it. */
    void retire() {
        Watch h;
        synchronized (this) {
            retired = true;
            h = handle;
        }
        if (h != null) {
            h.close();
        }
    }

    private synchronized boolean retired() {
        return retired;
    }

    @Override
    public void eventReceived(Action action, HasMetadata object) {
        if (!retired()) {
            events.received(scope, action, object);
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        if (!retired()) {
            events.ended(scope, cause);
        }
    }

    @Override
    public void onClose() {
        // Closed by us.
    }
}
