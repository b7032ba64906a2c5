package dev.kdi.ui.toolbar;

import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionRequest;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.live.ReplicaOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The toolbar above the tree and details. */
public final class ToolbarView extends HBox {

    /**
     * @param openManifests asks the user for files and opens them
     * @param toggleTheme switches between the light and the dark theme
     */
    public ToolbarView(ToolbarModel model, Runnable openManifests, Runnable toggleTheme) {
        getStyleClass().add("kdi-toolbar");
        setAlignment(Pos.CENTER_LEFT);

        Label demo = new Label("DEMO");
        demo.setId("demo-pill");
        demo.getStyleClass().addAll("pill", "pill-demo");
        demo.setTooltip(new Tooltip("The embedded demo cluster: an API server and DNS inside this process,"
                + " not a real cluster."));
        demo.visibleProperty().bind(model.demo());
        demo.managedProperty().bind(demo.visibleProperty());

        ComboBox<String> context = new ComboBox<>(model.contexts());
        context.setId("context-picker");
        context.setPromptText("context");
        context.setTooltip(new Tooltip("The kubeconfig context to inspect"));
        context.setValue(model.context().get());
        model.context().addListener((o, was, now) -> context.setValue(now));
        context.setOnAction(e -> {
            String chosen = context.getValue();
            if (chosen != null && !chosen.equals(model.context().get())) {
                model.switchContext(chosen);
            }
        });
        context.visibleProperty().bind(Bindings.isNotEmpty(model.contexts()).and(model.demo().not())
                .and(Bindings.createBooleanBinding(() -> model.info().get() == null
                        || model.info().get().kind() != SessionInfo.Kind.MANIFESTS, model.info())));
        context.managedProperty().bind(context.visibleProperty());
        Label source = new Label();
        source.setId("source-label");
        source.getStyleClass().add("toolbar-source");
        source.textProperty().bind(Bindings.createStringBinding(() -> {
            SessionInfo i = model.info().get();
            if (i == null) {
                return "";
            }
            return switch (i.kind()) {
                case DEMO -> "demo cluster";
                case LIVE -> i.name();
                case MANIFESTS -> "manifests: " + Arrays.stream(i.name().split(", "))
                        .map(f -> Path.of(f).getFileName().toString())
                        .collect(Collectors.joining(", "));
            };
        }, model.info()));
        source.setGraphic(Icons.CLUSTER.create());
        source.setMaxWidth(260);
        source.visibleProperty().bind(context.visibleProperty().not());
        source.managedProperty().bind(source.visibleProperty());
        source.tooltipProperty().bind(Bindings.createObjectBinding(() -> model.info().get() == null ? null
                : new Tooltip(model.info().get().name()), model.info()));

        NamespacePicker namespaces = new NamespacePicker(model.namespaces(), model.chosenNamespaces());
        namespaces.setTooltip(new Tooltip("Which namespaces the tree shows"));

        Label zoneLabel = label("zone");
        TextField zone = new TextField();
        zone.setId("cluster-domain");
        zone.getStyleClass().addAll("domain-field", "mono");
        zone.textProperty().bindBidirectional(model.clusterDomain());
        zone.setOnAction(e -> model.applyClusterDomain());
        zone.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                model.applyClusterDomain();
            }
        });
        Tooltip zoneTip = new Tooltip();
        zoneTip.textProperty().bind(Bindings.concat("The cluster domain, from ", model.clusterDomainSource(),
                ".\nType another one and press Enter to rebuild every name with it; empty goes back."));
        zone.setTooltip(zoneTip);

        Label dnsLabel = label("DNS");
        ComboBox<ReplicaOption> replica = new ComboBox<>(model.replicaOptions());
        replica.setId("replica-picker");
        replica.valueProperty().bindBidirectional(model.replica());
        replica.setTooltip(new Tooltip("Which DNS replica Resolve asks: one, or all of them to see whether they agree"));
        replica.disableProperty().bind(model.canAsk().not());
        replica.setPrefWidth(180);

        Button refresh = Icons.REFRESH.button("Reload everything from the cluster (F5, Ctrl+R)");
        refresh.setId("refresh");
        refresh.disableProperty().bind(model.refreshing().or(model.info().isNull()));
        refresh.setOnAction(e -> model.refresh());
        ProgressIndicator refreshing = new ProgressIndicator();
        refreshing.setPrefSize(16, 16);
        refreshing.visibleProperty().bind(model.refreshing());
        refreshing.managedProperty().bind(refreshing.visibleProperty());

        MenuItem openDemo = new MenuItem("Demo cluster", Icons.DEMO.create());
        openDemo.setOnAction(e -> model.open(new SessionRequest.Demo()));
        MenuItem openFiles = new MenuItem("Manifests…", Icons.FILES.create());
        openFiles.setOnAction(e -> openManifests.run());
        MenuButton open = new MenuButton("Open", null, openDemo, openFiles);
        open.setId("open-menu");

        Button theme = Icons.THEME.button("Switch between the light and the dark theme");
        theme.setOnAction(e -> toggleTheme.run());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(demo, context, source, namespaces, new Separator(Orientation.VERTICAL),
                zoneLabel, zone, dnsLabel, replica, refresh, refreshing, spacer, open, theme);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("toolbar-label");
        return l;
    }
}
