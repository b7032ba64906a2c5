package dev.kdi.records.gen;

import dev.kdi.records.DnsModel;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a cluster's DNS is expected to know, read from a model's input and its effective
 * EndpointSlices, in the model's cluster domain: what clients ask.
 *
 * @param zone the cluster domain, absolute
 * @param clusterIpServices names of Services with a cluster IP
 * @param headlessServices names of headless Services
 * @param externalNames names of ExternalName Services
 * @param portNames {@code _port._proto} names of named Service and slice ports
 * @param endpointNames endpoint names of every Service's endpoints
 * @param podNames dashed-address pod names
 * @param addresses every address the cluster uses: cluster IPs, endpoint and pod addresses
 */
public record ClusterNames(
        String zone,
        List<String> clusterIpServices,
        List<String> headlessServices,
        List<String> externalNames,
        List<String> portNames,
        List<String> endpointNames,
        List<String> podNames,
        List<String> addresses) {

    public static ClusterNames of(DnsModel model) {
        String zone = model.clusterDomain().orElse("cluster.local.");
        Set<String> clusterIp = new LinkedHashSet<>();
        Set<String> headless = new LinkedHashSet<>();
        Set<String> external = new LinkedHashSet<>();
        Set<String> ports = new LinkedHashSet<>();
        Set<String> endpoints = new LinkedHashSet<>();
        Set<String> pods = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (Service svc : model.snapshot().services()) {
            String name = svc.name() + "." + svc.namespace() + ".svc." + zone;
            if (svc.isExternalName()) {
                external.add(name);
            } else if (svc.isHeadless()) {
                headless.add(name);
            } else {
                clusterIp.add(name);
                for (String ip : svc.clusterIPs()) {
                    if (IpAddress.isAddress(ip)) {
                        addresses.add(ip);
                    }
                }
            }
            for (ServicePort p : svc.ports()) {
                if (p.isNamed()) {
                    ports.add(portName(p.name(), p.protocol().name(), name));
                }
            }
        }
        for (EndpointSlice slice : model.endpointSlices()) {
            String service = slice.serviceName() + "." + slice.namespace() + ".svc." + zone;
            for (EndpointPort p : slice.ports()) {
                if (!p.name().isEmpty()) {
                    ports.add(portName(p.name(), p.protocol().name(), service));
                }
            }
            for (Endpoint e : slice.endpoints()) {
                for (String a : e.addresses()) {
                    endpoints.add(model.endpointName(a, e) + "." + service);
                    addresses.add(a);
                }
            }
        }
        for (Pod p : model.snapshot().pods()) {
            for (String ip : p.ips()) {
                addresses.add(ip);
                pods.add((ip.contains(".") ? ip.replace('.', '-') : ip.replace(':', '-')) + "." + p.namespace() + ".pod."
                        + zone);
            }
        }
        return new ClusterNames(zone, List.copyOf(clusterIp), List.copyOf(headless), List.copyOf(external),
                List.copyOf(ports), List.copyOf(endpoints), List.copyOf(pods), List.copyOf(addresses));
    }

    private static String portName(String port, String protocol, String service) {
        return "_" + port.toLowerCase(Locale.ROOT) + "._" + protocol.toLowerCase(Locale.ROOT) + "." + service;
    }

    /** The reverse names of the addresses that parse. */
    public List<String> reverseNames() {
        List<String> out = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            IpAddress.parse(a).ifPresent(ip -> out.add(ip.reverseName()));
        }
        return out;
    }
}
