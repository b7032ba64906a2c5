package dev.kdi.ui.diff;

import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.Deletions;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Open manifests as a change…": what {@code kdi diff --live} takes, in a dialog. Manifest files
 * and folders ({@code -f}; a folder is read recursively, every {@code .yaml}, {@code .yml} and
 * {@code .json} under it) and the objects the change deletes ({@code --delete KIND/NS/NAME}): as
 * {@code kubectl apply}, nothing is deleted unless named.
 */
public final class ChangeDialog {
    private final Dialog<OverlayModel.Request> dialog = new Dialog<>();
    private final ListView<Path> paths = new ListView<>();
    private final TextArea deletes = new TextArea();
    private final Label problem = new Label();

    /**
     * @param last the change shown (or last asked for), whose files and deletions the dialog starts from
     */
    public ChangeDialog(Window owner, Optional<OverlayModel.Request> last) {
        dialog.initOwner(owner);
        dialog.setTitle("Open manifests as a change");
        dialog.setHeaderText("Lay manifests over the cluster shown, as kubectl apply -f would apply them");
        paths.setId("change-paths");
        paths.setPrefSize(560, 140);
        paths.setPlaceholder(new Label("No manifests yet: add files or a folder."));
        paths.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Button files = new Button("Add files…");
        files.setId("change-add-files");
        files.setOnAction(e -> addFiles());
        Button folder = new Button("Add folder…");
        folder.setId("change-add-folder");
        folder.setOnAction(e -> addFolder());
        Button remove = new Button("Remove");
        remove.setId("change-remove-path");
        remove.disableProperty().bind(paths.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> paths.getItems().removeAll(List.copyOf(paths.getSelectionModel().getSelectedItems())));
        HBox pathButtons = new HBox(8, files, folder, remove);

        Label deleteLabel = new Label("Also delete (as kdi diff --delete: KIND/NAMESPACE/NAME or namespace/NAME, one "
                + "a line). Nothing else is deleted, as with kubectl apply.");
        deleteLabel.setWrapText(true);
        deletes.setId("change-deletes");
        deletes.setPromptText("e.g. service/shop/web, statefulset/db/pg, namespace/old (one a line)");
        deletes.setPrefRowCount(3);
        deletes.getStyleClass().add("mono");
        problem.setId("change-deletes-problem");
        problem.getStyleClass().add("change-problem");
        problem.setWrapText(true);
        // Wrapped within the dialog's width, whole: a cut message would hide what is wrong.
        problem.setMaxWidth(560);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            try {
                parse(deletes.getText());
                return "";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }, deletes.textProperty()));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label pathLabel = new Label("Manifests (-f): files, or folders read recursively (.yaml, .yml, .json)");
        VBox content = new VBox(8, pathLabel, paths, pathButtons, deleteLabel, deletes, problem);
        content.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(content);
        ButtonType compare = new ButtonType("Compare", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(compare, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(compare);
        ok.setId("change-compare");
        ok.disableProperty().bind(Bindings.isEmpty(paths.getItems()).or(problem.textProperty().isNotEmpty()));
        dialog.setResultConverter(b -> b == compare ? new OverlayModel.Request(paths.getItems(),
                parse(deletes.getText())) : null);

        last.ifPresent(r -> {
            paths.getItems().setAll(r.paths());
            deletes.setText(String.join("\n", r.deletes().stream().map(Deletions::text).toList()));
        });
    }

    /** Shows the dialog and waits: the request, or empty when cancelled. */
    public Optional<OverlayModel.Request> ask() {
        return dialog.showAndWait();
    }

    /** The dialog itself (tests fill it in and press its buttons). */
    public Dialog<OverlayModel.Request> dialog() {
        return dialog;
    }

    /** Adds paths as the choosers would (a path already listed is not listed twice). */
    public void add(List<Path> more) {
        for (Path p : more) {
            if (!paths.getItems().contains(p)) {
                paths.getItems().add(p);
            }
        }
    }

    private void addFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Manifests of the change");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Manifests", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        startIn().ifPresent(chooser::setInitialDirectory);
        List<File> chosen = chooser.showOpenMultipleDialog(dialog.getDialogPane().getScene().getWindow());
        if (chosen != null) {
            add(chosen.stream().map(File::toPath).toList());
        }
    }

    private void addFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("A folder of manifests (read recursively)");
        startIn().ifPresent(chooser::setInitialDirectory);
        File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
        if (chosen != null) {
            add(List.of(chosen.toPath()));
        }
    }

    /** The folder of the last path listed, so that a second file is one click away. */
    private Optional<File> startIn() {
        if (paths.getItems().isEmpty()) {
            return Optional.empty();
        }
        Path last = paths.getItems().get(paths.getItems().size() - 1);
        Path dir = java.nio.file.Files.isDirectory(last) ? last : last.getParent();
        return dir != null && java.nio.file.Files.isDirectory(dir) ? Optional.of(dir.toFile()) : Optional.empty();
    }

    /**
     * The objects to delete, one a line (blank lines and {@code #} comments ignored), as
     * {@code --delete} reads them.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    static List<ObjectRef> parse(String text) {
        List<ObjectRef> out = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                ObjectRef ref = Deletions.parse(line);
                if (!out.contains(ref)) {
                    out.add(ref);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
