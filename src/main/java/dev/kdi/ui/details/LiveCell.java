package dev.kdi.ui.details;

import dev.kdi.ui.common.Icons;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/** ✓ quiet, ✗ loud with a few words, ? dim; the replicas' answers on hover. */
final class LiveCell extends TableCell<RecordRow, LiveMark> {
    private static final String[] CLASSES = {"live-same", "live-differs", "live-failed", "live-not-asked",
        "live-asking", "live-unpredictable"};
    private final Tooltip tooltip = new Tooltip();

    LiveCell() {
        tooltip.setShowDelay(Duration.millis(200));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(640);
        getStyleClass().add("live-cell");
    }

    @Override
    protected void updateItem(LiveMark mark, boolean empty) {
        super.updateItem(mark, empty);
        getStyleClass().removeAll(CLASSES);
        if (empty || mark == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        Icons icon;
        String text;
        String css;
        if (mark instanceof LiveMark.Same) {
            icon = Icons.SAME;
            text = "";
            css = "live-same";
        } else if (mark instanceof LiveMark.Differs d) {
            icon = Icons.DIFFERENT;
            text = d.summary();
            css = "live-differs";
        } else if (mark instanceof LiveMark.Failed) {
            icon = Icons.WARNING;
            text = "not asked";
            css = "live-failed";
        } else if (mark instanceof LiveMark.Asking) {
            icon = Icons.ASKING;
            text = "";
            css = "live-asking";
        } else if (mark instanceof LiveMark.Unpredictable) {
            icon = Icons.INFO;
            text = "forwarded";
            css = "live-unpredictable";
        } else {
            icon = Icons.NOT_ASKED;
            text = "";
            css = "live-not-asked";
        }
        getStyleClass().add(css);
        if (mark instanceof LiveMark.Differs d && !d.replicas().isEmpty()) {
            setGraphic(sideBySide(d.replicas()));
            setText(null);
        } else {
            FontIcon graphic = icon.create();
            setGraphic(graphic);
            setText(text.isEmpty() ? null : text);
        }
        setAccessibleText(mark.symbol() + " " + text);
        tooltip.setText(mark.detail());
        setTooltip(tooltip);
    }

    /**
     * Each replica by name with its verdict as an icon: {@code ✓ …-4xkzq  ✗ …-9wqpn  ⚠ …-zz9w4};
     * the words are on hover, so that three replicas fit the column.
     */
    private static HBox sideBySide(List<LiveMark.ByReplica> replicas) {
        HBox box = new HBox(8);
        box.setAlignment(Pos.CENTER_LEFT);
        for (LiveMark.ByReplica r : replicas) {
            boolean asked = !r.word().equals("not asked");
            Label l = new Label(r.name(), (r.ok() ? Icons.SAME : asked ? Icons.DIFFERENT : Icons.WARNING).create());
            l.getStyleClass().addAll("live-replica", r.ok() ? "live-same" : asked ? "live-differs" : "live-failed");
            l.setMinWidth(Region.USE_PREF_SIZE);
            box.getChildren().add(l);
        }
        return box;
    }
}
