package dev.kdi.ui.inventory;

import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import java.util.List;

/**
 * One row of the cluster tree: a namespace, a Service, one endpoint of a Service, the pods of a
 * namespace, or one pod. Immutable; a new inspection makes new entries with the same keys.
 */
public sealed interface Entry {

    /** Stable across inspections: the same object keeps its key, so rows survive live updates. */
    String key();

    /** The key of the row above, or empty for a namespace. */
    String parentKey();

    String namespace();

    /** The name shown on the row. */
    String name();

    /** The DNS name shown beside it (relative, no trailing dot), or empty when it has none. */
    String fqdn();

    /** The worst finding on it or below it. */
    Badge badge();

    /** What kind of row, for headers: {@code Namespace}, {@code Service}, ... */
    String kind();

    /** A namespace. */
    record NamespaceEntry(String name, int services, int pods, boolean exposed, Badge badge) implements Entry {
        public String key() {
            return "ns/" + name;
        }

        public String parentKey() {
            return "";
        }

        public String namespace() {
            return name;
        }

        public String fqdn() {
            return "";
        }

        public String kind() {
            return "Namespace";
        }

        public ObjectRef ref() {
            return ObjectRef.namespace(name);
        }
    }

    /** A Service, with its endpoints (none for ExternalName). */
    record ServiceEntry(Service service, ServiceKind serviceKind, String fqdn, List<EndpointEntry> endpoints,
                        int readyEndpoints, Badge badge) implements Entry {
        public ServiceEntry {
            endpoints = List.copyOf(endpoints);
        }

        public String key() {
            return "svc/" + service.namespace() + "/" + service.name();
        }

        public String parentKey() {
            return "ns/" + service.namespace();
        }

        public String namespace() {
            return service.namespace();
        }

        public String name() {
            return service.name();
        }

        public String kind() {
            return "Service";
        }
    }

    /**
     * One address of a Service's endpoints.
     *
     * @param hostname the label the endpoint has under the Service (hostname, pod name or dashed address)
     * @param targetPod the pod behind it, or null
     * @param fqdn its name under the Service, empty when it has none
     */
    record EndpointEntry(String namespace, String service, String address, String hostname, String targetPod,
                         String nodeName, boolean ready, String fqdn, Badge badge) implements Entry {
        public String key() {
            return "ep/" + namespace + "/" + service + "/" + address;
        }

        public String parentKey() {
            return "svc/" + namespace + "/" + service;
        }

        /** The pod's name when known, else the label. */
        public String name() {
            return targetPod != null ? targetPod : hostname.isEmpty() ? address : hostname;
        }

        public String kind() {
            return "Endpoint";
        }
    }

    /** The pods of a namespace, grouped under one row so Services stay on top. */
    record PodGroupEntry(String namespace, int count, int ready, Badge badge) implements Entry {
        public String key() {
            return "pods/" + namespace;
        }

        public String parentKey() {
            return "ns/" + namespace;
        }

        public String name() {
            return "pods";
        }

        public String fqdn() {
            return "";
        }

        public String kind() {
            return "Pods";
        }
    }

    /**
     * A pod.
     *
     * @param hostnameFqdn {@code hostname.subdomain.<ns>.svc.<zone>} when it sets both, else empty
     * @param podRecordFqdn {@code a-b-c-d.<ns>.pod.<zone>} when it has an address, else empty
     * @param podRecordsServed whether the Corefile serves pod records at all
     * @param hostnameResolves false when the lint says the hostname name cannot resolve (its
     *     subdomain names no Service, or one that does not select the pod)
     */
    record PodEntry(Pod pod, String hostnameFqdn, String podRecordFqdn, boolean podRecordsServed,
                    boolean hostnameResolves, Badge badge) implements Entry {
        public String key() {
            return "pod/" + pod.namespace() + "/" + pod.name();
        }

        public String parentKey() {
            return "pods/" + pod.namespace();
        }

        public String namespace() {
            return pod.namespace();
        }

        public String name() {
            return pod.name();
        }

        /** Its own name when it has one, else its pod record when those are served. */
        public String fqdn() {
            if (!hostnameFqdn.isEmpty()) {
                return hostnameFqdn;
            }
            return podRecordsServed ? podRecordFqdn : "";
        }

        public String kind() {
            return "Pod";
        }
    }
}
