package dev.kdi.cluster;

import dev.kdi.manifests.KubeDnsConfigMap;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.DnsPodFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final Supplier<List<DnsServers.WellKnown>> dnsCandidates;
    private final Runnable changed;
    // Guarded by this.
    private String corefile;
    private Source source;
    private DnsPodFiles files;
    /** The resourceVersion of each ConfigMap read, by name. */
    private Map<String, String> versions = Map.of();
    private final Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
    private DnsConfigWatch watch;
    private boolean closed;

    /**
     * @param objects the loader's objects, to find the DNS pods by; never called under this object's lock
     * @param dnsCandidates where the DNS Service is looked for, in order (the one the user named, or
     *     the well-known places and the one found at the kubelet's address)
     * @param changed told after a read that follows an edit, or when the watch's state changes
     */
    DnsConfig(KubernetesClient client, WatchRetries retries, Supplier<ClusterSnapshot> objects,
              Supplier<List<DnsServers.WellKnown>> dnsCandidates, Runnable changed) {
        this.client = client;
        this.retries = retries;
        this.objects = objects;
        this.dnsCandidates = dnsCandidates;
        this.changed = changed;
    }

    /**
     * Where the Corefile in force was read: a ConfigMap key.
     *
     * @param namespace the ConfigMap's namespace
     * @param configMap its name
     * @param key the key holding the Corefile
     * @param fromPod whether a DNS pod's {@code -conf} argument and volumes led there; if not, the
     *     ConfigMap was read by its conventional name
     */
    record Source(String namespace, String configMap, String key, boolean fromPod) {
        /** {@code ConfigMap openshift-dns/dns-default}, naming the key only when it is not {@code Corefile}. */
        String origin() {
            return "ConfigMap " + namespace + "/" + configMap
                    + (ObjectConverter.COREFILE_KEY.equals(key) ? "" : " key " + key);
        }
    }

    /**
     * Reads the Corefile the DNS pods really load and the files it reads; what could not be read
     * before may be readable now. The Corefile is the file a DNS pod's {@code -conf} argument names,
     * through the pod's own ConfigMap volume (OpenShift's {@code openshift-dns/dns-default}, RKE2's
     * chart ConfigMap); only when no DNS pod says so is the DNS Service's conventional ConfigMap read
     * by name.
     *
     * @throws ClusterException when the API server fails otherwise than by refusing access
     */
    void read() throws ClusterException {
        ClusterSnapshot snapshot = objects.get();
        Map<String, LoadReport.AccessProblem> found = new LinkedHashMap<>();
        List<DnsServers.WellKnown> candidates = dnsCandidates.get();
        DnsServers.Found dns = DnsServers.locate(snapshot, candidates);
        DnsPodVolumes.Read mounted = DnsPodVolumes.read(client, dns);
        Map<String, String> read = new HashMap<>(mounted.versions());
        DnsPodVolumes.Conf conf = mounted.conf();
        String text = null;
        boolean known = true;
        Source source;
        if (conf != null && conf.configMap() != null && mounted.files() != null) {
            String ns = mounted.files().namespace();
            source = new Source(ns, conf.configMap(), conf.key() == null ? ObjectConverter.COREFILE_KEY : conf.key(), true);
            Map<String, String> data = mounted.files().configMaps().get(conf.configMap());
            if (mounted.refused().contains(conf.configMap())) {
                found.put("configmaps/" + conf.configMap(), LoadFailures.corefileForbidden(ns, conf.configMap()));
                known = false;
            } else if (data != null) {
                text = conf.key() == null ? null : data.get(conf.key());
                if (text == null && read.containsKey(conf.configMap())) {
                    found.put("configmaps/" + conf.configMap(), new LoadReport.AccessProblem("configmaps", ns, "get",
                            "ConfigMap " + conf.configMap() + " puts no file at " + conf.path() + ", the DNS pods' "
                                    + "-conf: predicting with kubeadm's default Corefile"));
                }
            }
        } else if (dns.flavor() == DnsServers.Flavor.KUBE_DNS || dns.cloudDns()) {
            // No Corefile exists to read: kube-dns reads its own ConfigMap through its pods' volume
            // (above), and Cloud DNS has none. A refusal of kube-system/coredns would be noise there.
            source = null;
            String refusedKubeDns = "configmaps/" + KubeDnsConfigMap.NAME;
            if (dns.flavor() == DnsServers.Flavor.KUBE_DNS && mounted.refused().contains(KubeDnsConfigMap.NAME)
                    && mounted.files() != null) {
                found.put(refusedKubeDns, new LoadReport.AccessProblem(refusedKubeDns, mounted.files().namespace(),
                        "get", "forbidden (kube-dns's stub domains and upstreams): predicting with no stub domains "
                                + "and the node's resolv.conf upstream"));
            }
        } else {
            DnsServers.WellKnown conventional = DnsServers.conventionalCorefile(snapshot, candidates);
            source = new Source(conventional.namespace(), conventional.corefile(), ObjectConverter.COREFILE_KEY, false);
            try {
                ConfigMap cm = client.configMaps().inNamespace(source.namespace()).withName(source.configMap()).get();
                text = cm == null || cm.getData() == null ? null : cm.getData().get(source.key());
                if (cm != null) {
                    read.put(source.configMap(), cm.getMetadata().getResourceVersion());
                }
            } catch (KubernetesClientException e) {
                if (!LoadFailures.isForbidden(e)) {
                    throw new ClusterException(LoadFailures.failure(client.getConfiguration(),
                            "reading ConfigMap " + source.namespace() + "/" + source.configMap(), e), e);
                }
                found.put("configmaps/" + source.configMap(), LoadFailures.corefileForbidden(source.namespace(),
                        source.configMap()));
                known = false;
            }
        }
        // The Corefile's own ConfigMap already has its problem, in the words that matter for it.
        mounted.problems().forEach(found::putIfAbsent);
        synchronized (this) {
            if (known || corefile == null) {
                corefile = text;
                this.source = source;
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
            ns = files != null ? files.namespace() : source != null ? source.namespace()
                    : ObjectConverter.COREDNS_NAMESPACE;
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
        boolean dependsOn = source != null && source.configMap().equals(configMap)
                || files != null && files.mounts().stream().anyMatch(m -> m.configMap().equals(configMap));
        return dependsOn && (resourceVersion == null || !resourceVersion.equals(versions.get(configMap)));
    }

    private void rereadAfterEdit() {
        try {
            read();
        } catch (ClusterException e) {
            synchronized (this) {
                String ns = source == null ? ObjectConverter.COREDNS_NAMESPACE : source.namespace();
                String name = source == null ? ObjectConverter.COREDNS_CONFIG_MAP : source.configMap();
                problems.put("configmaps/" + name, new LoadReport.AccessProblem("configmaps", ns, "get",
                        e.getMessage() + "; the last Corefile read is kept"));
            }
        }
        changed.run();
    }

    /** The Corefile the DNS pods load, or null when there is none or it could not be read. */
    synchronized String corefile() {
        return corefile;
    }

    /** Where the Corefile was (or would have been) read, or null before the first read. */
    synchronized Source source() {
        return source;
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
