package dev.kdi.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.manifests.Fabric8Kinds;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * fabric8's serialization, told to skip, while reading, the parts of objects DNS never looks at:
 * managed fields and annotations (a {@code last-applied-configuration} alone can be kilobytes),
 * volumes, tolerations and affinity, containers' environment, resources, mounts and probes, and
 * container statuses. Parsing them is most of the work of reading a pod, and binding them into
 * objects that are dropped at once is most of the garbage; at 150,000 pods both show.
 *
 * <p>Only for the live session's own client, whose objects are converted into the model's
 * records and dropped: an object read this way is incomplete and must never be written back.
 * It knows only the kinds kdi reads ({@link Fabric8Kinds#serialization}), sparing the window
 * fabric8's scan of every model class.
 */
public final class DnsFieldsSerialization {
    private DnsFieldsSerialization() {
    }

    public static KubernetesSerialization create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.addMixIn(ObjectMeta.class, SkipInMetadata.class);
        mapper.addMixIn(PodSpec.class, SkipInPodSpec.class);
        mapper.addMixIn(Container.class, SkipInContainer.class);
        mapper.addMixIn(PodStatus.class, SkipInPodStatus.class);
        return Fabric8Kinds.serialization(mapper);
    }

    @JsonIgnoreProperties(value = {"managedFields", "annotations"}, allowGetters = true)
    private abstract static class SkipInMetadata {
    }

    @JsonIgnoreProperties(value = {"volumes", "tolerations", "affinity", "securityContext", "imagePullSecrets",
        "topologySpreadConstraints", "resourceClaims", "overhead", "readinessGates", "schedulingGates"},
            allowGetters = true)
    private abstract static class SkipInPodSpec {
    }

    @JsonIgnoreProperties(value = {"env", "envFrom", "resources", "resizePolicy", "volumeMounts", "volumeDevices",
        "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "securityContext", "command", "args"},
            allowGetters = true)
    private abstract static class SkipInContainer {
    }

    @JsonIgnoreProperties(value = {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses",
        "resourceClaimStatuses", "resize"}, allowGetters = true)
    private abstract static class SkipInPodStatus {
    }
}
