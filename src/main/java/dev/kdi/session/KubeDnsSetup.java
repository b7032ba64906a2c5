package dev.kdi.session;

import dev.kdi.manifests.KubeDnsConfigMap;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.DnsPodFiles;
import java.util.List;
import java.util.Map;

/**
 * What a kube-dns cluster is predicted with: the ConfigMap its pods mount ({@code kube-dns-config}
 * → {@code kube-system/kube-dns}, optional), read as kube-dns reads it, as the model's routing.
 */
final class KubeDnsSetup {
    private static final String DEFAULT_DOMAIN = "cluster.local";
    /** How the cluster domain of a kube-dns cluster was learnt. */
    static final String DOMAIN_SOURCE = "kube-dns's cluster.local (GKE's; kdi does not read kubedns's --domain: give "
            + "--cluster-domain if yours differs)";

    private KubeDnsSetup() {
    }

    /**
     * @param notes gets one line per ConfigMap key kube-dns would refuse, and one when the
     *     ConfigMap could not be read through the DNS pods
     */
    static Corefile corefile(ClusterSnapshot snapshot, List<String> notes) {
        String origin = "ConfigMap " + KubeDnsConfigMap.NAMESPACE + "/" + KubeDnsConfigMap.NAME;
        DnsPodFiles files = snapshot.dnsPodFiles();
        Map<String, String> data = null;
        if (files == null || files.mounts().stream().noneMatch(m -> m.configMap().equals(KubeDnsConfigMap.NAME))) {
            notes.add("The kube-dns pods' " + origin + " could not be read: predicting with no stub domains and the "
                    + "node's resolv.conf upstream.");
        } else {
            data = files.configMaps().get(KubeDnsConfigMap.NAME);
            if (data != null && data.isEmpty()) {
                data = null;
            }
        }
        KubeDnsConfigMap.Parsed parsed = KubeDnsConfigMap.parse(origin, data);
        notes.addAll(parsed.problems());
        return Corefile.ofKubeDns(parsed.config(), DEFAULT_DOMAIN);
    }
}
