package dev.kdi.ui.watch;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.NamedThreads;
import dev.kdi.session.Session;
import dev.kdi.session.watch.GoDuration;
import dev.kdi.session.watch.Watch;
import dev.kdi.session.watch.WatchEvent;
import dev.kdi.session.watch.WatchRecording;
import dev.kdi.session.watch.WatchRequest;
import dev.kdi.session.watch.WatchTimeline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Watch tab's state and commands. Watching, saving and opening run on the model's own
 * threads; what the view shows changes on the UI thread only, at most a few times a second
 * however fast answers come. Every event is appended to a recording file as it arrives, so a long
 * watch is saved whole while the timeline in memory stays bounded. The file is written, copied and
 * deleted on the model's worker only, never on the UI thread; a recording is deleted as soon as
 * another takes its place, and the last one when the model closes.
 */
public final class WatchModel implements AutoCloseable {
    /** How often the timeline is redrawn at most while answers stream in. */
    static final long REDRAW_MS = 400;

    private final Supplier<Session> session;
    private final Consumer<Runnable> uiThread;
    private final Clock clock;
    private final Path scratch;
    private final ScheduledThreadPoolExecutor worker;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final StringProperty typed = new SimpleStringProperty(this, "typed", "");
    private final ObjectProperty<RrType> type = new SimpleObjectProperty<>(this, "type", RrType.A);
    private final StringProperty interval = new SimpleStringProperty(this, "interval", "1s");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final IntegerProperty revision = new SimpleIntegerProperty(this, "revision");
    private final AtomicBoolean redrawPending = new AtomicBoolean();
    private volatile WatchTimeline timeline = WatchTimeline.standard();
    // Touched on the UI thread only.
    private Watch watch;
    /** The recording of the last watch started, kept to be saved until another replaces it. */
    private Recorder recorder;
    /** A recording opened from a file, when that is what the timeline shows. */
    private Path opened;

    /**
     * @param session the session open now (null when none)
     * @param uiThread runs an action on the UI thread ({@code Platform::runLater}; tests run it at once)
     * @param scratch the directory recordings are kept in until saved (the system's temporary one)
     */
    public WatchModel(Supplier<Session> session, Consumer<Runnable> uiThread, Clock clock, Path scratch) {
        this.session = session;
        this.uiThread = uiThread;
        this.clock = clock;
        this.scratch = scratch;
        this.worker = new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("kdi-watch"));
        // On close the queued file work (the last deletion) still runs; rounds and redraws do not.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** The names to watch, absolute. */
    public ObservableList<String> names() {
        return names;
    }

    /** What the user typed in the name field. */
    public StringProperty typed() {
        return typed;
    }

    public ObjectProperty<RrType> type() {
        return type;
    }

    /** The interval as typed, in Go's syntax ({@code 1s}, {@code 500ms}). */
    public StringProperty interval() {
        return interval;
    }

    public ReadOnlyBooleanProperty running() {
        return running;
    }

    /** What the watch is doing or why it cannot, one line. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** Increases whenever the timeline has something new to draw. */
    public ReadOnlyIntegerProperty revision() {
        return revision;
    }

    /** What has been seen, for drawing. */
    public WatchTimeline timeline() {
        return timeline;
    }

    /** Adds the typed name (or several, separated by spaces or commas). */
    public void addTyped() {
        for (String n : typed.get().split("[\\s,]+")) {
            add(n);
        }
        typed.set("");
    }

    /** Adds a name (a tree entry's, say); blank and repeated names are ignored. */
    public void add(String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        String absolute = new Question(name.strip(), RrType.A).name();
        if (!names.contains(absolute)) {
            names.add(absolute);
        }
    }

    public void remove(String name) {
        names.remove(name);
    }

    /** Starts watching the names; says why not when it cannot. */
    public void start() {
        if (running.get()) {
            return;
        }
        if (!typed.get().isBlank()) {
            addTyped();
        }
        if (names.isEmpty()) {
            message.set("Add a name to watch first: type one, or pick a Service or pod in the tree and press Add selected.");
            return;
        }
        Optional<Duration> every = GoDuration.parse(interval.get());
        if (every.isEmpty() || every.get().isNegative() || every.get().isZero()) {
            message.set("\"" + interval.get() + "\" is not an interval: a number and a unit, as 500ms, 1s, 10s or 1m.");
            return;
        }
        Session s = session.get();
        if (s == null || s.current() == null) {
            message.set("Open the demo or a cluster first: a watch asks its DNS replicas.");
            return;
        }
        if (!s.info().canAskDns()) {
            message.set("These records are predicted from manifests: there is no cluster DNS to watch.");
            return;
        }
        if (s.replicas().isEmpty()) {
            message.set("There is no DNS replica to ask. " + String.join(" ", s.current().dns().notes()));
            return;
        }
        discardRecording();
        recorder = new Recorder();
        onWorker(recorder::open);
        timeline = WatchTimeline.standard();
        List<Question> questions = names.stream().map(n -> new Question(n, type.get())).toList();
        WatchRequest request = new WatchRequest(questions, every.get());
        Recorder rec = recorder;
        WatchTimeline into = timeline;
        watch = new Watch(s, request, clock, worker, new Watch.Listener() {
            @Override
            public void event(WatchEvent e, boolean change) {
                into.add(e);
                // Events come from the worker and the session's threads: the file is written in order on the worker.
                onWorker(() -> rec.write(e));
                redraw();
            }

            @Override
            public void notice(String text) {
                uiThread.accept(() -> message.set(text));
            }
        });
        running.set(true);
        message.set("Watching " + questions.size() + (questions.size() == 1 ? " name" : " names") + " on "
                + s.replicas().size() + " replicas every " + GoDuration.format(request.interval()) + ".");
        revision.set(revision.get() + 1);
        watch.start();
    }

    /** Stops watching; the recording stays, to be saved. */
    public void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        Recorder rec = recorder;
        if (rec != null) {
            onWorker(rec::close);
        }
        if (running.get()) {
            running.set(false);
            WatchTimeline t = timeline;
            message.set("Stopped: " + t.asked() + " asked, " + t.failures() + " failed, " + t.differing()
                    + " not as predicted.");
        }
    }

    /** Whether there is a recording to save. */
    public boolean canSave() {
        return recorder != null || opened != null;
    }

    /** Saves the recording (everything since Start, not just what the timeline still holds). */
    public void save(Path to) {
        Recorder rec = recorder;
        Path from = opened;
        if (rec == null && from == null) {
            message.set("Nothing to save yet: start a watch or open a recording.");
            return;
        }
        onWorker(() -> {
            try {
                Files.copy(rec == null ? from : rec.flushed(), to, StandardCopyOption.REPLACE_EXISTING);
                uiThread.accept(() -> message.set("Saved the recording to " + to + "."));
            } catch (IOException e) {
                uiThread.accept(() -> message.set("Cannot save to " + to + ": " + e.getMessage()));
            }
        });
    }

    /** Opens a recording in place of the timeline; a bad line is named, and what came before it shown. */
    public void open(Path from) {
        stop();
        discardRecording();
        onWorker(() -> {
            WatchTimeline read = WatchTimeline.standard();
            String outcome;
            try (Reader in = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
                WatchRecording.read(in, from.toString(), read::add);
                outcome = "Opened " + from + ": " + read.asked() + " answers, " + read.apiEvents().size()
                        + " API events.";
            } catch (IOException e) {
                outcome = "Cannot read " + from + ": " + e.getMessage();
            } catch (WatchRecording.RecordingException e) {
                outcome = e.getMessage() + " (the lines before it are shown)";
            }
            String said = outcome;
            uiThread.accept(() -> {
                timeline = read;
                opened = from;
                message.set(said);
                revision.set(revision.get() + 1);
            });
        });
    }

    /**
     * New events: one redraw soon, however many arrive meanwhile. The next may be asked for only
     * once the UI thread has drawn this one, so a slow machine draws less often instead of queueing.
     */
    private void redraw() {
        if (redrawPending.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> uiThread.accept(() -> {
                    redrawPending.set(false);
                    revision.set(revision.get() + 1);
                }), REDRAW_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                redrawPending.set(false);
            }
        }
    }

    /** The recording of the last watch is no longer wanted: its file goes, on the worker. */
    private void discardRecording() {
        Recorder old = recorder;
        recorder = null;
        opened = null;
        if (old != null) {
            onWorker(old::delete);
        }
    }

    private void onWorker(Runnable work) {
        try {
            worker.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed: nothing more is recorded, and the last deletion is already queued.
        }
    }

    @Override
    public void close() {
        stop();
        discardRecording();
        worker.shutdown();
    }

    /**
     * Appends events to a recording file; a write that fails is said once, and the watch goes on.
     * Used on the worker only.
     */
    private final class Recorder {
        private Path file;
        private BufferedWriter out;
        private boolean failed;
        private boolean closed;

        void open() {
            try {
                file = Files.createTempFile(scratch, "kdi-watch-", ".ndjson");
                file.toFile().deleteOnExit();
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                fail("Cannot keep a recording: " + e.getMessage());
            }
        }

        void write(WatchEvent e) {
            if (failed || closed) {
                return;
            }
            try {
                out.write(WatchRecording.line(e));
                out.newLine();
            } catch (IOException ex) {
                fail("The recording stopped: " + ex.getMessage());
            }
        }

        /** The file, with everything written so far in it. */
        Path flushed() throws IOException {
            if (file == null) {
                throw new IOException("there is no recording: " + (failed ? "it could not be kept" : "nothing was written"));
            }
            if (!failed && !closed) {
                out.flush();
            }
            return file;
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    failed = true;
                }
            }
        }

        void delete() {
            close();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // deleteOnExit still removes it when the application ends.
                }
            }
        }

        private void fail(String why) {
            failed = true;
            uiThread.accept(() -> message.set(why));
        }
    }
}
