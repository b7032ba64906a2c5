package dev.kdi.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;

/**
 * ConfigMaps: the {@code Corefile} key of {@code kube-system/coredns}; every other ConfigMap is
 * skipped, as is that one when it lacks the key.
 */
final class CorefileConverter {
    Converted<String> convert(ConfigMap configMap) throws InvalidObjectException {
        String namespace = Fields.namespaceOf(configMap);
        String name = Fields.name(configMap);
        if (!ObjectConverter.isCorednsConfigMap(namespace, name)) {
            return Converted.skipped("not " + ObjectConverter.COREDNS_NAMESPACE + "/" + ObjectConverter.COREDNS_CONFIG_MAP);
        }
        Map<String, String> data = configMap.getData();
        String text = data == null ? null : data.get(ObjectConverter.COREFILE_KEY);
        if (text == null) {
            return Converted.skipped("no key " + ObjectConverter.COREFILE_KEY);
        }
        return Converted.kept(text);
    }
}
