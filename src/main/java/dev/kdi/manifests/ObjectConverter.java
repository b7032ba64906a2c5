package dev.kdi.manifests;

import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Converts fabric8 model objects, from manifests or from the API, into the model's trimmed
 * records, filling in what the API server would default and refusing what it would refuse in the
 * fields DNS depends on.
 *
 * <p>One converter per kind does the work over the shared {@link Fields} rules; this class is the
 * one door the readers (manifests, the live loader) use. Equal labels, selectors, owners, ports
 * and DNS settings come out as shared instances from the {@link Interner}, so one converter
 * serves one load. Errors are {@link InvalidObjectException}s whose path is relative to the
 * object's root.
 */
public final class ObjectConverter {
    /** The label that ties an EndpointSlice to its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The label that keeps the mirroring controller away from an Endpoints object. */
    public static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";
    /** Where namespaced objects without {@code metadata.namespace} land, as with kubectl apply. */
    public static final String DEFAULT_NAMESPACE = Fields.DEFAULT_NAMESPACE;
    public static final String COREDNS_NAMESPACE = "kube-system";
    public static final String COREDNS_CONFIG_MAP = "coredns";
    public static final String COREFILE_KEY = "Corefile";

    private final NamespaceConverter namespaces;
    private final ServiceConverter services;
    private final EndpointSliceConverter endpointSlices;
    private final EndpointsConverter endpoints;
    private final PodConverter pods;
    private final WorkloadConverter workloads;
    private final CorefileConverter corefiles = new CorefileConverter();

    public ObjectConverter(Interner interner) {
        EndpointFields endpointFields = new EndpointFields(interner);
        PodSpecFields podSpecFields = new PodSpecFields(interner);
        this.namespaces = new NamespaceConverter(interner);
        this.services = new ServiceConverter(interner);
        this.endpointSlices = new EndpointSliceConverter(interner, endpointFields);
        this.endpoints = new EndpointsConverter(interner, endpointFields);
        this.pods = new PodConverter(interner, podSpecFields);
        this.workloads = new WorkloadConverter(interner, podSpecFields);
    }

    /** The name of a Namespace. */
    public String namespace(Namespace namespace) throws InvalidObjectException {
        return namespaces.convert(namespace);
    }

    /** A Service, with type, cluster IPs and target ports defaulted as the API server would. */
    public Service service(io.fabric8.kubernetes.api.model.Service service) throws InvalidObjectException {
        return services.convert(service);
    }

    /**
     * An EndpointSlice; slices of {@code addressType: FQDN} and slices without the
     * {@value #SERVICE_NAME_LABEL} label serve no Service name and are skipped.
     */
    public Converted<EndpointSlice> endpointSlice(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice)
            throws InvalidObjectException {
        return endpointSlices.convert(slice);
    }

    /** A legacy Endpoints object. */
    public EndpointsObject endpoints(Endpoints endpoints) throws InvalidObjectException {
        return this.endpoints.convert(endpoints);
    }

    /** A pod, with its IPs read as the API server's conversion reads them. */
    public Pod pod(io.fabric8.kubernetes.api.model.Pod pod) throws InvalidObjectException {
        return pods.convert(pod);
    }

    /** A StatefulSet: {@code serviceName} governs its pods' DNS names. */
    public Workload workload(StatefulSet set) throws InvalidObjectException {
        return workloads.convert(set);
    }

    public Workload workload(Deployment deployment) throws InvalidObjectException {
        return workloads.convert(deployment);
    }

    public Workload workload(ReplicaSet set) throws InvalidObjectException {
        return workloads.convert(set);
    }

    public Workload workload(DaemonSet set) throws InvalidObjectException {
        return workloads.convert(set);
    }

    public Workload workload(Job job) throws InvalidObjectException {
        return workloads.convert(job);
    }

    /** A CronJob, described by the pod template of its job template. */
    public Workload workload(CronJob cronJob) throws InvalidObjectException {
        return workloads.convert(cronJob);
    }

    /**
     * The {@code Corefile} key of ConfigMap {@code kube-system/coredns}; every other ConfigMap is
     * skipped, as is that one when it lacks the key.
     */
    public Converted<String> corefile(ConfigMap configMap) throws InvalidObjectException {
        return corefiles.convert(configMap);
    }

    /** Whether the namespace and name are those of the ConfigMap CoreDNS reads its Corefile from. */
    public static boolean isCorednsConfigMap(String namespace, String name) {
        return COREDNS_NAMESPACE.equals(namespace) && COREDNS_CONFIG_MAP.equals(name);
    }
}
