package dev.kdi.ui.status;

import dev.kdi.session.Inspection;
import dev.kdi.session.LoadSummary;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.SessionInfo;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.inventory.Inventory;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the status bar says, derived from the session, its replicas and the view in force. */
public final class StatusModel {
    /** How the connection to the objects' source stands. */
    public enum Connection { NONE, CONNECTED, PARTIAL, STALE, FILES }

    private final ZoneId zone;
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper sourceDetail = new ReadOnlyStringWrapper(this, "sourceDetail", "");
    private final ReadOnlyStringWrapper api = new ReadOnlyStringWrapper(this, "api", "");
    private final ReadOnlyStringWrapper apiDetail = new ReadOnlyStringWrapper(this, "apiDetail", "");
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(this, "connection",
            Connection.NONE);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper(this, "updated", "");
    private final ReadOnlyStringWrapper domain = new ReadOnlyStringWrapper(this, "domain", "");
    private final ReadOnlyStringWrapper dns = new ReadOnlyStringWrapper(this, "dns", "");
    private final ObservableList<ReplicaStatus> replicas = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private SessionInfo info;

    public StatusModel(ZoneId zone) {
        this.zone = zone;
    }

    public void session(SessionInfo sessionInfo) {
        this.info = sessionInfo;
        if (sessionInfo == null) {
            source.set("");
            sourceDetail.set("");
            api.set("");
            connection.set(Connection.NONE);
            replicas.clear();
            warnings.clear();
            counts.set("");
            updated.set("");
            domain.set("");
            dns.set("");
            return;
        }
        switch (sessionInfo.kind()) {
            case DEMO -> {
                source.set("DEMO cluster");
                sourceDetail.set("The embedded demo cluster: an in-process API server and DNS, no real cluster.");
            }
            case LIVE -> {
                source.set(sessionInfo.name());
                sourceDetail.set("Context " + sessionInfo.name()
                        + (sessionInfo.server().isEmpty() ? "" : "\nAPI server " + sessionInfo.server())
                        + (sessionInfo.namespace().isEmpty() ? "" : "\nnamespace " + sessionInfo.namespace()));
            }
            case MANIFESTS -> {
                source.set("manifests");
                sourceDetail.set("Read from " + sessionInfo.name());
            }
        }
    }

    /** A new view: counts, time, warnings. */
    public void view(Inventory view) {
        if (view == null) {
            return;
        }
        Inspection in = view.inspection();
        counts.set(Texts.count(view.namespaces().size(), "namespace", "namespaces") + " · "
                + Texts.count(view.serviceCount(), "Service", "Services") + " · "
                + Texts.count(view.podCount(), "pod", "pods"));
        updated.set("updated " + Texts.time(in.at(), zone));
        domain.set(view.zone() + (view.domainOverridden() ? " (typed)" : ""));
        dns.set(info != null && info.kind() == SessionInfo.Kind.MANIFESTS ? "" : in.dns().source());
        LoadSummary report = in.report();
        List<String> w = new ArrayList<>();
        for (String problem : report.problems()) {
            w.add("Partial view: " + problem + ".");
        }
        if (report.namespaceScoped()) {
            w.add("Partial view: listing across all namespaces is forbidden; read only " + String.join(", ",
                    report.namespaces()) + ".");
        }
        if (report.isStale()) {
            w.add("Stale: the watch on " + String.join(", ", report.stale())
                    + " is down and being re-established; those objects may be out of date.");
        }
        for (String file : in.skippedFiles()) {
            w.add("Left out: " + file);
        }
        w.addAll(in.dns().notes());
        w.addAll(in.notes());
        warnings.setAll(w);
        if (info != null && info.kind() == SessionInfo.Kind.MANIFESTS) {
            int skipped = in.skippedFiles().size();
            api.set("prediction only" + (skipped == 0 ? "" : " · " + Texts.count(skipped, "file", "files") + " left out"));
            apiDetail.set("Manifests have no API server and no cluster DNS: the records are the model's prediction."
                    + (skipped == 0 ? "" : "\n" + String.join("\n", in.skippedFiles())));
            connection.set(Connection.FILES);
        } else if (!report.isComplete()) {
            api.set("API partial");
            apiDetail.set(String.join("\n", w));
            connection.set(Connection.PARTIAL);
        } else if (report.isStale()) {
            api.set("API reconnecting");
            apiDetail.set("Watches on " + String.join(", ", report.stale()) + " are being re-established.");
            connection.set(Connection.STALE);
        } else {
            api.set("API connected");
            apiDetail.set("Loaded " + Texts.time(report.loadedAt(), zone) + "; watching for changes.");
            connection.set(Connection.CONNECTED);
        }
    }

    public void replicas(List<ReplicaStatus> now) {
        replicas.setAll(now);
    }

    /** {@code prod-eu}, {@code DEMO cluster} or {@code manifests}. */
    public ReadOnlyStringProperty source() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceDetail() {
        return sourceDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty api() {
        return api.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty apiDetail() {
        return apiDetail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Connection> connection() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty counts() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty updated() {
        return updated.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty domain() {
        return domain.getReadOnlyProperty();
    }

    /**
     * How the cluster DNS was found ({@code openshift-dns/dns-default (OpenShift)},
     * {@code shop/dns (--dns-service)}); empty for manifests, which have no DNS to ask.
     */
    public ReadOnlyStringProperty dns() {
        return dns.getReadOnlyProperty();
    }

    public ObservableList<ReplicaStatus> replicas() {
        return replicas;
    }

    /** Partial or stale view, DNS notes; each a sentence. */
    public ObservableList<String> warnings() {
        return warnings;
    }
}
