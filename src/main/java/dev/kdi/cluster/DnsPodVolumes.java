package dev.kdi.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.manifests.DnsPodMounts;
import dev.kdi.manifests.Fabric8Kinds;
import dev.kdi.records.objects.DnsPodFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    private static final KubernetesSerialization FULL = Fabric8Kinds.serialization(new ObjectMapper());
    private static final ResourceDefinitionContext PODS = ResourceDefinitionContext.fromResourceType(Pod.class);

    /**
     * @param files the DNS pod's mounts with their ConfigMaps, or null when no DNS pod could be read
     * @param problems the ConfigMaps (or the pod) that could not be read, keyed as the load report keys them
     * @param versions the resourceVersion of each ConfigMap read, by name
     * @param conf where the pod's {@code -conf} file is, or null when no DNS pod could be read
     * @param refused the ConfigMaps kdi may not read
     */
    record Read(DnsPodFiles files, Map<String, LoadReport.AccessProblem> problems, Map<String, String> versions,
                Conf conf, Set<String> refused) {
        Read {
            refused = Set.copyOf(refused);
        }

        Read(DnsPodFiles files, Map<String, LoadReport.AccessProblem> problems) {
            this(files, problems, Map.of(), null, Set.of());
        }
    }

    /**
     * The file CoreDNS loads, as its command line names it ({@code -conf /etc/coredns/Corefile}),
     * and the ConfigMap key the kubelet puts there.
     *
     * @param path the absolute path in the container
     * @param configMap the ConfigMap whose volume holds that path, or null when no ConfigMap volume does
     * @param key the key projected to that path, or null when the volume holds no such file
     */
    record Conf(String path, String configMap, String key) {
    }

    private DnsPodVolumes() {
    }

    static Read read(KubernetesClient client, DnsServers.Found dns) {
        Map<String, LoadReport.AccessProblem> problems = new LinkedHashMap<>();
        List<DnsServers.Replica> replicas = dns.replicas();
        if (replicas.isEmpty()) {
            return new Read(null, problems);
        }
        DnsServers.Replica replica = replicas.get(0);
        String ns = replica.namespace();
        Pod pod;
        try {
            // The session's client skips volumes and mounts (DnsFieldsSerialization): read this one pod whole.
            GenericKubernetesResource whole = client.genericKubernetesResources(PODS).inNamespace(ns)
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
        Conf conf = pod.getSpec() == null || pod.getSpec().getContainers() == null
                || pod.getSpec().getContainers().isEmpty() ? null
                : conf(confPath(DnsPodMounts.container(pod.getSpec())), mounts);
        Map<String, Map<String, String>> configMaps = new TreeMap<>();
        Map<String, String> versions = new TreeMap<>();
        Set<String> refused = new TreeSet<>();
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
                if (LoadFailures.isForbidden(e)) {
                    refused.add(m.configMap());
                }
            }
        }
        return new Read(DnsPodMounts.withConfigMaps(mounts, configMaps), problems, versions, conf, refused);
    }

    /**
     * The file a container's CoreDNS loads: the value of its {@code -conf} flag (Go's flag syntax:
     * {@code -conf F}, {@code --conf F}, {@code -conf=F}), else CoreDNS's default {@code Corefile};
     * a relative path is taken from the container's working directory, else {@code /} (the
     * CoreDNS images set none).
     */
    static String confPath(Container c) {
        List<String> argv = new ArrayList<>();
        if (c.getCommand() != null) {
            argv.addAll(c.getCommand());
        }
        if (c.getArgs() != null) {
            argv.addAll(c.getArgs());
        }
        String path = "Corefile";
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            String flag = a.startsWith("--") ? a.substring(2) : a.startsWith("-") ? a.substring(1) : null;
            if (flag == null) {
                continue;
            }
            if (flag.equals("conf") && i + 1 < argv.size()) {
                path = argv.get(i + 1);
            } else if (flag.startsWith("conf=")) {
                path = flag.substring("conf=".length());
            }
        }
        if (!path.startsWith("/")) {
            String dir = c.getWorkingDir() == null || c.getWorkingDir().isEmpty() ? "/" : c.getWorkingDir();
            path = (dir.endsWith("/") ? dir : dir + "/") + (path.startsWith("./") ? path.substring(2) : path);
        }
        return path;
    }

    /**
     * Which ConfigMap key the kubelet lays out at a path: the deepest mount covering it decides,
     * as in the container's mount table.
     */
    static Conf conf(String path, DnsPodFiles mounts) {
        List<DnsPodFiles.Mount> byDepth = new ArrayList<>(mounts.mounts());
        byDepth.sort(Comparator.comparingInt((DnsPodFiles.Mount m) -> m.mountPath().length()).reversed());
        for (DnsPodFiles.Mount m : byDepth) {
            String dir = m.mountPath().endsWith("/") && m.mountPath().length() > 1
                    ? m.mountPath().substring(0, m.mountPath().length() - 1) : m.mountPath();
            String inVolume;
            if (m.subPath() != null) {
                if (!path.equals(dir)) {
                    continue;
                }
                inVolume = m.subPath();
            } else if (path.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                inVolume = path.substring(dir.endsWith("/") ? dir.length() : dir.length() + 1);
            } else {
                continue;
            }
            if (m.items().isEmpty()) {
                return new Conf(path, m.configMap(), inVolume);
            }
            for (Map.Entry<String, String> item : m.items().entrySet()) {
                if (item.getValue().equals(inVolume)) {
                    return new Conf(path, m.configMap(), item.getKey());
                }
            }
            return new Conf(path, m.configMap(), null);
        }
        return new Conf(path, null, null);
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
