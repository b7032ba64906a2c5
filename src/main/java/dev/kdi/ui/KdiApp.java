package dev.kdi.ui;

import dev.kdi.session.LiveOptions;
import dev.kdi.session.LoadingHeadroom;
import dev.kdi.session.SessionOpener;
import dev.kdi.session.Sessions;
import dev.kdi.ui.common.ClipboardText;
import dev.kdi.ui.common.FxTaskExecutor;
import dev.kdi.ui.common.ProblemLog;
import dev.kdi.ui.common.UiPreferences;
import dev.kdi.ui.live.Reproduction;
import dev.kdi.ui.window.WindowModel;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The desktop application. The command line opens it with {@link #open}; it can also be launched
 * as a JavaFX {@link Application} with {@code --demo}, {@code --kubeconfig=FILE},
 * {@code --context=NAME} and {@code --cluster-domain=DOMAIN}.
 */
public final class KdiApp extends Application {
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};
    private static final String TITLE = "Kubernetes DNS Inspector";
    /** The main window's scene size, so that the swap from the start view does not resize it. */
    private static final double WIDTH = 1400;
    private static final double HEIGHT = 900;
    private static final long SETTLE_MILLIS = 200;
    /** Generous: CI machines are slow and shared, and the demo starts a mock API server. */
    private static final long SMOKE_TEST_LIMIT_MILLIS = 240_000;

    private final WindowModel.Start start;
    private final SessionOpener opener;
    private final CompletableFuture<Integer> exit;
    private final boolean smokeTest;
    private FxTaskExecutor executor;
    private WindowModel model;
    /** Why the main window could not be built after the start view, for {@link #stop} to report. */
    private RuntimeException failure;

    /** For {@link Application#launch}: options come from the parameters. */
    public KdiApp() {
        this(null, null, new CompletableFuture<>(), false);
    }

    KdiApp(WindowModel.Start start, SessionOpener opener, CompletableFuture<Integer> exit, boolean smokeTest) {
        this.start = start;
        this.opener = opener;
        this.exit = exit;
        this.smokeTest = smokeTest;
    }

    /**
     * Opens the window and returns when it is closed; the command line calls this by reflection.
     *
     * @param demo open the embedded demo cluster
     * @param kubeconfig the kubeconfig, or null for {@code $KUBECONFIG} / {@code ~/.kube/config}
     * @param context the context, or null for the current one
     * @param clusterDomain a cluster domain to use instead of the detected one, or null
     * @param debug whether library logs are shown (the command line has set logging up already)
     * @param smokeTest run {@link SmokeTest} in the window and close it, exiting 1 if it fails
     * @return the exit code
     */
    public static int open(boolean demo, String kubeconfig, String context, String clusterDomain, boolean debug,
                           boolean smokeTest) {
        readSavedThemeAside();
        if (smokeTest) {
            // Started like open(Start, SessionOpener) so that the test's verdict becomes the exit
            // code; the window, its sessions and the GTK toolkit are the real ones.
            return open(new WindowModel.Start(demo, Optional.ofNullable(kubeconfig).map(Path::of),
                    Optional.ofNullable(context), Optional.ofNullable(clusterDomain)), defaultOpener(), true);
        }
        // Launched by class, so that the window's WM_CLASS is this class's name: the packaged
        // .desktop file's StartupWMClass matches it, and docks group the window under kdi's icon.
        List<String> args = new ArrayList<>();
        if (demo) {
            args.add("--demo");
        }
        if (kubeconfig != null) {
            args.add("--kubeconfig=" + kubeconfig);
        }
        if (context != null) {
            args.add("--context=" + context);
        }
        if (clusterDomain != null) {
            args.add("--cluster-domain=" + clusterDomain);
        }
        if (debug) {
            args.add("--debug");
        }
        try {
            Application.launch(KdiApp.class, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // A failure after start() returned comes back through stop() (see there), which
            // JavaFX wraps; the caller turns this into a message and a non-zero exit.
            if (e.getCause() instanceof StartFailure f && f.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return 0;
    }

    /**
     * Reads the saved theme on a thread of its own while the toolkit starts, so that the start view
     * finds it read. The first read of {@code java.util.prefs} loads its file-system store and an
     * XML parser (about 200 classes), much of what the start view cost over an empty window;
     * the toolkit's start keeps the FX thread busy for longer, so on a second core it is free. The preferences
     * keep what they read, so {@link #start} reads the same value again without the cost, or waits
     * on the preferences' own lock while this read finishes.
     */
    private static void readSavedThemeAside() {
        Thread reader = new Thread(() -> Theme.saved(UiPreferences.forThisUser()), "kdi-preferences");
        reader.setDaemon(true);
        reader.start();
    }

    /** Carries a failure to build the main window out of {@link Application#launch}. */
    private static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartFailure(Throwable cause) {
            super(cause);
        }
    }

    /** The engine's sessions: the demo, the user's kubeconfig contexts, manifests. */
    static SessionOpener defaultOpener() {
        return Sessions.forThisUser().opener(LiveOptions.defaults(), InputStream::nullInputStream);
    }

    /**
     * Opens the window with the given sessions and blocks until it is closed; for development
     * and tests, which bring their own sessions.
     */
    public static int open(WindowModel.Start start, SessionOpener opener) {
        return open(start, opener, false);
    }

    private static int open(WindowModel.Start start, SessionOpener opener, boolean smokeTest) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            try {
                new KdiApp(start, opener, exit, smokeTest).start(new Stage());
            } catch (RuntimeException e) {
                exit.completeExceptionally(e);
            }
        });
        try {
            return exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the window failed to start: " + e.getCause().getMessage(), e.getCause());
        } finally {
            Platform.exit();
        }
    }

    /**
     * Shows the window at once with {@link StartView}; once that first frame is drawn, builds the
     * main window, swaps it in and opens the cluster. The main window (every view, its controls,
     * stylesheets and icon font) and the session (the kubeconfig, the demo's server) cost several
     * times what an empty window does, and none of it needs to be on screen before the window is.
     */
    @Override
    public void start(Stage stage) {
        WindowModel.Start s = start != null ? start : fromParameters(getParameters());
        boolean probe = "first-frame".equals(System.getenv(FirstFrame.PROBE_VARIABLE));
        // The same preference the main window reads (java.util.prefs keeps it once read).
        Theme theme = Theme.saved(UiPreferences.forThisUser()).orElse(Theme.LIGHT);
        Scene first = StartView.scene(s.demo() ? "Opening the demo cluster\u2026" : "Starting\u2026", WIDTH, HEIGHT, theme);
        stage.setScene(first);
        stage.setTitle(TITLE);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnHidden(e -> exit.complete(0));
        stage.show();
        FirstFrame.after(first, ms -> {
            if (smokeTest) {
                System.out.println("smoke test: first frame " + ms + " ms after the process started");
            } else if (probe) {
                System.err.println("kdi probe: first frame " + ms + " ms after the process started, "
                        + FirstFrame.processorTime() + " ms of processor time");
            }
            // The first frame is handed to the renderer before the window manager has exposed the
            // window (seen under Xvfb: the window stayed blank while the FX thread built the main
            // window); a few more idle pulses put the start view on screen.
            PauseTransition settle = new PauseTransition(Duration.millis(SETTLE_MILLIS));
            settle.setOnFinished(e -> openAfterStartView(stage, s, probe));
            settle.play();
        });
    }

    private void openAfterStartView(Stage stage, WindowModel.Start s, boolean probe) {
        if (!stage.isShowing()) {
            return;
        }
        try {
            openMainWindow(stage, s, probe);
        } catch (RuntimeException e) {
            // start() has returned, so JavaFX would only log this and leave the start view up.
            // Application.launch ignores a failure here, so stop() rethrows it: the process
            // then exits non-zero whichever way the window was opened.
            failure = e;
            exit.completeExceptionally(e);
            Platform.exit();
        }
    }

    private void openMainWindow(Stage stage, WindowModel.Start s, boolean probe) {
        SessionOpener o = opener != null ? opener : defaultOpener();
        ProblemLog log = ProblemLog.forThisUser(getParameters() != null && getParameters().getRaw().contains("--debug"));
        executor = new FxTaskExecutor(3, "kdi-ui", log);
        ZoneId zone = ZoneId.systemDefault();
        model = new WindowModel(executor, o, new FxNotifier(() -> stage), Clock.system(zone), zone,
                new Reproduction(new SecureRandom()), UiPreferences.forThisUser(), LoadingHeadroom.forThisJvm());
        if (probe) {
            // The benchmark reads the resident size a fixed time after the cluster is shown.
            model.phase().addListener((p, was, now) -> {
                if (now == WindowModel.Phase.READY && was != WindowModel.Phase.READY) {
                    System.err.println("kdi probe: ready " + FirstFrame.sinceProcessStart()
                            + " ms after the process started");
                }
            });
        }
        MainWindow window = new MainWindow(model, ClipboardText.system(), zone, log);
        stage.setScene(window.scene());
        stage.titleProperty().bind(window.title());
        window.remember(stage);
        stage.setOnHidden(e -> {
            window.close();
            model.close();
            executor.close();
            exit.complete(0);
        });
        if (probe) {
            FirstFrame.after(window.scene(), ms -> System.err.println("kdi probe: main window " + ms
                    + " ms after the process started, " + FirstFrame.processorTime() + " ms of processor time"));
        }
        for (int size : ICON_SIZES) {
            var in = KdiApp.class.getResourceAsStream("/dev/kdi/ui/icons/kdi-" + size + ".png");
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        }
        model.start(s);
        if (smokeTest) {
            new SmokeTest(model, window, System.out, code -> {
                exit.complete(code);
                stage.hide();
            }, SMOKE_TEST_LIMIT_MILLIS).start();
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
        if (executor != null) {
            executor.close();
        }
        exit.complete(0);
        if (failure != null) {
            throw new StartFailure(failure);
        }
    }

    static WindowModel.Start fromParameters(Parameters p) {
        Map<String, String> named = p.getNamed();
        List<String> raw = p.getRaw();
        return new WindowModel.Start(raw.contains("--demo"), Optional.ofNullable(named.get("kubeconfig")).map(Path::of),
                Optional.ofNullable(named.get("context")), Optional.ofNullable(named.get("cluster-domain")));
    }
}
