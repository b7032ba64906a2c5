package dev.kdi.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.text.Text;

/**
 * A label for long monospace names that asks for the width of the whole name and, given less,
 * cuts it in the middle as {@link Texts#elideMiddle} does, keeping the distinctive left part and
 * the zone. Asking for the whole width matters: a label that asked for what it shows after a cut
 * would never grow back.
 */
public final class ElidedLabel extends Label {
    private final Text measure = new Text();
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
        measure.setFont(getFont());
        measure.setText(full);
        return snappedLeftInset() + snappedRightInset() + Math.ceil(measure.getLayoutBounds().getWidth());
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        String shown = full;
        if (width > 0) {
            measure.setFont(getFont());
            measure.setText(full);
            double whole = measure.getLayoutBounds().getWidth();
            if (whole > width && !full.isEmpty()) {
                // Monospace: every character is as wide as the average one.
                int fits = (int) Math.floor(width / (whole / full.length()));
                shown = Texts.elideMiddle(full, Math.max(fits, 5));
            }
        }
        if (!shown.equals(getText())) {
            setText(shown);
        }
        super.layoutChildren();
    }
}
