package dev.kdi.ui.window;

import dev.kdi.session.Inspection;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.common.ProblemLog;
import java.util.List;
import java.util.Locale;

/**
 * What "Copy diagnostics" puts on the clipboard for a bug report: versions, what is open, the
 * session's notes and the log's last lines. Never a credential: the kubeconfig's users and tokens
 * are not read here, and the log masks anything that looks like one.
 */
final class Diagnostics {
    /** Enough of the log to see what led up to a problem, short enough to paste. */
    static final int LOG_LINES = 40;

    private Diagnostics() {
    }

    static String text(SessionInfo info, Inspection inspection, List<ReplicaStatus> replicas, ProblemLog log) {
        StringBuilder out = new StringBuilder();
        String version = Diagnostics.class.getPackage().getImplementationVersion();
        out.append("kdi ").append(version == null ? "(development build)" : version).append('\n');
        out.append("Java ").append(System.getProperty("java.runtime.version", System.getProperty("java.version")))
                .append(" (").append(System.getProperty("java.vm.name", "?")).append(")\n");
        out.append("JavaFX ").append(System.getProperty("javafx.runtime.version", "?")).append('\n');
        out.append("OS ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n');
        if (info == null) {
            out.append("Open: nothing\n");
        } else {
            out.append("Open: ").append(info.kind().name().toLowerCase(Locale.ROOT)).append(' ').append(info.name());
            if (!info.server().isEmpty()) {
                out.append(" at ").append(info.server());
            }
            out.append('\n');
        }
        if (inspection != null) {
            out.append("Cluster domain: ").append(inspection.clusterDomain()).append(" (")
                    .append(inspection.clusterDomainSource()).append(")\n");
            out.append("Corefile: ").append(inspection.corefileOrigin()).append('\n');
            out.append("Objects: ").append(inspection.snapshot().namespaces().size()).append(" namespaces, ")
                    .append(inspection.snapshot().services().size()).append(" services, ")
                    .append(inspection.snapshot().pods().size()).append(" pods\n");
            for (String note : inspection.notes()) {
                out.append("Note: ").append(note).append('\n');
            }
            for (String skipped : inspection.skippedFiles()) {
                out.append("Left out: ").append(skipped).append('\n');
            }
        }
        for (ReplicaStatus r : replicas) {
            out.append("DNS replica ").append(r.id()).append(' ').append(r.address()).append(':').append(r.port())
                    .append(": ").append(r.state().label()).append('\n');
        }
        out.append("Log: ").append(log.file().map(Object::toString).orElse("(kept in memory only)")).append('\n');
        List<String> lines = log.lastLines(LOG_LINES);
        if (lines.isEmpty()) {
            out.append("(nothing logged)\n");
        }
        for (String line : lines) {
            out.append("  ").append(line).append('\n');
        }
        return ProblemLog.mask(out.toString());
    }
}
