import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor for kdi's first frame: an empty JavaFX window of the same size, started by the same
 * launcher and runtime (benchmark-install copies the app-image and points its launcher here). It
 * notices the first frame the way dev.kdi.ui.FirstFrame does, and prints the same probe line.
 */
public class EmptyWindow extends Application {
    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(), 1200, 800);
        stage.setScene(scene);
        stage.setTitle("empty");
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
                long wall = ProcessHandle.current().info().startInstant()
                        .map(s -> Duration.between(s, Instant.now()).toMillis()).orElse(-1L);
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                System.err.println("kdi probe: first frame " + wall + " ms after the process started, " + cpu
                        + " ms of processor time");
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
        stage.show();
    }

    public static void main(String[] args) {
        Application.launch(EmptyWindow.class, args);
    }
}
