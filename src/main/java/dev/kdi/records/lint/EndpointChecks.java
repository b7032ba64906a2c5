package dev.kdi.records.lint;

import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a Service's EndpointSlices (given, or derived as the controllers would write them) mean
 * for its names: headless Services without ready endpoints, selectors that select nothing,
 * endpoints hidden or published while not ready, pods named by address, and names too long to
 * ask for. Runs only when CoreDNS knows endpoints at all.
 */
final class EndpointChecks implements NamespaceCheck {
    /** The longest name a DNS message can carry, in presentation form without the final dot. */
    static final int MAX_NAME = 253;

    @Override
    public void check(NamespaceView ns, ClusterFacts facts, List<Finding> out) {
        if (!facts.knowsEndpoints()) {
            return;
        }
        for (Service svc : ns.services) {
            if (!svc.isExternalName()) {
                checkOne(ns, facts, svc, out);
            }
        }
    }

    private void checkOne(NamespaceView ns, ClusterFacts facts, Service svc, List<Finding> out) {
        List<EndpointSlice> slices = ns.slicesOf(svc.name());
        int ready = 0;
        int endpoints = 0;
        List<EndpointSlice> notReadySlices = null;
        List<Endpoint> notReady = null;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                endpoints++;
                if (e.isReady()) {
                    ready += e.addresses().size();
                } else {
                    if (notReady == null) {
                        notReadySlices = new ArrayList<>();
                        notReady = new ArrayList<>();
                    }
                    notReadySlices.add(s);
                    notReady.add(e);
                }
            }
        }
        boolean explained = ns.isServiceExplained(svc.name());
        String name = facts.serviceName(svc.name(), ns.name);
        boolean noneReady = svc.isHeadless() && ready == 0;
        // Offline, a selector that matches a workload's pod template selects the pods it will
        // create (a Deployment scaled to zero, a CronJob's): readiness is for the live cluster.
        boolean templatesWillServe = facts.offline() && svc.hasSelector()
                && !ns.templatesSelectedBy(svc.selector()).isEmpty();
        if (noneReady && !explained && !templatesWillServe) {
            out.add(headlessWithoutEndpoints(ns, facts, svc, slices, name));
        }
        // Endpoints prove the selector selects something; only without them is the label index asked.
        if (!svc.isHeadless() && svc.hasSelector() && !explained && endpoints == 0 && !templatesWillServe
                && ns.selectedBy(svc.selector()).isEmpty()) {
            String answer = facts.clusterIpWords(svc);
            out.add(Finding.of(Rule.SELECTOR_MATCHES_NOTHING, List.of(svc.ref()),
                    "Service " + svc.ref().qualifiedName() + " selects " + Words.selector(svc.selector())
                            + ", which matches no pod in " + ns.name + ": " + name + " still returns " + answer
                            + ", but nothing answers behind it and no endpoint names exist.",
                    selectorFix(ns, svc)));
        }
        if (notReady != null && !noneReady) {
            out.add(podsNotReady(ns, facts, svc, notReadySlices, notReady, name));
        }
        if (svc.publishNotReadyAddresses()) {
            publishNotReady(ns, facts, svc, slices, name, out);
        }
        podsNamedByAddress(ns, facts, svc, slices, out);
        tooLong(facts, svc, slices, name, out);
    }

    private static Finding headlessWithoutEndpoints(NamespaceView ns, ClusterFacts facts, Service svc,
                                                    List<EndpointSlice> slices, String name) {
        String reason;
        String fix;
        List<ObjectRef> objects = new ArrayList<>();
        objects.add(svc.ref());
        // Offline findings never send the reader to a cluster that may not exist yet.
        String sliceQuery = facts.offline() ? "the EndpointSlices in the manifests"
                : "kubectl get endpointslices -n " + ns.name + " -l kubernetes.io/service-name=" + svc.name();
        if (svc.hasSelector()) {
            List<Pod> selected = ns.selectedBy(svc.selector());
            List<String> notReady = new ArrayList<>();
            List<String> noAddress = new ArrayList<>();
            for (Pod p : selected) {
                objects.add(p.ref());
                if (p.ips().isEmpty()) {
                    noAddress.add(p.name());
                } else if (!p.ready() || p.terminating()) {
                    notReady.add(p.name());
                }
            }
            notReady.sort(Words.NATURAL);
            noAddress.sort(Words.NATURAL);
            if (selected.isEmpty()) {
                reason = "its selector " + Words.selector(svc.selector()) + " selects no pod in " + ns.name;
                fix = selectorFix(ns, svc);
            } else if (!notReady.isEmpty()) {
                reason = "its " + Words.plural(notReady.size(), "pod ", "pods ") + Words.list(notReady)
                        + Words.plural(notReady.size(), " is", " are") + " not ready";
                fix = "Find out why " + Words.list(notReady) + Words.plural(notReady.size(), " is", " are")
                        + " not ready" + describe(facts, ns, notReady.get(0))
                        + ", or set publishNotReadyAddresses: true if clients must find pods before they are ready.";
            } else if (!noAddress.isEmpty()) {
                reason = "its " + Words.plural(noAddress.size(), "pod ", "pods ") + Words.list(noAddress)
                        + Words.plural(noAddress.size(), " has", " have") + " no address yet";
                fix = "Find out why " + Words.list(noAddress) + Words.plural(noAddress.size(), " is", " are")
                        + " not running" + describe(facts, ns, noAddress.get(0)) + ".";
            } else {
                reason = "its EndpointSlices hold no ready endpoint";
                fix = "Compare its EndpointSlices with its pods (" + sliceQuery + ").";
            }
        } else if (slices.isEmpty()) {
            reason = "it has no selector and no EndpointSlices";
            fix = "Add a selector for its pods, or create EndpointSlices labelled kubernetes.io/service-name: "
                    + svc.name() + " with ready endpoints.";
        } else {
            reason = "it has no selector, and its EndpointSlices hold no ready endpoint";
            fix = "Mark the endpoints ready in its EndpointSlices (" + sliceQuery + ").";
        }
        return Finding.of(Rule.HEADLESS_NO_READY_ENDPOINTS, objects,
                "Headless Service " + svc.ref().qualifiedName() + " has no ready endpoint, so " + name
                        + " is NXDOMAIN: " + reason + ".",
                fix);
    }

    /** Where to look, live: {@code (kubectl describe pod ...)}; offline the manifests' status is all there is. */
    private static String describe(ClusterFacts facts, NamespaceView ns, String pod) {
        return facts.offline() ? " (the manifests give its status as not ready)"
                : " (kubectl describe pod -n " + ns.name + " " + pod + ")";
    }

    /** Points at the label values the namespace's pods do carry for the selector's first key. */
    private static String selectorFix(NamespaceView ns, Service svc) {
        String key = new TreeMap<>(svc.selector()).firstKey();
        List<String> values = ns.labelValues(key);
        String carry;
        if (values.isEmpty()) {
            carry = "no pod in " + ns.name + " carries the label " + key;
        } else {
            List<String> pairs = new ArrayList<>();
            for (String v : values) {
                pairs.add(key + "=" + v);
            }
            carry = "pods in " + ns.name + " carry " + Words.list(pairs);
        }
        return "Change the selector to match the pods it should serve (" + carry + "), or deploy them.";
    }

    private static Finding podsNotReady(NamespaceView ns, ClusterFacts facts, Service svc,
                                        List<EndpointSlice> slices, List<Endpoint> notReady, String name) {
        Set<String> who = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        List<ObjectRef> objects = new ArrayList<>();
        objects.add(svc.ref());
        for (int i = 0; i < notReady.size(); i++) {
            Endpoint e = notReady.get(i);
            for (String a : e.addresses()) {
                names.add(facts.endpointName(a, e, slices.get(i).serviceName(), ns.name));
                addresses.add(a);
            }
            if (e.targetPod() != null) {
                Pod p = ns.unreadyPod(e.targetPod());
                if (who.add(e.targetPod() + (p != null && p.terminating() ? " (terminating)" : ""))) {
                    objects.add(ObjectRef.pod(ns.name, e.targetPod()));
                }
            } else {
                who.add("endpoint " + String.join("/", e.addresses()));
            }
        }
        List<String> sortedWho = new ArrayList<>(who);
        sortedWho.sort(Words.NATURAL);
        boolean many = sortedWho.size() > 1;
        String headless = svc.isHeadless() ? ", and " + name + " does not return " + Words.list(addresses) : "";
        String first = notReady.get(0).targetPod();
        return Finding.of(Rule.PODS_NOT_READY, objects,
                "Service " + svc.ref().qualifiedName() + " leaves not-ready " + (many ? "pods " : "pod ")
                        + Words.list(sortedWho) + " out of DNS: " + Words.list(names)
                        + Words.plural(names.size(), " does not resolve", " do not resolve") + headless + " until "
                        + (many ? "they are" : "it is") + " ready.",
                (first == null ? "Check why the endpoints are not ready"
                        : "Check why " + first + " is not ready" + describe(facts, ns, first))
                        + "; set publishNotReadyAddresses: true only if clients must reach pods before they are ready.");
    }

    private static void publishNotReady(NamespaceView ns, ClusterFacts facts, Service svc, List<EndpointSlice> slices,
                                        String name, List<Finding> out) {
        Set<String> pods = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        List<ObjectRef> objects = new ArrayList<>();
        objects.add(svc.ref());
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                Pod p = e.isReady() ? ns.unreadyPod(e.targetPod()) : null;
                if (p == null) {
                    continue;
                }
                if (pods.add(p.name())) {
                    objects.add(p.ref());
                }
                for (String a : e.addresses()) {
                    names.add(facts.endpointName(a, e, s.serviceName(), ns.name));
                }
            }
        }
        if (pods.isEmpty()) {
            return;
        }
        List<String> sorted = new ArrayList<>(pods);
        sorted.sort(Words.NATURAL);
        boolean many = sorted.size() > 1;
        out.add(Finding.of(Rule.PUBLISH_NOT_READY, objects,
                "Service " + svc.ref().qualifiedName() + " sets publishNotReadyAddresses, so not-ready "
                        + (many ? "pods " : "pod ") + Words.list(sorted) + " still " + (many ? "get" : "gets") + " "
                        + Words.list(names) + (svc.isHeadless() ? " and " + (many ? "are" : "is") + " in " + name : "")
                        + ".",
                "Nothing to fix if clients must find pods before they are ready (peer discovery); otherwise drop "
                        + "publishNotReadyAddresses."));
    }

    /**
     * Pods whose hostname and subdomain name them under another Service are named by address
     * (or pod name, with endpoint_pod_names) under this one.
     */
    private static void podsNamedByAddress(NamespaceView ns, ClusterFacts facts, Service svc,
                                           List<EndpointSlice> slices, List<Finding> out) {
        if (!svc.isHeadless()) {
            // A client Service beside the governing headless one (zookeeper's zk-cs, mysql-read) is
            // asked for by its own name and cluster IP; its address-named endpoints mislead nobody.
            return;
        }
        Map<String, List<Pod>> bySubdomain = null;
        Map<String, String> example = null;
        Set<String> seen = null;
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                Pod p = ns.podWithSubdomain(e.targetPod());
                if (p == null || p.hostname() == null || p.hostname().isEmpty() || p.subdomain().equals(svc.name())) {
                    continue;
                }
                if (seen == null) {
                    bySubdomain = new LinkedHashMap<>();
                    example = new LinkedHashMap<>();
                    seen = new LinkedHashSet<>();
                }
                if (seen.add(p.name())) {
                    bySubdomain.computeIfAbsent(p.subdomain(), k -> new ArrayList<>()).add(p);
                }
                if (!e.addresses().isEmpty()) {
                    example.putIfAbsent(p.name(), facts.endpointName(e.addresses().get(0), e, s.serviceName(), ns.name));
                }
            }
        }
        if (bySubdomain == null) {
            return;
        }
        for (Map.Entry<String, List<Pod>> g : bySubdomain.entrySet()) {
            List<Pod> pods = g.getValue();
            pods.sort(Comparator.comparing(Pod::name, Words.NATURAL));
            String sub = g.getKey();
            Set<ObjectRef> subjects = new LinkedHashSet<>();
            for (Pod p : pods) {
                subjects.add(ns.subject(p));
            }
            List<ObjectRef> objects = new ArrayList<>();
            objects.add(svc.ref());
            objects.addAll(subjects);
            for (Pod p : pods) {
                if (!objects.contains(p.ref())) {
                    objects.add(p.ref());
                }
            }
            String who;
            if (subjects.size() == 1) {
                who = SubdomainChecks.who(ns, subjects.iterator().next(), pods);
            } else {
                List<String> names = pods.stream().map(Pod::name).toList();
                who = Words.pods(names);
            }
            boolean many = pods.size() > 1;
            Pod first = pods.get(0);
            String own = first.hostname() + "." + facts.serviceName(sub, ns.name);
            // The first pod's name, whatever order the slices list endpoints in.
            String ex = example.get(first.name());
            String by = ex != null && ex.startsWith(first.name() + ".") ? "pod name" : "address";
            out.add(Finding.of(Rule.POD_NAMED_BY_ADDRESS, objects,
                    who + " (subdomain " + sub + ")" + (many ? " are" : " is") + " also selected by Service "
                            + svc.ref().qualifiedName() + ", where " + (many ? "they are" : "it is") + " named by " + by
                            + (ex == null ? "" : ", e.g. " + ex) + "; " + (many ? "their per-pod names live under "
                            : "its own name lives under ") + sub + ", e.g. " + own + ".",
                    "Ask for " + own + " to reach " + first.name() + " by name, or narrow " + svc.name()
                            + "'s selector if " + (many ? "these pods do" : "this pod does") + " not belong to it."));
        }
    }

    private static void tooLong(ClusterFacts facts, Service svc, List<EndpointSlice> slices, String name,
                                List<Finding> out) {
        List<String> longNames = new ArrayList<>();
        if (name.length() > MAX_NAME) {
            longNames.add(name);
        }
        for (ServicePort p : svc.ports()) {
            if (p.isNamed()) {
                String srv = "_" + p.name().toLowerCase(Locale.ROOT) + "._" + p.protocol().name().toLowerCase(Locale.ROOT)
                        + "." + name;
                if (srv.length() > MAX_NAME) {
                    longNames.add(srv);
                }
            }
        }
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                if (!e.isReady()) {
                    continue;
                }
                for (String a : e.addresses()) {
                    // Cheap bound first: an endpoint's label is its hostname, a pod name under 64, or
                    // its address with dashes; most names are far below the limit.
                    int label = Math.max(Math.max(63, a.length() + 1), e.hostname() == null ? 0 : e.hostname().length());
                    if (name.length() + 1 + label <= MAX_NAME) {
                        continue;
                    }
                    String full = facts.endpointName(a, e, svc.name(), svc.namespace());
                    if (full.length() > MAX_NAME) {
                        longNames.add(full);
                    }
                }
            }
        }
        if (longNames.isEmpty()) {
            return;
        }
        String longest = longNames.get(0);
        for (String n : longNames) {
            if (n.length() > longest.length()) {
                longest = n;
            }
        }
        out.add(Finding.of(Rule.FQDN_TOO_LONG, List.of(svc.ref()),
                "Service " + svc.ref().qualifiedName() + " would have " + longNames.size()
                        + Words.plural(longNames.size(), " name", " names") + " longer than 253 characters, such as "
                        + longest + " (" + longest.length() + "), which no DNS query can carry.",
                "Shorten the Service, namespace, port or endpoint host names, or the cluster domain " + facts.zone()
                        + ", so that every name fits in 253 characters."));
    }
}
