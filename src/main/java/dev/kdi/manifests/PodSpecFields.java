package dev.kdi.manifests;

import static dev.kdi.manifests.Fields.nonNull;
import static dev.kdi.manifests.Fields.quote;

import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.HostAlias;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The pod spec fields DNS depends on, read alike from pods and from the pod templates of
 * workloads: DNS policy and config, and the named container ports.
 */
final class PodSpecFields {
    private final Interner interner;

    PodSpecFields(Interner interner) {
        this.interner = interner;
    }

    PodDns podDns(PodSpec spec, FieldPath specPath) throws InvalidObjectException {
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
        List<HostAlias> aliases = hostAliases(nonNull(spec.getHostAliases()), specPath.field("hostAliases"));
        if (policy == DnsPolicy.CLUSTER_FIRST && !hostNetwork && !hostnameAsFqdn && config == null && aliases.isEmpty()) {
            return PodDns.DEFAULTS;
        }
        return interner.value(new PodDns(policy, hostNetwork, hostnameAsFqdn, config, aliases));
    }

    /** {@code spec.hostAliases}: the API server requires a valid IP for each. */
    private List<HostAlias> hostAliases(List<io.fabric8.kubernetes.api.model.HostAlias> written, FieldPath path)
            throws InvalidObjectException {
        List<HostAlias> out = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            io.fabric8.kubernetes.api.model.HostAlias a = written.get(i);
            String ip = interner.string(Fields.ip(a == null ? null : a.getIp(), path.index(i).field("ip")));
            List<String> names = new ArrayList<>();
            for (String h : nonNull(a == null ? null : a.getHostnames())) {
                names.add(interner.string(h));
            }
            out.add(interner.value(new HostAlias(ip, interner.list(names))));
        }
        return interner.list(out);
    }

    private PodDnsConfig dnsConfig(PodDNSConfig written, FieldPath path) throws InvalidObjectException {
        if (written == null) {
            return null;
        }
        List<String> nameservers = new ArrayList<>();
        List<String> writtenServers = nonNull(written.getNameservers());
        for (int i = 0; i < writtenServers.size(); i++) {
            nameservers.add(interner.string(Fields.ip(writtenServers.get(i), path.field("nameservers").index(i))));
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
    List<ContainerPort> containerPorts(PodSpec spec, FieldPath specPath) throws InvalidObjectException {
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
                Fields.check(NameRule.IANA_SVC_NAME, p.getName(), at.field("name"), "a valid port name");
                if (p.getContainerPort() == null) {
                    throw InvalidObjectException.missing(at.field("containerPort"));
                }
                int number = Fields.portNumber(p.getContainerPort(), at.field("containerPort"));
                out.add(interner.value(new ContainerPort(interner.string(p.getName()),
                        Fields.protocol(p.getProtocol(), at.field("protocol")), number)));
            }
        }
    }
}
