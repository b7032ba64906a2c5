package dev.kdi.ui.toolbar;

import dev.kdi.ui.common.Icons;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

/**
 * Chooses the namespaces the tree shows: a button that opens a list with type-ahead filtering and
 * a check box per namespace. Nothing checked means every namespace. Scales to thousands of
 * namespaces (one list, filtered as you type).
 */
final class NamespacePicker extends Button {
    private final ObservableList<String> all;
    private final ObservableSet<String> chosen;
    private final Map<String, BooleanProperty> checks = new HashMap<>();
    private final ObservableList<String> items = FXCollections.observableArrayList();
    private final FilteredList<String> filtered = new FilteredList<>(items);
    private PopOver popOver;
    private boolean syncing;

    NamespacePicker(ObservableList<String> all, ObservableSet<String> chosen) {
        this.all = all;
        this.chosen = chosen;
        setId("namespace-picker");
        setGraphic(Icons.FILTER.create());
        setOnAction(e -> toggle());
        all.addListener((ListChangeListener<String>) c -> rebuild());
        chosen.addListener((SetChangeListener<String>) c -> {
            sync();
            label();
        });
        rebuild();
        label();
    }

    private void rebuild() {
        checks.keySet().retainAll(all);
        for (String ns : all) {
            checks.computeIfAbsent(ns, k -> {
                BooleanProperty p = new SimpleBooleanProperty(chosen.contains(k));
                p.addListener((o, was, now) -> {
                    if (syncing) {
                        return;
                    }
                    if (now) {
                        chosen.add(k);
                    } else {
                        chosen.remove(k);
                    }
                });
                return p;
            });
        }
        items.setAll(all);
    }

    private void sync() {
        syncing = true;
        try {
            checks.forEach((ns, p) -> p.set(chosen.contains(ns)));
        } finally {
            syncing = false;
        }
    }

    private void label() {
        if (chosen.isEmpty()) {
            setText("All namespaces");
        } else if (chosen.size() <= 2) {
            setText(String.join(", ", chosen.stream().sorted().toList()));
        } else {
            setText(chosen.size() + " namespaces");
        }
    }

    private void toggle() {
        if (popOver != null && popOver.isShowing()) {
            popOver.hide();
            return;
        }
        CustomTextField filter = (CustomTextField) TextFields.createClearableTextField();
        filter.setId("namespace-filter");
        filter.setPromptText("Type to filter namespaces");
        filter.setLeft(Icons.SEARCH.create());
        filter.textProperty().addListener((o, was, now) -> {
            String q = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            filtered.setPredicate(q.isEmpty() ? null : ns -> ns.contains(q));
        });
        ListView<String> list = new ListView<>(filtered);
        list.setId("namespace-list");
        list.setCellFactory(CheckBoxListCell.forListView(checks::get));
        list.setPrefHeight(300);
        list.setPrefWidth(280);
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && filtered.size() == 1) {
                checks.get(filtered.get(0)).set(!checks.get(filtered.get(0)).get());
            } else if (e.getCode() == KeyCode.DOWN) {
                list.requestFocus();
                list.getSelectionModel().selectFirst();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.SPACE && list.getSelectionModel().getSelectedItem() != null) {
                BooleanProperty p = checks.get(list.getSelectionModel().getSelectedItem());
                p.set(!p.get());
                e.consume();
            }
        });
        Button everything = new Button("All");
        everything.setTooltip(new Tooltip("Show every namespace"));
        everything.setOnAction(e -> chosen.clear());
        Button shown = new Button("Only these");
        shown.setTooltip(new Tooltip("Show only the namespaces the filter leaves"));
        shown.setOnAction(e -> {
            List<String> keep = List.copyOf(filtered);
            chosen.retainAll(keep);
            chosen.addAll(keep);
        });
        Label hint = new Label("None checked shows all.");
        hint.getStyleClass().add("dim");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(6, hint, spacer, shown, everything);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, filter, list, buttons);
        box.getStyleClass().add("namespace-picker-popup");
        popOver = new PopOver(box);
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_LEFT);
        popOver.setDetachable(false);
        popOver.setTitle("Namespaces");
        popOver.show(this);
        filter.requestFocus();
    }
}
