package dev.kdi.cli;

import dev.kdi.session.CheckJson;
import dev.kdi.session.Inspection;
import dev.kdi.session.Session;
import dev.kdi.session.SessionInfo;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command must say about the view it worked from, besides its results: what could not be
 * read or is out of date (warnings), and how the view was made where that is not the obvious way
 * (notes: the cluster domain learnt from a PTR, NodeLocal DNSCache in front of the DNS, ...).
 * Text outputs say it on standard error; JSON outputs carry it as {@code "view"}.
 *
 * @param warnings the view is partial or stale: results may be missing or old
 * @param notes worth knowing to read the results right
 */
record ViewReport(SessionInfo.Kind kind, Inspection inspection, List<String> warnings, List<String> notes) {

    static ViewReport of(Session session) {
        Inspection in = session.current();
        List<String> warnings = new ArrayList<>(in.report().warnings());
        List<String> notes = new ArrayList<>();
        SessionInfo.Kind kind = session.info().kind();
        if (kind != SessionInfo.Kind.MANIFESTS) {
            String source = in.clusterDomainSource();
            if (!source.startsWith("the Corefile (ConfigMap") && !source.equals("--cluster-domain")) {
                notes.add("cluster domain " + in.clusterDomain() + ", from " + source);
            }
            notes.addAll(in.dns().notes());
        }
        notes.addAll(in.notes());
        return new ViewReport(kind, in, warnings, notes);
    }

    /**
     * This report for a command that asks the DNS replicas. When there is none, the DNS's notes are
     * why (no Service, no ready pod, Cloud DNS for GKE, ...), and the command's error says them all
     * in its one line: said here too, each reason would read twice.
     */
    ViewReport leavingWhyNoneToAsk() {
        if (kind == SessionInfo.Kind.MANIFESTS || !inspection.dns().replicas().isEmpty()) {
            return this;
        }
        List<String> rest = new ArrayList<>(notes);
        rest.removeAll(inspection.dns().notes());
        return new ViewReport(kind, inspection, warnings, rest);
    }

    /** Live and demo sessions speak up; manifests keep standard error for errors, as before. */
    void print(PrintStream err) {
        if (kind == SessionInfo.Kind.MANIFESTS) {
            return;
        }
        warnings.forEach(w -> err.println("kdi: warning: " + w));
        notes.forEach(n -> err.println("kdi: note: " + n));
    }

    Map<String, Object> json() {
        return CheckJson.view(kind, inspection, warnings, notes);
    }
}
