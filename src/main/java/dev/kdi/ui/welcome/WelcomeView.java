package dev.kdi.ui.welcome;

import dev.kdi.ui.common.Icons;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** What the tool does and how to start: the demo in one click, manifests, or a kubeconfig. */
public final class WelcomeView extends ScrollPane {

    /**
     * @param openManifests asks the user for manifest files and opens them
     */
    /**
     * @param problem why opening the kubeconfig's context failed, or empty
     * @param canRetry whether there is a kubeconfig to try again
     */
    public WelcomeView(ReadOnlyStringProperty problem, BooleanExpression canRetry, Runnable openDemo, Runnable retry,
                       Runnable openManifests) {
        setId("welcome");
        getStyleClass().add("welcome");
        setFitToWidth(true);
        setFitToHeight(true);

        ImageView icon = new ImageView(new Image(WelcomeView.class.getResourceAsStream("/dev/kdi/ui/icons/kdi-64.png")));
        Label title = new Label("Kubernetes DNS Inspector");
        title.getStyleClass().add("welcome-title");
        HBox head = new HBox(14, icon, title);
        head.setAlignment(Pos.CENTER_LEFT);

        Label lead = wrap(new Label("See every DNS name your cluster should serve, ask the cluster's own DNS about any"
                + " of them with one click, and read in plain words why a name does not resolve."));
        lead.getStyleClass().add("welcome-lead");

        VBox points = new VBox(8,
                point(Icons.NAMESPACE, "Namespaces, Services and pods with every name they should have: Service names,"
                        + " per-pod names of StatefulSets, hostname.subdomain names, SRV and reverse records."),
                point(Icons.RESOLVE_ALL, "Resolve asks each CoreDNS replica through the API server's port-forward and"
                        + " marks what it answers: ✓ as predicted, ✗ missing or different."),
                point(Icons.WARNING, "Findings explain misconfigurations before you go hunting: a StatefulSet's"
                        + " serviceName without a Service, a subdomain nothing selects, and more."),
                point(Icons.AS_POD, "Look a name up as a given pod would: its search path and ndots, query by query."));

        Label why = wrap(new Label());
        why.setId("welcome-problem");
        why.getStyleClass().add("welcome-problem");
        why.setGraphic(Icons.ERROR.create(18));
        why.textProperty().bind(problem);
        why.visibleProperty().bind(problem.isNotEmpty());
        why.managedProperty().bind(why.visibleProperty());

        Button demo = new Button("Open the demo cluster", Icons.DEMO.create());
        demo.setId("open-demo");
        demo.getStyleClass().addAll("accent", "big");
        demo.setDefaultButton(true);
        demo.setOnAction(e -> openDemo.run());
        Button files = new Button("Open manifests…", Icons.FILES.create());
        files.setId("open-manifests");
        files.getStyleClass().add("big");
        files.setOnAction(e -> openManifests.run());
        Button tryAgain = new Button("Try again", Icons.REFRESH.create());
        tryAgain.getStyleClass().add("big");
        tryAgain.setOnAction(e -> retry.run());
        tryAgain.visibleProperty().bind(canRetry.and(problem.isNotEmpty()));
        tryAgain.managedProperty().bind(tryAgain.visibleProperty());
        HBox buttons = new HBox(10, demo, files, tryAgain);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label demoNote = wrap(new Label("The demo is a small cluster that runs inside kdi, an API server and a DNS"
                + " server both in this process: nothing leaves your machine. Its stories: a StatefulSet without its"
                + " Service, a not-ready pod, an ExternalName that is an address, a DNS replica that missed a"
                + " namespace, and a Corefile with a rewrite (db.example.com), a stub domain (corp.example), a name"
                + " for each node and a zone whose hosts lacks fallthrough (lab.example)."));
        demoNote.setId("welcome-demo-note");
        demoNote.getStyleClass().add("dim");

        Label point = new Label("Point it at your cluster");
        point.getStyleClass().add("section-title");
        Label how = wrap(new Label("kdi reads your kubeconfig as kubectl does: $KUBECONFIG, else ~/.kube/config. Start"
                + " it with a context, or with another file:"));
        Label cmd1 = command("kdi --context my-cluster");
        Label cmd2 = command("kdi --kubeconfig ./admin.conf --context my-cluster");
        Label rbac = wrap(new Label("It needs to list namespaces, Services, EndpointSlices and pods, read ConfigMap"
                + " kube-system/coredns, and create pods/portforward on the DNS pods (to ask them directly)."));
        rbac.getStyleClass().add("dim");

        VBox card = new VBox(head, lead, points, why, buttons, demoNote, sep(), point, how, cmd1, cmd2, rbac);
        card.getStyleClass().add("welcome-card");
        card.setMaxWidth(760);
        card.setFillWidth(true);
        StackPane center = new StackPane(card);
        center.setPadding(new Insets(32));
        StackPane.setAlignment(card, Pos.CENTER);
        setContent(center);
        // ScrollPane's skin caches its viewport as an image of the view (1408x928 at the window's
        // first size: 5 MB of heap under the software renderer, the GPU's memory otherwise) and keeps
        // it once the view is hidden, which is the whole session once a cluster is open (a heap dump
        // of the demo window found it; a hidden node's cache is not released). A page scrolled now
        // and then is cheap to draw afresh, so it is never cached.
        skinProperty().addListener((o, was, now) -> {
            Node viewport = lookup(".viewport");
            if (viewport != null) {
                viewport.setCache(false);
            }
        });
    }

    private static HBox point(Icons icon, String text) {
        FontIcon i = icon.create(18);
        Label l = wrap(new Label(text));
        HBox box = new HBox(10, i, l);
        box.getStyleClass().add("welcome-point");
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private static Label command(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("welcome-command", "mono");
        return l;
    }

    private static Region sep() {
        Region r = new Region();
        r.setMinHeight(4);
        return r;
    }

    private static Label wrap(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
