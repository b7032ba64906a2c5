package dev.kdi.session;

import dev.kdi.cluster.LoadReport;
import java.time.Instant;
import java.util.List;

/**
 * How complete and current an inspection's view of the cluster is, as both faces show it, so an
 * operator never mistakes a partial or stale view for the whole truth.
 *
 * @param problems what could not be read, one sentence each ({@code cannot list pods in namespace
 *     shop: forbidden})
 * @param stale kinds whose watch is down and being re-established (their objects may be old)
 * @param namespaceScoped true when listing across all namespaces was forbidden and the view was
 *     read namespace by namespace
 * @param namespaces the namespaces read one by one in that case
 * @param loadedAt when the initial load finished
 * @param warnings one sentence per thing to know before trusting the view, grouped as the command
 *     line prints them
 */
public record LoadSummary(List<String> problems, List<String> stale, boolean namespaceScoped, List<String> namespaces,
                          Instant loadedAt, List<String> warnings) {

    public LoadSummary {
        problems = List.copyOf(problems);
        stale = List.copyOf(stale);
        namespaces = List.copyOf(namespaces);
        warnings = List.copyOf(warnings);
    }

    /** What the faces need of the loader's report. */
    public static LoadSummary of(LoadReport report) {
        return new LoadSummary(report.problems().stream().map(LoadReport.AccessProblem::describe).toList(),
                report.stale(), report.namespaceScoped(), report.namespaces(), report.loadedAt(), report.warnings());
    }

    /** A view read whole (manifests, or a cluster that let us list everything). */
    public static LoadSummary complete(Instant at) {
        return new LoadSummary(List.of(), List.of(), false, List.of(), at, List.of());
    }

    public boolean isComplete() {
        return problems.isEmpty() && !namespaceScoped;
    }

    public boolean isStale() {
        return !stale.isEmpty();
    }
}
