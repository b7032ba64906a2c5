package dev.kdi.records;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.Unassigned;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the cluster DNS should answer, for one snapshot of the cluster and one Corefile: a model of
 * CoreDNS 1.12.3 and newer (read against CoreDNS 1.14.x) with its {@code kubernetes} plugin.
 *
 * <p>Immutable and safe to share between threads once built. Building indexes the snapshot
 * (and derives EndpointSlices the input lacks); each {@link #answer} works from those indexes
 * as CoreDNS works from its caches.
 */
public final class DnsModel {
    private final ClusterSnapshot snapshot;
    private final Corefile corefile;
    private final long serial;
    private final Map<KubernetesPlugin, KubernetesBackend> backends = new IdentityHashMap<>();
    private final KubernetesBackend primary;
    private final PluginChain chain;
    /** kube-dns's own rules over the chain's answers, when the cluster runs kube-dns; else null. */
    private final KubeDnsRules kubeDns;
    /** {@code endpoint_pod_names}: asked once per endpoint row when a window lists 150,000 of them. */
    private final boolean endpointPodNames;

    private DnsModel(ClusterSnapshot snapshot, Corefile corefile, long serial, List<String> dnsPodSearch) {
        this.snapshot = snapshot;
        this.corefile = corefile;
        this.serial = serial;
        // Index once per distinct plugin configuration; blocks usually share one.
        for (var block : corefile.blocks()) {
            block.kubernetes().ifPresent(k -> backends.put(k, new KubernetesBackend(new ModelIndex(snapshot, k), k)));
        }
        this.primary = corefile.kubernetes().map(backends::get).orElse(null);
        this.endpointPodNames = corefile.kubernetes().map(KubernetesPlugin::endpointPodNames).orElse(false);
        this.chain = new PluginChain(corefile, new Responder(backends::get, serial), ownAddresses(snapshot),
                dnsPodSearch);
        this.kubeDns = corefile.isKubeDns() && primary != null
                ? new KubeDnsRules(corefile.kubernetes().get().primaryZone(), corefile.kubeDns().federations(),
                        snapshot.services(), primary.index().slices, q -> chain.answer(q, PORT_FORWARD_CLIENT))
                : null;
    }

    /**
     * The cluster DNS's own addresses: its Service's cluster IPs and its pods' addresses, where a
     * {@code forward} would send the query back to CoreDNS.
     */
    private static Set<String> ownAddresses(ClusterSnapshot snapshot) {
        Set<String> out = new LinkedHashSet<>();
        for (var svc : snapshot.services()) {
            boolean kubeDns = svc.namespace().equals("kube-system") && svc.name().equals("kube-dns");
            boolean openShift = svc.namespace().equals("openshift-dns") && svc.name().equals("dns-default");
            if (kubeDns || openShift) {
                out.addAll(svc.clusterIPs());
            }
        }
        for (var p : snapshot.pods()) {
            if (p.namespace().equals("kube-system") && "kube-dns".equals(p.labels().get("k8s-app"))) {
                out.addAll(p.ips());
            }
        }
        return out;
    }

    /**
     * Builds the model.
     *
     * @param snapshot the cluster's objects
     * @param corefile the Corefile in force
     * @param serial the SOA serial to report (0 offline; CoreDNS uses its last change time)
     */
    public static DnsModel build(ClusterSnapshot snapshot, Corefile corefile, long serial) {
        return new DnsModel(snapshot, corefile, serial, null);
    }

    /**
     * Builds the model knowing the search domains of the DNS pods' own {@code /etc/resolv.conf}
     * (the node's, with their usual dnsPolicy Default), which {@code autopath @kubernetes} appends
     * to every client's list; without them such tries are said to be unknown.
     */
    public static DnsModel build(ClusterSnapshot snapshot, Corefile corefile, long serial, List<String> dnsPodSearch) {
        return new DnsModel(snapshot, corefile, serial, List.copyOf(dnsPodSearch));
    }

    /** Builds the model with serial 0, as for offline input. */
    public static DnsModel build(ClusterSnapshot snapshot, Corefile corefile) {
        return build(snapshot, corefile, 0);
    }

    /**
     * The source address CoreDNS sees for a query through kdi's port-forward: the pod's own
     * loopback, where the forwarded connection ends.
     */
    public static final String PORT_FORWARD_CLIENT = "127.0.0.1";

    /**
     * The answer CoreDNS would give to a query through kdi's port-forward (from
     * {@value #PORT_FORWARD_CLIENT}), marked with what it depends on that is not assigned yet.
     */
    public Answer answer(Question question) {
        return answer(question, PORT_FORWARD_CLIENT);
    }

    /**
     * The answer CoreDNS would give to a query from {@code client} (what {@code acl} judges), marked
     * with what it depends on that is not assigned yet.
     */
    public Answer answer(Question question, String client) {
        Answer a = kubeDns != null ? kubeDns.answer(question) : chain.answer(question, client);
        if (snapshot.provisional().isEmpty()) {
            return a;
        }
        Set<Unassigned> marks = new LinkedHashSet<>(snapshot.provisional().ofName(question.name()));
        for (ResourceRecord r : a.answer()) {
            marks.addAll(unassigned(r));
        }
        for (ResourceRecord r : a.additional()) {
            marks.addAll(unassigned(r));
        }
        return marks.isEmpty() ? a : a.withUnassigned(List.copyOf(marks));
    }

    /**
     * What one record depends on that the cluster has not assigned yet: a placeholder address in
     * its data, or in its owner or target as a dashed label or a reverse name. Empty for a record
     * of a live cluster.
     */
    public List<Unassigned> unassigned(ResourceRecord r) {
        Provisional p = snapshot.provisional();
        if (p.isEmpty()) {
            return List.of();
        }
        Set<Unassigned> marks = new LinkedHashSet<>(p.ofName(r.owner()));
        Rdata d = r.data();
        if (d instanceof Rdata.A a) {
            marks.addAll(p.ofAddress(a.address()));
        } else if (d instanceof Rdata.Aaaa a) {
            marks.addAll(p.ofAddress(a.address()));
        } else if (d instanceof Rdata.Srv srv) {
            marks.addAll(p.ofName(srv.target()));
        } else if (d instanceof Rdata.Ptr ptr) {
            marks.addAll(p.ofName(ptr.target()));
        }
        return marks.isEmpty() ? List.of() : List.copyOf(marks);
    }

    public Answer answer(String name, RrType type) {
        return answer(new Question(name, type));
    }

    /**
     * The zone as CoreDNS's zone transfer lists it: SOA first and last, NS and glue, then the
     * Services in name order. Empty when the Corefile has no kubernetes plugin.
     */
    public List<ResourceRecord> zone() {
        return primary == null ? List.of() : new ZoneTransfer(primary, serial).records();
    }

    /**
     * The zone as the cluster DNS serves it, with what kdi cannot list.
     *
     * @param records CoreDNS's zone transfer; on kube-dns, kube-dns's answers to the names and types
     *     that transfer lists (kube-dns serves no endpoint names of ClusterIP Services, for one)
     * @param notModelled on kube-dns, the questions of that transfer whose answers kdi does not model
     *     for kube-dns (SRV, PTR, the zone's SOA and NS, ...), each answered {@link Status#NOT_MODELLED}
     *     with why; empty on CoreDNS
     */
    public record Listing(List<ResourceRecord> records, List<Answer> notModelled) {
        public Listing {
            records = List.copyOf(records);
            notModelled = List.copyOf(notModelled);
        }
    }

    /**
     * See {@link Listing}. {@link #zone()} stays CoreDNS's transfer on kube-dns too: a check asks its
     * names, and sets apart those kube-dns's answers to are not modelled.
     */
    public Listing listing() {
        List<ResourceRecord> transfer = zone();
        if (kubeDns == null) {
            return new Listing(transfer, List.of());
        }
        // kube-dns has no zone transfer: ask its rules each name and type CoreDNS would list, once.
        List<ResourceRecord> served = new ArrayList<>();
        List<Answer> notModelled = new ArrayList<>();
        Set<Question> asked = new HashSet<>();
        for (ResourceRecord r : transfer) {
            Question q = new Question(r.owner(), r.type());
            if (!asked.add(q)) {
                continue;
            }
            Answer a = kubeDns.answer(q);
            if (a.status() == Status.NOT_MODELLED) {
                notModelled.add(a);
            } else if (a.status() == Status.NOERROR) {
                served.addAll(a.answer());
            }
        }
        return new Listing(served, notModelled);
    }

    /** The cluster domain: the kubernetes plugin's first forward zone, e.g. {@code cluster.local.}. */
    public Optional<String> clusterDomain() {
        return corefile.kubernetes().map(KubernetesPlugin::primaryZone);
    }

    /** The kubernetes plugin's options in force, when the Corefile has the plugin. */
    public Optional<KubernetesPlugin> plugin() {
        return corefile.kubernetes();
    }

    /** The EndpointSlices CoreDNS sees: given ones and those the controllers would write. */
    public List<EndpointSlice> endpointSlices() {
        return primary == null ? List.of() : primary.index().slices;
    }

    /** The addresses of the DNS pods found in the snapshot. */
    public List<String> dnsPodAddresses() {
        return primary == null ? List.of() : primary.index().dnsPodIps;
    }

    /**
     * The name an endpoint has under its Service: its hostname, its pod's name (with
     * {@code endpoint_pod_names}), or its address with dashes.
     */
    public String endpointName(String address, dev.kdi.records.objects.Endpoint endpoint) {
        return KubernetesBackend.endpointHostname(address, endpoint, endpointPodNames);
    }

    /**
     * What the model noticed about the Corefile: files it could not follow, plugins the release
     * does not have, the plugin order it assumed.
     */
    public List<String> corefileNotes() {
        List<String> out = new java.util.ArrayList<>(corefile.notes());
        if (corefile.order().note() != null) {
            out.add(corefile.order().note() + ".");
        }
        out.addAll(chain.notes());
        return out;
    }

    /** The plugins of a server block in the order CoreDNS runs them. */
    public List<String> pluginChain(dev.kdi.records.corefile.ServerBlock block) {
        return chain.chain(block);
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    public Corefile corefile() {
        return corefile;
    }

    public long serial() {
        return serial;
    }
}
