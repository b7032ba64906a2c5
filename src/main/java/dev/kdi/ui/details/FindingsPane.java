package dev.kdi.ui.details;

import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.Severity;
import dev.kdi.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The details pane's findings: one card per finding, most severe first, at most a hundred. */
final class FindingsPane extends ScrollPane {
    private final ObservableList<Finding> findings;
    private final VBox findingsBox = new VBox(8);

    FindingsPane(ObservableList<Finding> findings) {
        this.findings = findings;
        Label heading = new Label("Findings");
        heading.getStyleClass().add("section-title");
        Label count = new Label();
        count.getStyleClass().add("section-count");
        count.textProperty().bind(Bindings.size(findings).asString());
        HBox bar = new HBox(6, heading, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("section-bar");
        VBox box = new VBox(8, bar, findingsBox);
        box.setPadding(new Insets(8, 12, 12, 12));
        findings.addListener((ListChangeListener<Finding>) c -> fillFindings());
        fillFindings();
        setContent(box);
        setFitToWidth(true);
        setId("findings");
        getStyleClass().add("findings");
    }

    private void fillFindings() {
        findingsBox.getChildren().clear();
        if (findings.isEmpty()) {
            Label none = new Label("Nothing here looks misconfigured.");
            none.getStyleClass().add("placeholder-small");
            findingsBox.getChildren().add(none);
            return;
        }
        int shown = 0;
        for (Finding f : findings) {
            if (++shown > 100) {
                Label more = new Label((findings.size() - 100) + " more findings: run kdi lint for all of them.");
                more.getStyleClass().add("placeholder-small");
                findingsBox.getChildren().add(more);
                break;
            }
            findingsBox.getChildren().add(card(f));
        }
    }

    private Region card(Finding f) {
        Icons icon = switch (f.severity()) {
            case ERROR -> Icons.ERROR;
            case WARNING -> Icons.WARNING;
            case INFO -> Icons.INFO;
        };
        FontIcon graphic = icon.create(18);
        graphic.getStyleClass().add("severity-" + f.severity().label());
        Label message = new Label(f.message());
        message.setWrapText(true);
        message.getStyleClass().add("finding-message");
        message.setMinHeight(Region.USE_PREF_SIZE);
        Label fix = new Label("Fix: " + f.fix());
        fix.setWrapText(true);
        fix.getStyleClass().add("finding-fix");
        fix.setMinHeight(Region.USE_PREF_SIZE);
        Label code = new Label(f.severity().label() + " · " + f.code() + " · " + f.primary());
        code.getStyleClass().add("finding-code");
        VBox text = new VBox(3, message, fix, code);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox card = new HBox(10, graphic, text);
        card.getStyleClass().addAll("finding", "finding-" + f.severity().label());
        card.setPadding(new Insets(8, 10, 8, 10));
        f.rule().ifPresent(r -> Tooltip.install(card, new Tooltip(r.description())));
        if (f.severity() == Severity.INFO) {
            card.getStyleClass().add("finding-quiet");
        }
        return card;
    }
}
