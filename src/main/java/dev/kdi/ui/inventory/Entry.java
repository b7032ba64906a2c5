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

    /**
     * A Service, with its endpoints (none for ExternalName).
     *
     * @param zone the cluster domain in force, without the trailing dot
     */
    record ServiceEntry(Service service, ServiceKind serviceKind, String zone, List<EndpointEntry> endpoints,
                        int readyEndpoints, Badge badge) implements Entry {
        public ServiceEntry {
            // Rows are immutable already, a range of an array shared with other Services' endpoints.
            endpoints = endpoints instanceof Rows ? endpoints : List.copyOf(endpoints);
        }

        /**
         * {@code name.namespace.svc.<zone>}, made when asked: kept, it was a String and its bytes
         * for each of a large cluster's 20,000 Services.
         */
        public String fqdn() {
            return service.name() + "." + service.namespace() + ".svc." + zone;
        }

        /** Whether {@link #fqdn()} contains {@code q}; a query without a dot is searched for label by label. */
        public boolean fqdnContains(String q) {
            if (q.indexOf('.') >= 0) {
                return fqdn().contains(q);
            }
            return service.name().contains(q) || service.namespace().contains(q) || "svc".contains(q)
                    || zone.contains(q);
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
     * <p>Its DNS name is made when asked from parts it holds anyway: a large cluster has as many
     * endpoints as pods, and a string each would be loading's garbage for names rarely looked at.
     *
     * @param hostname the label the endpoint has under the Service (hostname, pod name or dashed address)
     * @param targetPod the pod behind it, or null
     * @param zone the cluster domain in force, without the trailing dot
     */
    record EndpointEntry(String namespace, String service, String address, String hostname, String targetPod,
                         String nodeName, boolean ready, String zone, Badge badge) implements Entry {
        /**
         * The usual label, the dashed address, is not kept but made again when asked: 150,000 of
         * them were a third of what the view of a large cluster keeps (and young collections copy).
         */
        public EndpointEntry {
            if (hostname != null && isDashed(hostname, address)) {
                hostname = null;
            }
        }

        /** The label it has under the Service: its hostname, its pod's name, or its address dashed. */
        @Override
        public String hostname() {
            return hostname != null ? hostname : PodEntry.dashed(address);
        }

        /** Whether {@link #hostname()} contains {@code q}, without making the dashed address when it can. */
        public boolean hostnameContains(String q) {
            if (hostname != null) {
                return hostname.contains(q);
            }
            boolean v4 = address.indexOf('.') >= 0;
            boolean zeroAdded = !v4 && (address.endsWith(":") || address.endsWith("-"));
            if (q.indexOf('-') >= 0 || zeroAdded) {
                return hostname().contains(q);
            }
            // Dashing changes only the separators: a query with neither lies in a run the address has too.
            return q.indexOf(v4 ? '.' : ':') < 0 && address.contains(q);
        }

        /** Its name under the Service, empty when it has none. */
        public String fqdn() {
            String label = hostname();
            return label.isEmpty() ? "" : label + "." + service + "." + namespace + ".svc." + zone;
        }

        /** Whether its DNS name contains {@code q}; a query without a dot is searched for label by label. */
        public boolean fqdnContains(String q) {
            if (hostname != null ? hostname.isEmpty() : address.isEmpty()) {
                return false;
            }
            if (q.indexOf('.') >= 0) {
                return fqdn().contains(q);
            }
            return hostnameContains(q) || service.contains(q) || namespace.contains(q) || "svc".contains(q)
                    || zone.contains(q);
        }

        /** Whether {@code label} is what {@link PodEntry#dashed} makes of {@code ip}, compared without making it. */
        static boolean isDashed(String label, String ip) {
            boolean v4 = ip.indexOf('.') >= 0;
            char separator = v4 ? '.' : ':';
            boolean zeroAdded = !v4 && (ip.endsWith(":") || ip.endsWith("-"));
            int n = ip.length();
            if (label.length() != n + (zeroAdded ? 1 : 0)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                char c = ip.charAt(i);
                if (label.charAt(i) != (c == separator ? '-' : c)) {
                    return false;
                }
            }
            return !zeroAdded || label.charAt(n) == '0';
        }

        public String key() {
            return "ep/" + namespace + "/" + service + "/" + address;
        }

        public String parentKey() {
            return "svc/" + namespace + "/" + service;
        }

        /** The pod's name when known, else the label. */
        public String name() {
            if (targetPod != null) {
                return targetPod;
            }
            String label = hostname();
            return label.isEmpty() ? address : label;
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
     * A pod. Its DNS names are made when asked from the pod and the zone, not kept: two strings per
     * pod were most of what building the view of a large cluster allocated.
     *
     * @param zone the cluster domain in force, without the trailing dot
     * @param podRecordsServed whether the Corefile serves pod records at all
     * @param hostnameResolves false when the lint says the hostname name cannot resolve (its
     *     subdomain names no Service, or one that does not select the pod)
     */
    record PodEntry(Pod pod, String zone, boolean podRecordsServed, boolean hostnameResolves, Badge badge)
            implements Entry {
        /** {@code hostname.subdomain.<ns>.svc.<zone>} when it sets both, else empty. */
        public String hostnameFqdn() {
            return hasHostname() ? pod.hostname() + "." + pod.subdomain() + "." + pod.namespace() + ".svc." + zone : "";
        }

        /** {@code a-b-c-d.<ns>.pod.<zone>} when it has an address, else empty. */
        public String podRecordFqdn() {
            String ip = pod.primaryIp();
            return ip == null ? "" : dashed(ip) + "." + pod.namespace() + ".pod." + zone;
        }

        /** Whether it sets both a hostname and a subdomain, so has a name of its own. */
        public boolean hasHostname() {
            return pod.hostname() != null && !pod.hostname().isEmpty() && pod.subdomain() != null
                    && !pod.subdomain().isEmpty();
        }

        /**
         * Whether one of its DNS names contains {@code q}, a lower-case query. A query without a dot
         * lies within one label, so the labels are searched and no name is made.
         */
        public boolean fqdnContains(String q) {
            if (q.indexOf('.') >= 0) {
                return podRecordFqdn().contains(q) || hostnameFqdn().contains(q);
            }
            if (hasHostname() && (pod.hostname().contains(q) || pod.subdomain().contains(q)
                    || "svc".contains(q))) {
                return true;
            }
            String ip = pod.primaryIp();
            if ((hasHostname() || ip != null) && (pod.namespace().contains(q) || zone.contains(q))) {
                return true;
            }
            if (ip == null) {
                return false;
            }
            // Without a dash or colon the query lies within a run of the address that dashing leaves alone.
            return "pod".contains(q) || (q.indexOf('-') >= 0 ? dashed(ip).contains(q)
                    : q.indexOf(':') < 0 && ip.contains(q));
        }

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
            if (hasHostname()) {
                return hostnameFqdn();
            }
            return podRecordsServed ? podRecordFqdn() : "";
        }

        public String kind() {
            return "Pod";
        }

        /** An address as a DNS label: dots or colons become dashes, a trailing dash gets a zero. */
        static String dashed(String ip) {
            if (ip.contains(".")) {
                return ip.replace('.', '-');
            }
            String d = ip.replace(':', '-');
            return d.endsWith("-") ? d + "0" : d;
        }
    }
}
