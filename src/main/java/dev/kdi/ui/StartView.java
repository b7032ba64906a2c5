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
 * What the window shows while {@link MainWindow} is being built: the light theme's background
 * and a card saying what kdi is opening, like the main window's own loading card.
 *
 * <p>It is the window's first frame, so it is made of shapes and text only: no control (which
 * would load and apply JavaFX's whole Modena stylesheet), no stylesheet, no icon font, and
 * nothing from the session. Building the main window and opening the cluster start after it is
 * drawn.
 */
final class StartView {
    // The light theme's kdi-background, kdi-surface, kdi-border, kdi-text and kdi-text-dim.
    private static final Color BACKGROUND = Color.web("#f5f6f8");
    private static final Color SURFACE = Color.web("#ffffff");
    private static final Color BORDER = Color.web("#d6dae0");
    private static final Color TEXT = Color.web("#1f2328");
    private static final Color TEXT_DIM = Color.web("#626b75");

    private StartView() {
    }

    /** A scene of the main window's size with the card. */
    static Scene scene(String message, double width, double height) {
        Text title = new Text("Kubernetes DNS Inspector");
        title.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 20));
        title.setFill(TEXT);
        Text line = new Text(message);
        line.setFill(TEXT_DIM);
        VBox card = new VBox(10, title, line);
        card.setId("kdi-start");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setPadding(new Insets(20, 28, 20, 28));
        CornerRadii corners = new CornerRadii(10);
        card.setBackground(new Background(new BackgroundFill(SURFACE, corners, Insets.EMPTY)));
        card.setBorder(new Border(new BorderStroke(BORDER, BorderStrokeStyle.SOLID, corners, BorderWidths.DEFAULT)));
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane root = new StackPane(card);
        root.setBackground(new Background(new BackgroundFill(BACKGROUND, CornerRadii.EMPTY, Insets.EMPTY)));
        return new Scene(root, width, height);
    }
}
