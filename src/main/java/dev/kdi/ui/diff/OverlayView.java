package dev.kdi.ui.diff;

import dev.kdi.records.diff.NameChange;
import dev.kdi.ui.inventory.Entry;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The overlay's parts of the window: the change summary bar under the toolbar (progress and
 * cancel while comparing; counts, rejected changes, "Changes only" and "Drop the change" after;
 * a note with "Reload change" when the files or the cluster moved on since; a failed open's
 * message), the list of every changed name, and the before/after pane for the selected row.
 */
public final class OverlayView {
    private static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
    private static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final OverlayModel model;
    private final VBox bar = new VBox();
    private final ListView<NameChange> list = new ListView<>();
    private final VBox comparison = new VBox(6);

    /**
     * @param selected the tree's selected row, whose changes the before/after pane shows
     */
    public OverlayView(OverlayModel model, ObservableValue<Entry> selected) {
        this.model = model;
        buildBar();
        list.setId("change-list");
        list.setPlaceholder(new Label("No change is open."));
        list.setCellFactory(v -> new ChangeCell());
        model.report().addListener((o, was, now) -> list.getItems().setAll(model.changes()));

        comparison.setId("change-comparison");
        comparison.getStyleClass().add("change-comparison");
        comparison.setPadding(new Insets(8, 10, 8, 10));
        comparison.managedProperty().bind(comparison.visibleProperty());
        Runnable compare = () -> compare(model.changesOf(selected.getValue()));
        selected.addListener((o, was, now) -> compare.run());
        model.report().addListener((o, was, now) -> compare.run());
        compare.run();

        // Edited manifests are noticed within seconds; the look costs nothing without a change.
        Timeline files = new Timeline(new KeyFrame(Duration.seconds(2), e -> model.checkFiles()));
        files.setCycleCount(Animation.INDEFINITE);
        model.report().addListener((o, was, now) -> {
            if (now == null) {
                files.stop();
            } else {
                files.play();
            }
        });
    }

    /** The bar under the toolbar; hidden while there is no change, comparison or problem. */
    public Region bar() {
        return bar;
    }

    /** Every changed name, as {@code kdi diff} lists them. */
    public ListView<NameChange> list() {
        return list;
    }

    /** Before and after side by side for the selected row; hidden when it has no change. */
    public Region comparison() {
        return comparison;
    }

    private void buildBar() {
        bar.setId("change-bar");
        bar.getStyleClass().add("change-bar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.setSpacing(4);

        Label working = new Label();
        working.textProperty().bind(model.message());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progress());
        progress.setPrefWidth(160);
        Button cancel = new Button("Cancel");
        cancel.setId("change-cancel");
        cancel.setOnAction(e -> model.cancel());
        HBox busy = row(working, progress, cancel);
        show(busy, model.busy());

        Label title = new Label("\u0394 Change");
        title.getStyleClass().add("change-title");
        Label from = new Label();
        from.getStyleClass().add("change-source");
        from.textProperty().bind(model.source());
        Label summary = new Label();
        summary.setId("change-summary");
        summary.textProperty().bind(Bindings.createStringBinding(model::summary, model.report()));
        Label rejected = new Label();
        rejected.setId("change-rejected");
        rejected.getStyleClass().add("change-rejected");
        rejected.setWrapText(true);
        rejected.textProperty().bind(Bindings.createStringBinding(() -> {
            List<String> lines = model.rejections();
            return lines.isEmpty() ? "" : "\u26a0 " + String.join("\n", lines);
        }, model.report()));
        rejected.visibleProperty().bind(rejected.textProperty().isNotEmpty());
        rejected.managedProperty().bind(rejected.visibleProperty());
        ToggleButton only = new ToggleButton("Changes only");
        only.setId("change-only");
        only.setTooltip(new Tooltip("Show only the tree rows whose names the change adds, removes or changes"));
        only.selectedProperty().bindBidirectional(model.changesOnly());
        Button drop = new Button("Drop the change");
        drop.setId("change-drop");
        drop.setTooltip(new Tooltip("Remove the overlay: the window shows the cluster as it is"));
        drop.setOnAction(e -> model.drop());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox shown = row(title, from, summary, gap, only, drop);
        show(shown, model.report().isNotNull());
        show(rejected, model.report().isNotNull().and(rejected.textProperty().isNotEmpty()));

        Label problem = message("change-problem", "change-problem");
        problem.textProperty().bind(Bindings.createStringBinding(() -> model.problem().get().isEmpty() ? ""
                : "Could not open the change (the overlay is unchanged): " + model.problem().get(), model.problem()));
        Button dismiss = new Button("Dismiss");
        dismiss.setId("change-dismiss");
        dismiss.setOnAction(e -> model.dismissProblem());
        HBox failed = row(problem, dismiss);
        show(failed, model.problem().isNotEmpty());

        Label stale = message("change-stale", "change-rejected");
        stale.textProperty().bind(Bindings.createStringBinding(() -> model.stale().get().isEmpty() ? ""
                : "\u26a0 " + model.stale().get(), model.stale()));
        Button reload = new Button("Reload change");
        reload.setId("change-reload");
        reload.setTooltip(new Tooltip("Compare the change's files as they are now with the cluster as it is now"));
        reload.setOnAction(e -> model.reload());
        HBox outdated = row(stale, reload);
        show(outdated, model.report().isNotNull().and(model.stale().isNotEmpty()).and(model.busy().not()));

        bar.getChildren().addAll(busy, shown, rejected, outdated, failed);
        show(bar, model.busy().or(model.report().isNotNull()).or(model.problem().isNotEmpty()));
    }

    /** A wrapping message that takes the width its row leaves beside its button. */
    private static Label message(String id, String styleClass) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(l, Priority.ALWAYS);
        return l;
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox row = new HBox(10, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static void show(javafx.scene.Node node, ObservableValue<Boolean> when) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(() -> Boolean.TRUE.equals(when.getValue()), when));
        node.managedProperty().bind(node.visibleProperty());
    }

    private void compare(List<NameChange> changes) {
        comparison.getChildren().clear();
        comparison.setVisible(!changes.isEmpty());
        if (changes.isEmpty()) {
            return;
        }
        Label heading = new Label("With the change applied");
        heading.getStyleClass().add("change-heading");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(4);
        grid.addRow(0, header(""), header("Name"), header("Type"), header("Before"), header("After"));
        int row = 1;
        for (NameChange c : changes) {
            Label before = answer(c.kind() == NameChange.Kind.ADDED ? "(nothing: it appears)" : c.before());
            Label after = answer(c.kind() == NameChange.Kind.REMOVED ? "(nothing: it vanishes)" : c.after());
            Label type = new Label(c.type().mnemonic());
            // A, PTR, SRV are short: never the column that gives way to a long name.
            type.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(row++, mark(c.kind()), mono(c.name()), type, before, after);
            if (c.breaking()) {
                Label breaking = new Label("\u26a0 likely breaks (heuristic): " + String.join("; ", c.referredBy()));
                breaking.getStyleClass().add("change-rejected");
                grid.add(breaking, 1, row++, 4, 1);
            }
        }
        comparison.getChildren().addAll(heading, grid);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("change-column");
        return l;
    }

    private static Label mono(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("mono");
        return l;
    }

    private static Label answer(String text) {
        Label l = mono(text);
        l.setWrapText(true);
        l.setMaxWidth(320);
        return l;
    }

    /** {@code + appears}, {@code − vanishes}, {@code ~ changes}: a glyph and a word, coloured too. */
    static Label mark(NameChange.Kind kind) {
        Label l = new Label(switch (kind) {
            case ADDED -> "+ appears";
            case REMOVED -> "\u2212 vanishes";
            case CHANGED -> "~ changes";
        });
        l.getStyleClass().add("change-mark");
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.pseudoClassStateChanged(ADDED, kind == NameChange.Kind.ADDED);
        l.pseudoClassStateChanged(REMOVED, kind == NameChange.Kind.REMOVED);
        l.pseudoClassStateChanged(CHANGED, kind == NameChange.Kind.CHANGED);
        return l;
    }

    /** One changed name: its mark, name and type, and the answers before and after. */
    private static final class ChangeCell extends ListCell<NameChange> {
        @Override
        protected void updateItem(NameChange c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = mono(c.name() + " " + c.type().mnemonic());
            Label answers = mono(switch (c.kind()) {
                case ADDED -> c.after();
                case REMOVED -> c.before();
                case CHANGED -> c.before() + " \u2192 " + c.after();
            });
            answers.getStyleClass().add("change-answers");
            HBox box = new HBox(10, mark(c.kind()), name, answers);
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(box);
        }
    }
}
