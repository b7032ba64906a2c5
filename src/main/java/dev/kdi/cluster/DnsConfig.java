package dev.kdi.cluster;

import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.DnsPodFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The DNS configuration a live cluster runs: the Corefile and the files the DNS pods' Corefile
 * reads through their ConfigMap volumes, with what could not be read. Once watched, it follows
 * edits to those ConfigMaps as CoreDNS's {@code reload} does.
 */
final class DnsConfig implements AutoCloseable {
    private static final String WATCH_PROBLEM = "watch/configmaps";

    private final KubernetesClient client;
    private final WatchRetries retries;
    private final Supplier<ClusterSnapshot> objects;
    private final Runnable changed;
    // Guarded by this.
    private String corefile;
    private DnsPodFiles files;
    /** The resourceVersion of each ConfigMap read, by name. */
    private Map<String, String> versions = Map.of();
    private final Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
    private DnsConfigWatch watch;
    private boolean closed;

    /**
     * @param objects the loader's objects, to find the DNS pods by; never called under this object's lock
     * @param changed told after a read that follows an edit, or when the watch's state changes
     */
    DnsConfig(KubernetesClient client, WatchRetries retries, Supplier<ClusterSnapshot> objects, Runnable changed) {
        this.client = client;
        this.retries = retries;
        this.objects = objects;
        this.changed = changed;
    }

    /**
     * Reads the Corefile and the DNS pods' files; what could not be read before may be readable now.
     *
     * @throws ClusterException when the API server fails otherwise than by refusing access
     */
    void read() throws ClusterException {
        Map<String, LoadReport.AccessProblem> found = new LinkedHashMap<>();
        String text = null;
        boolean known = true;
        Map<String, String> read = new HashMap<>();
        try {
            ConfigMap cm = client.configMaps().inNamespace(ObjectConverter.COREDNS_NAMESPACE)
                    .withName(ObjectConverter.COREDNS_CONFIG_MAP).get();
            text = cm == null || cm.getData() == null ? null : cm.getData().get(ObjectConverter.COREFILE_KEY);
            if (cm != null) {
                read.put(ObjectConverter.COREDNS_CONFIG_MAP, cm.getMetadata().getResourceVersion());
            }
        } catch (KubernetesClientException e) {
            if (!LoadFailures.isForbidden(e)) {
                throw new ClusterException(LoadFailures.failure(client.getConfiguration(),
                        "reading ConfigMap kube-system/coredns", e), e);
            }
            found.put("configmaps/coredns", LoadFailures.corefileForbidden());
            known = false;
        }
        DnsPodVolumes.Read mounted = DnsPodVolumes.read(client, objects.get());
        // The Corefile's own ConfigMap already has its problem, in the words that matter for it.
        mounted.problems().forEach(found::putIfAbsent);
        read.putAll(mounted.versions());
        synchronized (this) {
            if (known || corefile == null) {
                corefile = text;
            }
            files = mounted.files();
            versions = Map.copyOf(read);
            problems.keySet().removeIf(k -> !k.equals(WATCH_PROBLEM));
            problems.putAll(found);
        }
    }

    /** Follows edits to the ConfigMaps the Corefile depends on, from now on. */
    void watch() {
        String ns;
        synchronized (this) {
            if (closed || watch != null) {
                return;
            }
            ns = files != null ? files.namespace() : ObjectConverter.COREDNS_NAMESPACE;
            watch = new DnsConfigWatch(client, ns, new DnsConfigWatch.Owner() {
                @Override
                public boolean changed(String configMap, String resourceVersion) {
                    return DnsConfig.this.changed(configMap, resourceVersion);
                }

                @Override
                public void reread() {
                    rereadAfterEdit();
                }

                @Override
                public void watching(String why) {
                    synchronized (DnsConfig.this) {
                        if (why == null) {
                            problems.remove(WATCH_PROBLEM);
                        } else {
                            problems.put(WATCH_PROBLEM, new LoadReport.AccessProblem("configmaps", ns, "watch", why));
                        }
                    }
                    changed.run();
                }
            }, retries);
        }
        watch.start();
    }

    private synchronized boolean changed(String configMap, String resourceVersion) {
        boolean dependsOn = ObjectConverter.COREDNS_CONFIG_MAP.equals(configMap)
                || files != null && files.mounts().stream().anyMatch(m -> m.configMap().equals(configMap));
        return dependsOn && (resourceVersion == null || !resourceVersion.equals(versions.get(configMap)));
    }

    private void rereadAfterEdit() {
        try {
            read();
        } catch (ClusterException e) {
            synchronized (this) {
                problems.put("configmaps/coredns", new LoadReport.AccessProblem("configmaps",
                        ObjectConverter.COREDNS_NAMESPACE, "get", e.getMessage() + "; the last Corefile read is kept"));
            }
        }
        changed.run();
    }

    /** The Corefile from ConfigMap kube-system/coredns, or null when there is none or it could not be read. */
    synchronized String corefile() {
        return corefile;
    }

    /** The DNS pods' mounts and the ConfigMaps behind them, or null when no DNS pod could be read. */
    synchronized DnsPodFiles files() {
        return files;
    }

    /** What could not be read or watched, keyed as the load report keys its problems. */
    synchronized Map<String, LoadReport.AccessProblem> problems() {
        return new LinkedHashMap<>(problems);
    }

    @Override
    public void close() {
        DnsConfigWatch w;
        synchronized (this) {
            closed = true;
            w = watch;
        }
        if (w != null) {
            w.close();
        }
    }
}
