package dev.kdi.manifests;

import static dev.kdi.manifests.Fields.SPEC;
import static dev.kdi.manifests.Fields.nonNull;
import static dev.kdi.manifests.Fields.quote;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.TargetPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Services, with type, cluster IPs and target ports defaulted as the API server would. */
final class ServiceConverter {
    private final Interner interner;

    ServiceConverter(Interner interner) {
        this.interner = interner;
    }

    Service convert(io.fabric8.kubernetes.api.model.Service service) throws InvalidObjectException {
        String namespace = Fields.namespaceOf(service);
        String name = Fields.name(service, NameRule.DNS1035_LABEL, "a valid Service name");
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        ServiceType type = ServiceType.parse(spec.getType()).orElseThrow(() -> InvalidObjectException.invalid(
                SPEC.field("type"), quote(spec.getType()) + " is not one of ClusterIP, NodePort, LoadBalancer, ExternalName"));

        List<String> clusterIPs = List.of();
        String externalName = null;
        if (type == ServiceType.EXTERNAL_NAME) {
            externalName = externalName(spec);
        } else {
            clusterIPs = clusterIPs(spec);
        }

        List<ServicePort> ports = ports(spec);
        boolean headless = !clusterIPs.isEmpty() && Service.NONE.equals(clusterIPs.get(0));
        if (ports.isEmpty() && !headless && type != ServiceType.EXTERNAL_NAME) {
            throw InvalidObjectException.missing(SPEC.field("ports"));
        }

        List<IpFamily> families = new ArrayList<>();
        List<String> writtenFamilies = nonNull(spec.getIpFamilies());
        for (int i = 0; i < writtenFamilies.size(); i++) {
            String f = writtenFamilies.get(i);
            FieldPath path = SPEC.field("ipFamilies").index(i);
            families.add(Fields.ipFamily(f).orElseThrow(() -> InvalidObjectException.invalid(path,
                    quote(f) + " is not one of IPv4, IPv6")));
        }

        Map<String, String> selector = spec.getSelector() == null || spec.getSelector().isEmpty()
                ? null : interner.labels(spec.getSelector());
        return new Service(
                interner.string(namespace),
                name,
                type,
                clusterIPs,
                externalName,
                ports,
                selector,
                Boolean.TRUE.equals(spec.getPublishNotReadyAddresses()),
                interner.list(families),
                Fields.labels(interner, service.getMetadata()),
                tolerateUnready(service),
                externalAddresses(service, spec));
    }

    /**
     * What k8s_external answers for the Service, in CoreDNS's order ({@code object.ToService}):
     * {@code spec.externalIPs}, then each load-balancer ingress's IP, or its hostname without one.
     */
    private static List<String> externalAddresses(io.fabric8.kubernetes.api.model.Service service, ServiceSpec spec)
            throws InvalidObjectException {
        List<String> out = new ArrayList<>();
        List<String> external = nonNull(spec.getExternalIPs());
        for (int i = 0; i < external.size(); i++) {
            String ip = external.get(i);
            if (!IpAddress.isAddress(ip)) {
                throw InvalidObjectException.invalid(SPEC.field("externalIPs").index(i), quote(ip) + " is not an IP address");
            }
            out.add(ip);
        }
        var status = service.getStatus();
        var lb = status == null ? null : status.getLoadBalancer();
        for (var ingress : lb == null ? List.<io.fabric8.kubernetes.api.model.LoadBalancerIngress>of() : nonNull(lb.getIngress())) {
            if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
                out.add(ingress.getIp());
            } else if (ingress.getHostname() != null && !ingress.getHostname().isEmpty()) {
                out.add(ingress.getHostname());
            }
        }
        return List.copyOf(out);
    }

    /** Whether the deprecated tolerate-unready-endpoints annotation says {@code "true"} (lint warns). */
    private static boolean tolerateUnready(io.fabric8.kubernetes.api.model.Service service) {
        var annotations = service.getMetadata() == null ? null : service.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(Service.TOLERATE_UNREADY_ANNOTATION));
    }

    private static String externalName(ServiceSpec spec) throws InvalidObjectException {
        String externalName = spec.getExternalName();
        if (externalName == null || externalName.isEmpty()) {
            throw InvalidObjectException.invalid(SPEC.field("externalName"), "is missing (type ExternalName needs it)");
        }
        String withoutDot = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1) : externalName;
        // The API server judges the name without the dot that marks it fully qualified.
        if (!NameRule.DNS1123_SUBDOMAIN.accepts(withoutDot)) {
            throw InvalidObjectException.invalid(SPEC.field("externalName"), quote(externalName)
                    + " is not a valid DNS name (" + NameRule.DNS1123_SUBDOMAIN.words() + ")");
        }
        return externalName;
    }

    private static List<String> clusterIPs(ServiceSpec spec) throws InvalidObjectException {
        List<String> given = nonNull(spec.getClusterIPs());
        String single = spec.getClusterIP();
        FieldPath listPath = SPEC.field("clusterIPs");
        if (given.isEmpty()) {
            if (single == null || single.isEmpty()) {
                // The API server allocates one; the manifest does not know which.
                return List.of();
            }
            checkClusterIP(single, SPEC.field("clusterIP"));
            return List.of(single);
        }
        if (single != null && !single.isEmpty() && !single.equals(given.get(0))) {
            throw InvalidObjectException.invalid(listPath.index(0),
                    quote(given.get(0)) + " does not match spec.clusterIP " + quote(single));
        }
        if (given.size() > 2) {
            throw InvalidObjectException.invalid(listPath, "has " + given.size() + " addresses; at most 2 (one per IP family)");
        }
        for (int i = 0; i < given.size(); i++) {
            String ip = given.get(i);
            if (Service.NONE.equals(ip) && given.size() > 1) {
                throw InvalidObjectException.invalid(listPath.index(i), "\"None\" must be the only entry of a headless Service");
            }
            checkClusterIP(ip, listPath.index(i));
        }
        if (given.size() == 2 && IpAddress.parse(given.get(0)).get().isIPv4() == IpAddress.parse(given.get(1)).get().isIPv4()) {
            throw InvalidObjectException.invalid(listPath.index(1), quote(given.get(1))
                    + " is of the same IP family as spec.clusterIPs[0] (dual-stack needs one of each)");
        }
        return List.copyOf(given);
    }

    private static void checkClusterIP(String ip, FieldPath path) throws InvalidObjectException {
        if (!Service.NONE.equals(ip) && !IpAddress.isAddress(ip)) {
            throw InvalidObjectException.invalid(path, quote(ip) + " is not an IP address or \"None\"");
        }
    }

    private List<ServicePort> ports(ServiceSpec spec) throws InvalidObjectException {
        List<io.fabric8.kubernetes.api.model.ServicePort> written = nonNull(spec.getPorts());
        List<ServicePort> ports = new ArrayList<>(written.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            io.fabric8.kubernetes.api.model.ServicePort p = written.get(i);
            FieldPath path = SPEC.field("ports").index(i);
            String name = p.getName() == null ? "" : p.getName();
            if (name.isEmpty() && written.size() > 1) {
                throw InvalidObjectException.invalid(path.field("name"), "is missing (a Service with several ports must name each)");
            }
            Fields.checkPortName(name, path.field("name"));
            if (!name.isEmpty() && !names.add(name)) {
                throw InvalidObjectException.invalid(path.field("name"), quote(name) + " is already the name of another port");
            }
            Protocol protocol = Fields.protocol(p.getProtocol(), path.field("protocol"));
            if (p.getPort() == null) {
                throw InvalidObjectException.missing(path.field("port"));
            }
            int port = Fields.portNumber(p.getPort(), path.field("port"));
            ports.add(interner.value(new ServicePort(interner.string(name), protocol, port,
                    targetPort(p.getTargetPort(), port, path.field("targetPort")))));
        }
        return interner.list(ports);
    }

    private TargetPort targetPort(IntOrString written, int port, FieldPath path) throws InvalidObjectException {
        // The API server defaults an absent, zero or empty targetPort to the port itself.
        if (written == null || (written.getIntVal() == null && (written.getStrVal() == null || written.getStrVal().isEmpty()))
                || Integer.valueOf(0).equals(written.getIntVal())) {
            return TargetPort.number(port);
        }
        if (written.getIntVal() != null) {
            return TargetPort.number(Fields.portNumber(written.getIntVal(), path));
        }
        String name = written.getStrVal();
        Fields.check(NameRule.IANA_SVC_NAME, name, path, "a port number or a valid port name");
        return TargetPort.named(interner.string(name));
    }
}
