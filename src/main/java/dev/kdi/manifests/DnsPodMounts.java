package dev.kdi.manifests;

import dev.kdi.records.objects.DnsPodFiles;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CoreDNS container's ConfigMap mounts, read from a pod spec (a Deployment's or DaemonSet's
 * template offline, a DNS pod live): what the Corefile's imports and hosts files resolve through.
 */
public final class DnsPodMounts {
    private DnsPodMounts() {
    }

    /** Whether a workload in kube-system is the cluster DNS: named coredns, or labelled k8s-app=kube-dns. */
    public static boolean isDns(String namespace, String name, Map<String, String> labels) {
        return ObjectConverter.COREDNS_NAMESPACE.equals(namespace)
                && (ObjectConverter.COREDNS_CONFIG_MAP.equals(name) || labels != null && "kube-dns".equals(labels.get("k8s-app")));
    }

    /**
     * The mounts of the container that runs CoreDNS (the one whose image names coredns, else the
     * first), with no ConfigMaps yet.
     *
     * @param from the object the spec belongs to, for messages ({@code Deployment kube-system/coredns})
     */
    public static DnsPodFiles read(String from, String namespace, PodSpec spec) {
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            return new DnsPodFiles(from, null, List.of(), Map.of(), namespace);
        }
        Container c = container(spec);
        Map<String, ConfigMapVolumeSource> volumes = new LinkedHashMap<>();
        for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            if (v.getName() != null && v.getConfigMap() != null && v.getConfigMap().getName() != null) {
                volumes.put(v.getName(), v.getConfigMap());
            }
        }
        List<DnsPodFiles.Mount> mounts = new ArrayList<>();
        for (VolumeMount m : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            ConfigMapVolumeSource source = volumes.get(m.getName());
            if (source == null || m.getMountPath() == null) {
                continue;
            }
            Map<String, String> items = new LinkedHashMap<>();
            for (KeyToPath k : source.getItems() == null ? List.<KeyToPath>of() : source.getItems()) {
                if (k.getKey() != null && k.getPath() != null) {
                    items.put(k.getKey(), k.getPath());
                }
            }
            String subPath = m.getSubPath() == null || m.getSubPath().isEmpty() ? null : m.getSubPath();
            mounts.add(new DnsPodFiles.Mount(m.getMountPath(), subPath, m.getName(), source.getName(), items,
                    Boolean.TRUE.equals(source.getOptional())));
        }
        return new DnsPodFiles(from, c.getImage(), mounts, Map.of(), namespace);
    }

    /**
     * The container that runs CoreDNS: the one whose image names coredns, else the first (OpenShift's
     * release images do not name it, and put it first).
     */
    public static Container container(PodSpec spec) {
        Container c = spec.getContainers().get(0);
        for (Container each : spec.getContainers()) {
            if (each.getImage() != null && each.getImage().contains("coredns")) {
                return each;
            }
        }
        return c;
    }

    /** The same mounts with the namespace's ConfigMaps (name → key → text) behind them. */
    public static DnsPodFiles withConfigMaps(DnsPodFiles files, Map<String, Map<String, String>> configMaps) {
        return new DnsPodFiles(files.from(), files.image(), files.mounts(), configMaps, files.namespace());
    }
}
