package dev.kdi.records.corefile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of CoreDNS's {@code kubernetes} plugin that change answers, with CoreDNS's defaults
 * for those a Corefile omits.
 *
 * @param zones the zones it is authoritative for, absolute and lower case (CIDRs expanded into
 *     reverse zones)
 * @param ttl {@code ttl}, default 5
 * @param pods {@code pods}, default disabled
 * @param endpointPodNames {@code endpoint_pod_names}
 * @param namespaces {@code namespaces}; empty exposes every namespace
 * @param noEndpoints {@code noendpoints}
 * @param ignoreEmptyService {@code ignore empty_service}
 * @param fallthrough the zones of {@code fallthrough} ({@code .} when it has no arguments), or
 *     null when the option is absent
 * @param line the 1-based line of the plugin in its Corefile
 */
public record KubernetesPlugin(
        List<String> zones,
        long ttl,
        PodMode pods,
        boolean endpointPodNames,
        Set<String> namespaces,
        boolean noEndpoints,
        boolean ignoreEmptyService,
        List<String> fallthrough,
        int line) {

    public static final long DEFAULT_TTL = 5;

    public KubernetesPlugin {
        zones = List.copyOf(zones);
        namespaces = Set.copyOf(namespaces);
        fallthrough = fallthrough == null ? null : List.copyOf(fallthrough);
    }

    /** The first zone that is not a reverse zone: the cluster domain. */
    public String primaryZone() {
        for (String z : zones) {
            if (!isReverse(z)) {
                return z;
            }
        }
        throw new IllegalStateException("no forward zone");
    }

    /** Whether CoreDNS serves the namespace at all ({@code namespaces} option). */
    public boolean exposes(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }

    /** This plugin with its cluster domain (its first forward zone) replaced. */
    public KubernetesPlugin withClusterDomain(String domain) {
        String primary = primaryZone();
        List<String> replaced = zones.stream().map(z -> z.equals(primary) ? domain : z).toList();
        return new KubernetesPlugin(replaced, ttl, pods, endpointPodNames, namespaces, noEndpoints,
                ignoreEmptyService, fallthrough, line);
    }

    /** Whether a zone is under in-addr.arpa or ip6.arpa. */
    public static boolean isReverse(String zone) {
        return zone.endsWith("in-addr.arpa.") || zone.endsWith("ip6.arpa.");
    }

    /** The plugin as CoreDNS's {@code kubernetesParse} reads it, refusing what CoreDNS refuses. */
    static KubernetesPlugin parse(Directive d, List<ServerAddress> blockAddresses) throws CorefileException {
        List<String> zones = new ArrayList<>();
        if (d.args().isEmpty()) {
            for (ServerAddress a : blockAddresses) {
                zones.add(a.zone());
            }
        } else {
            for (String arg : d.args()) {
                String s = arg;
                int scheme = s.indexOf("://");
                if (scheme >= 0) {
                    s = s.substring(scheme + 3);
                }
                int colon = s.lastIndexOf(':');
                if (colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < s.length() - 1) {
                    s = s.substring(0, colon);
                }
                zones.addAll(Zones.of(s, d.line()));
            }
        }
        if (zones.stream().allMatch(KubernetesPlugin::isReverse)) {
            throw new CorefileException(d.line(), "kubernetes: non-reverse zone name must be used");
        }
        long ttl = KubernetesPlugin.DEFAULT_TTL;
        PodMode pods = PodMode.DISABLED;
        boolean endpointPodNames = false;
        Set<String> namespaces = new LinkedHashSet<>();
        boolean noEndpoints = false;
        boolean ignoreEmpty = false;
        List<String> fallthrough = null;
        for (Directive o : d.block()) {
            List<String> args = o.args();
            switch (o.name()) {
                case "endpoint_pod_names" -> {
                    requireNoArgs(o);
                    endpointPodNames = true;
                }
                case "pods" -> {
                    if (args.size() != 1) {
                        throw new CorefileException(o.line(), "kubernetes: 'pods' takes one of disabled, insecure, verified");
                    }
                    pods = switch (args.get(0)) {
                        case "disabled" -> PodMode.DISABLED;
                        case "insecure" -> PodMode.INSECURE;
                        case "verified" -> PodMode.VERIFIED;
                        default -> throw new CorefileException(o.line(),
                                "kubernetes: wrong value for pods: " + args.get(0) + ", must be one of: disabled, verified, insecure");
                    };
                }
                case "namespaces" -> {
                    if (args.isEmpty()) {
                        throw new CorefileException(o.line(), "kubernetes: 'namespaces' needs at least one namespace");
                    }
                    namespaces.addAll(args);
                }
                case "fallthrough" -> {
                    fallthrough = new ArrayList<>();
                    if (args.isEmpty()) {
                        fallthrough.add(".");
                    } else {
                        for (String a : args) {
                            fallthrough.addAll(Zones.of(a, o.line()));
                        }
                    }
                }
                case "ttl" -> {
                    if (args.isEmpty()) {
                        throw new CorefileException(o.line(), "kubernetes: 'ttl' needs a number of seconds");
                    }
                    try {
                        ttl = Long.parseLong(args.get(0));
                    } catch (NumberFormatException e) {
                        throw new CorefileException(o.line(), "kubernetes: ttl \"" + args.get(0) + "\" is not a number");
                    }
                    if (ttl < 0 || ttl > 3600) {
                        throw new CorefileException(o.line(), "kubernetes: ttl must be in range [0, 3600]: " + ttl);
                    }
                }
                case "noendpoints" -> {
                    requireNoArgs(o);
                    noEndpoints = true;
                }
                case "ignore" -> {
                    if (args.isEmpty() || !args.get(0).equals("empty_service")) {
                        throw new CorefileException(o.line(), "kubernetes: unable to parse ignore value: '"
                                + (args.isEmpty() ? "" : args.get(0)) + "'");
                    }
                    ignoreEmpty = true;
                }
                default -> {
                    // Options that do not change answers here (endpoint, tls, kubeconfig, ...).
                }
            }
        }
        return new KubernetesPlugin(zones, ttl, pods, endpointPodNames, namespaces, noEndpoints, ignoreEmpty,
                fallthrough, d.line());
    }

    private static void requireNoArgs(Directive o) throws CorefileException {
        if (!o.args().isEmpty()) {
            throw new CorefileException(o.line(), "kubernetes: '" + o.name() + "' takes no arguments");
        }
    }
}
