package dev.kdi.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * What the window shows while {@link MainWindow} is being built: the theme's background and a card
 * saying what kdi is opening, like the main window's own loading card. In the theme the main
 * window will open in, so a dark window does not flash light first.
 *
 * <p>It is the window's first frame, so it is made of shapes and text only: no control (which
 * would load and apply JavaFX's whole Modena stylesheet), no stylesheet, no icon font, and
 * nothing from the session. Building the main window and opening the cluster start after it is
 * drawn.
 */
final class StartView {
    /** A theme's kdi-background, kdi-surface, kdi-border, kdi-text and kdi-text-dim (light.css, dark.css). */
    record Palette(Color background, Color surface, Color border, Color text, Color textDim) {
        static Palette of(Theme theme) {
            return theme == Theme.DARK
                    ? new Palette(Color.web("#1e1f22"), Color.web("#25272b"), Color.web("#3b3e44"),
                            Color.web("#dfe1e5"), Color.web("#9aa0a8"))
                    : new Palette(Color.web("#f5f6f8"), Color.web("#ffffff"), Color.web("#d6dae0"),
                            Color.web("#1f2328"), Color.web("#626b75"));
        }
    }

    private StartView() {
    }

    /** A scene of the main window's size with the card, in the theme's colours. */
    static Scene scene(String message, double width, double height, Theme theme) {
        Palette p = Palette.of(theme);
        Text title = new Text("Kubernetes DNS Inspector");
        title.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 20));
        title.setFill(p.text());
        Text line = new Text(message);
        line.setFill(p.textDim());
        VBox card = new VBox(10, title, line);
        card.setId("kdi-start");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setPadding(new Insets(20, 28, 20, 28));
        CornerRadii corners = new CornerRadii(10);
        card.setBackground(new Background(new BackgroundFill(p.surface(), corners, Insets.EMPTY)));
        card.setBorder(new Border(new BorderStroke(p.border(), BorderStrokeStyle.SOLID, corners, BorderWidths.DEFAULT)));
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane root = new StackPane(card);
        root.setBackground(new Background(new BackgroundFill(p.background(), CornerRadii.EMPTY, Insets.EMPTY)));
        return new Scene(root, width, height);
    }
}
