package dev.kdi.ui.details;

import dev.kdi.records.RrType;
import dev.kdi.ui.common.ClipboardText;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.MiddleElision.ElidedLabel;
import dev.kdi.ui.common.MiddleElision;
import dev.kdi.ui.inventory.Entry;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The details pane: header, records table with live column, the selected row's why, findings. */
public final class DetailsView extends StackPane {
    private final DetailsModel model;
    private final ClipboardText clipboard;
    private final BiConsumer<String, RrType> lookUp;
    private final TableView<RecordRow> table = new TableView<>();
    private final Label why = new Label();

    /**
     * @param reveal selects an entry in the tree (from the overview's findings)
     * @param lookUp asks the lookup panel about a row's name and type
     */
    public DetailsView(DetailsModel model, ClipboardText clipboard, Consumer<Entry> reveal,
                       BiConsumer<String, RrType> lookUp) {
        this.model = model;
        this.clipboard = clipboard;
        this.lookUp = lookUp;
        getStyleClass().add("details");

        OverviewPane placeholder = new OverviewPane(reveal);
        model.view().addListener((o, was, now) -> {
            if (model.entry().get() == null) {
                placeholder.show(now);
            }
        });
        model.entry().addListener((o, was, now) -> {
            if (now == null) {
                placeholder.show(model.view().get());
            }
        });

        BorderPane content = new BorderPane();
        content.setTop(header());
        SplitPane split = new SplitPane(records(), new FindingsPane(model.findings()));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        content.setCenter(split);

        content.visibleProperty().bind(model.entry().isNotNull());
        placeholder.visibleProperty().bind(model.entry().isNull());
        getChildren().addAll(content, placeholder);
    }

    public TableView<RecordRow> table() {
        return table;
    }

    private VBox header() {
        Label kind = new Label();
        kind.getStyleClass().add("details-kind");
        kind.textProperty().bind(model.kind());
        Label title = new Label();
        title.setId("details-title");
        title.getStyleClass().add("details-title");
        title.textProperty().bind(model.title());

        ElidedLabel fqdn = new ElidedLabel();
        fqdn.setId("details-fqdn");
        fqdn.getStyleClass().addAll("details-fqdn", "mono");
        fqdn.setMaxWidth(Region.USE_PREF_SIZE);
        model.fqdn().addListener((o, was, now) -> {
            fqdn.setFullText(now);
            fqdn.setTooltip(now.isEmpty() ? null : new Tooltip(now));
        });
        Button copy = Icons.COPY.button("Copy the DNS name");
        copy.setId("copy-fqdn");
        copy.setOnAction(e -> clipboard.copy(model.fqdn().get()));
        Label broken = new Label("does not resolve");
        broken.setId("details-fqdn-broken");
        broken.getStyleClass().addAll("pill", "pill-error");
        broken.visibleProperty().bind(model.fqdnResolves().not());
        broken.managedProperty().bind(broken.visibleProperty());
        HBox nameRow = new HBox(2, fqdn, copy, broken);
        HBox.setMargin(broken, new Insets(0, 0, 0, 6));
        nameRow.setAlignment(Pos.CENTER_LEFT);
        nameRow.visibleProperty().bind(model.fqdn().isNotEmpty());
        nameRow.managedProperty().bind(nameRow.visibleProperty());

        Label facts = new Label();
        facts.getStyleClass().add("details-facts");
        facts.textProperty().bind(model.facts());
        facts.setWrapText(true);

        VBox box = new VBox(2, kind, title, nameRow, facts);
        box.getStyleClass().add("details-header");
        box.setPadding(new Insets(10, 12, 8, 12));
        return box;
    }

    private BorderPane records() {
        Label heading = new Label("Records");
        heading.getStyleClass().add("section-title");
        Label count = new Label();
        count.getStyleClass().add("section-count");
        count.textProperty().bind(Bindings.size(model.rows()).asString());

        Button resolve = new Button("Resolve", Icons.RESOLVE.create());
        resolve.setId("resolve");
        resolve.setTooltip(new Tooltip("Ask the cluster DNS about the selected record's name (Enter, or double-click a row)"));
        resolve.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()
                .or(model.busy()).or(model.canAsk().not()));
        resolve.setOnAction(e -> model.resolve(table.getSelectionModel().getSelectedItem()));
        Button resolveAll = new Button("Resolve all", Icons.RESOLVE_ALL.create());
        resolveAll.setId("resolve-all");
        resolveAll.getStyleClass().add("accent");
        resolveAll.setTooltip(new Tooltip("Ask the cluster DNS about every record here; for a namespace, check all its"
                + " names (Ctrl+Enter)"));
        resolveAll.disableProperty().bind(model.busy().or(model.canAsk().not()).or(Bindings.isEmpty(model.rows())
                .and(Bindings.createBooleanBinding(() -> !(model.entry().get()
                        instanceof Entry.NamespaceEntry), model.entry()))));
        resolveAll.setOnAction(e -> model.resolveAll());
        Button stop = new Button("Stop", Icons.CANCEL.create());
        stop.visibleProperty().bind(model.busy());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(e -> model.cancel());

        MenuItem copyRecord = new MenuItem("Copy record", Icons.COPY.create());
        copyRecord.setOnAction(e -> copySelected(model::recordText));
        MenuItem copyAll = new MenuItem("Copy all records");
        copyAll.setOnAction(e -> clipboard.copy(model.allRecordsText()));
        MenuItem copyCommand = new MenuItem("Copy reproduction command", Icons.TERMINAL.create());
        copyCommand.setOnAction(e -> model.reproduction(table.getSelectionModel().getSelectedItem())
                .ifPresent(clipboard::copy));
        MenuButton copy = new MenuButton("Copy", Icons.COPY.create(), copyRecord, copyAll, new SeparatorMenuItem(),
                copyCommand);
        copy.setId("copy-menu");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, heading, count, spacer, stop, resolve, resolveAll, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("section-bar");

        Label message = new Label();
        message.setId("details-message");
        message.getStyleClass().add("inline-message");
        message.textProperty().bind(model.message());
        message.setWrapText(true);
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progress());
        progress.visibleProperty().bind(model.busy());
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setPrefWidth(120);
        HBox messageRow = new HBox(8, progress, message);
        messageRow.setAlignment(Pos.CENTER_LEFT);
        messageRow.visibleProperty().bind(model.message().isNotEmpty().or(model.busy()));
        messageRow.managedProperty().bind(messageRow.visibleProperty());

        buildTable();
        why.getStyleClass().add("why");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> why.setText(whyText(now)));
        model.rows().addListener((ListChangeListener<RecordRow>) c ->
                why.setText(whyText(table.getSelectionModel().getSelectedItem())));
        model.whyNotResolving().addListener((o, was, now) ->
                why.setText(whyText(table.getSelectionModel().getSelectedItem())));
        why.visibleProperty().bind(why.textProperty().isNotEmpty());
        why.managedProperty().bind(why.visibleProperty());

        VBox top = new VBox(6, bar, messageRow);
        top.setPadding(new Insets(6, 12, 6, 12));
        BorderPane pane = new BorderPane(table);
        pane.setTop(top);
        pane.setBottom(why);
        BorderPane.setMargin(why, new Insets(6, 12, 6, 12));
        return pane;
    }

    /**
     * The model's reasons for the selected row; with no row selected, for the entry's first name
     * that does not resolve, since that is what an operator came to find out.
     */
    private String whyText(RecordRow selected) {
        if (selected == null) {
            return model.whyNotResolving().get();
        }
        if (selected.explanation().isEmpty()) {
            return "";
        }
        return "Why: " + String.join(" ", selected.explanation());
    }

    private void buildTable() {
        table.setId("records");
        table.setPlaceholder(new Label("No records."));
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<RecordRow, String> name = column("Name", RecordRow::name, 300);
        name.setCellFactory(c -> new TextCell(true));
        // Wide enough for CNAME and AAAA whole: the column the eye scans first.
        TableColumn<RecordRow, String> type = column("Type", RecordRow::type, 70);
        type.setMinWidth(66);
        type.setMaxWidth(84);
        TableColumn<RecordRow, String> value = column("Value", RecordRow::value, 280);
        value.setCellFactory(c -> new TextCell(true));
        TableColumn<RecordRow, String> ttl = column("TTL", RecordRow::ttl, 46);
        ttl.setMaxWidth(60);
        ttl.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<RecordRow, String> from = column("From", r -> r.from(model.entry().get()), 170);
        from.setMaxWidth(220);
        from.setCellFactory(c -> new TextCell(false) {
            @Override
            protected String hover(RecordRow row) {
                return row.fromAll();
            }
        });
        TableColumn<RecordRow, LiveMark> live = new TableColumn<>("Live");
        live.setId("live-column");
        live.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().live()));
        live.setCellFactory(c -> new LiveCell());
        // Room for replicas side by side where they disagree.
        live.setPrefWidth(250);
        live.setMinWidth(150);
        live.setMaxWidth(340);
        // Manifests have no DNS to ask: a column of question marks would only say so 16 times.
        live.visibleProperty().bind(model.canAsk());
        table.getColumns().setAll(List.of(name, type, value, ttl, from, live));

        table.setRowFactory(t -> {
            TableRow<RecordRow> row = new TableRow<>() {
                @Override
                protected void updateItem(RecordRow item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("row-no-record", "row-unexpected");
                    if (item != null && item.kind() == RecordRow.Kind.NO_RECORD) {
                        getStyleClass().add("row-no-record");
                    } else if (item != null && item.kind() == RecordRow.Kind.UNEXPECTED) {
                        getStyleClass().add("row-unexpected");
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()
                        && model.canAsk().get() && !model.busy().get()) {
                    model.resolve(row.getItem());
                }
            });
            MenuItem resolve = new MenuItem("Resolve", Icons.RESOLVE.create());
            resolve.setOnAction(e -> model.resolve(row.getItem()));
            resolve.disableProperty().bind(model.canAsk().not());
            MenuItem look = new MenuItem("Look up", Icons.DNS.create());
            look.setOnAction(e -> lookUp.accept(row.getItem().name(), row.getItem().question().type()));
            MenuItem copyName = new MenuItem("Copy name", Icons.COPY.create());
            copyName.setOnAction(e -> clipboard.copy(row.getItem().name()));
            MenuItem copyRecord = new MenuItem("Copy record");
            copyRecord.setOnAction(e -> clipboard.copy(model.recordText(row.getItem())));
            MenuItem copyCommand = new MenuItem("Copy reproduction command", Icons.TERMINAL.create());
            copyCommand.setOnAction(e -> model.reproduction(row.getItem()).ifPresent(clipboard::copy));
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                    .otherwise(new ContextMenu(resolve, look, new SeparatorMenuItem(), copyName, copyRecord, copyCommand)));
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.canAsk().get() && !model.busy().get()) {
                model.resolve(table.getSelectionModel().getSelectedItem());
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copySelected(model::recordText);
            }
        });
    }

    private void copySelected(Function<RecordRow, String> text) {
        RecordRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            clipboard.copy(text.apply(row));
        }
    }

    private static TableColumn<RecordRow, String> column(String title, Function<RecordRow, String> value, double width) {
        TableColumn<RecordRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(40);
        c.setCellFactory(col -> new TextCell(false));
        return c;
    }

    /** Text cut to fit (names in the middle), with the whole text on hover. */
    private static class TextCell extends TableCell<RecordRow, String> {
        private final Tooltip tooltip = new Tooltip();
        private final boolean mono;

        TextCell(boolean mono) {
            this.mono = mono;
            if (mono) {
                getStyleClass().add("mono");
                MiddleElision.install(this);
            }
            tooltip.setShowDelay(Duration.millis(400));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(600);
        }

        protected String hover(RecordRow row) {
            return getItem();
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (mono) {
                MiddleElision.setText(this, empty || item == null ? "" : item);
            } else {
                setText(empty ? null : item);
            }
            RecordRow row = getTableRow() == null ? null : getTableRow().getItem();
            String h = empty || row == null ? null : hover(row);
            if (h == null || h.isEmpty()) {
                setTooltip(null);
            } else {
                tooltip.setText(h);
                setTooltip(tooltip);
            }
        }
    }
}
