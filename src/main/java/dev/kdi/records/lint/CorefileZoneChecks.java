package dev.kdi.records.lint;

import com.google.re2j.Pattern;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.Directive;
import dev.kdi.records.corefile.ForwardPlugin;
import dev.kdi.records.corefile.HostsPlugin;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PluginOrder;
import dev.kdi.records.corefile.ServerAddress;
import dev.kdi.records.corefile.ServerBlock;
import dev.kdi.records.corefile.TemplateRule;
import dev.kdi.records.corefile.Zones;
import dev.kdi.records.names.DnsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Corefile mistakes that lie in which plugin or block gets a name: a template that denies a
 * name another plugin answers, reverse zones kubernetes keeps from {@code forward}, a stub domain a
 * more specific block takes names from, and a written order {@code plugin.cfg} overrides. Rules
 * read from CoreDNS's {@code core/dnsserver} (the most specific zone wins; plugins run in
 * {@code plugin.cfg} order), {@code plugin/template} and {@code plugin/kubernetes}.
 */
final class CorefileZoneChecks {
    /** Plugins that answer names themselves, so which runs first decides an answer. */
    private static final Set<String> ANSWERING = Set.of("template", "hosts", "k8s_external", "kubernetes", "file", "auto",
            "secondary", "etcd", "forward", "grpc", "whoami", "erratic", "route53", "azure", "clouddns");

    private CorefileZoneChecks() {
    }

    static void check(Corefile corefile, ClusterFacts facts, List<Finding> out) {
        String clusterZone = DnsNames.absolute(facts.zone());
        for (ServerBlock b : corefile.blocks()) {
            for (TemplateRule t : b.templates()) {
                templateNxdomain(b, t, clusterZone, out);
            }
            b.kubernetes().ifPresent(k -> reverseWithoutFallthrough(b, k, out));
            for (ForwardPlugin f : b.forwards()) {
                stubShadowed(corefile, b, f, out);
            }
            writtenOrder(corefile.order(), b, out);
        }
    }

    // ---- a template's NXDOMAIN for a name that has an answer of another type ----

    private static void templateNxdomain(ServerBlock b, TemplateRule t, String clusterZone, List<Finding> out) {
        if (!t.rcode().equals("NXDOMAIN") || t.type().equals("ANY") || t.type().equals("A")
                || !(t.qclass().equals("IN") || t.qclass().equals("ANY"))) {
            return;
        }
        String where = t.directive().where();
        for (Candidate c : answered(b, t, clusterZone)) {
            if (t.regexes().stream().anyMatch(p -> p.matcher(c.name()).find())) {
                out.add(finding(Rule.COREFILE_TEMPLATE_NXDOMAIN, t.directive().source(),
                        "template (" + where + ") answers " + t.type() + " for "
                        + c.name() + " with NXDOMAIN, yet the name has an A answer (" + c.from() + "): NXDOMAIN says the "
                        + "name does not exist for any type, so glibc's and .NET's getaddrinfo drop the A answer too "
                        + "(coredns#3559).",
                        "Answer with 'rcode NOERROR' and no answer (NODATA: the name exists, without " + t.type()
                                + " records)."));
                return;
            }
        }
    }

    /** A name with an A answer, and who gives it. */
    private record Candidate(String name, String from) {
    }

    /** Names under the template's zones that another plugin of the block answers A for. */
    private static List<Candidate> answered(ServerBlock b, TemplateRule t, String clusterZone) {
        List<Candidate> out = new ArrayList<>();
        b.kubernetes().ifPresent(k -> {
            String zone = k.primaryZone();
            if (Zones.longest(t.zones(), zone) != null) {
                out.add(new Candidate("kubernetes.default.svc." + zone, "the API server's Service, from kubernetes"));
            }
        });
        b.hosts().ifPresent(h -> h.entries().stream().filter(e -> e.ipv4() && Zones.longest(t.zones(), e.name()) != null)
                .forEach(e -> out.add(new Candidate(e.name(), "hosts, " + e.where()))));
        for (TemplateRule u : b.templates()) {
            if (u != t && (u.type().equals("A") || u.type().equals("ANY")) && u.rcode().equals("NOERROR")
                    && !u.answer().isEmpty()) {
                for (String z : u.zones()) {
                    if (Zones.longest(t.zones(), z) != null) {
                        // Regexes cannot be intersected; a name the other template matches as written stands for them.
                        for (Pattern p : u.regexes()) {
                            String example = exampleOf(p, z);
                            if (example != null) {
                                out.add(new Candidate(example, "template, " + u.directive().where()));
                            }
                        }
                    }
                }
            }
        }
        for (ForwardPlugin f : b.forwards()) {
            for (String z : t.zones()) {
                String probe = z.equals(".") ? "www.example.com." : "www." + z;
                if (f.takes(probe) && !DnsNames.isSubdomain(clusterZone, probe)) {
                    out.add(new Candidate(probe, "upstream, through forward " + f.directive().where()));
                }
            }
        }
        return out;
    }

    /** A name under the zone that the pattern matches, when the pattern is a literal name or catches all. */
    private static String exampleOf(Pattern p, String zone) {
        String s = p.pattern();
        if (s.equals(".*") || s.equals("^.*$") || s.equals("(.*)")) {
            return zone.equals(".") ? "www.example.com." : "www." + zone;
        }
        String literal = s.replace("^", "").replace("$", "").replace("\\.", ".");
        if (literal.matches("[a-z0-9.-]+") && DnsNames.isSubdomain(zone, DnsNames.absolute(literal))) {
            return DnsNames.absolute(literal);
        }
        return null;
    }

    // ---- reverse zones kubernetes keeps from a forward ----

    private static void reverseWithoutFallthrough(ServerBlock b, KubernetesPlugin k, List<Finding> out) {
        List<String> kept = new ArrayList<>();
        for (String z : k.zones()) {
            String probe = "1." + z;
            if (KubernetesPlugin.isReverse(z) && !Zones.fallsThrough(k.fallthrough(), probe) && b.forwards().stream().anyMatch(f -> f.takes(probe))) {
                kept.add(z);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        String where = b.directive("kubernetes").map(Directive::where).orElse("line " + k.line());
        ForwardPlugin f = b.forwards().stream().filter(x -> x.takes("1." + kept.get(0))).findFirst().orElseThrow();
        out.add(finding(Rule.COREFILE_REVERSE_NO_FALLTHROUGH, b.directive("kubernetes").map(Directive::source).orElse(""),
                "kubernetes (" + where + ") serves " + String.join(" ", kept)
                + " without fallthrough for them: a reverse lookup of an address outside the cluster (a node, an "
                + "upstream server) is NXDOMAIN from kubernetes, and forward (" + f.directive().where()
                + ") never sees it.",
                "Add 'fallthrough in-addr.arpa ip6.arpa' to the kubernetes plugin."));
    }

    // ---- a stub domain a more specific block takes names from ----

    private static void stubShadowed(Corefile corefile, ServerBlock b, ForwardPlugin f, List<Finding> out) {
        for (ServerAddress a : b.addresses()) {
            // The names this forward takes in this block: under both its FROM and the block's zone.
            String stub = DnsNames.isSubdomain(a.zone(), f.from()) ? f.from()
                    : DnsNames.isSubdomain(f.from(), a.zone()) ? a.zone() : null;
            if (stub == null || stub.equals(".")) {
                continue;
            }
            for (ServerBlock other : corefile.blocks()) {
                if (other == b || other.forwards().stream().anyMatch(g -> g.to().equals(f.to()))) {
                    continue;
                }
                for (ServerAddress o : other.addresses()) {
                    boolean samePort = o.port() == a.port() && o.transport().equals(a.transport());
                    boolean moreSpecific = DnsNames.isSubdomain(stub, o.zone())
                            && DnsNames.labelCount(o.zone()) > DnsNames.labelCount(a.zone());
                    if (samePort && moreSpecific && !f.except().contains(o.zone())) {
                        out.add(finding(Rule.COREFILE_STUB_SHADOWED, f.directive().source(),
                                "forward (" + f.directive().where() + ") sends "
                                + stub + " to " + String.join(" ", f.to()) + ", but the block " + other.label()
                                + " serves the more specific " + o.zone() + ": CoreDNS gives "
                                + "every name under it to that block, so they never reach the stub domain's servers.",
                                "Forward " + o.zone() + " in block " + other.label() + " as well, or fold that "
                                        + "block's plugins into the stub domain's."));
                        return;
                    }
                }
            }
        }
    }

    // ---- a written order plugin.cfg overrides ----

    private static void writtenOrder(PluginOrder order, ServerBlock b, List<Finding> out) {
        List<Directive> written = b.directives().stream().filter(d -> ANSWERING.contains(d.name()) && order.rank(d.name()) >= 0)
                .toList();
        for (int i = 0; i < written.size(); i++) {
            for (int j = i + 1; j < written.size(); j++) {
                Directive first = written.get(i);
                Directive later = written.get(j);
                if (order.rank(later.name()) >= order.rank(first.name()) || later.name().equals(first.name())) {
                    continue;
                }
                String shared = shared(b, later, first);
                if (shared != null) {
                    out.add(finding(Rule.COREFILE_WRITTEN_ORDER, first.source(),
                            first.name() + " (" + first.where() + ") is written "
                            + "before " + later.name() + " (" + later.where() + "), but CoreDNS v" + order.version()
                            + " runs " + later.name() + " first, whatever the Corefile's order (plugin.cfg): " + shared
                            + " gets " + later.name() + "'s answer, not " + first.name() + "'s.",
                            "Write the plugins in the order CoreDNS runs them, so the Corefile reads as it behaves; "
                                    + "to let " + first.name() + " answer " + shared + ", take it out of "
                                    + later.name() + "'s zones or give it 'fallthrough'."));
                    return;
                }
            }
        }
    }

    /**
     * A name both plugins would take, the one that runs first answering it; null when none: hosts
     * takes only the names it lists (or all of its zones without fallthrough).
     */
    private static String shared(ServerBlock b, Directive runsFirst, Directive other) {
        List<String> otherZones = zones(b, other);
        if (runsFirst.name().equals("hosts")) {
            HostsPlugin h = b.hosts().orElse(null);
            if (h == null) {
                return null;
            }
            for (HostsPlugin.Entry e : h.entries()) {
                if (Zones.longest(otherZones, e.name()) != null) {
                    return e.name();
                }
            }
            for (String z : h.zones()) {
                if (!h.fallsThrough("a." + z) && Zones.longest(otherZones, z) != null) {
                    return "every name under " + z;
                }
            }
            return null;
        }
        for (String z : zones(b, runsFirst)) {
            for (String o : otherZones) {
                if (DnsNames.isSubdomain(o, z)) {
                    return "every name under " + z;
                }
                if (DnsNames.isSubdomain(z, o)) {
                    return "every name under " + o;
                }
            }
        }
        return null;
    }

    private static List<String> zones(ServerBlock b, Directive d) {
        return switch (d.name()) {
            case "hosts" -> b.hosts().map(HostsPlugin::zones).orElse(b.zones());
            case "kubernetes" -> b.kubernetes().map(KubernetesPlugin::zones).orElse(b.zones());
            case "forward" -> b.forwards().stream().filter(f -> f.directive().equals(d)).map(ForwardPlugin::from).toList();
            case "template" -> b.templates().stream().filter(t -> t.directive().equals(d)).flatMap(t -> t.zones().stream())
                    .toList();
            default -> b.zones();
        };
    }

    /** @param source the Corefile text the finding's line is in, which names its ConfigMap */
    private static Finding finding(Rule rule, String source, String message, String fix) {
        return Finding.of(rule, List.of(ClusterFacts.corefileObject(source)), message, fix);
    }
}
