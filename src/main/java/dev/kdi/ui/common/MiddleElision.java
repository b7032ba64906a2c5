package dev.kdi.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Cuts long names in monospace text in the middle, keeping more of the left (the distinctive
 * part) than of the right (the zone), to whatever width the control has now:
 * {@code sample-statefulset-headless-0.sam…efault.svc.cluster.local}. JavaFX's own centre ellipsis
 * keeps both ends equal, which loses the Service a name belongs to.
 *
 * <p>Any {@link Labeled} whose width its parent decides (a table cell) takes it through
 * {@link #install} and {@link #setText}; where the name's own width should decide the layout,
 * {@link ElidedLabel} asks for the whole of it.
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
        double width = labeled.getWidth() - labeled.snappedLeftInset() - labeled.snappedRightInset();
        if (labeled.getGraphic() != null && labeled.getGraphic().isVisible()) {
            width -= labeled.getGraphic().prefWidth(-1) + labeled.getGraphicTextGap();
        }
        labeled.setText(fit(labeled, value.toString(), width));
    }

    /** As much of {@code full} as fits {@code width} in the control's font; all of it before layout. */
    private static String fit(Labeled labeled, String full, double width) {
        if (width <= 0 || full.isEmpty()) {
            return full;
        }
        int fits = (int) Math.floor(width / charWidth(labeled));
        return Texts.elideMiddle(full, Math.max(fits, 5));
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

    /**
     * A label for one long monospace name that asks for the width of the whole name and, given
     * less, shows it cut in the middle. Asking for the whole width matters: a label that asked for
     * what it shows after a cut would never grow back.
     */
    public static final class ElidedLabel extends Label {
        private String full = "";

        public ElidedLabel() {
            setTextOverrun(OverrunStyle.CLIP);
            setMinWidth(0);
        }

        /** Sets the whole name; what shows depends on the width the label gets. */
        public void setFullText(String text) {
            full = text == null ? "" : text;
            setText(full);
            requestLayout();
        }

        public String getFullText() {
            return full;
        }

        @Override
        protected double computePrefWidth(double height) {
            return snappedLeftInset() + snappedRightInset() + Math.ceil(full.length() * charWidth(this));
        }

        @Override
        protected void layoutChildren() {
            String shown = fit(this, full, getWidth() - snappedLeftInset() - snappedRightInset());
            if (!shown.equals(getText())) {
                setText(shown);
            }
            super.layoutChildren();
        }
    }
}
