package dev.kdi.ui;

import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * Ctrl+K: every view and action of the window by name. Type a few letters, Enter runs the first
 * (or the chosen) command, Escape closes.
 */
final class CommandPalette {
    /**
     * One entry.
     *
     * @param name what it does, as the menu would say it
     * @param shortcut its own key, or empty
     * @param action what it does
     */
    record Command(String name, String shortcut, Runnable action) {
    }

    private final Popup popup = new Popup();
    private final TextField query = new TextField();
    private final FilteredList<Command> shown;
    private final ListView<Command> list;

    CommandPalette(List<Command> commands) {
        shown = new FilteredList<>(FXCollections.observableArrayList(commands));
        list = new ListView<>(shown);
        list.setId("command-list");
        list.setPrefHeight(300);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Command c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(c.name());
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                Label key = new Label(c.shortcut());
                key.getStyleClass().add("dim");
                setGraphic(new HBox(8, name, gap, key));
            }
        });
        query.setId("command-query");
        query.setPromptText("Type a command: check, resolve, theme, diagnostics…");
        query.textProperty().addListener((o, was, now) -> {
            String q = now.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(c -> q.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(q));
            list.getSelectionModel().selectFirst();
        });
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                runSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> runSelected());
        VBox box = new VBox(6, query, list);
        box.setId("command-palette");
        box.getStyleClass().add("command-palette");
        box.setPadding(new Insets(10));
        box.setPrefWidth(520);
        popup.getContent().add(box);
        popup.setAutoHide(true);
    }

    void show(Scene scene) {
        query.clear();
        shown.setPredicate(c -> true);
        list.getSelectionModel().selectFirst();
        double x = scene.getWindow().getX() + scene.getX() + (scene.getWidth() - 520) / 2;
        double y = scene.getWindow().getY() + scene.getY() + 80;
        popup.show(scene.getWindow(), x, y);
        query.requestFocus();
    }

    boolean isShowing() {
        return popup.isShowing();
    }

    private void runSelected() {
        Command c = list.getSelectionModel().getSelectedItem();
        if (c == null && !shown.isEmpty()) {
            c = shown.get(0);
        }
        popup.hide();
        if (c != null) {
            c.action().run();
        }
    }
}
