package dev.kdi.records.objects;

import java.util.List;
import java.util.Map;

/**
 * A Service, trimmed to what DNS needs.
 *
 * @param namespace the namespace
 * @param name the name
 * @param type {@code spec.type}
 * @param clusterIPs {@code spec.clusterIPs} (or {@code [spec.clusterIP]}): {@code ["None"]} for a
 *     headless Service, empty when the manifest leaves the address to the API server, and empty
 *     for ExternalName
 * @param externalName {@code spec.externalName}, or null
 * @param ports {@code spec.ports}
 * @param selector {@code spec.selector}; null when the Service has none (endpoints come from
 *     hand-made EndpointSlices or Endpoints then)
 * @param publishNotReadyAddresses {@code spec.publishNotReadyAddresses}
 * @param ipFamilies {@code spec.ipFamilies}, possibly empty
 * @param labels the Service's labels (used only for lint and display)
 * @param tolerateUnreadyAnnotation whether the deprecated annotation
 *     {@code service.alpha.kubernetes.io/tolerate-unready-endpoints} is {@code "true"}: the
 *     EndpointSlice controller ignores it (lint only)
 * @param externalAddresses what CoreDNS's {@code k8s_external} answers for the Service:
 *     {@code spec.externalIPs}, then each {@code status.loadBalancer.ingress}'s IP or, without
 *     one, its hostname
 */
public record Service(
        String namespace,
        String name,
        ServiceType type,
        List<String> clusterIPs,
        String externalName,
        List<ServicePort> ports,
        Map<String, String> selector,
        boolean publishNotReadyAddresses,
        List<IpFamily> ipFamilies,
        Map<String, String> labels,
        boolean tolerateUnreadyAnnotation,
        List<String> externalAddresses) {

    public static final String NONE = "None";

    /** The deprecated annotation that once published not-ready endpoints; slices ignore it. */
    public static final String TOLERATE_UNREADY_ANNOTATION = "service.alpha.kubernetes.io/tolerate-unready-endpoints";

    /** A Service without the deprecated annotation. */
    public Service(String namespace, String name, ServiceType type, List<String> clusterIPs, String externalName,
                   List<ServicePort> ports, Map<String, String> selector, boolean publishNotReadyAddresses,
                   List<IpFamily> ipFamilies, Map<String, String> labels) {
        this(namespace, name, type, clusterIPs, externalName, ports, selector, publishNotReadyAddresses, ipFamilies,
                labels, false, List.of());
    }

    /** A Service without external addresses. */
    public Service(String namespace, String name, ServiceType type, List<String> clusterIPs, String externalName,
                   List<ServicePort> ports, Map<String, String> selector, boolean publishNotReadyAddresses,
                   List<IpFamily> ipFamilies, Map<String, String> labels, boolean tolerateUnreadyAnnotation) {
        this(namespace, name, type, clusterIPs, externalName, ports, selector, publishNotReadyAddresses, ipFamilies,
                labels, tolerateUnreadyAnnotation, List.of());
    }

    /** This Service with other cluster IPs (assigned by the API server, or kept across a change). */
    public Service withClusterIPs(List<String> ips, List<IpFamily> families) {
        return new Service(namespace, name, type, ips, externalName, ports, selector, publishNotReadyAddresses, families,
                labels, tolerateUnreadyAnnotation, externalAddresses);
    }

    /** CoreDNS's stand-in for a Service without ports: port -1, no name, no protocol. */
    public static final ServicePort SENTINEL_PORT = new ServicePort("", Protocol.TCP, -1, TargetPort.number(-1));

    public Service {
        clusterIPs = List.copyOf(clusterIPs);
        ports = List.copyOf(ports);
        selector = selector == null ? null : Map.copyOf(selector);
        ipFamilies = List.copyOf(ipFamilies);
        labels = Map.copyOf(labels);
        externalAddresses = List.copyOf(externalAddresses);
    }

    /** Headless as CoreDNS decides it: the first cluster IP is {@code None}. */
    public boolean isHeadless() {
        return !clusterIPs.isEmpty() && NONE.equals(clusterIPs.get(0));
    }

    public boolean isExternalName() {
        return type == ServiceType.EXTERNAL_NAME;
    }

    public boolean hasSelector() {
        return selector != null && !selector.isEmpty();
    }

    /** The ports, or CoreDNS's single stand-in when there are none (a headless Service may have none). */
    public List<ServicePort> portsOrSentinel() {
        return ports.isEmpty() ? List.of(SENTINEL_PORT) : ports;
    }

    public ObjectRef ref() {
        return ObjectRef.service(namespace, name);
    }
}
