package dev.kdi.records.objects;

import java.util.List;
import java.util.Map;

/**
 * What the DNS pods' Corefile can read: their ConfigMap volumes as mounted in the CoreDNS
 * container, and those ConfigMaps' keys; with the container's image, whose tag says the CoreDNS
 * release.
 *
 * @param from the object the mounts were read from ({@code Deployment kube-system/coredns})
 * @param image the CoreDNS container's image, or null
 * @param mounts the container's mounts of ConfigMap volumes
 * @param configMaps the ConfigMaps of the DNS pods' namespace: name → key → text
 * @param namespace the DNS pods' namespace
 */
public record DnsPodFiles(String from, String image, List<Mount> mounts, Map<String, Map<String, String>> configMaps,
                          String namespace) {

    public DnsPodFiles {
        mounts = List.copyOf(mounts);
        configMaps = Map.copyOf(configMaps);
    }

    /**
     * One {@code volumeMounts} entry whose volume is a ConfigMap.
     *
     * @param mountPath where it appears in the container
     * @param subPath {@code subPath}, or null: then the mount is that one file
     * @param volume the volume's name
     * @param configMap the ConfigMap's name
     * @param items {@code items}: key → path inside the volume; empty projects every key under its own name
     * @param optional {@code optional}: a missing ConfigMap is an empty volume
     */
    public record Mount(String mountPath, String subPath, String volume, String configMap, Map<String, String> items,
                        boolean optional) {
        public Mount {
            items = Map.copyOf(items);
        }
    }
}
