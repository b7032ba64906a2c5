package dev.kdi.records.lint;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of lint rules: each with a stable code, its severity and a one-line description
 * (the README lists them all; RuleCatalogueTest holds the two together). Codes never change once
 * published; add, never rename.
 */
public enum Rule {
    // errors: a name the user evidently intends cannot resolve
    COREFILE_NO_KUBERNETES("corefile-no-kubernetes", Severity.ERROR,
            "The Corefile has no kubernetes plugin: no Service or pod name resolves."),
    STS_SERVICE_MISSING("sts-service-missing", Severity.ERROR,
            "A StatefulSet's serviceName names no Service in its namespace: its pods get no per-pod names."),
    STS_SERVICE_NOT_SELECTING("sts-service-not-selecting", Severity.ERROR,
            "The Service a StatefulSet's serviceName names does not select the set's pods: no per-pod names."),
    SUBDOMAIN_SERVICE_MISSING("subdomain-service-missing", Severity.ERROR,
            "A pod sets hostname and subdomain, but no Service of the subdomain's name exists in its namespace."),
    SUBDOMAIN_SERVICE_NOT_SELECTING("subdomain-service-not-selecting", Severity.ERROR,
            "The Service a pod's subdomain names does not select the pod: hostname.subdomain does not resolve."),
    EXTERNALNAME_IS_IP("externalname-is-ip", Severity.ERROR,
            "An ExternalName Service points at an IP address: CoreDNS serves no record for it (NXDOMAIN)."),
    EXTERNALNAME_INVALID("externalname-invalid", Severity.ERROR,
            "An ExternalName is not a valid DNS name: the API server rejects it and no client can follow it."),
    NAME_NOT_DNS_LABEL("name-not-dns-label", Severity.ERROR,
            "A Service, namespace or pod hostname/subdomain is not a valid DNS label: the name cannot exist."),
    FQDN_TOO_LONG("fqdn-too-long", Severity.ERROR,
            "A name the cluster DNS would serve is longer than 253 characters: no client can ask for it."),
    HOSTNAME_FQDN_TOO_LONG("hostname-fqdn-too-long", Severity.ERROR,
            "A pod with setHostnameAsFQDN has an FQDN over 64 characters: the kubelet refuses to start it."),
    COREFILE_HOSTS_NO_FALLTHROUGH("corefile-hosts-no-fallthrough", Severity.ERROR,
            "A hosts plugin without fallthrough: names of its zones it lacks fail (cluster names, in the cluster block)."),
    COREFILE_FORWARD_LOOP("corefile-forward-loop", Severity.ERROR,
            "A forward sends queries to the cluster DNS itself (its Service or loopback): a forwarding loop."),
    COREFILE_ZONE_TWICE("corefile-zone-twice", Severity.ERROR,
            "Two server blocks serve the same zone on one port: CoreDNS refuses to start."),
    COREFILE_TEMPLATE_NXDOMAIN("corefile-template-nxdomain", Severity.ERROR,
            "A template answers a type with NXDOMAIN for a name that has an A answer: getaddrinfo loses both."),

    // warnings: resolves, but not as the user likely thinks
    HEADLESS_NO_READY_ENDPOINTS("headless-no-ready-endpoints", Severity.WARNING,
            "A headless Service has no ready endpoint: its name is NXDOMAIN."),
    SELECTOR_MATCHES_NOTHING("selector-matches-nothing", Severity.WARNING,
            "A Service's selector selects no pod: its cluster IP answers, but nothing is behind it."),
    TOLERATE_UNREADY_ANNOTATION("tolerate-unready-annotation", Severity.WARNING,
            "A Service relies on the deprecated tolerate-unready-endpoints annotation: EndpointSlices ignore it."),
    TEMPLATE_HOSTNAME("template-hostname", Severity.WARNING,
            "A Deployment, ReplicaSet or DaemonSet template sets hostname: every replica shares one name."),
    SUBDOMAIN_WITHOUT_HOSTNAME("subdomain-without-hostname", Severity.WARNING,
            "A pod sets subdomain but no hostname: its own FQDN (hostname -f) has no DNS record."),
    NAMESPACE_NOT_EXPOSED("namespace-not-exposed", Severity.WARNING,
            "A namespace with Services is not among the Corefile's 'namespaces': none of its names resolve."),
    ENDPOINTS_DISABLED("endpoints-disabled", Severity.WARNING,
            "The Corefile sets 'noendpoints': headless Services and endpoint names are NXDOMAIN."),
    DNS_POLICY_HOST_NETWORK("dns-policy-host-network", Severity.WARNING,
            "hostNetwork with dnsPolicy ClusterFirst uses the node's resolver: cluster names do not resolve."),
    DNS_POLICY_NONE_WITHOUT_CONFIG("dns-policy-none-without-config", Severity.WARNING,
            "dnsPolicy None without dnsConfig nameservers: the API server rejects the pod."),
    DNS_CONFIG_LIMITS("dns-config-limits", Severity.WARNING,
            "dnsConfig beyond 3 nameservers, 32 search domains or 2,048 search characters: rejected or cut."),
    COREFILE_REWRITE_NO_ANSWER("corefile-rewrite-no-answer", Severity.WARNING,
            "A rewrite name rule without an answer rewrite: answers carry the rewritten name; clients drop them."),
    COREFILE_AUTOPATH_UNVERIFIED("corefile-autopath-unverified", Severity.WARNING,
            "autopath @kubernetes without 'pods verified': the kubernetes plugin gives it no search path."),
    COREFILE_SERVE_STALE_CLUSTER("corefile-serve-stale-cluster", Severity.WARNING,
            "cache serve_stale over the cluster zone: deleted Services and pods keep answering after they are gone."),
    COREFILE_REVERSE_NO_FALLTHROUGH("corefile-reverse-no-fallthrough", Severity.WARNING,
            "kubernetes serves reverse zones without fallthrough while a forward follows: outside PTRs are NXDOMAIN."),
    COREFILE_STUB_SHADOWED("corefile-stub-shadowed", Severity.WARNING,
            "A more specific server block takes names from a stub domain: they never reach its forward."),
    COREFILE_WRITTEN_ORDER("corefile-written-order", Severity.WARNING,
            "Plugins are written in an order plugin.cfg overrides, and the written order would change an answer."),

    // info: worth knowing
    PODS_NOT_READY("pods-not-ready", Severity.INFO,
            "Not-ready pods are left out of a Service's DNS names until they are ready."),
    STS_SERVICE_NOT_HEADLESS("sts-service-not-headless", Severity.INFO,
            "A StatefulSet's serviceName names a ClusterIP Service: its name returns the virtual IP, not the pods."),
    PUBLISH_NOT_READY("publish-not-ready", Severity.INFO,
            "publishNotReadyAddresses puts not-ready pods into a Service's DNS names."),
    UNNAMED_PORTS("unnamed-ports", Severity.INFO,
            "A Service port has no name: no _port._proto SRV record (the bare-name SRV still lists it)."),
    POD_NAMED_BY_ADDRESS("pod-named-by-address", Severity.INFO,
            "A Service selects pods whose subdomain names another Service: here they are named by address."),
    CLUSTER_IP_UNASSIGNED("cluster-ip-unassigned", Severity.INFO,
            "A Service's manifest leaves its cluster IP to the API server: its address cannot be predicted.");

    private final String code;
    private final Severity severity;
    private final String description;

    Rule(String code, Severity severity, String description) {
        this.code = code;
        this.severity = severity;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    /** One line: what the rule finds and what it means for DNS. */
    public String description() {
        return description;
    }

    /** Every rule, most severe first, then in catalogue order. */
    public static List<Rule> catalogue() {
        return List.of(values());
    }

    public static Optional<Rule> forCode(String code) {
        for (Rule r : values()) {
            if (r.code.equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
