package dev.kdi.records;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.kdi.records.corefile.AclPlugin;
import dev.kdi.records.corefile.AutopathPlugin;
import dev.kdi.records.corefile.CachePlugin;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.Directive;
import dev.kdi.records.corefile.ExternalPlugin;
import dev.kdi.records.corefile.ForwardPlugin;
import dev.kdi.records.corefile.GoTemplate;
import dev.kdi.records.corefile.HostsPlugin;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PluginOrder;
import dev.kdi.records.corefile.PodMode;
import dev.kdi.records.corefile.RewriteRule;
import dev.kdi.records.corefile.ServerBlock;
import dev.kdi.records.corefile.TemplateRule;
import dev.kdi.records.corefile.Zones;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A query's way through the Corefile as CoreDNS's server ({@code core/dnsserver}) takes it: the
 * server block with the most specific zone on the port (REFUSED when none), then that block's
 * plugins in the release's {@code plugin.cfg} order, each answering or handing the query on.
 *
 * <p>Modelled: {@code acl}, {@code rewrite}, {@code autopath}, {@code hosts}, {@code template}, {@code k8s_external},
 * {@code kubernetes}, {@code forward}, {@code cache}. Plugins that
 * leave answers alone are passed; plugins that may change answers but are not modelled yet are
 * named in the explanation; a query that reaches one that answers on its own (typically
 * {@code forward}) is FORWARDED: its answer is not modelled.
 */
final class PluginChain {
    /** Plugins that never change the records of an answer to a plain query. */
    private static final Set<String> PASSIVE_PLUGINS = Set.of("root", "metadata", "geoip", "cancel", "tls", "proxyproto", "quic",
            "grpc_server", "https", "https3", "timeouts", "multisocket", "reload", "nsid", "bufsize", "bind", "debug",
            "trace", "ready", "health", "pprof", "shed", "prometheus", "errors", "log", "dnstap", "loop", "transfer",
            "loadbalance", "edns0", "on", "sign", "view", "tsig");
    /** Plugins that may change an answer on its way and that part 1 of the Corefile model does not follow. */
    private static final Set<String> UNMODELLED_PLUGINS = Set.of("any", "dns64", "local", "minimal", "header",
            "dnssec", "chaos");
    private static final int MAX_UPSTREAM_DEPTH = 8;
    /** How the explanation of a forwarded answer begins; the faces show that line even without --explain. */
    static final String FORWARDED_TO = "FORWARDED to ";

    private final Corefile corefile;
    private final Responder kubernetes;
    /** The cluster DNS's own addresses (its Service's cluster IPs, its pods): a forward there loops. */
    private final Set<String> ownAddresses;
    private final int port;
    /** The search domains of the DNS pods' own resolv.conf, which autopath @kubernetes appends; null when unknown. */
    private final List<String> dnsPodSearch;
    /** Each block's walk, worked out once: every answer takes one, and most take the same steps. */
    private final Map<ServerBlock, Plan> plans = new IdentityHashMap<>();
    private final List<String> notes = new ArrayList<>();

    PluginChain(Corefile corefile, Responder kubernetes, Set<String> ownAddresses, List<String> dnsPodSearch) {
        this.corefile = corefile;
        this.dnsPodSearch = dnsPodSearch == null ? null : dnsPodSearch.stream()
                .map(z -> DnsNames.lower(DnsNames.absolute(z))).toList();
        this.kubernetes = kubernetes;
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.port = corefile.port();
        PluginOrder order = corefile.order();
        boolean wildcards = order.atLeast(1, 14, 6);
        for (ServerBlock b : corefile.blocks()) {
            Map<String, Integer> present = new LinkedHashMap<>();
            for (Directive d : b.directives()) {
                int rank = order.rank(d.name());
                if (rank < 0) {
                    notes.add("Plugin '" + d.name() + "' (" + d.where() + ") is not in CoreDNS v" + order.version()
                            + "'s plugin.cfg: a stock CoreDNS refuses this Corefile; kdi passes the plugin by.");
                    continue;
                }
                present.putIfAbsent(d.name(), rank);
            }
            List<String> chain = present.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .toList();
            plans.put(b, new Plan(b, chain, "block at " + where(b), wildcards, this::loopThrough));
        }
    }

    /** What reading the Corefile and choosing the order noticed. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** The plugins of a block in the order CoreDNS runs them. */
    List<String> chain(ServerBlock b) {
        Plan plan = plans.get(b);
        return plan == null ? List.of() : plan.chain;
    }

    /**
     * The answer to a query from {@code client}, the address CoreDNS sees as its source: kdi's
     * port-forward delivers every query from {@code 127.0.0.1}; a pod's own query comes from its
     * address.
     */
    Answer answer(Question q, String client) {
        return answer(q, 0, client);
    }

    private Answer answer(Question q, int depth, String client) {
        Trace trace = new Trace();
        String name = DnsNames.lower(q.name());
        ServerBlock block = corefile.blockFor(name, port).orElse(null);
        if (block == null) {
            trace.why(() -> "No server block of the Corefile (" + corefile.origin() + ") serves " + name + " on port " + port
                    + ": CoreDNS refuses the query.");
            return new Answer(q, Status.REFUSED, List.of(), List.of(), null, false, trace.lines(), List.of(), null);
        }
        Plan plan = plans.get(block);
        Walk walk = new Walk(block, plan, trace, depth, client);
        Result r = walk.serve(0, new Request(q.name(), name, q.type(), null));
        String source = trace.source() == null ? plan.where : trace.source();
        return new Answer(q, r.status(), r.answer(), r.additional(), r.authority(), trace.isIncomplete(), trace.lines(),
                List.of(), new AnsweredBy(plan.label, trace.chain(), source));
    }

    /** The upstream of a forward that is the cluster DNS itself (its Service, a pod, loopback), or null. */
    private String loopThrough(ForwardPlugin f) {
        for (String to : f.to()) {
            if (ForwardPlugin.isResolvConf(to)) {
                continue;
            }
            String host = ForwardPlugin.host(to);
            // The DNS pod's own loopback reaches CoreDNS only on the port it serves.
            boolean self = IpAddress.isLoopback(host) && ForwardPlugin.port(to) == port;
            if (self || ForwardPlugin.port(to) == 53 && ownAddresses.contains(IpAddress.canonical(host))) {
                return to;
            }
        }
        return null;
    }

    private String where(ServerBlock b) {
        return corefile.origin() + " line " + b.line();
    }

    /** What each plugin of the chain is to the walk. */
    private enum Step {
        PASSIVE, ACL, REWRITE, AUTOPATH, HOSTS, TEMPLATE, EXTERNAL, KUBERNETES, FORWARD, CACHE, UNMODELLED, ANSWERS_ALONE;

        static Step of(String plugin) {
            return switch (plugin) {
                case "acl" -> ACL;
                case "rewrite" -> REWRITE;
                case "autopath" -> AUTOPATH;
                case "hosts" -> HOSTS;
                case "template" -> TEMPLATE;
                case "k8s_external" -> EXTERNAL;
                case "kubernetes" -> KUBERNETES;
                case "forward" -> FORWARD;
                case "cache" -> CACHE;
                default -> PASSIVE_PLUGINS.contains(plugin) ? PASSIVE
                        : UNMODELLED_PLUGINS.contains(plugin) ? UNMODELLED : ANSWERS_ALONE;
            };
        }
    }

    /**
     * A block's chain as the walk takes it, and what its plugins need on every query, made once:
     * the texts every answer names, the hosts index, each regex rule's required ending.
     */
    private static final class Plan {
        final List<String> chain;
        final Step[] steps;
        /** For each position, the first position at or after it whose plugin is not passive. */
        final int[] active;
        final String label;
        final String where;
        /** Where the kubernetes plugin stands; null without one. */
        final String kubernetesWhere;
        final HostsPlugin.Index hosts;
        /** What the hosts plugin says of a name it does not hold and falls through for: most names. */
        final String hostsMiss;
        /** For each rewrite rule, the literal a regex rule's matches end with, when it has one. */
        final String[] regexSuffixes;
        /** Every template's zones, to pass a name none serves straight on. */
        final List<String> templateZones;
        /** For each rewrite rule of type {@code type}, the types it reads and writes (null for a type kdi does not know). */
        final RrType[] typeFrom;
        final RrType[] typeTo;
        /** For each forward, the upstream of it that is the cluster DNS itself, or null. */
        final String[] loops;

        Plan(ServerBlock b, List<String> chain, String where, boolean wildcards,
             java.util.function.Function<ForwardPlugin, String> loopThrough) {
            this.chain = chain;
            this.steps = chain.stream().map(Step::of).toArray(Step[]::new);
            this.active = new int[chain.size() + 1];
            active[chain.size()] = chain.size();
            for (int i = chain.size() - 1; i >= 0; i--) {
                active[i] = steps[i] == Step.PASSIVE ? active[i + 1] : i;
            }
            this.label = b.label();
            this.where = where;
            this.kubernetesWhere = b.directive("kubernetes").map(Directive::where).orElse(null);
            this.hosts = b.hosts().map(h -> h.index(wildcards)).orElse(null);
            this.hostsMiss = b.hosts().map(h -> "hosts (" + h.directive().where() + ") has no entry for the name; its "
                    + "fallthrough hands the query on.").orElse(null);
            this.regexSuffixes = new String[b.rewrites().size()];
            this.typeFrom = new RrType[b.rewrites().size()];
            this.typeTo = new RrType[b.rewrites().size()];
            for (int k = 0; k < regexSuffixes.length; k++) {
                if (b.rewrites().get(k) instanceof RewriteRule.Name n && n.match() == RewriteRule.Match.REGEX) {
                    regexSuffixes[k] = RewriteRules.requiredSuffix(n.regex().pattern());
                } else if (b.rewrites().get(k) instanceof RewriteRule.Type t) {
                    typeFrom[k] = RrType.parse(t.from()).orElse(null);
                    typeTo[k] = RrType.parse(t.to()).orElse(null);
                }
            }
            this.loops = b.forwards().stream().map(loopThrough).toArray(String[]::new);
            List<String> zones = new ArrayList<>();
            b.templates().forEach(t -> zones.addAll(t.zones()));
            this.templateZones = List.copyOf(zones);
        }
    }

    /**
     * The question as the plugins see it: rewritten name or type, or a class kdi does not model.
     *
     * @param lower the name in lower case, made once: every rule compares it
     */
    private record Request(String name, String lower, RrType type, String otherClass) {
        Request(String name, RrType type, String otherClass) {
            this(name, DnsNames.lower(name), type, otherClass);
        }
    }

    /**
     * An answer on its way back up the chain.
     *
     * @param unwritten a failure a plugin returned without writing a reply or an error (no plugin
     *     left, hosts without fallthrough): {@code autopath} goes on past it to its next search domain
     */
    private record Result(Status status, List<ResourceRecord> answer, List<ResourceRecord> additional,
                          ResourceRecord authority, boolean unwritten) {
        Result(Status status, List<ResourceRecord> answer, List<ResourceRecord> additional, ResourceRecord authority) {
            this(status, answer, additional, authority, false);
        }

        static Result of(Status s) {
            return new Result(s, List.of(), List.of(), null);
        }

        static Result unwritten(Status s) {
            return new Result(s, List.of(), List.of(), null, true);
        }

        Result map(UnaryOperator<ResourceRecord> f) {
            return new Result(status, answer.stream().map(f).toList(), additional.stream().map(f).toList(),
                    authority == null ? null : f.apply(authority), unwritten);
        }
    }

    /** One query's walk through one block. */
    private final class Walk {
        private final ServerBlock block;
        private final Plan plan;
        private final Trace trace;
        private final int depth;
        private final List<String> chain;
        private final String client;

        Walk(ServerBlock block, Plan plan, Trace trace, int depth, String client) {
            this.block = block;
            this.plan = plan;
            this.trace = trace;
            this.depth = depth;
            this.client = client;
            this.chain = plan.chain;
        }

        Result serve(int from, Request req) {
            // Passive plugins hand every query on unchanged: go straight to the next that may not.
            int i = plan.active[from];
            if (i >= chain.size()) {
                trace.why(() -> "No plugin after " + (i == 0 ? "the start" : chain.get(i - 1)) + " in block " + block.label()
                        + " can answer: CoreDNS answers SERVFAIL.");
                return Result.unwritten(Status.SERVFAIL);
            }
            String plugin = chain.get(i);
            if (req.otherClass() != null) {
                return notModelled(plugin, "the query's class was rewritten to " + req.otherClass());
            }
            return switch (plan.steps[i]) {
                case ACL -> acl(i, req);
                case REWRITE -> rewrite(i, req);
                case AUTOPATH -> autopath(i, req);
                case HOSTS -> hosts(i, req);
                case TEMPLATE -> template(i, req);
                case EXTERNAL -> external(i, req);
                case KUBERNETES -> kubernetes(i, req);
                case FORWARD -> forward(i, req);
                case CACHE -> cache(i, req);
                case UNMODELLED -> {
                    trace.why(() -> "Plugin '" + plugin + "' runs here but is not modelled yet: the prediction assumes it lets "
                            + "the query through unchanged.");
                    yield serve(i + 1, req);
                }
                case ANSWERS_ALONE -> notModelled(plugin, null);
                case PASSIVE -> throw new IllegalStateException("passive plugins are skipped");
            };
        }

        private Result notModelled(String plugin, String why) {
            Directive d = block.directive(plugin).orElse(null);
            trace.acted(plugin, d == null ? null : d.where());
            trace.incomplete();
            if (plugin.equals("forward")) {
                trace.why(() -> "CoreDNS hands the query to 'forward'" + (d == null ? "" : " (" + d.where() + ")")
                        + (why == null ? "" : " (" + why + ")") + ": answers past 'forward' are not modelled yet.");
            } else {
                trace.why(() -> "CoreDNS hands the query to '" + plugin + "'" + (d == null ? "" : " (" + d.where() + ")")
                        + (why == null ? "" : " (" + why + ")") + ": answers of '" + plugin + "' are not modelled yet.");
            }
            return Result.of(Status.FORWARDED);
        }

        private Result kubernetes(int i, Request req) {
            Answer a = PluginChain.this.kubernetes.answer(new Question(req.name(), req.type()), block, trace);
            if (a == null) {
                return serve(i + 1, req);
            }
            trace.acted("kubernetes", plan.kubernetesWhere);
            return new Result(a.status(), a.answer(), a.additional(), a.authority());
        }

        // ---- acl ----

        /**
         * Each {@code acl} rule whose zones hold the name, in turn ({@code ACL.ServeDNS}): its first
         * policy taking the query's type and source decides; {@code allow} ends every later rule's
         * say; a rule none of whose policies take the query leaves it to the next.
         */
        private Result acl(int i, Request req) {
            String address = client.indexOf('%') >= 0 ? client.substring(0, client.indexOf('%')) : client;
            IpAddress source = IpAddress.parse(address).orElse(null);
            String type = req.type().mnemonic();
            for (AclPlugin a : block.acls()) {
                if (Zones.longest(a.zones(), req.lower()) == null) {
                    continue;
                }
                String where = a.directive().where();
                if (source == null) {
                    trace.acted("acl", where);
                    trace.why(() -> "acl (" + where + ") cannot read the query's source address " + client
                            + ": CoreDNS blocks it, REFUSED.");
                    return Result.of(Status.REFUSED);
                }
                for (AclPlugin.Policy p : a.policies()) {
                    if (!p.takes(type, source)) {
                        continue;
                    }
                    String said = "acl (" + where + ", line " + p.line() + ") " + p.action().name().toLowerCase(java.util.Locale.ROOT)
                            + "s a " + type + " query from " + client;
                    switch (p.action()) {
                        case ALLOW -> {
                            trace.why(() -> said + ": no later acl rule is tried.");
                            return serve(i + 1, req);
                        }
                        case BLOCK -> {
                            trace.acted("acl", where);
                            trace.why(() -> said + ": REFUSED (extended error Blocked).");
                            return Result.of(Status.REFUSED);
                        }
                        case FILTER -> {
                            trace.acted("acl", where);
                            trace.why(() -> said + ": NOERROR with no records (extended error Filtered).");
                            return Result.of(Status.NODATA);
                        }
                        case DROP -> {
                            trace.acted("acl", where);
                            trace.why(() -> said + ": CoreDNS writes no reply and the client times out.");
                            return Result.of(Status.DROPPED);
                        }
                        default -> throw new IllegalStateException(p.action().name());
                    }
                }
            }
            return serve(i + 1, req);
        }

        // ---- autopath ----

        /**
         * The search list applied by the server ({@code AutoPath.ServeDNS}): a query under the
         * client's first search domain is asked again with each search domain in turn, then bare,
         * until one is not NXDOMAIN; that answer goes back with a CNAME from the asked name to the
         * found one. All NXDOMAIN: the first answer, and the client walks its list itself.
         */
        private Result autopath(int i, Request req) {
            AutopathPlugin ap = block.autopath().orElseThrow();
            String name = req.lower();
            if (Zones.longest(ap.zones(), name) == null) {
                return serve(i + 1, req);
            }
            String where = ap.directive().where();
            List<String> search = searchPath(ap, name, where);
            if (search == null || search.get(0).isEmpty()) {
                return serve(i + 1, req);
            }
            String first = search.get(0);
            if (!DnsNames.isSubdomain(first, name)) {
                trace.why(() -> "autopath (" + where + "): " + name + " is not under the client's first search domain " + first
                        + ", so it is no search-list try: handed on as asked.");
                return serve(i + 1, req);
            }
            if (name.equals(first)) {
                trace.acted("autopath", where);
                trace.why(() -> "autopath (" + where + ") cannot cut the search domain " + first + " off the name that is that "
                        + "domain itself (dnsutil.TrimZone fails): CoreDNS answers SERVFAIL.");
                return Result.of(Status.SERVFAIL);
            }
            // The base keeps the asked spelling, as CoreDNS cuts it from the question's own name.
            String asked = req.name().length() == name.length() ? req.name() : name;
            String base = asked.substring(0, asked.length() - first.length() - 1);
            Result firstReply = null;
            Trace firstTrace = null;
            int tries = 0;
            for (int k = 0; k < search.size(); k++) {
                String domain = search.get(k);
                if (domain == null) {
                    trace.incomplete();
                    trace.why(() -> "autopath (" + where + ") next tries " + base + " under each search domain of the DNS pods' "
                            + "own /etc/resolv.conf (the node's, with dnsPolicy Default), which kdi does not know: the "
                            + "prediction assumes there are none.");
                    continue;
                }
                String tried = domain.isEmpty() ? base + "." : base + "." + domain;
                Trace sub = new Trace();
                Result r = new Walk(block, plan, sub, depth, client).serve(i + 1, new Request(tried, req.type(), req.otherClass()));
                Status got = r.status();
                int attempt = k;
                int shown = ++tries;
                trace.why(() -> "autopath (" + where + ") try " + shown + ": " + tried + " " + req.type() + " → " + got
                        + (got == Status.NXDOMAIN || r.unwritten() ? ", so the next search domain." : "."));
                if (k == 0) {
                    firstReply = r;
                    firstTrace = sub;
                }
                if (got == Status.NXDOMAIN || r.unwritten()) {
                    trace.absorb(sub, false);
                    continue;
                }
                if (got == Status.DROPPED) {
                    // acl's drop returns success without a reply; autopath reads the missing reply and panics.
                    trace.absorb(sub, false);
                    trace.acted("autopath", where);
                    trace.why(() -> "acl drops " + tried + " without a reply, and autopath reads the reply that is not "
                            + "there: CoreDNS recovers from the panic with SERVFAIL.");
                    return Result.of(Status.SERVFAIL);
                }
                if (k > 0) {
                    trace.acted("autopath", where);
                }
                trace.absorb(sub, true);
                if (got == Status.FORWARDED) {
                    trace.why(() -> "autopath (" + where + "): the upstream's answer for " + tried + " decides; if it is "
                            + "NXDOMAIN CoreDNS goes on down the search list, otherwise the pod gets it "
                            + (attempt > 0 ? "behind a CNAME from " + asked + " to " + tried : "as it is") + ".");
                    return r;
                }
                Result found = cnamed(r, asked);
                if (k > 0) {
                    trace.why(() -> "autopath (" + where + ") answers " + asked + " with " + tried + "'s " + got
                            + (found.answer().isEmpty() ? " (no records, so no CNAME)" : ", behind a CNAME from " + asked
                            + " to " + tried) + ": the pod's resolver asks no further search domain.");
                }
                return found;
            }
            trace.chainFrom(firstTrace);
            if (!firstReply.unwritten()) {
                trace.why(() -> "autopath (" + where + "): no try found the name; CoreDNS answers the first one and the pod's "
                        + "resolver goes down its own search list, query by query.");
            }
            return firstReply;
        }

        /** {@code cnamer}: a CNAME from the asked name to the first record named otherwise, with its TTL, goes first. */
        private Result cnamed(Result r, String asked) {
            for (ResourceRecord rr : r.answer()) {
                if (DnsNames.equalIgnoringCase(rr.owner(), asked)) {
                    continue;
                }
                List<ResourceRecord> answer = new ArrayList<>(r.answer().size() + 1);
                answer.add(new ResourceRecord(asked, rr.ttl(), new Rdata.Cname(rr.owner())));
                answer.addAll(r.answer());
                return new Result(r.status(), answer, r.additional(), r.authority());
            }
            return r;
        }

        /**
         * The client's search list, ending with the bare name ({@code ""}), and null (said why) when
         * autopath does nothing for it. A null element stands for the DNS pods' own search domains
         * when kdi does not know them.
         */
        private List<String> searchPath(AutopathPlugin ap, String name, String where) {
            if (ap.plugin() == null) {
                if (ap.fileSearch() == null) {
                    trace.incomplete();
                    trace.why(() -> "autopath (" + where + ") takes its search list from " + ap.file() + ": " + ap.fileUnknown()
                            + "; the prediction assumes it does not apply.");
                    return null;
                }
                List<String> list = new ArrayList<>(ap.fileSearch());
                list.add("");
                return list;
            }
            String named = ap.plugin();
            if (!block.has(named)) {
                trace.why(() -> "autopath @" + named + " (" + where + "): the block has no " + named + " plugin to give a search "
                        + "list, so autopath does nothing.");
                return null;
            }
            if (!named.equals("kubernetes")) {
                trace.incomplete();
                trace.why(() -> "autopath @" + named + " (" + where + "): the search list " + named + " gives is not modelled; "
                        + "the prediction assumes autopath does not apply.");
                return null;
            }
            KubernetesPlugin k = block.kubernetes().orElseThrow();
            String zone = Zones.longest(k.zones(), name);
            if (zone == null) {
                return null;
            }
            if (k.pods() != PodMode.VERIFIED) {
                trace.why(() -> "autopath @kubernetes (" + where + "): without 'pods verified' the kubernetes plugin keeps no "
                        + "pod cache and gives no search list: the query is handed on as asked (lint "
                        + "corefile-autopath-unverified).");
                return null;
            }
            String address = client.indexOf('%') >= 0 ? client.substring(0, client.indexOf('%')) : client;
            IpAddress parsed = IpAddress.parse(address).orElse(null);
            List<Pod> pods = parsed == null ? List.of() : kubernetes.backend(k).index().podsWithIp(IpAddress.canonical(address));
            if (pods.isEmpty()) {
                boolean forwarded = client.equals(DnsModel.PORT_FORWARD_CLIENT);
                trace.why(() -> "autopath @kubernetes (" + where + "): no pod has the query's source address " + client
                        + (forwarded ? " (through kdi's port-forward the DNS pod sees its own loopback, not the asking pod)"
                        : "") + ", so there is no search list to apply: the query is handed on as asked.");
                return null;
            }
            Pod pod = pods.get(0);
            if (pods.size() > 1) {
                trace.why(() -> pods.size() + " pods have the address " + client + " (host network): CoreDNS takes any one of "
                        + "them; kdi takes " + pod.namespace() + "/" + pod.name() + ".");
            }
            List<String> list = new ArrayList<>();
            if (zone.equals(".")) {
                list.add(pod.namespace() + ".svc.");
                list.add("svc.");
                list.add(".");
            } else {
                list.add(DnsNames.lower(pod.namespace()) + ".svc." + zone);
                list.add("svc." + zone);
                list.add(zone);
            }
            if (dnsPodSearch == null) {
                list.add(null);
            } else {
                list.addAll(dnsPodSearch);
            }
            list.add("");
            trace.why(() -> "autopath @kubernetes (" + where + "): the query comes from pod " + pod.namespace() + "/" + pod.name()
                    + ", whose search list the server applies itself: " + list.stream()
                    .map(d -> d == null ? "(the DNS pods' own search domains)" : d.isEmpty() ? "(bare name)" : d)
                    .collect(java.util.stream.Collectors.joining(", ")) + "; the pod's own dnsConfig.searches play no part.");
            return list;
        }

        // ---- k8s_external ----

        private Result external(int i, Request req) {
            ExternalPlugin e = block.external().orElseThrow();
            KubernetesPlugin k = block.kubernetes().orElse(null);
            if (k == null) {
                return notModelled("k8s_external", "a stock CoreDNS refuses to start it without a kubernetes plugin in the "
                        + "block");
            }
            K8sExternal.Reply r = new K8sExternal(e, kubernetes.backend(k), kubernetes.serial(), trace, this::upstream)
                    .answer(req.name(), req.type());
            if (r == null) {
                return serve(i + 1, req);
            }
            trace.acted("k8s_external", e.directive().where());
            return new Result(r.status(), r.answer(), r.additional(), r.authority());
        }

        // ---- forward ----

        /**
         * Each {@code forward} in turn ({@code Forward.match}): the first that takes the name
         * sends it upstream, where the model cannot follow; a name none takes goes on.
         */
        private Result forward(int i, Request req) {
            String name = req.lower();
            List<ForwardPlugin> forwards = block.forwards();
            for (int k = 0; k < forwards.size(); k++) {
                ForwardPlugin f = forwards.get(k);
                String where = f.directive().where();
                if (!f.takes(name)) {
                    trace.why(() -> "forward (" + where + ") takes " + f.from() + (f.except().isEmpty() ? ""
                            : " except " + String.join(" ", f.except())) + ", not " + name + ": it hands the query on.");
                    continue;
                }
                trace.acted("forward", where);
                String loop = plan.loops[k];
                if (loop != null) {
                    trace.why(() -> "forward (" + where + ") sends " + name + " to " + loop + ", the cluster DNS itself: the "
                            + "query comes back to this block and is forwarded again, a loop. The 'loop' plugin stops "
                            + "CoreDNS at start when it sees one; without it the query fails: SERVFAIL.");
                    return Result.of(Status.SERVFAIL);
                }
                trace.incomplete();
                trace.why(() -> FORWARDED_TO + String.join(", ", f.to()) + " by forward in block " + plan.label);
                trace.why(() -> "forward (" + where + ") takes " + name + ": the answer is the upstream's, which the model "
                        + "cannot know.");
                return Result.of(Status.FORWARDED);
            }
            return serve(i + 1, req);
        }

        // ---- cache ----

        /**
         * {@code cache} on a first answer ({@link CacheTtl}): said in the explanation; the records
         * keep the answering plugin's TTL.
         */
        private Result cache(int i, Request req) {
            Result r = serve(i + 1, req);
            CachePlugin c = block.cache().orElse(null);
            if (c == null || Zones.longest(c.zones(), req.lower()) == null || req.type().equals(RrType.AXFR)
                    || req.type().equals(RrType.IXFR)) {
                return r;
            }
            CacheTtl.Sent sent = CacheTtl.of(c, r.status(), r.answer(), r.additional(), r.authority());
            if (!sent.changes(r.answer(), r.additional(), r.authority())) {
                return r;
            }
            String where = c.directive().where();
            long ttl = sent.ttl();
            boolean denial = sent.denial();
            // The records keep the TTL the answering plugin gives: the project's examples and the DNS
            // primer print dns-version with 28800 under kubeadm's cache 30, so the cap is told, not applied.
            trace.why(() -> "cache (" + where + ") sends this first answer to clients with the TTL " + ttl
                    + " on every record (the " + (denial ? "denial" : "success") + " cache's lowest record TTL, at least "
                    + (denial ? c.denialMin() : c.successMin()) + " and at most " + (denial ? c.denialTtl()
                    : c.successTtl()) + "); the records show the TTL the answering plugin gives.");
            return r;
        }

        // ---- rewrite ----

        private Result rewrite(int i, Request req) {
            String original = req.lower();
            Request current = req;
            List<UnaryOperator<ResourceRecord>> responseRules = List.of();
            boolean stopped = false;
            boolean changedName = false;
            List<RewriteRule> rules = block.rewrites();
            for (int k = 0; k < rules.size(); k++) {
                RewriteRule rule = rules.get(k);
                String name = current.lower();
                boolean matched = false;
                if (rule instanceof RewriteRule.Name n) {
                    String to = RewriteRules.rewritten(n, name, plan.regexSuffixes[k]);
                    if (to == null) {
                        continue;
                    }
                    if (!DnsNames.fitsTheWire(to)) {
                        trace.acted("rewrite", n.directive().where());
                        trace.why(() -> "rewrite (" + n.directive().where() + ") turns " + name + " into \"" + to
                                + "\", which is no domain name: CoreDNS answers SERVFAIL.");
                        return Result.of(Status.SERVFAIL);
                    }
                    trace.why(() -> "rewrite (" + n.directive().where() + ") asks the next plugins for " + to + " instead of "
                            + name + (name.endsWith(".") ? "" : "."));
                    current = new Request(to, current.type(), current.otherClass());
                    changedName = true;
                    if (responseRules.isEmpty()) {
                        responseRules = new ArrayList<>();
                    }
                    responseRules.addAll(RewriteRules.responseRules(n, to, name));
                    matched = true;
                } else if (rule instanceof RewriteRule.Type t) {
                    RrType from = plan.typeFrom[k];
                    RrType to = plan.typeTo[k];
                    if (from == null || to == null) {
                        trace.why(() -> "rewrite type " + t.from() + " " + t.to() + " (" + t.directive().where()
                                + ") names a type kdi does not know; the rule is not followed.");
                        continue;
                    }
                    if (!current.type().equals(from)) {
                        continue;
                    }
                    trace.why(() -> "rewrite (" + t.directive().where() + ") asks the next plugins for type " + to + " instead of "
                            + from + "; the answer keeps the " + to + " records.");
                    current = new Request(current.name(), to, current.otherClass());
                    matched = true;
                } else if (rule instanceof RewriteRule.QueryClass c) {
                    if (!c.from().equals("IN") || c.to().equals("IN")) {
                        continue;
                    }
                    current = new Request(current.name(), current.type(), c.to());
                    matched = true;
                } else if (rule instanceof RewriteRule.Unmodelled u) {
                    if (u.changesAnswers()) {
                        trace.incomplete();
                        trace.why(() -> "rewrite " + u.field() + " (" + u.directive().where() + ") may change this answer and is "
                                + "not modelled yet.");
                    }
                    continue;
                }
                if (matched) {
                    trace.acted("rewrite", rule.directive().where());
                    if (rule.stops()) {
                        stopped = true;
                        break;
                    }
                }
            }
            Result r = serve(i + 1, current);
            if (!changedName) {
                return r;
            }
            for (int k = responseRules.size() - 1; k >= 0; k--) {
                r = r.map(responseRules.get(k));
            }
            boolean restored = stopped || !responseRules.isEmpty();
            if (!restored) {
                String asked = current.lower();
                trace.why(() -> "No rule restores the question: the response's question section says " + asked
                        + ", not " + original + ", and resolvers such as glibc and Java discard it.");
            } else if (r.answer().stream().anyMatch(rr -> !rr.ownerKey().equals(original))) {
                String owner = r.answer().get(0).ownerKey();
                trace.why(() -> "The answer's records are named " + owner + ", not " + original
                        + ": without 'answer auto' (or 'answer name') clients such as glibc and Java drop them "
                        + "(coredns#1788).");
            }
            return r;
        }

        // ---- hosts ----

        private Result hosts(int i, Request req) {
            HostsPlugin h = block.hosts().orElseThrow();
            HostsPlugin.Index index = plan.hosts;
            String name = req.lower();
            String zone = Zones.longest(h.zones(), name);
            if (zone == null && !req.type().equals(RrType.PTR)) {
                trace.why(() -> "hosts (" + h.directive().where() + ") serves " + String.join(" ", h.zones()) + ", not " + name
                        + ": it hands the query on.");
                return serve(i + 1, req);
            }
            List<ResourceRecord> records = new ArrayList<>();
            if (req.type().equals(RrType.PTR)) {
                String address = IpAddress.fromReverseName(name).orElse(null);
                List<HostsPlugin.Entry> names = address == null ? List.of() : index.names(address);
                if (names.isEmpty()) {
                    trace.why(() -> "hosts (" + h.directive().where() + ") has no name for this address: it hands the query on.");
                    return serve(i + 1, req);
                }
                for (HostsPlugin.Entry e : names) {
                    records.add(new ResourceRecord(name, h.ttl(), new Rdata.Ptr(e.name())));
                    trace.why(() -> "hosts: " + e.address() + " " + e.name() + " (" + e.where() + ").");
                }
                trace.acted("hosts", names.get(0).where());
                return new Result(Status.NOERROR, records, List.of(), null);
            }
            // One lookup per family at most: most names are not in the hosts file, and each lookup walks the index.
            List<HostsPlugin.Entry> asked = List.of();
            if (req.type().equals(RrType.A) || req.type().equals(RrType.AAAA)) {
                boolean v4 = req.type().equals(RrType.A);
                asked = index.lookup(name, v4);
                for (HostsPlugin.Entry e : asked) {
                    records.add(new ResourceRecord(name, h.ttl(), v4 ? new Rdata.A(e.address()) : new Rdata.Aaaa(e.address())));
                    trace.why(() -> "hosts: " + e.address() + " " + e.name() + " (" + e.where() + ").");
                }
            } else if (h.fallthroughUnsupported() && h.fallsThrough(name)) {
                trace.why(() -> "hosts answers A, AAAA and PTR only; 'fallthrough_unsupported' hands " + req.type() + " on.");
                return serve(i + 1, req);
            }
            // Any entry for the name: its IPv4 ones, else its IPv6 ones.
            List<HostsPlugin.Entry> any;
            if (!asked.isEmpty()) {
                any = asked;
            } else if (req.type().equals(RrType.A)) {
                any = index.lookup(name, false);
            } else {
                any = index.lookup(name, true);
                if (any.isEmpty() && !req.type().equals(RrType.AAAA)) {
                    any = index.lookup(name, false);
                }
            }
            if (records.isEmpty() && any.isEmpty()) {
                if (h.fallsThrough(name)) {
                    trace.why(plan.hostsMiss);
                    return serve(i + 1, req);
                }
                trace.acted("hosts", h.directive().where());
                trace.why(() -> "hosts (" + h.directive().where() + ") has no entry for " + name + " and no 'fallthrough' for it: "
                        + "CoreDNS answers SERVFAIL (hosts has no SOA to say NXDOMAIN with), and no later plugin sees the name.");
                return Result.unwritten(Status.SERVFAIL);
            }
            trace.acted("hosts", records.isEmpty() ? any.get(0).where() : whereOf(asked));
            if (records.isEmpty()) {
                trace.why(() -> "hosts has " + name + " but no " + req.type() + " record for it: NOERROR with no answer.");
                return Result.of(Status.NODATA);
            }
            return new Result(Status.NOERROR, records, List.of(), null);
        }

        private String whereOf(List<HostsPlugin.Entry> entries) {
            return entries.isEmpty() ? null : entries.get(0).where();
        }

        // ---- template ----

        private Result template(int i, Request req) {
            String name = req.lower();
            if (Zones.longest(plan.templateZones, name) == null) {
                return serve(i + 1, req);
            }
            for (TemplateRule t : block.templates()) {
                String zone = Zones.longest(t.zones(), name);
                if (zone == null) {
                    continue;
                }
                if (!t.qclass().equals("ANY") && !t.qclass().equals("IN")) {
                    continue;
                }
                if (!t.type().equals("ANY") && !req.type().equals(RrType.ANY) && !t.type().equals(req.type().mnemonic())) {
                    continue;
                }
                GoTemplate.Data data = null;
                for (Pattern p : t.regexes()) {
                    // One match gives the numbered groups and the named ones (Go's FindStringSubmatch).
                    Matcher m = p.matcher(name);
                    if (!m.find()) {
                        continue;
                    }
                    List<String> groups = new ArrayList<>(m.groupCount() + 1);
                    Map<String, String> group = new HashMap<>();
                    for (int g = 0; g <= m.groupCount(); g++) {
                        String v = m.group(g) == null ? "" : m.group(g);
                        groups.add(v);
                        group.put(Integer.toString(g), v);
                    }
                    for (Map.Entry<String, Integer> e : p.namedGroups().entrySet()) {
                        group.put(e.getKey(), groups.get(e.getValue()));
                    }
                    String type = req.type().equals(RrType.ANY) ? t.type() : req.type().mnemonic();
                    data = new GoTemplate.Data(zone, name, p.pattern(), groups, group, "IN", type, "127.0.0.1");
                    break;
                }
                if (data == null) {
                    if (!t.fallsThrough(name)) {
                        trace.acted("template", t.directive().where());
                        trace.why(() -> "template (" + t.directive().where() + ") serves " + name + "'s zone and type but none of "
                                + "its match patterns matches and it has no fallthrough: CoreDNS answers SERVFAIL.");
                        return Result.unwritten(Status.SERVFAIL);
                    }
                    continue;
                }
                trace.acted("template", t.directive().where());
                return templateAnswer(t, data, req);
            }
            return serve(i + 1, req);
        }

        private Result templateAnswer(TemplateRule t, GoTemplate.Data data, Request req) {
            String where = t.directive().where();
            if (t.rcode().equals("SERVFAIL")) {
                trace.why(() -> "template (" + where + ") answers with rcode SERVFAIL.");
                return Result.unwritten(Status.SERVFAIL);
            }
            Status status = switch (t.rcode()) {
                case "NOERROR" -> Status.NOERROR;
                case "NXDOMAIN" -> Status.NXDOMAIN;
                case "REFUSED" -> Status.REFUSED;
                default -> null;
            };
            if (status == null) {
                trace.incomplete();
                trace.why(() -> "template (" + where + ") answers with rcode " + t.rcode() + ", which kdi does not model.");
                return Result.of(Status.FORWARDED);
            }
            List<ResourceRecord> answer = new ArrayList<>();
            List<ResourceRecord> additional = new ArrayList<>();
            List<ResourceRecord> authority = new ArrayList<>();
            try {
                for (GoTemplate g : t.answer()) {
                    ResourceRecord rr = run(g, data, where);
                    answer.add(rr);
                    boolean address = req.type().equals(RrType.A) || req.type().equals(RrType.AAAA);
                    if (address && rr.data() instanceof Rdata.Cname c) {
                        answer.addAll(upstream(c.target(), req.type()));
                    }
                }
                for (GoTemplate g : t.additional()) {
                    additional.add(run(g, data, where));
                }
                for (GoTemplate g : t.authority()) {
                    authority.add(run(g, data, where));
                }
            } catch (GoTemplate.ExecutionError | IllegalArgumentException e) {
                trace.why(() -> "template (" + where + ") fails for this query (" + e.getMessage() + "): CoreDNS answers SERVFAIL.");
                return Result.of(Status.SERVFAIL);
            } catch (GoTemplate.NotModelled e) {
                trace.incomplete();
                trace.why(() -> "template (" + where + ") uses " + e.getMessage() + ", which kdi does not model: its answer is "
                        + "not predicted.");
                return Result.of(Status.FORWARDED);
            }
            if (authority.size() > 1) {
                trace.why(() -> "template (" + where + ") writes " + authority.size() + " authority records; only the first is "
                        + "shown.");
            }
            trace.why(() -> "template (" + where + ") answers " + data.name() + " (match " + data.regex() + ").");
            if (status == Status.NOERROR && answer.isEmpty()) {
                status = Status.NODATA;
            }
            return new Result(status, answer, additional, authority.isEmpty() ? null : authority.get(0));
        }

        private ResourceRecord run(GoTemplate g, GoTemplate.Data data, String where)
                throws GoTemplate.ExecutionError, GoTemplate.NotModelled {
            return ZoneLine.parse(g.execute(data));
        }

        /** The template plugin resolves a CNAME target through CoreDNS itself (its upstream). */
        private List<ResourceRecord> upstream(String target, RrType type) {
            if (depth >= MAX_UPSTREAM_DEPTH) {
                trace.why(() -> "The CNAME chain through " + target + " is too long; CoreDNS stops following it.");
                return List.of();
            }
            Answer a = PluginChain.this.answer(new Question(target, type), depth + 1, client);
            if (a.incomplete() || a.status() == Status.FORWARDED) {
                trace.incomplete();
                trace.why(() -> "CoreDNS looks up the CNAME target " + target + " itself; that answer is not modelled.");
            }
            return a.status() == Status.NOERROR ? a.answer() : List.of();
        }
    }
}
