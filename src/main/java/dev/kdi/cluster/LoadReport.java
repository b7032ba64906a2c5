package dev.kdi.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How complete and current the loaded view of the cluster is; every face shows it, so an
 * operator never mistakes a partial or stale view for the whole truth.
 *
 * @param problems what could not be read, each naming the kind, the scope and the permission
 * @param stale kinds whose watch is down and being re-established (their objects may be old)
 * @param namespaceScoped true when listing some kind across all namespaces was forbidden and it
 *     was read namespace by namespace
 * @param namespaces the namespaces that could be read one by one in that case
 * @param loadedAt when the initial load finished
 * @param staleReasons for each stale kind, why its watch is down
 */
public record LoadReport(List<AccessProblem> problems, List<String> stale, boolean namespaceScoped,
                         List<String> namespaces, Instant loadedAt, Map<String, String> staleReasons) {

    public LoadReport {
        problems = List.copyOf(problems);
        stale = List.copyOf(stale);
        namespaces = List.copyOf(namespaces);
        staleReasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(staleReasons));
    }

    /** A report without reasons for staleness. */
    public LoadReport(List<AccessProblem> problems, List<String> stale, boolean namespaceScoped, List<String> namespaces,
                      Instant loadedAt) {
        this(problems, stale, namespaceScoped, namespaces, loadedAt, Map.of());
    }

    public boolean isComplete() {
        return problems.isEmpty() && !namespaceScoped;
    }

    public boolean isStale() {
        return !stale.isEmpty();
    }

    /**
     * One sentence per thing the user must know before trusting the view, for the command line's
     * warnings and the window's status: {@code cannot list pods, services across all namespaces
     * (forbidden); showing namespaces shop, default}.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        List<String> clusterWide = new ArrayList<>();
        for (AccessProblem p : problems) {
            if (isClusterWideForbidden(p) && !p.resource().equals("namespaces")) {
                clusterWide.add(p.resource());
            }
        }
        if (!clusterWide.isEmpty()) {
            out.add("cannot list " + String.join(", ", clusterWide) + " across all namespaces (forbidden); "
                    + (namespaces.isEmpty() ? "no namespace could be read either: name readable ones with -n"
                            : "showing namespace" + (namespaces.size() == 1 ? " " : "s ") + String.join(", ", namespaces)
                                    + " only"));
        }
        Map<String, List<String>> perNamespace = new LinkedHashMap<>();
        for (AccessProblem p : problems) {
            if (isClusterWideForbidden(p)) {
                if (p.resource().equals("namespaces")) {
                    out.add("cannot list namespaces (forbidden); namespaces are known only from the objects in them");
                }
            } else if (p.verb().equals("list") && !p.namespace().isEmpty() && p.message().startsWith("forbidden")) {
                perNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p.resource());
            } else {
                out.add(p.describe());
            }
        }
        perNamespace.forEach((ns, resources) -> out.add("cannot list " + String.join(", ", resources)
                + " in namespace " + ns + " (forbidden); its objects are missing from the view"));
        for (String kind : stale) {
            String why = staleReasons.get(kind);
            out.add("the view of " + kind + " may be out of date: " + (why == null ? "its watch is down" : why));
        }
        return out;
    }

    private static boolean isClusterWideForbidden(AccessProblem p) {
        return p.verb().equals("list") && p.namespace().isEmpty() && p.message().startsWith("forbidden");
    }

    /**
     * Something the user's role may not read.
     *
     * @param resource the RBAC resource, e.g. {@code pods} or {@code endpointslices.discovery.k8s.io}
     * @param namespace the namespace, or empty for all namespaces / cluster scope
     * @param verb the verb refused, e.g. {@code list}
     * @param message the API server's reason, trimmed
     */
    public record AccessProblem(String resource, String namespace, String verb, String message) {
        /** "cannot list pods in namespace shop: forbidden (...)". */
        public String describe() {
            // A get with no namespace is of a cluster-scoped object (nodes/proxy): no namespaces to span.
            String where = namespace.isEmpty() ? (verb.equals("get") ? "" : " across all namespaces")
                    : " in namespace " + namespace;
            return "cannot " + verb + " " + resource + where + ": " + message;
        }
    }
}
