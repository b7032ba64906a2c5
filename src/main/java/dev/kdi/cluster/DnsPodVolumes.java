package dev.kdi.cluster;

import dev.kdi.manifests.DnsPodMounts;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.DnsPodFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a live DNS pod's Corefile can read: the ConfigMap volumes mounted in its CoreDNS
 * container and the ConfigMaps behind them, read the way the kubelet lays them out, plus the
 * container's image (whose tag picks the release's plugin order). One pod behind the DNS Service
 * stands for all: replicas of one Deployment share a template.
 *
 * <p>A ConfigMap kdi may not read, or that does not exist, becomes a note naming it; its paths
 * stay unresolved (or, for an optional one, empty, as the kubelet mounts it). Only the keys the
 * volume projects are kept, as strings.
 */
final class DnsPodVolumes {
    private static final KubernetesSerialization FULL = new KubernetesSerialization();

    /**
     * @param files the DNS pod's mounts with their ConfigMaps, or null when no DNS pod could be read
     * @param problems the ConfigMaps (or the pod) that could not be read, keyed as the load report keys them
     * @param versions the resourceVersion of each ConfigMap read, by name
     */
    record Read(DnsPodFiles files, Map<String, LoadReport.AccessProblem> problems, Map<String, String> versions) {
        Read(DnsPodFiles files, Map<String, LoadReport.AccessProblem> problems) {
            this(files, problems, Map.of());
        }
    }

    private DnsPodVolumes() {
    }

    static Read read(KubernetesClient client, ClusterSnapshot snapshot) {
        Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
        List<DnsServers.Replica> replicas = DnsServers.locate(snapshot).replicas();
        if (replicas.isEmpty()) {
            return new Read(null, problems);
        }
        DnsServers.Replica replica = replicas.get(0);
        String ns = replica.namespace();
        Pod pod;
        try {
            // The session's client skips volumes and mounts (DnsFieldsSerialization): read this one pod whole.
            GenericKubernetesResource whole = client.genericKubernetesResources("v1", "Pod").inNamespace(ns)
                    .withName(replica.pod()).get();
            pod = whole == null ? null : FULL.convertValue(whole, Pod.class);
        } catch (KubernetesClientException e) {
            problems.put("pods/" + replica.pod(), problem("pods/" + replica.pod(), ns, e,
                    "the Corefile's imports and hosts files stay unresolved"));
            return new Read(null, problems);
        }
        if (pod == null) {
            return new Read(null, problems);
        }
        DnsPodFiles mounts = DnsPodMounts.read("Pod " + ns + "/" + replica.pod(), ns, pod.getSpec());
        Map<String, Map<String, String>> configMaps = new TreeMap<>();
        Map<String, String> versions = new TreeMap<>();
        for (DnsPodFiles.Mount m : mounts.mounts()) {
            if (configMaps.containsKey(m.configMap()) || problems.containsKey("configmaps/" + m.configMap())) {
                continue;
            }
            String resource = "configmaps/" + m.configMap();
            try {
                ConfigMap cm = client.configMaps().inNamespace(ns).withName(m.configMap()).get();
                if (cm == null) {
                    if (!m.optional()) {
                        problems.put(resource, new LoadReport.AccessProblem(resource, ns, "get",
                                "not found; the files under " + m.mountPath() + " stay unresolved"));
                    }
                    // An optional ConfigMap that is absent is an empty volume: its globs match nothing.
                    configMaps.put(m.configMap(), Map.of());
                    continue;
                }
                configMaps.put(m.configMap(), projected(cm.getData(), mounts, m.configMap()));
                versions.put(m.configMap(), cm.getMetadata().getResourceVersion());
            } catch (KubernetesClientException e) {
                problems.put(resource, problem(resource, ns, e, "the files under " + m.mountPath() + " stay unresolved"));
            }
        }
        return new Read(DnsPodMounts.withConfigMaps(mounts, configMaps), problems, versions);
    }

    /** The keys some mount of the pod projects: every key, or only those its {@code items} name. */
    private static Map<String, String> projected(Map<String, String> data, DnsPodFiles mounts, String configMap) {
        Map<String, String> out = new TreeMap<>();
        if (data == null) {
            return out;
        }
        for (DnsPodFiles.Mount m : mounts.mounts()) {
            if (!m.configMap().equals(configMap)) {
                continue;
            }
            if (m.items().isEmpty()) {
                out.putAll(data);
                break;
            }
            for (String key : m.items().keySet()) {
                String text = data.get(key);
                if (text != null) {
                    out.put(key, text);
                }
            }
        }
        return out;
    }

    private static LoadReport.AccessProblem problem(String resource, String ns, KubernetesClientException e,
                                                    String consequence) {
        String why = LoadFailures.isForbidden(e) ? "forbidden" : e.getCode() == 404 ? "not found"
                : "could not be read (HTTP " + e.getCode() + ")";
        return new LoadReport.AccessProblem(resource, ns, "get", why + "; " + consequence);
    }
}
