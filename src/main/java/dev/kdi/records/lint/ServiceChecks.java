package dev.kdi.records.lint;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a Service's own spec decides: ExternalName targets, unassigned cluster IPs, port names. */
final class ServiceChecks implements NamespaceCheck {
    /** Port names people expect for well-known ports; anything else gets {@code <proto>-<port>}. */
    private static final Map<Integer, String> WELL_KNOWN = Map.ofEntries(Map.entry(53, "dns"), Map.entry(80, "http"),
            Map.entry(443, "https"), Map.entry(2379, "etcd-client"), Map.entry(3306, "mysql"),
            Map.entry(5432, "postgres"), Map.entry(5672, "amqp"), Map.entry(6379, "redis"), Map.entry(8080, "http"),
            Map.entry(9042, "cql"), Map.entry(9090, "metrics"), Map.entry(9092, "kafka"), Map.entry(27017, "mongodb"));

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        for (Service svc : ns.services) {
            String name = facts.serviceName(svc.name(), ns.name);
            if (svc.isExternalName()) {
                externalName(svc, name, out);
                continue;
            }
            if (svc.clusterIPs().isEmpty()) {
                out.add(Finding.of(Rule.CLUSTER_IP_UNASSIGNED, List.of(svc.ref()),
                        "Service " + svc.ref().qualifiedName() + " sets no clusterIP, so the API server picks one when "
                                + "it is created and the address " + name + " will return cannot be predicted.",
                        "Nothing to fix; set spec.clusterIP (or clusterIP: None for a headless Service) only if the "
                                + "address must be fixed in advance."));
            }
            unnamedPorts(svc, name, out);
            if (svc.tolerateUnreadyAnnotation() && !svc.publishNotReadyAddresses()) {
                out.add(Finding.of(Rule.TOLERATE_UNREADY_ANNOTATION, List.of(svc.ref()),
                        "Service " + svc.ref().qualifiedName() + " sets the deprecated annotation "
                                + Service.TOLERATE_UNREADY_ANNOTATION + ", which the EndpointSlice controller (and so "
                                + "CoreDNS) ignores: not-ready pods stay out of " + name + " until they are ready.",
                        "Set spec.publishNotReadyAddresses: true instead (and drop the annotation)."));
            }
        }
    }

    private static void externalName(Service svc, String name, List<Finding> out) {
        String target = svc.externalName() == null ? "" : svc.externalName();
        if (IpAddress.parse(target).isPresent()) {
            out.add(Finding.of(Rule.EXTERNALNAME_IS_IP, List.of(svc.ref()),
                    "ExternalName Service " + svc.ref().qualifiedName() + " points at the address " + target
                            + ", but an ExternalName is a CNAME to a DNS name: CoreDNS serves no record and " + name
                            + " is NXDOMAIN.",
                    "Replace it with a headless Service without selector plus an EndpointSlice holding " + target
                            + " (then " + name + " returns that address), or point externalName at a DNS name."));
            return;
        }
        String withoutDot = target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
        String rejected = NameRule.DNS1123_SUBDOMAIN.problem(withoutDot);
        // The API server limits the whole name only; a longer label passes it but fits in no query.
        String problem = rejected != null ? rejected : longLabel(withoutDot);
        if (problem != null) {
            out.add(Finding.of(Rule.EXTERNALNAME_INVALID, List.of(svc.ref()),
                    "The externalName '" + target + "' of Service " + svc.ref().qualifiedName()
                            + " is not a valid DNS name (" + problem + "): "
                            + (rejected != null ? "the API server rejects the Service, and no " : "no ")
                            + "client could follow " + name + " to it.",
                    "Set externalName to a DNS name of lower-case letters, digits, '-' and '.', labels of at most "
                            + NameRule.DNS1123_LABEL.maxLength() + " characters and at most "
                            + NameRule.DNS1123_SUBDOMAIN.maxLength() + " in all."));
        }
    }

    /** The first label over 63 characters, as a problem, or null. */
    private static String longLabel(String name) {
        for (String label : name.split("\\.", -1)) {
            if (label.length() > NameRule.DNS1123_LABEL.maxLength()) {
                return "label '" + label + "': " + NameRule.DNS1123_LABEL.problem(label);
            }
        }
        return null;
    }

    private static void unnamedPorts(Service svc, String name, List<Finding> out) {
        List<ServicePort> unnamed = new ArrayList<>();
        for (ServicePort p : svc.ports()) {
            if (!p.isNamed()) {
                unnamed.add(p);
            }
        }
        if (unnamed.isEmpty()) {
            return;
        }
        List<String> ports = new ArrayList<>();
        for (ServicePort p : unnamed) {
            ports.add(p.port() + "/" + p.protocol());
        }
        ServicePort first = unnamed.get(0);
        String proto = first.protocol().name().toLowerCase(Locale.ROOT);
        String suggestion = WELL_KNOWN.getOrDefault(first.port(), proto + "-" + first.port());
        out.add(Finding.of(Rule.UNNAMED_PORTS, List.of(svc.ref()),
                "Service " + svc.ref().qualifiedName() + Words.plural(unnamed.size(), " has an unnamed port ",
                        " has unnamed ports ") + Words.list(ports) + ", so no _<name>._" + proto + "." + name
                        + " SRV record exists for " + Words.plural(unnamed.size(), "it", "them") + " (an SRV query for "
                        + name + " still lists " + Words.plural(unnamed.size(), "it", "them") + ").",
                "Name the port (e.g. name: " + suggestion + ") if clients look it up by SRV as _" + suggestion + "._"
                        + proto + "." + name + "."));
    }
}
