package dev.kdi.ui.status;

import dev.kdi.session.ReplicaState;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.Texts;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/** The status bar at the bottom of the window. */
public final class StatusView extends StatusBar {
    private final StatusModel model;
    private final HBox replicaBox = new HBox(10);

    public StatusView(StatusModel model) {
        this.model = model;
        setId("status-bar");
        getStyleClass().add("kdi-status");
        setText("");

        Label source = new Label();
        source.setId("status-source");
        source.getStyleClass().add("status-source");
        source.textProperty().bind(model.source());
        source.setGraphic(Icons.CLUSTER.create());
        source.setTooltip(tooltip(model.sourceDetail().get()));
        model.sourceDetail().addListener((o, was, now) -> source.setTooltip(tooltip(now)));

        Label api = new Label();
        api.setId("status-api");
        api.textProperty().bind(model.api());
        FontIcon apiDot = Icons.ENDPOINT.create();
        api.setGraphic(apiDot);
        model.connection().addListener((o, was, now) -> state(apiDot, switch (now) {
            case CONNECTED -> "state-ready";
            case PARTIAL, STALE -> "state-warning";
            case FILES, NONE -> "state-idle";
        }));
        api.setTooltip(tooltip(""));
        model.apiDetail().addListener((o, was, now) -> api.getTooltip().setText(now));

        replicaBox.setId("status-replicas");
        replicaBox.setAlignment(Pos.CENTER_LEFT);
        model.replicas().addListener((ListChangeListener<ReplicaStatus>) c -> fillReplicas());
        model.dns().addListener((o, was, now) -> fillReplicas());
        fillReplicas();

        getLeftItems().setAll(source, separator(), api, separator(), replicaBox);

        Label domain = new Label();
        domain.setId("status-domain");
        domain.textProperty().bind(model.domain());
        domain.setGraphic(Icons.DOMAIN.create());
        domain.setTooltip(tooltip("The cluster domain in force"));
        Label counts = new Label();
        counts.setId("status-counts");
        counts.textProperty().bind(model.counts());
        Label updated = new Label();
        updated.setId("status-updated");
        updated.textProperty().bind(model.updated());
        Label warnings = new Label();
        warnings.setId("status-warnings");
        warnings.getStyleClass().add("status-warnings");
        warnings.setGraphic(Icons.WARNING.create());
        warnings.textProperty().bind(Bindings.createStringBinding(
                () -> Texts.count(model.warnings().size(), "note", "notes"), model.warnings()));
        warnings.visibleProperty().bind(Bindings.isNotEmpty(model.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        Tooltip warningTip = tooltip("");
        warnings.setTooltip(warningTip);
        model.warnings().addListener((ListChangeListener<String>) c ->
                warningTip.setText(String.join("\n\n", model.warnings())));
        Separator afterWarnings = separator();
        afterWarnings.visibleProperty().bind(warnings.visibleProperty());
        afterWarnings.managedProperty().bind(warnings.visibleProperty());
        getRightItems().setAll(warnings, afterWarnings, domain, separator(), counts, separator(), updated);
    }

    private void fillReplicas() {
        replicaBox.getChildren().clear();
        if (model.replicas().isEmpty()) {
            Label none = new Label(model.connection().get() == StatusModel.Connection.FILES ? "no DNS to ask" : "");
            none.getStyleClass().add("dim");
            replicaBox.getChildren().add(none);
            return;
        }
        // The full source would crowd out the replicas: the bar names how it was found, the tooltip the Service.
        String source = model.dns().get();
        int how = source.lastIndexOf(" (");
        Label dns = new Label(how < 0 ? "DNS" : "DNS " + source.substring(how + 1));
        dns.setId("status-dns");
        dns.getStyleClass().add("dim");
        dns.setTooltip(tooltip(source.isEmpty() ? "The cluster DNS" : "Cluster DNS Service " + source));
        replicaBox.getChildren().add(dns);
        for (ReplicaStatus r : model.replicas()) {
            replicaBox.getChildren().add(replica(r));
        }
    }

    private static Node replica(ReplicaStatus r) {
        FontIcon dot = Icons.ENDPOINT.create();
        ReplicaState s = r.state();
        state(dot, s instanceof ReplicaState.Ready ? "state-ready"
                : s instanceof ReplicaState.Failed ? "state-failed"
                : s instanceof ReplicaState.Reconnecting || s instanceof ReplicaState.Connecting ? "state-warning"
                : "state-idle");
        Label l = new Label(r.pod() + " " + s.label(), dot);
        l.setId("replica-" + r.pod());
        l.getStyleClass().addAll("replica", "replica-" + s.label());
        l.setTooltip(tooltip(r.id() + " at " + r.address() + ":" + r.port() + "\n" + s.label() + ": " + s.detail()));
        return l;
    }

    private static void state(FontIcon icon, String styleClass) {
        icon.getStyleClass().removeAll("state-ready", "state-failed", "state-warning", "state-idle");
        icon.getStyleClass().add(styleClass);
    }

    private static Separator separator() {
        Separator s = new Separator(Orientation.VERTICAL);
        s.getStyleClass().add("status-separator");
        return s;
    }

    private static Tooltip tooltip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(250));
        t.setShowDuration(Duration.seconds(30));
        t.setWrapText(true);
        t.setMaxWidth(560);
        return t;
    }
}
