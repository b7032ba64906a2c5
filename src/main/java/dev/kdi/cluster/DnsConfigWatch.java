package dev.kdi.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the Corefile and the files it reads current: watches the ConfigMaps of the DNS pods'
 * namespace and asks its owner to read them again when one the Corefile depends on changes. An
 * edit to {@code coredns-custom} is what operators make while debugging, and CoreDNS's
 * {@code reload} picks it up within seconds; a prediction from the old text would be wrong.
 *
 * <p>The watch opens before each read, so nothing changed in between is missed; a dropped watch
 * opens again with backoff and is followed by a read, for the edits made while it was down.
 * Reads are coalesced: a burst of events gives one read.
 */
final class DnsConfigWatch implements Watcher<ConfigMap> {

    /** What the owner does; called on the scheduler, never under the watch's lock. */
    interface Owner {
        /**
         * Whether a ConfigMap of the namespace is one the Corefile depends on, at another version
         * than the one last read (a watch opened from now first replays what was just read).
         */
        boolean changed(String configMap, String resourceVersion);

        /** Reads the Corefile and the files it reads again. */
        void reread();

        /** The watch cannot run ({@code why}), or runs again (null). */
        void watching(String why);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Owner owner;
    private final WatchRetries retries;
    private final AtomicBoolean rereadQueued = new AtomicBoolean();
    // Guarded by this.
    private Watch handle;
    private boolean closed;

    DnsConfigWatch(KubernetesClient client, String namespace, Owner owner, WatchRetries retries) {
        this.client = client;
        this.namespace = namespace;
        this.owner = owner;
        this.retries = retries;
    }

    /** Opens the watch (on the caller's thread), without a read: the owner has just read. */
    void start() {
        open(false);
    }

    private void open(boolean thenRead) {
        Watch opened;
        try {
            opened = client.configMaps().inNamespace(namespace).watch(this);
        } catch (KubernetesClientException e) {
            if (LoadFailures.isForbidden(e)) {
                owner.watching("forbidden; edits to the Corefile's ConfigMaps show after a refresh");
                return;
            }
            owner.watching("the watch could not start (" + LoadFailures.firstLine(e.getMessage()) + "); retrying");
            retries.later(this, () -> open(true));
            return;
        }
        synchronized (this) {
            if (closed) {
                opened.close();
                return;
            }
            handle = opened;
        }
        retries.succeeded(this);
        owner.watching(null);
        if (thenRead) {
            queueReread();
        }
    }

    @Override
    public void eventReceived(Action action, ConfigMap configMap) {
        if (action != Action.BOOKMARK && configMap.getMetadata() != null
                && owner.changed(configMap.getMetadata().getName(),
                // A deletion is a change whatever version it carries.
                action == Action.DELETED ? null : configMap.getMetadata().getResourceVersion())) {
            queueReread();
        }
    }

    private void queueReread() {
        if (rereadQueued.compareAndSet(false, true)) {
            retries.now(() -> {
                rereadQueued.set(false);
                if (!isClosed()) {
                    owner.reread();
                }
            });
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        if (isClosed()) {
            return;
        }
        owner.watching("the watch dropped; reconnecting");
        retries.later(this, () -> open(true));
    }

    @Override
    public void onClose() {
        // Closed by us.
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    void close() {
        Watch h;
        synchronized (this) {
            closed = true;
            h = handle;
        }
        if (h != null) {
            h.close();
        }
    }
}
