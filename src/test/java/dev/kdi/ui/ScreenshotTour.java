package dev.kdi.ui;

import dev.kdi.records.RrType;
import dev.kdi.ui.common.ClipboardText;
import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.ReplicaScript;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.window.WindowModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;

/**
 * Drives the window through its views on a real display and saves a screenshot of each
 * ({@code import -window root}, so tooltips and popups show). For looking at the window during
 * development, not a test:
 *
 * <pre>
 * Xvfb :99 -screen 0 1600x1000x24 &amp;
 * DISPLAY=:99 java ... dev.kdi.ui.ScreenshotTour target/shots [mode]
 * </pre>
 *
 * <p>with the same {@code java} command as {@link DevMain}. Without a mode it walks the main
 * views (01-opened ... 09-dark); a mode takes one set of shots instead: {@code welcome},
 * {@code loading}, {@code failing} (a replica that misses a namespace, one that failed),
 * {@code manifests}, {@code demo} (light and dark), {@code kinds} (every Service kind),
 * {@code popups} (namespace picker, completion, a row's tooltip), {@code readme}, {@code check} (the Check
 * view after a check, light and dark), {@code replicas} (the Replicas tab with traffic, with {@code real}); add {@code real} to
 * show the embedded demo cluster through the engine instead of the fake session.
 */
public final class ScreenshotTour {
    private final Path out;
    private final WindowModel model;
    private final MainWindow window;
    private final Stage stage;

    private ScreenshotTour(Path out, WindowModel model, MainWindow window, Stage stage) {
        this.out = out;
        this.model = model;
        this.window = window;
        this.stage = stage;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/shots");
        Files.createDirectories(out);
        List<String> steps = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("all");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        Clock clock = Clock.systemDefaultZone();
        boolean welcome = steps.contains("welcome");
        boolean slow = steps.contains("loading");
        boolean failing = steps.contains("failing");
        List<ReplicaScript> replicas = failing
                ? List.of(ReplicaScript.healthy("coredns-7db6d8ff4d-2xkqz", "10.32.0.2"),
                        ReplicaScript.healthy("coredns-7db6d8ff4d-q8h5m", "10.32.0.3").missingNamespace("shop"),
                        ReplicaScript.healthy("coredns-7db6d8ff4d-zz9w4", "10.32.0.4").failing(
                                "pods \"coredns-7db6d8ff4d-zz9w4\" is forbidden: User \"dev\" cannot create resource"
                                        + " \"pods/portforward\" in namespace \"kube-system\": ask for that permission"))
                : List.of(ReplicaScript.healthy("coredns-7db6d8ff4d-2xkqz", "10.32.0.2"),
                        ReplicaScript.healthy("coredns-7db6d8ff4d-q8h5m", "10.32.0.3"));
        boolean real = steps.contains("real");
        dev.kdi.session.SessionOpener opener = real
                ? dev.kdi.session.Sessions.forThisUser().opener(dev.kdi.session.LiveOptions.defaults(),
                        java.io.InputStream::nullInputStream)
                : new FakeOpener(() -> SeedCluster.richSession(clock, replicas).slowStart(
                        slow ? Duration.ofSeconds(30) : Duration.ZERO),
                welcome ? List.of() : List.of("kind-kdi-test", "prod-eu", "staging"), clock);
        FxTaskExecutor executor = new FxTaskExecutor(3, "tour-ui", ProblemLog.inMemory());
        ScreenshotTour[] tour = new ScreenshotTour[1];
        fx(() -> {
            Stage stage = new Stage();
            WindowModel model = new WindowModel(executor, opener, new FxNotifier(() -> stage), clock,
                    ZoneId.systemDefault(), new Reproduction(new Random(7)));
            MainWindow window = new MainWindow(model, ClipboardText.system(), ZoneId.systemDefault());
            stage.setScene(window.scene());
            stage.titleProperty().bind(window.title());
            stage.setX(0);
            stage.setY(0);
            // The Check view is shown as a first start opens the window (its scene's size); the
            // other shots have room to spare.
            boolean firstStartSize = steps.contains("check");
            stage.setWidth(firstStartSize ? window.scene().getWidth() : 1600);
            stage.setHeight(firstStartSize ? window.scene().getHeight() : 1000);
            stage.show();
            tour[0] = new ScreenshotTour(out, model, window, stage);
            model.start(new WindowModel.Start(steps.contains("demo") || real, Optional.empty(), Optional.empty(),
                    Optional.empty()));
        });
        tour[0].run(steps);
        executor.close();
        Platform.exit();
        System.exit(0);
    }

    private void run(List<String> steps) throws Exception {
        if (steps.contains("welcome")) {
            pause(800);
            shot("welcome");
            return;
        }
        if (steps.contains("loading")) {
            pause(1500);
            shot("loading");
            return;
        }
        await(() -> model.phase().get() == WindowModel.Phase.READY);
        pause(600);
        if (steps.contains("failing")) {
            failing();
            return;
        }
        if (steps.contains("manifests")) {
            fx(() -> model.open(new dev.kdi.session.SessionRequest.Manifests(List.of(
                    SeedCluster.resource(SeedCluster.SEED)), Optional.of(SeedCluster.resource(SeedCluster.COREFILE)))));
            await(() -> model.phase().get() == WindowModel.Phase.READY
                    && model.info().get().kind() == dev.kdi.session.SessionInfo.Kind.MANIFESTS);
            fx(() -> {
                TreeItem<Entry> ns = item("ns/default");
                ns.setExpanded(true);
                window.tree().tree().getSelectionModel().select(child(ns, "svc/default/sample-subdomain"));
            });
            pause(600);
            shot("manifests");
            return;
        }
        if (steps.contains("kinds")) {
            fx(() -> {
                TreeItem<Entry> pay = item("ns/payments");
                pay.setExpanded(true);
                child(pay, "svc/payments/checkout").setExpanded(true);
                child(pay, "svc/payments/gateway").setExpanded(true);
                child(pay, "pods/payments").setExpanded(true);
                window.tree().tree().getSelectionModel().select(child(pay, "svc/payments/stripe"));
            });
            pause(400);
            fx(() -> model.details().resolveAll());
            await(() -> !model.details().busy().get());
            pause(400);
            shot("kinds-externalname");
            fx(() -> window.tree().tree().getSelectionModel().select(child(item("ns/payments"),
                    "svc/payments/checkout")));
            pause(400);
            fx(() -> model.details().resolveAll());
            await(() -> !model.details().busy().get());
            pause(400);
            shot("kinds-nodeport");
            return;
        }
        if (steps.contains("readme")) {
            readme();
            return;
        }
        if (steps.contains("popups")) {
            popups();
            return;
        }
        if (steps.contains("check")) {
            fx(() -> window.showCheck());
            // Folded, as one reading a long table folds it: the table gets the window's height.
            fx(() -> window.lookup().collapsed().set(true));
            fx(() -> model.check().run());
            await(() -> model.check().result().get() != null && !model.check().running().get());
            // Drawn before it is shot: on a busy machine the window paints a while after.
            pause(4000);
            shot("check-light");
            fx(window::toggleTheme);
            fx(() -> model.check().show().set(dev.kdi.ui.check.CheckModel.Show.PROBLEMS));
            pause(4000);
            shot("check-dark");
            return;
        }
        if (steps.contains("replicas")) {
            replicas();
            return;
        }
        if (steps.contains("demo")) {
            shot("demo");
            fx(window::toggleTheme);
            pause(400);
            shot("demo-dark");
            return;
        }
        shot("01-opened");

        fx(() -> {
            TreeItem<Entry> ns = item("ns/default");
            ns.setExpanded(true);
            TreeItem<Entry> svc = child(ns, "svc/default/sample-headless");
            svc.setExpanded(true);
            window.tree().tree().getSelectionModel().select(svc);
        });
        pause(500);
        shot("02-service");
        fx(() -> model.details().resolveAll());
        await(() -> !model.details().busy().get());
        pause(500);
        shot("03-service-resolved");

        fx(() -> {
            TreeItem<Entry> shop = item("ns/shop");
            shop.setExpanded(true);
            TreeItem<Entry> pods = child(shop, "pods/shop");
            pods.setExpanded(true);
            window.tree().tree().getSelectionModel().select(child(pods, "pod/shop/db-0"));
        });
        pause(500);
        fx(() -> model.details().resolveAll());
        await(() -> !model.details().busy().get());
        pause(500);
        shot("04-broken-pod");

        fx(() -> window.tree().tree().getSelectionModel().select(item("ns/default")));
        pause(400);
        fx(() -> model.details().resolveAll());
        await(() -> !model.details().busy().get());
        pause(500);
        shot("05-namespace-checked");

        fx(() -> {
            model.lookup().prepare("sample-headless.default.svc.cluster.local", RrType.A);
            model.lookup().lookup();
        });
        await(() -> !model.lookup().busy().get());
        pause(500);
        shot("06-lookup");

        fx(() -> {
            model.lookup().asPod().set(shopPod());
            model.lookup().prepare("db-0.db", RrType.A);
            model.lookup().lookup();
        });
        await(() -> !model.lookup().busy().get());
        pause(500);
        shot("07-as-pod");
        fx(() -> model.lookup().asPod().set(""));

        fx(() -> window.tree().searchField().setText("10.40.0.3"));
        pause(800);
        shot("08-filter");
        fx(() -> window.tree().searchField().setText(""));
        pause(400);

        fx(window::toggleTheme);
        pause(500);
        shot("09-dark");
        fx(window::toggleTheme);
    }

    private void failing() throws Exception {
        fx(() -> {
            TreeItem<Entry> shop = item("ns/shop");
            shop.setExpanded(true);
            window.tree().tree().getSelectionModel().select(shop);
        });
        pause(400);
        fx(() -> model.details().resolveAll());
        await(() -> !model.details().busy().get());
        fx(() -> {
            model.lookup().prepare("web.shop.svc.cluster.local", RrType.A);
            model.lookup().lookup();
        });
        await(() -> !model.lookup().busy().get());
        pause(600);
        fx(() -> {
            javafx.scene.Node n = window.root().lookup("#replica-coredns-7db6d8ff4d-zz9w4");
            javafx.geometry.Bounds b = n.localToScreen(n.getBoundsInLocal());
            ((javafx.scene.control.Label) n).getTooltip().show(n, b.getMinX(), b.getMinY() - 70);
        });
        pause(500);
        shot("failing");
        fx(() -> ((javafx.scene.control.Label) window.root().lookup("#replica-coredns-7db6d8ff4d-zz9w4"))
                .getTooltip().hide());
        fx(() -> {
            var table = window.details().table();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).live() instanceof dev.kdi.ui.details.LiveMark.Differs) {
                    table.getSelectionModel().select(i);
                    break;
                }
            }
        });
        pause(400);
        shot("failing-row");
    }

    /** A pod of namespace shop, whichever cluster is shown. */
    private String shopPod() {
        return model.view().get() == null ? "shop/web" : model.view().get().inspection().snapshot().pods().stream()
                .filter(p -> p.namespace().equals("shop") && p.name().startsWith("web"))
                .map(p -> p.namespace() + "/" + p.name()).findFirst().orElse("shop/web");
    }

    /** The main window as the README shows it. */
    private void readme() throws Exception {
        fx(() -> {
            TreeItem<Entry> def = item("ns/default");
            def.setExpanded(true);
            child(def, "svc/default/sample-headless").setExpanded(true);
            TreeItem<Entry> shop = item("ns/shop");
            shop.setExpanded(true);
            child(shop, "pods/shop").setExpanded(true);
            window.tree().tree().getSelectionModel().select(child(def, "svc/default/sample-headless"));
        });
        pause(400);
        fx(() -> model.details().resolveAll());
        await(() -> !model.details().busy().get());
        fx(() -> {
            model.lookup().asPod().set(shopPod());
            model.lookup().prepare("db-0.db", RrType.A);
            model.lookup().lookup();
        });
        await(() -> !model.lookup().busy().get());
        fx(() -> model.lookup().asPod().set(""));
        fx(() -> {
            model.lookup().prepare("sample-headless.default.svc.cluster.local", RrType.A);
            model.lookup().lookup();
        });
        await(() -> !model.lookup().busy().get());
        fx(() -> window.tree().tree().requestFocus());
        pause(700);
        shot("readme");
    }

    private void popups() throws Exception {
        fx(() -> ((javafx.scene.control.Button) window.root().lookup("#namespace-picker")).fire());
        pause(400);
        fx(() -> {
            javafx.scene.control.TextField f = (javafx.scene.control.TextField) stage.getScene().getWindow()
                    .getScene().lookup("#namespace-filter");
            if (f == null) {
                for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                    if (w.getScene() != null && w.getScene().lookup("#namespace-filter") != null) {
                        f = (javafx.scene.control.TextField) w.getScene().lookup("#namespace-filter");
                    }
                }
            }
            f.setText("s");
        });
        pause(500);
        shot("popup-namespaces");
        fx(() -> ((javafx.scene.control.Button) window.root().lookup("#namespace-picker")).fire());
        pause(300);
        fx(() -> {
            window.lookup().nameField().requestFocus();
            window.lookup().nameField().setText("sample-");
        });
        pause(900);
        shot("popup-completion");
        fx(() -> window.lookup().nameField().setText(""));
        fx(() -> {
            TreeItem<Entry> shop = item("ns/shop");
            shop.setExpanded(true);
            child(shop, "pods/shop").setExpanded(true);
        });
        pause(400);
        fx(() -> {
            for (javafx.scene.Node n : window.tree().tree().lookupAll(".entry-cell")) {
                var c = (javafx.scene.control.TreeCell<?>) n;
                if (c.getItem() != null && ((Entry) c.getItem()).key().equals("pod/shop/db-1")) {
                    javafx.geometry.Bounds b = c.localToScreen(c.getBoundsInLocal());
                    c.getTooltip().show(c, b.getMinX() + 60, b.getMaxY() + 4);
                }
            }
        });
        pause(600);
        shot("popup-tooltip");
    }

    private TreeItem<Entry> item(String key) {
        for (TreeItem<Entry> i : window.tree().tree().getRoot().getChildren()) {
            if (i.getValue().key().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException("no row " + key);
    }

    private static TreeItem<Entry> child(TreeItem<Entry> parent, String key) {
        for (TreeItem<Entry> i : parent.getChildren()) {
            if (i.getValue().key().equals(key)) {
                return i;
            }
        }
        throw new IllegalStateException("no row " + key);
    }

    /**
     * The Replicas tab on the demo ({@code replicas real}) with traffic that rises and falls: names
     * that exist, names that do not, and a name forwarded upstream (SERVFAIL on the replica whose
     * upstream is dead).
     */
    private void replicas() throws Exception {
        javafx.scene.control.Tab tab = window.views().getTabs().stream()
                .filter(t -> "tab-replicas".equals(t.getId())).findFirst().orElseThrow();
        dev.kdi.ui.replicas.ReplicasModel replicas = ((dev.kdi.ui.replicas.ReplicasView) tab.getContent()).model();
        fx(() -> {
            // The lookup pane makes room, so that a card shows whole.
            window.scene().getRoot().lookupAll(".split-pane").stream()
                    .map(n -> (javafx.scene.control.SplitPane) n)
                    .filter(p -> p.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                    .forEach(p -> p.setDividerPositions(0.97));
            window.views().getSelectionModel().select(tab);
            replicas.every().set(dev.kdi.ui.replicas.ReplicasModel.Every.TWO_SECONDS);
        });
        dev.kdi.session.Session session = model.session();
        for (int i = 0; i < 40; i++) {
            int load = (int) Math.round(6 + 5 * Math.sin(i / 4.0));
            for (int k = 0; k < load; k++) {
                for (String name : List.of("web.shop.svc.cluster.local.", "nope-" + k + ".default.svc.cluster.local.",
                        "web.shop.svc.cluster.local.default.svc.cluster.local.", "example.com.")) {
                    session.ask(new dev.kdi.records.Question(name, dev.kdi.records.RrType.A),
                            dev.kdi.session.ReplicaChoice.all());
                }
            }
            pause(500);
        }
        pause(2500);
        shot("replicas-light");
        fx(window::toggleTheme);
        pause(1500);
        shot("replicas-dark");
    }

    private void shot(String name) throws IOException, InterruptedException {
        String size = Math.round(stage.getWidth()) + "x" + Math.round(stage.getHeight());
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", size + "+0+0",
                out.resolve(name + ".png").toString()).inheritIO().start();
        p.waitFor();
        System.out.println("shot " + name);
    }

    private static void pause(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    /** Up to a minute: the embedded demo starts slowly on a busy machine. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            boolean[] ok = new boolean[1];
            fx(() -> ok[0] = condition.getAsBoolean());
            if (ok[0]) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out");
    }

    static void fx(Runnable r) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        Throwable[] failed = new Throwable[1];
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failed[0] = t;
            } finally {
                l.countDown();
            }
        });
        l.await();
        if (failed[0] != null) {
            throw new IllegalStateException(failed[0]);
        }
    }
}
