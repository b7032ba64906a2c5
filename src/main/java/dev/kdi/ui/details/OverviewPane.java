package dev.kdi.ui.details;

import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.Severity;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the details pane shows before anything is selected: the cluster in one line and every
 * error and warning of the lint, each a click away from its row in the tree. An operator who
 * opens the window because something is broken starts here.
 */
final class OverviewPane extends ScrollPane {
    /** Cards made at first; each costs a few nodes to style, so a big cluster's list waits for a click. */
    private static final int FIRST = 25;
    private static final int MOST = 500;
    /**
     * Cards made per pulse: a card's nodes cost about a millisecond to make, style and lay out, so a
     * big cluster's 25 cards, made at once, held the window for 30-40 ms of the pulse that first
     * shows the tree. A few per pulse keep each pulse short; the list fills within a few frames.
     */
    static final int PER_PULSE = 5;

    private final VBox content = new VBox(10);
    private final Consumer<Entry> reveal;
    /** The cards still to make, in order, and where the next goes in {@link #content}. */
    private List<Finding> pending = List.of();
    private Inventory pendingView;
    private int insertAt;
    private final AnimationTimer filler = new AnimationTimer() {
        @Override
        public void handle(long now) {
            addCards(PER_PULSE);
        }
    };

    OverviewPane(Consumer<Entry> reveal) {
        this.reveal = reveal;
        setId("overview");
        getStyleClass().add("overview");
        setFitToWidth(true);
        content.setPadding(new Insets(14, 16, 16, 16));
        setContent(content);
    }

    void show(Inventory view) {
        show(view, FIRST);
    }

    private void show(Inventory view, int limit) {
        filler.stop();
        pending = List.of();
        pendingView = null;
        content.getChildren().clear();
        if (view == null) {
            return;
        }
        Label title = new Label("Cluster overview");
        title.getStyleClass().add("details-title");
        Label facts = new Label(Texts.count(view.namespaces().size(), "namespace", "namespaces") + " · "
                + Texts.count(view.serviceCount(), "Service", "Services") + " · "
                + Texts.count(view.podCount(), "pod", "pods") + " · cluster domain " + view.zone());
        facts.getStyleClass().add("details-facts");
        content.getChildren().addAll(title, facts);

        List<Finding> problems = view.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
        long errors = problems.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long notes = view.findings().size() - problems.size();
        Label heading = new Label(problems.isEmpty() ? "No errors or warnings"
                : Texts.count(errors, "error", "errors") + ", " + Texts.count(problems.size() - errors, "warning", "warnings"));
        heading.getStyleClass().add("section-title");
        heading.setId("overview-problems");
        content.getChildren().add(heading);
        if (problems.isEmpty()) {
            content.getChildren().add(dim("Every name the lint checks should resolve as configured."
                    + (notes > 0 ? " " + Texts.count(notes, "note", "notes") + " worth knowing show with their objects." : "")));
        }
        insertAt = content.getChildren().size();
        pending = problems.subList(0, Math.min(limit, problems.size()));
        pendingView = view;
        if (problems.size() > limit) {
            int rest = problems.size() - limit;
            if (limit < MOST) {
                Hyperlink more = new Hyperlink("Show " + Texts.count(Math.min(rest, MOST - limit), "more", "more"));
                more.setId("overview-more");
                more.setOnAction(e -> show(view, MOST));
                content.getChildren().add(more);
            } else {
                content.getChildren().add(dim(Texts.count(rest, "more finding", "more findings")
                        + ": filter the tree or run kdi lint for all of them."));
            }
        }
        Label tips = dim("Select a namespace, Service, endpoint or pod in the tree to see every record it should"
                + " have and ask the cluster DNS about it. Ctrl+F filters the tree by name, DNS name or IP; Ctrl+L"
                + " looks any name up.");
        VBox.setMargin(tips, new Insets(8, 0, 0, 0));
        content.getChildren().add(tips);
        addCards(PER_PULSE);
        if (!pending.isEmpty()) {
            filler.start();
        }
    }

    /** Makes up to {@code count} of the pending cards, in place above the links and tips. */
    private void addCards(int count) {
        int n = Math.min(count, pending.size());
        for (int i = 0; i < n; i++) {
            content.getChildren().add(insertAt++, card(pendingView, pending.get(i)));
        }
        pending = pending.subList(n, pending.size());
        if (pending.isEmpty()) {
            filler.stop();
            pendingView = null;
        }
    }

    /** Whether cards are still being made, a few per pulse. */
    boolean filling() {
        return !pending.isEmpty();
    }

    private Region card(Inventory view, Finding f) {
        FontIcon icon = (f.severity() == Severity.ERROR ? Icons.ERROR : Icons.WARNING).create(18);
        icon.getStyleClass().add("severity-" + f.severity().label());
        Label message = wrap(new Label(f.message()));
        message.getStyleClass().add("finding-message");
        Label fix = wrap(new Label("Fix: " + f.fix()));
        fix.getStyleClass().add("finding-fix");
        HBox meta = new HBox(8);
        Label code = new Label(f.severity().label() + " · " + f.code() + " · " + f.primary());
        code.getStyleClass().add("finding-code");
        meta.getChildren().add(code);
        target(view, f).ifPresent(e -> {
            Hyperlink show = new Hyperlink("Show " + e.kind().toLowerCase(Locale.ROOT) + " " + e.name());
            show.getStyleClass().add("overview-show");
            show.setOnAction(a -> reveal.accept(e));
            meta.getChildren().add(show);
        });
        VBox text = new VBox(3, message, fix, meta);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox card = new HBox(10, icon, text);
        card.getStyleClass().addAll("finding", "finding-" + f.severity().label());
        card.setPadding(new Insets(8, 10, 8, 10));
        return card;
    }

    /** The first object of the finding that has a row: a StatefulSet has none, its pods do. */
    private static Optional<Entry> target(Inventory view, Finding f) {
        for (ObjectRef o : f.objects()) {
            Optional<Entry> e = view.entryOf(o);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    private static Label dim(String text) {
        Label l = wrap(new Label(text));
        l.getStyleClass().add("dim");
        return l;
    }

    private static Label wrap(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
