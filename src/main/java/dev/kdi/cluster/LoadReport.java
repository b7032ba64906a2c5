package dev.kdi.cluster;

import java.time.Instant;
import java.util.List;

/**
 * How complete and current the loaded view of the cluster is; every face shows it, so an
 * operator never mistakes a partial or stale view for the whole truth.
 *
 * @param problems what could not be read, each naming the kind, the scope and the permission
 * @param stale kinds whose watch is down and being re-established (their objects may be old)
 * @param namespaceScoped true when listing across all namespaces was forbidden and only some
 *     namespaces could be read
 * @param namespaces the namespaces read one by one in that case
 * @param loadedAt when the initial load finished
 */
public record LoadReport(List<AccessProblem> problems, List<String> stale, boolean namespaceScoped,
                         List<String> namespaces, Instant loadedAt) {

    public LoadReport {
        problems = List.copyOf(problems);
        stale = List.copyOf(stale);
        namespaces = List.copyOf(namespaces);
    }

    public boolean isComplete() {
        return problems.isEmpty() && !namespaceScoped;
    }

    public boolean isStale() {
        return !stale.isEmpty();
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
        /** "cannot list pods in namespace shop (forbidden)". */
        public String describe() {
            String where = namespace.isEmpty() ? "across all namespaces" : "in namespace " + namespace;
            return "cannot " + verb + " " + resource + " " + where + ": " + message;
        }
    }
}
