package dev.kdi.ui.check;

import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.CheckReport;
import dev.kdi.ui.common.ClipboardText;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.ReplicaNames;
import dev.kdi.ui.common.TaskExecutor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Check tab: run bar, summary bar, filters, and the table of every name and replica. */
public final class CheckView extends BorderPane {
    private static final List<String> STATUS_CLASSES = List.of("check-ok", "check-missing", "check-unexpected",
            "check-different", "check-error");

    private final CheckModel model;
    private final TableView<CheckRow> table = new TableView<>();
    private final TableColumn<CheckRow, String> live = new TableColumn<>("Live");
    private final TextField filterText = new TextField();

    /**
     * @param reveal shows the object behind a row in the tree
     * @param clipboard where a row's context menu copies its name or its lines
     */
    public CheckView(CheckModel model, Consumer<ObjectRef> reveal, ClipboardText clipboard) {
        this.model = model;
        getStyleClass().add("check-view");
        setId("check-view");
        table.itemsProperty().bind(model.rowsProperty());
        table.setId("check-table");
        table.setPlaceholder(new Label("Press Check to ask every DNS replica about every name."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(24);
        fixedColumns();
        model.result().addListener((o, was, now) -> replicaColumns(now));
        replicaColumns(model.result().get());
        table.setRowFactory(t -> {
            TableRow<CheckRow> row = new TableRow<>();
            row.setContextMenu(rowMenu(row, clipboard));
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    row.getItem().source().ifPresent(reveal);
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            CheckRow selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                selected.source().ifPresent(reveal);
                e.consume();
            }
        });
        setTop(new VBox(runBar(), summaryBar(), filterBar()));
        setCenter(table);
    }

    /** Copy the row's fully qualified name, or its lines as the CSV export writes them. */
    private static ContextMenu rowMenu(TableRow<CheckRow> row, ClipboardText clipboard) {
        MenuItem name = new MenuItem("Copy name");
        name.setId("check-copy-name");
        name.setOnAction(e -> {
            if (row.getItem() != null) {
                clipboard.copy(row.getItem().question().name());
            }
        });
        MenuItem line = new MenuItem("Copy row");
        line.setId("check-copy-row");
        line.setOnAction(e -> {
            if (row.getItem() != null) {
                clipboard.copy(CheckModel.csvLines(row.getItem()));
            }
        });
        ContextMenu menu = new ContextMenu(name, line);
        // An empty row (below the last name) offers nothing to copy.
        menu.setOnShowing(e -> {
            name.setDisable(row.getItem() == null);
            line.setDisable(row.getItem() == null);
        });
        return menu;
    }

    private HBox runBar() {
        Button check = new Button("Check", Icons.RESOLVE.create());
        check.setId("check-run");
        check.setDefaultButton(false);
        check.setTooltip(new Tooltip("Ask every DNS replica about every name and compare with the model"));
        check.disableProperty().bind(model.running().or(model.canCheck().not()));
        check.setOnAction(e -> model.run());
        ToggleGroup scope = new ToggleGroup();
        ToggleButton whole = new ToggleButton("Whole cluster");
        whole.setId("check-whole-cluster");
        ToggleButton chosen = new ToggleButton("Chosen namespaces");
        chosen.setId("check-chosen-namespaces");
        chosen.setTooltip(new Tooltip("Only the namespaces chosen in the toolbar"));
        whole.setToggleGroup(scope);
        chosen.setToggleGroup(scope);
        scope.selectToggle(model.wholeCluster().get() ? whole : chosen);
        scope.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                scope.selectToggle(was);
            } else {
                model.wholeCluster().set(now == whole);
            }
        });
        HBox scopeBox = new HBox(whole, chosen);
        scopeBox.getStyleClass().add("segmented");
        Button cancel = new Button("Cancel", Icons.CANCEL.create());
        cancel.setId("check-cancel");
        cancel.visibleProperty().bind(model.running());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        Button rerun = new Button("Re-run what failed", Icons.REFRESH.create());
        rerun.setId("check-rerun");
        rerun.setTooltip(new Tooltip("Ask again only about the names some replica did not answer as predicted"));
        rerun.disableProperty().bind(model.running().or(model.result().isNull()));
        rerun.setOnAction(e -> model.rerunFailed());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.progressProperty().bind(model.progress());
        bar.visibleProperty().bind(model.running());
        bar.managedProperty().bind(bar.visibleProperty());
        Label message = new Label();
        message.setId("check-message");
        message.textProperty().bind(model.message());
        message.setMinWidth(0);
        // It gives way to the buttons when the pane is narrow; the whole of it shows on hover.
        Tooltip all = new Tooltip();
        all.textProperty().bind(model.message());
        message.setTooltip(all);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        MenuItem csv = new MenuItem("CSV…");
        csv.setOnAction(e -> choose("check.csv", "CSV", "*.csv").ifPresent(this::exportCsv));
        MenuItem json = new MenuItem("JSON (as kdi check -o json)…");
        json.setOnAction(e -> choose("check.json", "JSON", "*.json").ifPresent(this::exportJson));
        MenuButton export = new MenuButton("Export", Icons.FILES.create(), csv, json);
        export.setId("check-export");
        export.disableProperty().bind(model.result().isNull());
        // The message gives way first: a narrow details pane cut the buttons to "W…" and "▶ …".
        for (Region keep : List.of(check, whole, chosen, cancel, rerun, export)) {
            keep.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox box = new HBox(8, check, scopeBox, cancel, rerun, bar, message, export);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 8, 4, 8));
        return box;
    }

    private HBox summaryBar() {
        HBox box = new HBox(6);
        box.setId("check-summary");
        box.getStyleClass().add("check-summary");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(2, 8, 4, 8));
        Runnable fill = () -> {
            box.getChildren().clear();
            CheckResult r = model.result().get();
            if (r == null) {
                return;
            }
            // Counted with the rows, on the worker: the summary never scans the report here.
            CheckResult.Counts n = r.counts();
            box.getChildren().addAll(
                    chip(n.ok() + " ok", "check-ok", CheckModel.Show.OK),
                    chip(n.missing() + " missing", "check-missing", CheckModel.Show.MISSING),
                    chip(n.unexpected() + " unexpected", "check-unexpected", CheckModel.Show.UNEXPECTED),
                    chip(n.different() + " different", "check-different", CheckModel.Show.DIFFERENT),
                    chip(n.skipped() + " skipped", "check-skipped", null));
            if (n.notAsked() > 0) {
                box.getChildren().add(chip(n.notAsked() + " not asked", "check-error", CheckModel.Show.ERROR));
            }
        };
        model.result().addListener((o, was, now) -> fill.run());
        fill.run();
        return box;
    }

    private Button chip(String text, String style, CheckModel.Show show) {
        Button b = new Button(text);
        b.getStyleClass().addAll("check-chip", style);
        if (show == null) {
            b.setTooltip(new Tooltip("Names the cluster DNS forwards to its upstream resolvers: the model cannot know"
                    + " their answers, so they are not asked"));
        } else {
            b.setTooltip(new Tooltip("Show only these"));
            b.setOnAction(e -> model.show().set(model.show().get() == show ? CheckModel.Show.ALL : show));
        }
        return b;
    }

    private HBox filterBar() {
        ComboBox<CheckModel.Show> status = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                CheckModel.Show.values()));
        status.setId("check-filter-status");
        status.valueProperty().bindBidirectional(model.show());
        ComboBox<String> namespace = new ComboBox<>();
        namespace.setId("check-filter-namespace");
        namespace.setPromptText("All namespaces");
        // A combo box is as wide as its widest item, and measuring that lays out a list cell for
        // every item: 2,000 namespaces cost the UI thread over 100 ms whenever a check's result
        // came. Its own width, and the popup's measured on its first rows only (the skin's key).
        namespace.setPrefWidth(220);
        namespace.getProperties().put("comboBoxRowsToMeasureWidth", 40);
        ComboBox<String> type = new ComboBox<>();
        type.setId("check-filter-type");
        type.setPromptText("All types");
        model.result().addListener((o, was, now) -> {
            List<String> ns = new ArrayList<>();
            ns.add(CheckModel.ANY);
            List<String> types = new ArrayList<>();
            types.add(CheckModel.ANY);
            if (now != null) {
                ns.addAll(now.namespaces().stream().filter(n -> !n.isEmpty()).toList());
                types.addAll(now.types());
            }
            namespace.getItems().setAll(ns);
            type.getItems().setAll(types);
        });
        namespace.setConverter(anyAs("All namespaces"));
        type.setConverter(anyAs("All types"));
        namespace.valueProperty().bindBidirectional(model.namespace());
        type.valueProperty().bindBidirectional(model.type());
        filterText.setId("check-filter-text");
        filterText.setPromptText("Filter: name, address, replica, reason…");
        filterText.textProperty().bindBidirectional(model.text());
        HBox.setHgrow(filterText, Priority.ALWAYS);
        Label shown = new Label();
        shown.setId("check-shown");
        shown.textProperty().bind(model.shownText());
        shown.getStyleClass().add("dim");
        HBox box = new HBox(8, status, namespace, type, filterText, shown);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(0, 8, 6, 8));
        return box;
    }

    private static javafx.util.StringConverter<String> anyAs(String any) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? any : s;
            }

            @Override
            public String fromString(String s) {
                return s == null || s.equals(any) ? CheckModel.ANY : s;
            }
        };
    }

    /**
     * Widths for the window's first size, where the tab gets about 800 pixels: {@code CNAME} and
     * the replicas' verdicts whole, the rest to the names. A column never shrinks below what its
     * header needs. No status column: the Live or replica columns say it, coloured, and the
     * status filter and summary bar pick by it.
     */
    private void fixedColumns() {
        TableColumn<CheckRow, String> ns = column("Namespace", 104, CheckRow::namespace);
        ns.setMinWidth(96);
        ns.setCellFactory(c -> new FullTextCell());
        TableColumn<CheckRow, String> name = column("Name", 300, r -> r.question().name());
        name.setMinWidth(160);
        name.setCellFactory(c -> new FullTextCell());
        TableColumn<CheckRow, String> type = column("Type", 64, r -> r.question().type().mnemonic());
        type.setMinWidth(64);
        TableColumn<CheckRow, String> expected = column("Expected", 130, CheckRow::expected);
        expected.setMinWidth(90);
        expected.setCellFactory(c -> new FullTextCell());
        live.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().live()));
        live.setCellFactory(c -> new StatusCell<>(CheckView::statusWord));
        live.setPrefWidth(180);
        live.setMinWidth(168);
        table.getColumns().setAll(List.of(ns, name, type, expected, live));
    }

    /** One column per replica when some replica disagrees with another; one Live column when all agree. */
    private void replicaColumns(CheckResult r) {
        List<TableColumn<CheckRow, ?>> columns = new ArrayList<>(table.getColumns().subList(0, 4));
        if (r == null || !r.disagreement()) {
            columns.add(live);
        } else {
            List<String> shortNames = ReplicaNames.shortNames(r.replicas());
            for (int i = 0; i < r.replicas().size(); i++) {
                int at = i;
                String replica = r.replicas().get(i);
                TableColumn<CheckRow, String> c = new TableColumn<>();
                // Replicas of one Deployment differ only at their ends: the header shows the end, whole.
                Label header = new Label(shortNames.get(i));
                header.setTooltip(new Tooltip(replica));
                c.setGraphic(header);
                c.setId("check-col-replica-" + i);
                c.getProperties().put("replica", replica);
                c.setCellValueFactory(v -> new ReadOnlyStringWrapper(text(v.getValue().item(at))));
                c.setCellFactory(x -> new StatusCell<>(CheckView::statusWord));
                // "missing: NXDOMAIN" whole; longer verdicts show whole on hover.
                c.setPrefWidth(172);
                c.setMinWidth(168);
                columns.add(c);
            }
        }
        table.getColumns().setAll(columns);
    }

    private static String text(CheckReport.Item i) {
        if (i == null) {
            return "not asked";
        }
        if (i.isOk()) {
            return "ok";
        }
        return i.status() + ": " + (i.verdict() == null ? i.reason() : i.actual());
    }

    private static String statusWord(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    private static TableColumn<CheckRow, String> column(String title, double width, Function<CheckRow, String> value) {
        TableColumn<CheckRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(value.apply(v.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** A cell coloured by the status its text starts with. */
    private static final class StatusCell<S> extends TableCell<S, String> {
        private final Function<String, String> word;
        /** Made once per cell, when first needed: a tooltip is a popup window of its own. */
        private Tooltip full;

        StatusCell(Function<String, String> word) {
            this.word = word;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll(STATUS_CLASSES);
            setTooltip(null);
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item);
            String w = word.apply(item);
            getStyleClass().add("check-" + (w.equals("not asked") ? "error" : w));
            if (item.length() > 24) {
                full = full == null ? new Tooltip() : full;
                full.setText(item);
                setTooltip(full);
            }
        }
    }

    /**
     * A cell whose whole text shows on hover, however narrow the column. Its tooltip is made once,
     * when the cell first has text: a tooltip is a popup window of its own, and one made at every
     * refill (each scroll, each filter) built one for every visible cell each time.
     */
    private static final class FullTextCell extends TableCell<CheckRow, String> {
        private Tooltip full;

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            if (empty || item == null || item.isEmpty()) {
                setTooltip(null);
                return;
            }
            full = full == null ? new Tooltip() : full;
            full.setText(item);
            setTooltip(full);
        }
    }

    private Optional<Path> choose(String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the check");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
    }

    /** Writes the rows shown, one line per replica's answer, off the UI thread. */
    public TaskExecutor.Running exportCsv(Path file) {
        return model.exportCsv(file);
    }

    /** Writes the whole check as {@code kdi check -o json} prints it, off the UI thread. */
    public TaskExecutor.Running exportJson(Path file) {
        return model.exportJson(file);
    }

    /** The table (for tests and the window's shortcuts). */
    public TableView<CheckRow> table() {
        return table;
    }

    public TextField filterField() {
        return filterText;
    }
}
