package dev.kdi.ui.common;

import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Cuts long names in monospace text in the middle, keeping more of the left (the distinctive
 * part) than of the right (the zone), to whatever width the control has now:
 * {@code sample-statefulset-headless-0.sam…efault.svc.cluster.local}. JavaFX's own centre ellipsis
 * keeps both ends equal, which loses the Service a name belongs to.
 */
public final class MiddleElision {
    private static final String FULL = "kdi.full-text";
    private static final String MEASURED = "kdi.char-width";

    private MiddleElision() {
    }

    /** Makes the control re-cut its text whenever its width changes. */
    public static void install(Labeled labeled) {
        labeled.setTextOverrun(OverrunStyle.CLIP);
        labeled.widthProperty().addListener((o, was, now) -> apply(labeled));
        labeled.fontProperty().addListener((o, was, now) -> apply(labeled));
    }

    /** Sets the whole text; the control shows as much of it as fits. */
    public static void setText(Labeled labeled, String full) {
        labeled.getProperties().put(FULL, full);
        apply(labeled);
    }

    /** The whole text last set. */
    public static String fullText(Labeled labeled) {
        Object full = labeled.getProperties().get(FULL);
        return full == null ? labeled.getText() : full.toString();
    }

    private static void apply(Labeled labeled) {
        Object value = labeled.getProperties().get(FULL);
        if (value == null) {
            return;
        }
        String full = value.toString();
        double width = labeled.getWidth() - labeled.snappedLeftInset() - labeled.snappedRightInset();
        if (labeled.getGraphic() != null && labeled.getGraphic().isVisible()) {
            width -= labeled.getGraphic().prefWidth(-1) + labeled.getGraphicTextGap();
        }
        if (width <= 0) {
            labeled.setText(full);
            return;
        }
        int fits = (int) Math.floor(width / charWidth(labeled));
        labeled.setText(Texts.elideMiddle(full, Math.max(fits, 5)));
    }

    /** Measured once per control and font: cells are reused, fonts rarely change. */
    private static double charWidth(Labeled labeled) {
        Font font = labeled.getFont();
        if (labeled.getProperties().get(MEASURED) instanceof Measured m && m.font().equals(font)) {
            return m.width();
        }
        Text t = new Text("0123456789abcdefghij");
        t.setFont(font);
        double w = t.getLayoutBounds().getWidth() / 20;
        labeled.getProperties().put(MEASURED, new Measured(font, w));
        return w;
    }

    private record Measured(Font font, double width) {
    }
}
