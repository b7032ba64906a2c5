package dev.kdi.manifests;

import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.TargetPort;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts fabric8 model objects, from manifests or from the API, into the model's trimmed
 * records, filling in what the API server would default and refusing what it would refuse in the
 * fields DNS depends on.
 *
 * <p>Equal labels, selectors, owners, ports and DNS settings come out as shared instances from the
 * {@link Interner}, so one converter serves one load. Errors are {@link InvalidObjectException}s
 * whose path is relative to the object's root.
 */
public final class ObjectConverter {
    /** The label that ties an EndpointSlice to its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** The label that keeps the mirroring controller away from an Endpoints object. */
    public static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";
    /** Where namespaced objects without {@code metadata.namespace} land, as with kubectl apply. */
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String COREDNS_NAMESPACE = "kube-system";
    public static final String COREDNS_CONFIG_MAP = "coredns";
    public static final String COREFILE_KEY = "Corefile";

    private static final FieldPath NAME = FieldPath.of("metadata", "name");
    private static final FieldPath NAMESPACE = FieldPath.of("metadata", "namespace");
    private static final FieldPath SPEC = FieldPath.of("spec");

    private final Interner interner;

    public ObjectConverter(Interner interner) {
        this.interner = interner;
    }

    /** The name of a Namespace. */
    public String namespace(Namespace namespace) throws InvalidObjectException {
        String name = name(namespace);
        if (!DnsNames.isDns1123Label(name)) {
            throw InvalidObjectException.invalid(NAME, quote(name) + " is not a valid namespace name " + DNS_LABEL);
        }
        return interner.string(name);
    }

    /** A Service, with type, cluster IPs and target ports defaulted as the API server would. */
    public Service service(io.fabric8.kubernetes.api.model.Service service) throws InvalidObjectException {
        String namespace = namespaceOf(service);
        String name = name(service);
        if (!isDns1035Label(name)) {
            throw InvalidObjectException.invalid(NAME, quote(name)
                    + " is not a valid Service name (at most 63 lower-case letters, digits and '-', starting with a letter)");
        }
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        ServiceType type = ServiceType.parse(spec.getType()).orElseThrow(() -> InvalidObjectException.invalid(
                SPEC.field("type"), quote(spec.getType()) + " is not one of ClusterIP, NodePort, LoadBalancer, ExternalName"));

        List<String> clusterIPs = List.of();
        String externalName = null;
        if (type == ServiceType.EXTERNAL_NAME) {
            externalName = spec.getExternalName();
            if (externalName == null || externalName.isEmpty()) {
                throw InvalidObjectException.invalid(SPEC.field("externalName"), "is missing (type ExternalName needs it)");
            }
            String withoutDot = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1) : externalName;
            if (!DnsNames.isDns1123Subdomain(withoutDot)) {
                throw InvalidObjectException.invalid(SPEC.field("externalName"), quote(externalName)
                        + " is not a valid DNS name (lower-case letters, digits, '-' and '.')");
            }
        } else {
            clusterIPs = clusterIPs(spec);
        }

        List<ServicePort> ports = servicePorts(spec);
        boolean headless = !clusterIPs.isEmpty() && Service.NONE.equals(clusterIPs.get(0));
        if (ports.isEmpty() && !headless && type != ServiceType.EXTERNAL_NAME) {
            throw InvalidObjectException.missing(SPEC.field("ports"));
        }

        List<IpFamily> families = new ArrayList<>();
        List<String> writtenFamilies = nonNull(spec.getIpFamilies());
        for (int i = 0; i < writtenFamilies.size(); i++) {
            String f = writtenFamilies.get(i);
            FieldPath path = SPEC.field("ipFamilies").index(i);
            families.add(ipFamily(f).orElseThrow(() -> InvalidObjectException.invalid(path, quote(f) + " is not one of IPv4, IPv6")));
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
                labels(service.getMetadata()));
    }

    private List<String> clusterIPs(ServiceSpec spec) throws InvalidObjectException {
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

    private List<ServicePort> servicePorts(ServiceSpec spec) throws InvalidObjectException {
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
            if (!name.isEmpty() && !DnsNames.isDns1123Label(name)) {
                throw InvalidObjectException.invalid(path.field("name"), quote(name) + " is not a valid port name " + DNS_LABEL);
            }
            if (!name.isEmpty() && !names.add(name)) {
                throw InvalidObjectException.invalid(path.field("name"), quote(name) + " is already the name of another port");
            }
            Protocol protocol = protocol(p.getProtocol(), path.field("protocol"));
            if (p.getPort() == null) {
                throw InvalidObjectException.missing(path.field("port"));
            }
            int port = portNumber(p.getPort(), path.field("port"));
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
            return TargetPort.number(portNumber(written.getIntVal(), path));
        }
        String name = written.getStrVal();
        if (!isIanaServiceName(name)) {
            throw InvalidObjectException.invalid(path, quote(name) + " is not a port number or a valid port name"
                    + " (at most 15 lower-case letters, digits and '-', with at least one letter)");
        }
        return TargetPort.named(interner.string(name));
    }

    /**
     * An EndpointSlice; slices of {@code addressType: FQDN} and slices without the
     * {@value #SERVICE_NAME_LABEL} label serve no Service name and are skipped.
     */
    public Converted<EndpointSlice> endpointSlice(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice)
            throws InvalidObjectException {
        String namespace = namespaceOf(slice);
        String name = name(slice);
        checkSubdomainName(name);
        String type = slice.getAddressType();
        if (type == null || type.isEmpty()) {
            throw InvalidObjectException.missing(FieldPath.of("addressType"));
        }
        if (type.equals("FQDN")) {
            return Converted.skipped("addressType FQDN");
        }
        IpFamily family = ipFamily(type).orElseThrow(() -> InvalidObjectException.invalid(
                FieldPath.of("addressType"), quote(type) + " is not one of IPv4, IPv6, FQDN"));
        Map<String, String> labels = labels(slice.getMetadata());
        String serviceName = labels.get(SERVICE_NAME_LABEL);
        if (serviceName == null || serviceName.isEmpty()) {
            return Converted.skipped("no label " + SERVICE_NAME_LABEL);
        }

        List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> writtenPorts = nonNull(slice.getPorts());
        List<EndpointPort> ports = new ArrayList<>(writtenPorts.size());
        for (int i = 0; i < writtenPorts.size(); i++) {
            io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort p = writtenPorts.get(i);
            FieldPath path = FieldPath.of("ports").index(i);
            ports.add(endpointPort(p.getName(), p.getProtocol(), p.getPort(), false, path));
        }

        List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> writtenEndpoints = nonNull(slice.getEndpoints());
        List<Endpoint> endpoints = new ArrayList<>(writtenEndpoints.size());
        for (int i = 0; i < writtenEndpoints.size(); i++) {
            io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e = writtenEndpoints.get(i);
            FieldPath path = FieldPath.of("endpoints").index(i);
            List<String> addresses = nonNull(e.getAddresses());
            for (int j = 0; j < addresses.size(); j++) {
                String a = addresses.get(j);
                Optional<IpAddress> ip = IpAddress.parse(a);
                // Go's To4() decides the family, so an IPv4-mapped IPv6 address counts as IPv4.
                if (ip.isEmpty() || ip.get().isIPv4() != (family == IpFamily.IPV4)) {
                    throw InvalidObjectException.invalid(path.field("addresses").index(j),
                            quote(a) + " is not an " + (family == IpFamily.IPV4 ? "IPv4" : "IPv6") + " address");
                }
            }
            String hostname = optionalLabel(e.getHostname(), path.field("hostname"), "hostname");
            Boolean ready = e.getConditions() == null ? null : e.getConditions().getReady();
            endpoints.add(new Endpoint(addresses, ready, hostname, targetPod(e.getTargetRef()),
                    interner.string(e.getNodeName())));
        }
        return Converted.kept(new EndpointSlice(interner.string(namespace), name, interner.string(serviceName), family,
                interner.list(ports), endpoints, EndpointSlice.Origin.GIVEN));
    }

    /** A legacy Endpoints object. */
    public EndpointsObject endpoints(Endpoints endpoints) throws InvalidObjectException {
        String namespace = namespaceOf(endpoints);
        String name = name(endpoints);
        checkSubdomainName(name);
        List<EndpointSubset> written = nonNull(endpoints.getSubsets());
        List<EndpointsObject.Subset> subsets = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            EndpointSubset s = written.get(i);
            FieldPath path = FieldPath.of("subsets").index(i);
            List<EndpointsObject.Address> ready = addresses(s.getAddresses(), path.field("addresses"));
            List<EndpointsObject.Address> notReady = addresses(s.getNotReadyAddresses(), path.field("notReadyAddresses"));
            List<io.fabric8.kubernetes.api.model.EndpointPort> writtenPorts = nonNull(s.getPorts());
            List<EndpointPort> ports = new ArrayList<>(writtenPorts.size());
            for (int j = 0; j < writtenPorts.size(); j++) {
                io.fabric8.kubernetes.api.model.EndpointPort p = writtenPorts.get(j);
                ports.add(endpointPort(p.getName(), p.getProtocol(), p.getPort(), true, path.field("ports").index(j)));
            }
            subsets.add(new EndpointsObject.Subset(ready, notReady, interner.list(ports)));
        }
        boolean skipMirror = "true".equals(labels(endpoints.getMetadata()).get(SKIP_MIRROR_LABEL));
        return new EndpointsObject(interner.string(namespace), name, subsets, skipMirror);
    }

    private List<EndpointsObject.Address> addresses(List<EndpointAddress> written, FieldPath path)
            throws InvalidObjectException {
        List<EndpointAddress> list = nonNull(written);
        List<EndpointsObject.Address> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            EndpointAddress a = list.get(i);
            FieldPath at = path.index(i);
            if (a.getIp() == null || a.getIp().isEmpty()) {
                throw InvalidObjectException.missing(at.field("ip"));
            }
            if (!IpAddress.isAddress(a.getIp())) {
                throw InvalidObjectException.invalid(at.field("ip"), quote(a.getIp()) + " is not an IP address");
            }
            String hostname = optionalLabel(a.getHostname(), at.field("hostname"), "hostname");
            out.add(new EndpointsObject.Address(a.getIp(), hostname, targetPod(a.getTargetRef()),
                    interner.string(a.getNodeName())));
        }
        return out;
    }

    private EndpointPort endpointPort(String name, String protocol, Integer port, boolean portRequired, FieldPath path)
            throws InvalidObjectException {
        String n = name == null ? "" : name;
        if (!n.isEmpty() && !DnsNames.isDns1123Label(n)) {
            throw InvalidObjectException.invalid(path.field("name"), quote(n) + " is not a valid port name " + DNS_LABEL);
        }
        Protocol p = protocol(protocol, path.field("protocol"));
        int number = -1;
        if (port != null) {
            number = portNumber(port, path.field("port"));
        } else if (portRequired) {
            throw InvalidObjectException.missing(path.field("port"));
        }
        return interner.value(new EndpointPort(interner.string(n), p, number));
    }

    private String targetPod(ObjectReference ref) {
        return ref != null && Kinds.POD.equals(ref.getKind()) ? ref.getName() : null;
    }

    /** A pod, with its IPs read as the API server's conversion reads them. */
    public Pod pod(io.fabric8.kubernetes.api.model.Pod pod) throws InvalidObjectException {
        String namespace = namespaceOf(pod);
        String name = name(pod);
        checkSubdomainName(name);
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        ObjectMeta meta = pod.getMetadata();

        FieldPath statusPath = FieldPath.of("status");
        List<String> ips = new ArrayList<>(2);
        List<PodIP> podIPs = nonNull(status.getPodIPs());
        if (!podIPs.isEmpty()) {
            for (int i = 0; i < podIPs.size(); i++) {
                String ip = podIPs.get(i) == null ? null : podIPs.get(i).getIp();
                ips.add(checkIp(ip, statusPath.field("podIPs").index(i).field("ip")));
            }
        } else if (status.getPodIP() != null && !status.getPodIP().isEmpty()) {
            ips.add(checkIp(status.getPodIP(), statusPath.field("podIP")));
        }

        Pod.Phase phase = Pod.Phase.parse(status.getPhase());
        if (status.getPhase() != null && phase == Pod.Phase.UNKNOWN && !"Unknown".equals(status.getPhase())) {
            throw InvalidObjectException.invalid(statusPath.field("phase"), quote(status.getPhase())
                    + " is not one of Pending, Running, Succeeded, Failed, Unknown");
        }
        boolean ready = false;
        for (PodCondition c : nonNull(status.getConditions())) {
            if (c != null && "Ready".equals(c.getType())) {
                ready = "True".equals(c.getStatus());
            }
        }
        boolean terminating = meta.getDeletionTimestamp() != null && !meta.getDeletionTimestamp().isEmpty();

        return new Pod(
                interner.string(namespace),
                name,
                labels(meta),
                ips.isEmpty() ? List.of() : List.copyOf(ips),
                optionalLabel(spec.getHostname(), SPEC.field("hostname"), "hostname"),
                interner.string(optionalLabel(spec.getSubdomain(), SPEC.field("subdomain"), "subdomain")),
                phase,
                ready,
                terminating,
                interner.string(spec.getNodeName()),
                owner(meta),
                podDns(spec, SPEC),
                containerPorts(spec, SPEC));
    }

    private static String checkIp(String ip, FieldPath path) throws InvalidObjectException {
        if (ip == null || ip.isEmpty()) {
            throw InvalidObjectException.missing(path);
        }
        if (!IpAddress.isAddress(ip)) {
            throw InvalidObjectException.invalid(path, quote(ip) + " is not an IP address");
        }
        return ip;
    }

    private Owner owner(ObjectMeta meta) throws InvalidObjectException {
        List<OwnerReference> refs = nonNull(meta.getOwnerReferences());
        for (int i = 0; i < refs.size(); i++) {
            OwnerReference r = refs.get(i);
            if (r != null && Boolean.TRUE.equals(r.getController())) {
                FieldPath path = FieldPath.of("metadata", "ownerReferences").index(i);
                if (r.getKind() == null || r.getKind().isEmpty()) {
                    throw InvalidObjectException.missing(path.field("kind"));
                }
                if (r.getName() == null || r.getName().isEmpty()) {
                    throw InvalidObjectException.missing(path.field("name"));
                }
                return interner.value(new Owner(interner.string(r.getKind()), interner.string(r.getName())));
            }
        }
        return null;
    }

    private PodDns podDns(PodSpec spec, FieldPath specPath) throws InvalidObjectException {
        DnsPolicy policy = DnsPolicy.parse(spec.getDnsPolicy()).orElseThrow(() -> InvalidObjectException.invalid(
                specPath.field("dnsPolicy"), quote(spec.getDnsPolicy())
                        + " is not one of ClusterFirst, ClusterFirstWithHostNet, Default, None"));
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        boolean hostnameAsFqdn = Boolean.TRUE.equals(spec.getSetHostnameAsFQDN());
        PodDnsConfig config = dnsConfig(spec.getDnsConfig(), specPath.field("dnsConfig"));
        if (policy == DnsPolicy.NONE && (config == null || config.nameservers().isEmpty())) {
            throw InvalidObjectException.invalid(specPath.field("dnsConfig").field("nameservers"),
                    "is missing (dnsPolicy None needs at least one nameserver)");
        }
        if (policy == DnsPolicy.CLUSTER_FIRST && !hostNetwork && !hostnameAsFqdn && config == null) {
            return PodDns.DEFAULTS;
        }
        return interner.value(new PodDns(policy, hostNetwork, hostnameAsFqdn, config));
    }

    private PodDnsConfig dnsConfig(PodDNSConfig written, FieldPath path) throws InvalidObjectException {
        if (written == null) {
            return null;
        }
        List<String> nameservers = new ArrayList<>();
        List<String> writtenServers = nonNull(written.getNameservers());
        for (int i = 0; i < writtenServers.size(); i++) {
            nameservers.add(interner.string(checkIp(writtenServers.get(i), path.field("nameservers").index(i))));
        }
        List<String> searches = new ArrayList<>();
        for (String s : nonNull(written.getSearches())) {
            searches.add(interner.string(s));
        }
        List<PodDnsConfig.Option> options = new ArrayList<>();
        List<PodDNSConfigOption> writtenOptions = nonNull(written.getOptions());
        for (int i = 0; i < writtenOptions.size(); i++) {
            PodDNSConfigOption o = writtenOptions.get(i);
            if (o == null || o.getName() == null || o.getName().isEmpty()) {
                throw InvalidObjectException.missing(path.field("options").index(i).field("name"));
            }
            options.add(interner.value(new PodDnsConfig.Option(interner.string(o.getName()), interner.string(o.getValue()))));
        }
        return interner.value(new PodDnsConfig(interner.list(nameservers), interner.list(searches), interner.list(options)));
    }

    /** The named ports of the containers and of the sidecars (init containers that keep running). */
    private List<ContainerPort> containerPorts(PodSpec spec, FieldPath specPath) throws InvalidObjectException {
        List<ContainerPort> out = new ArrayList<>();
        addNamedPorts(nonNull(spec.getContainers()), false, specPath.field("containers"), out);
        addNamedPorts(nonNull(spec.getInitContainers()), true, specPath.field("initContainers"), out);
        return interner.list(out);
    }

    private void addNamedPorts(List<Container> containers, boolean sidecarsOnly, FieldPath path, List<ContainerPort> out)
            throws InvalidObjectException {
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c == null || (sidecarsOnly && !"Always".equals(c.getRestartPolicy()))) {
                continue;
            }
            List<io.fabric8.kubernetes.api.model.ContainerPort> ports = nonNull(c.getPorts());
            for (int j = 0; j < ports.size(); j++) {
                io.fabric8.kubernetes.api.model.ContainerPort p = ports.get(j);
                if (p == null || p.getName() == null || p.getName().isEmpty()) {
                    continue;
                }
                FieldPath at = path.index(i).field("ports").index(j);
                if (!isIanaServiceName(p.getName())) {
                    throw InvalidObjectException.invalid(at.field("name"), quote(p.getName())
                            + " is not a valid port name (at most 15 lower-case letters, digits and '-', with at least one letter)");
                }
                if (p.getContainerPort() == null) {
                    throw InvalidObjectException.missing(at.field("containerPort"));
                }
                int number = portNumber(p.getContainerPort(), at.field("containerPort"));
                out.add(interner.value(new ContainerPort(interner.string(p.getName()),
                        protocol(p.getProtocol(), at.field("protocol")), number)));
            }
        }
    }

    /** A StatefulSet: {@code serviceName} governs its pods' DNS names. */
    public Workload workload(StatefulSet set) throws InvalidObjectException {
        var spec = require(set.getSpec(), SPEC);
        Workload w = appsWorkload(Kinds.STATEFUL_SET, set, spec.getSelector(), spec.getTemplate(),
                spec.getServiceName(), spec.getReplicas() == null ? 1 : spec.getReplicas());
        Integer start = spec.getOrdinals() == null ? null : spec.getOrdinals().getStart();
        if (start != null && start < 0) {
            throw InvalidObjectException.invalid(SPEC.field("ordinals").field("start"), start + " is negative");
        }
        return start == null ? w : new Workload(w.kind(), w.namespace(), w.name(), w.selector(), w.template(),
                w.serviceName(), w.replicas(), start, false, -1);
    }

    public Workload workload(Deployment deployment) throws InvalidObjectException {
        var spec = require(deployment.getSpec(), SPEC);
        return appsWorkload(Kinds.DEPLOYMENT, deployment, spec.getSelector(), spec.getTemplate(), null,
                spec.getReplicas() == null ? 1 : spec.getReplicas());
    }

    public Workload workload(ReplicaSet set) throws InvalidObjectException {
        var spec = require(set.getSpec(), SPEC);
        return appsWorkload(Kinds.REPLICA_SET, set, spec.getSelector(), spec.getTemplate(), null,
                spec.getReplicas() == null ? 1 : spec.getReplicas());
    }

    public Workload workload(DaemonSet set) throws InvalidObjectException {
        var spec = require(set.getSpec(), SPEC);
        return appsWorkload(Kinds.DAEMON_SET, set, spec.getSelector(), spec.getTemplate(), null, -1);
    }

    public Workload workload(Job job) throws InvalidObjectException {
        return jobWorkload(Kinds.JOB, job, require(job.getSpec(), SPEC), SPEC);
    }

    /** A CronJob, described by the pod template of its job template. */
    public Workload workload(CronJob cronJob) throws InvalidObjectException {
        var spec = require(cronJob.getSpec(), SPEC);
        FieldPath jobTemplate = SPEC.field("jobTemplate");
        var template = require(spec.getJobTemplate(), jobTemplate);
        return jobWorkload(Kinds.CRON_JOB, cronJob, require(template.getSpec(), jobTemplate.field("spec")),
                jobTemplate.field("spec"));
    }

    private Workload jobWorkload(String kind, HasMetadata object, JobSpec spec, FieldPath specPath)
            throws InvalidObjectException {
        String namespace = namespaceOf(object);
        String name = name(object);
        checkSubdomainName(name);
        LabelSelector selector = labelSelector(spec.getSelector(), specPath.field("selector"));
        PodTemplate template = podTemplate(require(spec.getTemplate(), specPath.field("template")), specPath.field("template"));
        return new Workload(kind, interner.string(namespace), name, selector, template, null,
                spec.getParallelism() == null ? -1 : spec.getParallelism(), 0,
                "Indexed".equals(spec.getCompletionMode()), spec.getCompletions() == null ? -1 : spec.getCompletions());
    }

    private Workload appsWorkload(String kind, HasMetadata object, io.fabric8.kubernetes.api.model.LabelSelector writtenSelector,
            PodTemplateSpec writtenTemplate, String serviceName, int replicas) throws InvalidObjectException {
        String namespace = namespaceOf(object);
        String name = name(object);
        checkSubdomainName(name);
        LabelSelector selector = labelSelector(writtenSelector, SPEC.field("selector"));
        if (selector.isEmpty()) {
            throw InvalidObjectException.missing(SPEC.field("selector"));
        }
        FieldPath templatePath = SPEC.field("template");
        PodTemplate template = podTemplate(require(writtenTemplate, templatePath), templatePath);
        if (!selector.matches(template.labels())) {
            throw InvalidObjectException.invalid(templatePath.field("metadata").field("labels"),
                    template.labels() + " do not match spec.selector");
        }
        return new Workload(kind, interner.string(namespace), name, selector, template,
                serviceName == null || serviceName.isEmpty() ? null : interner.string(serviceName), replicas);
    }

    private PodTemplate podTemplate(PodTemplateSpec written, FieldPath path) throws InvalidObjectException {
        PodSpec spec = require(written.getSpec(), path.field("spec"));
        FieldPath specPath = path.field("spec");
        return interner.value(new PodTemplate(
                labels(written.getMetadata()),
                interner.string(optionalLabel(spec.getHostname(), specPath.field("hostname"), "hostname")),
                interner.string(optionalLabel(spec.getSubdomain(), specPath.field("subdomain"), "subdomain")),
                podDns(spec, specPath),
                containerPorts(spec, specPath)));
    }

    private LabelSelector labelSelector(io.fabric8.kubernetes.api.model.LabelSelector written, FieldPath path)
            throws InvalidObjectException {
        if (written == null) {
            return interner.value(LabelSelector.of(Map.of()));
        }
        List<LabelSelectorRequirement> writtenExpressions = nonNull(written.getMatchExpressions());
        List<LabelSelector.Requirement> expressions = new ArrayList<>(writtenExpressions.size());
        for (int i = 0; i < writtenExpressions.size(); i++) {
            LabelSelectorRequirement r = writtenExpressions.get(i);
            FieldPath at = path.field("matchExpressions").index(i);
            if (r == null || r.getKey() == null || r.getKey().isEmpty()) {
                throw InvalidObjectException.missing(at.field("key"));
            }
            String op = r.getOperator();
            LabelSelector.Operator operator = switch (op == null ? "" : op) {
                case "In" -> LabelSelector.Operator.IN;
                case "NotIn" -> LabelSelector.Operator.NOT_IN;
                case "Exists" -> LabelSelector.Operator.EXISTS;
                case "DoesNotExist" -> LabelSelector.Operator.DOES_NOT_EXIST;
                default -> throw op == null
                        ? InvalidObjectException.missing(at.field("operator"))
                        : InvalidObjectException.invalid(at.field("operator"),
                                quote(op) + " is not one of In, NotIn, Exists, DoesNotExist");
            };
            List<String> values = new ArrayList<>();
            for (String v : nonNull(r.getValues())) {
                values.add(interner.string(v));
            }
            boolean needsValues = operator == LabelSelector.Operator.IN || operator == LabelSelector.Operator.NOT_IN;
            if (needsValues && values.isEmpty()) {
                throw InvalidObjectException.invalid(at.field("values"), "is empty (operator " + op + " needs values)");
            }
            if (!needsValues && !values.isEmpty()) {
                throw InvalidObjectException.invalid(at.field("values"), "must be empty for operator " + op);
            }
            expressions.add(new LabelSelector.Requirement(interner.string(r.getKey()), operator, interner.list(values)));
        }
        return interner.value(new LabelSelector(interner.labels(written.getMatchLabels()), interner.list(expressions)));
    }

    /**
     * The {@code Corefile} key of ConfigMap {@code kube-system/coredns}; every other ConfigMap is
     * skipped, as is that one when it lacks the key.
     */
    public Converted<String> corefile(ConfigMap configMap) throws InvalidObjectException {
        String namespace = namespaceOf(configMap);
        String name = name(configMap);
        if (!isCorednsConfigMap(namespace, name)) {
            return Converted.skipped("not " + COREDNS_NAMESPACE + "/" + COREDNS_CONFIG_MAP);
        }
        Map<String, String> data = configMap.getData();
        String text = data == null ? null : data.get(COREFILE_KEY);
        if (text == null) {
            return Converted.skipped("no key " + COREFILE_KEY);
        }
        return Converted.kept(text);
    }

    /** Whether the namespace and name are those of the ConfigMap CoreDNS reads its Corefile from. */
    public static boolean isCorednsConfigMap(String namespace, String name) {
        return COREDNS_NAMESPACE.equals(namespace) && COREDNS_CONFIG_MAP.equals(name);
    }

    /** {@code metadata.name}, which every object needs. */
    static String name(HasMetadata object) throws InvalidObjectException {
        ObjectMeta meta = object.getMetadata();
        if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
            throw InvalidObjectException.missing(NAME);
        }
        return meta.getName();
    }

    /** {@code metadata.namespace} of a namespaced object, {@code default} when absent. */
    static String namespaceOf(HasMetadata object) throws InvalidObjectException {
        ObjectMeta meta = object.getMetadata();
        String ns = meta == null ? null : meta.getNamespace();
        if (ns == null || ns.isEmpty()) {
            return DEFAULT_NAMESPACE;
        }
        if (!DnsNames.isDns1123Label(ns)) {
            throw InvalidObjectException.invalid(NAMESPACE, quote(ns) + " is not a valid namespace name " + DNS_LABEL);
        }
        return ns;
    }

    private Map<String, String> labels(ObjectMeta meta) {
        return meta == null ? Map.of() : interner.labels(meta.getLabels());
    }

    private static void checkSubdomainName(String name) throws InvalidObjectException {
        if (!DnsNames.isDns1123Subdomain(name)) {
            throw InvalidObjectException.invalid(NAME, quote(name)
                    + " is not a valid name (lower-case letters, digits, '-' and '.', at most 253 characters)");
        }
    }

    private static String optionalLabel(String value, FieldPath path, String what) throws InvalidObjectException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!DnsNames.isDns1123Label(value)) {
            throw InvalidObjectException.invalid(path, quote(value) + " is not a valid " + what + " " + DNS_LABEL);
        }
        return value;
    }

    private static Protocol protocol(String value, FieldPath path) throws InvalidObjectException {
        return Protocol.parse(value).orElseThrow(() -> InvalidObjectException.invalid(path,
                quote(value) + " is not one of TCP, UDP, SCTP"));
    }

    private static int portNumber(int port, FieldPath path) throws InvalidObjectException {
        if (port < 1 || port > 65535) {
            throw InvalidObjectException.invalid(path, port + " is not a port number (1 to 65535)");
        }
        return port;
    }

    private static Optional<IpFamily> ipFamily(String value) {
        return switch (value == null ? "" : value) {
            case "IPv4" -> Optional.of(IpFamily.IPV4);
            case "IPv6" -> Optional.of(IpFamily.IPV6);
            default -> Optional.empty();
        };
    }

    private static <T> T require(T value, FieldPath path) throws InvalidObjectException {
        if (value == null) {
            throw InvalidObjectException.missing(path);
        }
        return value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static final String DNS_LABEL = "(at most 63 lower-case letters, digits and '-')";

    /** A DNS-1035 label: a DNS-1123 label that starts with a letter (the rule for Service names). */
    static boolean isDns1035Label(String s) {
        return DnsNames.isDns1123Label(s) && s.charAt(0) >= 'a' && s.charAt(0) <= 'z';
    }

    /** Kubernetes' IANA_SVC_NAME: the rule for named container ports and named target ports. */
    static boolean isIanaServiceName(String s) {
        if (s == null || s.isEmpty() || s.length() > 15 || s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return letter;
    }

    /** A value as a message quotes it: in double quotes, with quotes and control characters escaped. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
