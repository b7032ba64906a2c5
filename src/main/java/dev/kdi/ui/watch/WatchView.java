package dev.kdi.ui.watch;

import dev.kdi.records.RrType;
import dev.kdi.session.watch.WatchEvent;
import dev.kdi.session.watch.WatchTimeline;
import dev.kdi.ui.common.RrTypeConverter;
import dev.kdi.ui.inventory.Entry;
import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Watch tab: the names and the controls on top, a timeline per name below (one line per
 * replica), the message line between them.
 */
public final class WatchView extends BorderPane {
    private final WatchModel model;
    private final ZoneId zone;
    private final VBox timelines = new VBox(8);
    private final Map<String, TimelineChart> charts = new LinkedHashMap<>();
    private final Label empty = new Label("Add names to watch, then Start: every DNS replica is asked about them on "
            + "the interval, and each answer, failure and API event shows here.");

    /**
     * @param selected the tree's selected entry: Add selected takes its DNS name
     */
    public WatchView(WatchModel model, ObservableValue<Entry> selected, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        setId("kdi-watch");
        getStyleClass().add("kdi-watch");

        TextField name = new TextField();
        name.setId("kdi-watch-name");
        name.setPromptText("name to watch, e.g. web.shop.svc.cluster.local");
        name.textProperty().bindBidirectional(model.typed());
        name.setOnAction(e -> model.addTyped());
        HBox.setHgrow(name, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("kdi-watch-add");
        add.setOnAction(e -> model.addTyped());
        add.disableProperty().bind(model.typed().isEmpty());
        Button addSelected = new Button("Add selected");
        addSelected.setId("kdi-watch-add-selected");
        addSelected.setTooltip(new Tooltip("Watch the DNS name of the Service or pod selected in the tree"));
        addSelected.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.getValue() == null || selected.getValue().fqdn().isEmpty(), selected));
        addSelected.setOnAction(e -> {
            Entry entry = selected.getValue();
            if (entry != null) {
                model.add(entry.fqdn());
            }
        });
        ChoiceBox<RrType> type = new ChoiceBox<>();
        type.setId("kdi-watch-type");
        type.getItems().setAll(RrType.A, RrType.AAAA, RrType.SRV, RrType.PTR, RrType.TXT, RrType.CNAME);
        type.valueProperty().bindBidirectional(model.type());
        type.setConverter(new RrTypeConverter());
        TextField interval = new TextField();
        interval.setId("kdi-watch-interval");
        interval.setPrefColumnCount(5);
        interval.setTooltip(new Tooltip("How often to ask: 500ms, 1s, 10s, 1m. At most " + 200
                + " questions a second go out; a longer interval is used, and said."));
        interval.textProperty().bindBidirectional(model.interval());
        type.disableProperty().bind(model.running());
        interval.disableProperty().bind(model.running());
        Button start = new Button();
        start.setId("kdi-watch-start");
        start.textProperty().bind(Bindings.when(model.running()).then("Stop").otherwise("Start"));
        start.setDefaultButton(false);
        start.setOnAction(e -> {
            if (model.running().get()) {
                model.stop();
            } else {
                model.start();
            }
        });
        Button save = new Button("Save…");
        save.setId("kdi-watch-save");
        save.setOnAction(e -> save());
        Button open = new Button("Open…");
        open.setId("kdi-watch-open");
        open.setOnAction(e -> open());
        open.disableProperty().bind(model.running());
        HBox controls = new HBox(6, name, add, addSelected, new Label("type"), type, new Label("every"), interval, start,
                save, open);
        controls.setAlignment(Pos.CENTER_LEFT);

        FlowPane chips = new FlowPane(6, 4);
        chips.setId("kdi-watch-names");
        model.names().addListener((ListChangeListener<String>) c -> chips(chips));
        Label message = new Label();
        message.setId("kdi-watch-message");
        message.getStyleClass().add("kdi-watch-message");
        message.textProperty().bind(model.message());
        message.setWrapText(true);
        VBox top = new VBox(6, controls, chips, message);
        top.setPadding(new Insets(8));
        setTop(top);

        timelines.setId("kdi-watch-timelines");
        timelines.setPadding(new Insets(0, 8, 8, 8));
        empty.setWrapText(true);
        empty.getStyleClass().add("kdi-watch-empty");
        timelines.getChildren().setAll(empty);
        ScrollPane scroll = new ScrollPane(timelines);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        model.revision().addListener((o, was, now) -> redraw());
    }

    private void chips(FlowPane chips) {
        List<javafx.scene.Node> nodes = new ArrayList<>();
        for (String n : model.names()) {
            Label text = new Label(n);
            Button remove = new Button("×");
            remove.getStyleClass().add("kdi-watch-chip-remove");
            remove.setOnAction(e -> model.remove(n));
            remove.disableProperty().bind(model.running());
            HBox chip = new HBox(2, text, remove);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("kdi-watch-chip");
            nodes.add(chip);
        }
        chips.getChildren().setAll(nodes);
    }

    /** Draws the timeline as it is now: a chart per name, in the order they first answered. */
    private void redraw() {
        WatchTimeline t = model.timeline();
        Instant origin = t.first();
        if (origin == null) {
            charts.clear();
            timelines.getChildren().setAll(empty);
            return;
        }
        Map<String, List<WatchTimeline.Series>> byName = new LinkedHashMap<>();
        for (WatchTimeline.Series s : t.series()) {
            byName.computeIfAbsent(s.key().name() + " " + s.key().type(), k -> new ArrayList<>()).add(s);
        }
        List<WatchEvent> api = t.apiEvents();
        charts.keySet().retainAll(byName.keySet());
        for (Map.Entry<String, List<WatchTimeline.Series>> e : byName.entrySet()) {
            TimelineChart chart = charts.computeIfAbsent(e.getKey(), k -> new TimelineChart(k, zone));
            chart.show(e.getValue(), api, origin);
        }
        // Setting the same charts again would take them out of the scene and restyle every point.
        List<TimelineChart> shown = List.copyOf(charts.values());
        if (!timelines.getChildren().equals(shown)) {
            timelines.getChildren().setAll(shown);
        }
    }

    /** The tab's state and commands (the window's tests drive saving and opening through it). */
    public WatchModel model() {
        return model;
    }

    private void save() {
        FileChooser chooser = chooser("Save the watch recording");
        chooser.setInitialFileName("watch.ndjson");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.save(file.toPath());
        }
    }

    private void open() {
        File file = chooser("Open a watch recording").showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.open(file.toPath());
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("NDJSON recordings", "*.ndjson", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }
}
