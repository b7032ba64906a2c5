package dev.kdi.ui.replicas;

import dev.kdi.session.HealthReport.Finding;
import dev.kdi.session.HealthReport.Severity;
import dev.kdi.session.Session;
import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.Texts;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Replicas tab: the controls and what concerns every replica on top, then a card per replica
 * side by side (wrapping when there are many), each kept across refreshes so its charts grow in
 * place.
 */
public final class ReplicasView extends BorderPane {
    private final ReplicasModel model;
    private final ZoneId zone;
    private final FlowPane cards = new FlowPane(10, 10);
    private final Map<String, ReplicaCard> byId = new LinkedHashMap<>();
    private final VBox findings = new VBox(4);
    private final Label empty = new Label("Every DNS replica's /health, /ready and /metrics, asked through a"
            + " port-forward: nothing is installed in the cluster. The replicas show here once they have answered.");

    public ReplicasView(ReplicasModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        setId("kdi-replicas");
        getStyleClass().add("kdi-replicas");

        ChoiceBox<ReplicasModel.Every> every = new ChoiceBox<>();
        every.setId("kdi-replicas-every");
        every.getItems().setAll(ReplicasModel.Every.values());
        every.valueProperty().bindBidirectional(model.every());
        every.setTooltip(new Tooltip("How often every replica is asked while this tab shows. Each refresh reads"
                + " /metrics twice, a second apart, and costs a few small requests per replica."));
        Button refresh = new Button("Refresh now");
        refresh.setId("kdi-replicas-refresh");
        refresh.disableProperty().bind(model.running());
        refresh.setOnAction(e -> model.refresh());
        Button cancel = new Button("Cancel");
        cancel.setId("kdi-replicas-cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.visibleProperty().bind(model.running());
        cancel.managedProperty().bind(model.running());
        ProgressBar bar = new ProgressBar();
        bar.setId("kdi-replicas-progress");
        bar.setPrefWidth(120);
        bar.progressProperty().bind(model.progress());
        bar.visibleProperty().bind(model.running());
        bar.managedProperty().bind(model.running());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label read = new Label();
        read.setId("kdi-replicas-read-at");
        read.getStyleClass().add("dim");
        read.textProperty().bind(Bindings.createStringBinding(() -> model.readAt().get() == null ? ""
                : "read " + Texts.time(model.readAt().get(), zone), model.readAt()));
        HBox controls = new HBox(6, new Label("Refresh every"), every, refresh, cancel, bar, gap, read);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label source = new Label();
        source.setId("kdi-replicas-source");
        source.getStyleClass().add("dim");
        source.setWrapText(true);
        source.textProperty().bind(model.source());
        source.visibleProperty().bind(model.source().isNotEmpty());
        source.managedProperty().bind(source.visibleProperty());
        Label message = new Label();
        message.setId("kdi-replicas-message");
        message.getStyleClass().add("kdi-replicas-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        model.failed().addListener((o, was, now) -> {
            message.getStyleClass().remove("failed");
            if (now) {
                message.getStyleClass().add("failed");
            }
        });
        findings.setId("kdi-replicas-findings");
        model.clusterFindings().addListener((ListChangeListener<Finding>) c -> showFindings());
        VBox top = new VBox(6, controls, source, message, findings);
        top.setPadding(new Insets(8));
        setTop(top);

        cards.setId("kdi-replicas-cards");
        cards.setPadding(new Insets(0, 8, 8, 8));
        empty.setWrapText(true);
        empty.getStyleClass().add("dim");
        cards.getChildren().setAll(empty);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.replicas().addListener((ListChangeListener<ReplicasModel.ReplicaView>) c -> showReplicas());
    }

    /**
     * The tab for the window: refreshing runs while it is selected, and a new session clears it.
     *
     * @param session the session open now, or null
     * @param changes changes when another cluster is opened
     * @param log where a failed refresh is logged with its trace, before the tab says it
     */
    public static Tab tab(Supplier<Session> session, ObservableValue<?> changes, ZoneId zone, ProblemLog log) {
        ReplicasModel model = new ReplicasModel(ReplicasModel.Asker.of(session),
                new FxTaskExecutor(2, "kdi-replicas", log), Clock.systemUTC());
        Tab tab = new Tab("Replicas", new ReplicasView(model, zone));
        tab.setId("tab-replicas");
        tab.setTooltip(new Tooltip("Every DNS replica's health, readiness, counters and findings, side by side"));
        model.showing().bind(tab.selectedProperty());
        changes.addListener((o, was, now) -> model.reset());
        return tab;
    }

    /** The tab's state and commands (the window's tests drive it through this). */
    public ReplicasModel model() {
        return model;
    }

    private void showFindings() {
        List<Node> rows = new ArrayList<>();
        for (Finding f : model.clusterFindings()) {
            rows.add(findingRow(f, false));
        }
        findings.getChildren().setAll(rows);
    }

    /**
     * A finding: its code as a tag, then what it says; beside each other across the tab, the code
     * above its text in a narrow card.
     */
    static Node findingRow(Finding f, boolean narrow) {
        Label code = new Label(f.code());
        code.getStyleClass().addAll("kdi-replica-finding-code", f.severity() == Severity.WARNING ? "warning" : "note");
        code.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(f.message());
        text.setWrapText(true);
        text.getStyleClass().add("kdi-replica-finding-text");
        if (narrow) {
            VBox row = new VBox(1, code, text);
            row.getStyleClass().add("kdi-replica-finding");
            return row;
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(6, code, text);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().add("kdi-replica-finding");
        return row;
    }

    private void showReplicas() {
        List<ReplicasModel.ReplicaView> now = List.copyOf(model.replicas());
        if (now.isEmpty()) {
            byId.clear();
            cards.getChildren().setAll(empty);
            return;
        }
        byId.keySet().retainAll(now.stream().map(ReplicasModel.ReplicaView::id).toList());
        List<Node> shown = new ArrayList<>();
        for (ReplicasModel.ReplicaView v : now) {
            ReplicaCard card = byId.computeIfAbsent(v.id(), k -> new ReplicaCard());
            card.show(v);
            shown.add(card);
        }
        cards.getChildren().setAll(shown);
    }
}
