package dev.kdi.ui.lookup;

import dev.kdi.records.RrType;
import dev.kdi.records.searchpath.Resolver;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.MiddleElision.ElidedLabel;
import dev.kdi.ui.common.RrTypeConverter;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.live.ReplicaOption;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.javafx.FontIcon;

/** The lookup panel: the question, the history, and the selected answer. */
public final class LookupView extends BorderPane {
    private final BooleanProperty collapsed = new SimpleBooleanProperty(this, "collapsed");
    private static final int SUGGESTIONS = 12;

    private final LookupModel model;
    private final TextField name = new TextField();
    private final ResultPane result = new ResultPane();
    private final ComboBox<ReplicaOption> replica = new ComboBox<>();

    /**
     * @param replicas the replica choices, kept up to date by the window
     */
    public LookupView(LookupModel model, ObservableList<ReplicaOption> replicas, ZoneId zone) {
        this.model = model;
        getStyleClass().add("lookup");

        name.setId("lookup-name");
        name.getStyleClass().add("mono");
        name.setPromptText("Name to look up, e.g. my-service.my-namespace.svc.cluster.local, or an IP for its PTR");
        name.setTooltip(new Tooltip("The name to look up; Enter asks (Ctrl+L comes here from anywhere)"));
        name.textProperty().bindBidirectional(model.name());
        HBox.setHgrow(name, Priority.ALWAYS);
        AutoCompletionBinding<String> names = complete(name, text -> model.completeName(text, SUGGESTIONS));
        name.setOnAction(e -> lookUpClosing(names, name));

        ComboBox<RrType> type = new ComboBox<>();
        type.setId("lookup-type");
        type.getItems().setAll(LookupModel.TYPES);
        type.valueProperty().bindBidirectional(model.type());
        type.setConverter(new RrTypeConverter());
        type.setEditable(true);
        type.setPrefWidth(92);
        type.setTooltip(new Tooltip("Record type; any type can be typed (TXT, CAA, TYPE65...)"));

        replica.setId("lookup-replica");
        replica.setItems(replicas);
        replica.setTooltip(new Tooltip("Which DNS replica to ask; all replicas shows whether they agree"));
        replica.getSelectionModel().select(0);
        replica.valueProperty().addListener((o, was, now) -> model.replica().set(now == null ? ReplicaChoice.all()
                : now.choice()));
        // The combo clears its value after its items change, so the choice is put back afterwards.
        replicas.addListener((ListChangeListener<ReplicaOption>) c -> Platform
                .runLater(() -> {
                    ReplicaChoice wanted = model.replica().get();
                    Optional<ReplicaOption> same = replicas.stream().filter(r -> r.choice().equals(wanted)).findFirst();
                    replica.setValue(same.orElse(replicas.isEmpty() ? null : replicas.get(0)));
                }));
        model.replica().addListener((o, was, now) -> {
            if (replica.getValue() == null || !replica.getValue().choice().equals(now)) {
                replicas.stream().filter(r -> r.choice().equals(now)).findFirst().ifPresent(replica::setValue);
            }
        });
        replica.setPrefWidth(170);

        CustomTextField asPod = (CustomTextField) TextFields.createClearableTextField();
        asPod.setId("lookup-as-pod");
        asPod.setPromptText("as pod (namespace/name)");
        asPod.setLeft(Icons.AS_POD.create());
        asPod.textProperty().bindBidirectional(model.asPod());
        asPod.setPrefColumnCount(18);
        asPod.setTooltip(new Tooltip("Look the name up as this pod's resolver would: its search list and ndots,"
                + " every query it sends in order"));
        AutoCompletionBinding<String> pods = complete(asPod, text -> model.completePod(text, SUGGESTIONS));
        asPod.setOnAction(e -> lookUpClosing(pods, asPod));
        ChoiceBox<Resolver> libc = new ChoiceBox<>();
        libc.getItems().setAll(Resolver.values());
        libc.valueProperty().bindBidirectional(model.resolver());
        libc.setConverter(new StringConverter<>() {
            @Override
            public String toString(Resolver r) {
                return r == null ? "" : r.label();
            }

            @Override
            public Resolver fromString(String s) {
                return Resolver.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        libc.setTooltip(new Tooltip("The pod's C library: glibc (Debian, Ubuntu, distroless...) or musl (Alpine)"));
        libc.visibleProperty().bind(model.asPod().isNotEmpty());
        libc.managedProperty().bind(libc.visibleProperty());

        Button go = new Button("Look up", Icons.DNS.create());
        go.setId("lookup-go");
        go.getStyleClass().add("accent");
        go.setOnAction(e -> model.lookup());
        go.visibleProperty().bind(model.busy().not());
        go.managedProperty().bind(go.visibleProperty());
        Button stop = new Button("Stop", Icons.CANCEL.create());
        stop.setId("lookup-stop");
        stop.setOnAction(e -> model.cancel());
        stop.visibleProperty().bind(model.busy());
        stop.managedProperty().bind(stop.visibleProperty());

        Label title = new Label("Lookup");
        title.getStyleClass().add("section-title");
        MenuButton recent = new MenuButton(null, Icons.HISTORY.create());
        recent.setId("lookup-recent");
        recent.setTooltip(new Tooltip("Names looked up before, in this run and the ones before"));
        Runnable fillRecent = () -> recent.getItems().setAll(model.recent().stream().map(q -> {
            MenuItem item = new MenuItem(q);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.prepareRecent(q));
            return item;
        }).toList());
        model.recent().addListener((ListChangeListener<String>) c -> fillRecent.run());
        fillRecent.run();
        recent.disableProperty().bind(Bindings.isEmpty(model.recent()));
        ToggleButton collapse = new ToggleButton();
        collapse.setId("lookup-collapse");
        collapse.getStyleClass().add("flat");
        collapse.selectedProperty().bindBidirectional(collapsed);
        collapse.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(collapsed.get()
                ? "mdi2c-chevron-up" : "mdi2c-chevron-down"), collapsed));
        collapse.setTooltip(new Tooltip("Hide or show the lookups and their answers, so the tree and details get the"
                + " height"));
        HBox form = new HBox(6, title, name, recent, type, replica, asPod, libc, go, stop, collapse);
        form.setAlignment(Pos.CENTER_LEFT);
        form.setPadding(new Insets(6, 8, 6, 8));
        form.getStyleClass().add("lookup-form");

        Label message = new Label();
        message.setId("lookup-message");
        message.getStyleClass().add("inline-message");
        message.textProperty().bind(model.message());
        message.visibleProperty().bind(model.message().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.setPadding(new Insets(0, 8, 4, 8));
        setTop(new VBox(form, message));

        ListView<LookupResult> history = new ListView<>(model.history());
        history.setId("lookup-history");
        history.setPlaceholder(placeholder("No lookups yet."));
        history.setCellFactory(l -> new HistoryCell(zone));
        history.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.selected().set(now);
            }
        });
        model.selected().addListener((o, was, now) -> {
            result.show(now);
            if (now != null && history.getSelectionModel().getSelectedItem() != now) {
                history.getSelectionModel().select(now);
            }
        });
        SplitPane split = new SplitPane(history, result);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(history, false);
        setCenter(split);
        // Collapsed, the panel is its form only: the window's split gives the rest to the tree and details.
        split.visibleProperty().bind(collapsed.not());
        split.managedProperty().bind(split.visibleProperty());
        maxHeightProperty().bind(Bindings.when(collapsed).then(Region.USE_PREF_SIZE).otherwise(Double.MAX_VALUE));
        // A lookup asked while collapsed opens the panel: its answer is what was asked for.
        model.busy().addListener((o, was, now) -> {
            if (now) {
                collapsed.set(false);
            }
        });
    }

    /** Whether only the form shows; the window's split follows it. */
    public BooleanProperty collapsed() {
        return collapsed;
    }

    /** The name field, for focusing with a shortcut. */
    public TextField nameField() {
        return name;
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("placeholder-small");
        return l;
    }

    /**
     * Looks up with the completion closed: it would cover the answer, and a suggestion request
     * still pending from the last keystroke must not open it again over the result.
     */
    private void lookUpClosing(AutoCompletionBinding<String> binding, TextField field) {
        binding.getAutoCompletionPopup().hide();
        String asked = field.getText();
        binding.getAutoCompletionPopup().setOnShown(e -> {
            if (field.getText().equals(asked)) {
                binding.getAutoCompletionPopup().hide();
            }
        });
        model.lookup();
    }

    private static AutoCompletionBinding<String> complete(TextField field, Function<String, List<String>> provider) {
        AutoCompletionBinding<String> binding = TextFields.bindAutoCompletion(field,
                request -> (Collection<String>) provider.apply(request.getUserText()));
        binding.setVisibleRowCount(SUGGESTIONS);
        binding.setDelay(120);
        // As wide as the field: suggestions are long names that differ at their ends.
        binding.prefWidthProperty().bind(field.widthProperty());
        binding.getAutoCompletionPopup().getStyleClass().add("kdi-completion");
        return binding;
    }

    /** Time, an icon that says whether something needs attention, and the one-line title. */
    private static final class HistoryCell extends ListCell<LookupResult> {
        private final ZoneId zone;

        HistoryCell(ZoneId zone) {
            this.zone = zone;
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(LookupResult item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            FontIcon icon;
            if (item.attention()) {
                icon = Icons.DIFFERENT.create();
                icon.getStyleClass().add("bad");
            } else if (item instanceof LookupResult.Direct d && !d.asked()) {
                icon = Icons.DNS.create();
            } else {
                icon = Icons.SAME.create();
                icon.getStyleClass().add("ok");
            }
            Label time = new Label(Texts.time(item.at(), zone));
            time.getStyleClass().add("dim");
            time.setMinWidth(Region.USE_PREF_SIZE);
            ElidedLabel title = new ElidedLabel();
            title.getStyleClass().add("mono-small");
            title.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(title, Priority.ALWAYS);
            title.setFullText(item.title());
            HBox box = new HBox(6, icon, time, title);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setMinWidth(0);
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(item.title()));
        }
    }
}
