package dev.kdi.records;

import dev.kdi.records.KubernetesBackend.Entry;
import dev.kdi.records.KubernetesBackend.Result;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.ServerBlock;
import dev.kdi.records.corefile.Zones;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code kubernetes} plugin in the chain: turns the backend's entries into DNS answers the way
 * its handler ({@code handler.go}) and the generic lookups ({@code plugin/backend_lookup.go}) do:
 * CNAME chasing, SRV weights and additional records, PTR de-duplication, NXDOMAIN versus NODATA,
 * fallthrough, and names that are not the plugin's to answer.
 */
final class Responder {
    private static final int MAX_CNAME_CHAIN = 10;

    private final Function<KubernetesPlugin, KubernetesBackend> backends;
    private final long serial;

    Responder(Function<KubernetesPlugin, KubernetesBackend> backends, long serial) {
        this.backends = backends;
        this.serial = serial;
    }

    /** The indexed objects a kubernetes plugin configuration answers from. */
    KubernetesBackend backend(KubernetesPlugin plugin) {
        return backends.apply(plugin);
    }

    long serial() {
        return serial;
    }

    /**
     * The kubernetes plugin's answer in a server block, or null when it hands the query on
     * (outside its zones, or {@code fallthrough}).
     */
    Answer answer(Question q, ServerBlock b, Trace trace) {
        String qname = q.name();
        String name = DnsNames.lower(qname);
        KubernetesPlugin plugin = b.kubernetes().orElse(null);
        String zone = plugin == null ? null : matchZone(plugin, qname);
        if (zone == null) {
            trace.why(() -> name + " is outside the kubernetes plugin's zones ("
                    + (plugin == null ? "this server block has none" : String.join(" ", plugin.zones())) + ").");
            return null;
        }
        KubernetesBackend backend = backends.apply(plugin);
        Lookup l = new Lookup(trace, zone, backend);
        RrType type = q.type();
        List<ResourceRecord> records = List.of();
        List<ResourceRecord> extra = List.of();
        KubernetesBackend.NameError err = KubernetesBackend.NameError.NONE;
        if (type.equals(RrType.A) || type.equals(RrType.AAAA)) {
            Chased c = l.address(qname, name, type, List.of());
            records = c.records;
            err = c.error;
        } else if (type.equals(RrType.TXT)) {
            Result r = backend.services(trace, qname, name, zone, type);
            err = r.error();
            records = l.txt(qname, r);
        } else if (type.equals(RrType.CNAME)) {
            Result r = backend.services(trace, qname, name, zone, type);
            err = r.error();
            if (!r.entries().isEmpty() && r.entries().get(0).hostType().equals(RrType.CNAME)) {
                Entry e = r.entries().get(0);
                records = List.of(new ResourceRecord(qname, e.ttl(), new Rdata.Cname(DnsNames.absolute(e.host())),
                        e.sources()));
            }
        } else if (type.equals(RrType.PTR)) {
            Result r = backend.reverse(trace, name, zone);
            err = r.error();
            records = l.ptr(qname, r);
        } else if (type.equals(RrType.MX)) {
            Result r = backend.services(trace, qname, name, zone, type);
            err = r.error();
            if (!r.isNameError()) {
                trace.why("The cluster DNS serves no MX records.");
            }
        } else if (type.equals(RrType.SRV)) {
            Result r = backend.services(trace, qname, name, zone, type);
            err = r.error();
            Sections both = l.srv(qname, r);
            records = both.answer();
            extra = both.additional();
        } else if (type.equals(RrType.SOA)) {
            if (qname.equals(zone)) {
                records = List.of(soa(zone, backend));
            } else {
                trace.why(() -> "Only the zone apex " + zone + " has an SOA record; CoreDNS answers NODATA for any other "
                        + "name, existing or not.");
            }
        } else if (type.equals(RrType.AXFR) || type.equals(RrType.IXFR)) {
            if (b.transferEnabled() && DnsNames.lower(zone).equals(backend.plugin().primaryZone()) && name.equals(DnsNames.lower(zone))) {
                trace.why("The Corefile enables zone transfers; this is the zone as a transfer lists it.");
                return answer(q, Status.NOERROR, new ZoneTransfer(backend, serial).records(), List.of(), null, trace);
            }
            trace.why(() -> "Zone transfers are not enabled for " + name + " (no 'transfer' plugin in the server block).");
            return answer(q, Status.REFUSED, List.of(), List.of(), null, trace);
        } else if (type.equals(RrType.NS) && name.equals(zone)) {
            Result r = backend.services(trace, qname, name, zone, type);
            err = r.error();
            Sections both = l.ns(qname, r);
            records = both.answer();
            extra = both.additional();
        } else {
            // CoreDNS looks the name up as A only to tell NODATA from NXDOMAIN.
            Chased c = l.address(qname, name, RrType.A, List.of());
            err = c.error;
            if (err == KubernetesBackend.NameError.NONE) {
                trace.why(() -> "The name exists, but the cluster DNS serves no " + type + " records.");
            }
        }
        if (err != KubernetesBackend.NameError.NONE) {
            List<String> fall = backend.plugin().fallthrough();
            if (Zones.fallsThrough(fall, name)) {
                trace.why(() -> "The kubernetes plugin does not know " + name + " and its 'fallthrough "
                        + String.join(" ", fall) + "' hands the query on.");
                return null;
            }
            return answer(q, Status.NXDOMAIN, List.of(), List.of(), soa(zone, backend), trace);
        }
        if (records.isEmpty() && trace.isIncomplete()) {
            // The records exist but carry what the model cannot know (the answering pod's address).
            return answer(q, Status.NOERROR, List.of(), List.of(), null, trace);
        }
        if (records.isEmpty()) {
            return answer(q, Status.NODATA, List.of(), List.of(), soa(zone, backend), trace);
        }
        return answer(q, Status.NOERROR, records, extra, null, trace);
    }

    /** The longest matching zone, in the case of the query (CoreDNS keeps the query's case). */
    private static String matchZone(KubernetesPlugin plugin, String qname) {
        String best = Zones.longest(plugin.zones(), qname);
        return best == null ? null : qname.substring(qname.length() - best.length());
    }

    /** An address as Go prints it; other text as it is. */
    private static String printed(String host) {
        String canonical = IpAddress.canonical(host);
        return canonical == null ? host : canonical;
    }

    private static Answer answer(Question q, Status s, List<ResourceRecord> records, List<ResourceRecord> extra,
                                 ResourceRecord authority, Trace trace) {
        return new Answer(q, s, records, extra, authority, trace.isIncomplete(), trace.lines());
    }

    /** The zone's SOA as CoreDNS builds it: TTL min(ttl, 300), minimum = ttl. */
    ResourceRecord soa(String zone, KubernetesBackend backend) {
        long ttl = backend.ttl();
        return new ResourceRecord(zone, Math.min(ttl, 300),
                new Rdata.Soa("ns.dns." + zone, "hostmaster." + zone, serial, 7200, 1800, 86400, ttl));
    }

    private record Chased(List<ResourceRecord> records, KubernetesBackend.NameError error) {
    }

    /** The answer and additional sections of one lookup. */
    private record Sections(List<ResourceRecord> answer, List<ResourceRecord> additional) {
    }

    /** The per-query lookups; {@code zone} is the matched zone in the query's case. */
    private final class Lookup {
        private final Trace trace;
        private final String zone;
        private final KubernetesBackend backend;

        Lookup(Trace trace, String zone, KubernetesBackend backend) {
            this.trace = trace;
            this.zone = zone;
            this.backend = backend;
        }

        /** {@code plugin.A} / {@code plugin.AAAA}, including CNAME chasing. */
        Chased address(String qname, String name, RrType type, List<ResourceRecord> previous) {
            Result r = checkForApex(qname, name, type);
            if (r.isNameError()) {
                return new Chased(List.of(), r.error());
            }
            List<ResourceRecord> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Entry e : r.entries()) {
                RrType what = e.hostType();
                if (what.equals(RrType.CNAME)) {
                    String target = DnsNames.absolute(e.host());
                    if (DnsNames.isSubdomain(name, target)) {
                        continue;
                    }
                    ResourceRecord cname = new ResourceRecord(qname, e.ttl(), new Rdata.Cname(target), e.sources());
                    if (previous.size() > MAX_CNAME_CHAIN || duplicateCname(target, previous)) {
                        trace.why(() -> "The CNAME chain through " + target + " loops or is too long; CoreDNS stops following it.");
                        continue;
                    }
                    if (DnsNames.isSubdomain(zone, target)) {
                        List<ResourceRecord> chain = new ArrayList<>(previous);
                        chain.add(cname);
                        Chased next = address(target, DnsNames.lower(target), type, chain);
                        if (next.error == KubernetesBackend.NameError.NONE && !next.records.isEmpty()) {
                            out.add(cname);
                            out.addAll(next.records);
                        } else {
                            trace.why(() -> "The alias target " + target + " is inside the cluster zone but has no " + type
                                    + " records, so CoreDNS drops the CNAME and answers NODATA.");
                        }
                        continue;
                    }
                    trace.incomplete();
                    trace.why(() -> "The alias target " + target + " is outside the cluster zone: CoreDNS asks its upstream "
                            + "resolver and adds that answer after the CNAME.");
                    out.add(cname);
                    continue;
                }
                if (what.equals(type) && seen.add(e.host())) {
                    String address = printed(e.host());
                    Rdata data = type.equals(RrType.A) ? new Rdata.A(address) : new Rdata.Aaaa(address);
                    out.add(new ResourceRecord(qname, e.ttl(), data, e.sources()));
                }
            }
            if (out.isEmpty() && !r.entries().isEmpty() && previous.isEmpty()) {
                boolean anyOther = r.entries().stream().anyMatch(e -> !e.hostType().equals(RrType.CNAME));
                if (anyOther) {
                    trace.why(() -> "The name has only " + (type.equals(RrType.A) ? "IPv6" : "IPv4") + " addresses.");
                }
            }
            return new Chased(out, KubernetesBackend.NameError.NONE);
        }

        private boolean duplicateCname(String target, List<ResourceRecord> previous) {
            for (ResourceRecord r : previous) {
                if (r.data() instanceof Rdata.Cname c && c.target().equals(target)) {
                    return true;
                }
            }
            return false;
        }

        /** {@code checkForApex}: the zone's own name is looked up under {@code apex.dns} first. */
        private Result checkForApex(String qname, String name, RrType type) {
            if (!name.equals(zone)) {
                return backend.services(trace, qname, name, zone, type);
            }
            Trace scratch = new Trace();
            Result apex = backend.services(scratch, "apex.dns." + zone, DnsNames.lower("apex.dns." + zone), zone, type);
            if (!apex.isNameError()) {
                return apex;
            }
            return backend.services(trace, qname, name, zone, type);
        }

        List<ResourceRecord> txt(String qname, Result r) {
            List<ResourceRecord> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Entry e : r.entries()) {
                if (e.text() != null && seen.add(e.text())) {
                    out.add(new ResourceRecord(qname, e.ttl(), new Rdata.Txt(List.of(e.text())), e.sources()));
                }
            }
            return out;
        }

        List<ResourceRecord> ptr(String qname, Result r) {
            List<ResourceRecord> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Entry e : r.entries()) {
                if (IpAddress.version(e.host()) == 0 && seen.add(e.host())) {
                    out.add(new ResourceRecord(qname, e.ttl(), new Rdata.Ptr(DnsNames.absolute(e.host())), e.sources()));
                }
            }
            return out;
        }

        /** {@code plugin.SRV}: weight floor(100/N) over all N entries; targets get addresses. */
        Sections srv(String qname, Result r) {
            List<ResourceRecord> records = new ArrayList<>();
            List<ResourceRecord> extra = new ArrayList<>();
            int n = r.entries().size();
            Set<String> dup = new HashSet<>();
            for (Entry e : r.entries()) {
                if (e.port() == -1) {
                    continue;
                }
                int weight = (int) Math.floor(100.0 / (100.0 * n) * 100.0);
                if (weight == 0) {
                    weight = 1;
                }
                String target = e.domain();
                if (dup.add(target + "|" + (e.port() & 0xffff))) {
                    records.add(new ResourceRecord(qname, e.ttl(), new Rdata.Srv(0, weight, e.port() & 0xffff, target),
                            e.sources()));
                }
                if (dup.add(target + "|addr|" + e.host())) {
                    String address = printed(e.host());
                    Rdata data = e.hostType().equals(RrType.A) ? new Rdata.A(address) : new Rdata.Aaaa(address);
                    extra.add(new ResourceRecord(target, e.ttl(), data, e.sources()));
                }
            }
            if (records.isEmpty() && !r.entries().isEmpty()) {
                trace.why("The name exists but has no ports, so it has no SRV records.");
            }
            return new Sections(records, extra);
        }

        /** {@code plugin.NS}: one NS per distinct name, an address record for each entry. */
        Sections ns(String qname, Result r) {
            List<ResourceRecord> records = new ArrayList<>();
            List<ResourceRecord> extra = new ArrayList<>();
            Map<String, Boolean> seen = new HashMap<>();
            for (Entry e : r.entries()) {
                String address = printed(e.host());
                Rdata data = e.hostType().equals(RrType.A) ? new Rdata.A(address) : new Rdata.Aaaa(address);
                extra.add(new ResourceRecord(e.domain(), e.ttl(), data, e.sources()));
                if (seen.putIfAbsent(e.domain(), Boolean.TRUE) == null) {
                    records.add(new ResourceRecord(qname, e.ttl(), new Rdata.Ns(e.domain()), e.sources()));
                }
            }
            if (r.entries().isEmpty()) {
                // The fallback name carries the answering pod's own address; the name is known.
                String fallback = "ns.dns." + zone;
                records.add(new ResourceRecord(qname, backend.ttl(), new Rdata.Ns(fallback)));
            }
            return new Sections(records, extra);
        }
    }
}
