package dev.kdi.ui.check;

import dev.kdi.records.Question;
import dev.kdi.session.CheckJson;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.Progress;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.Texts;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Check view's state: runs the session's check (the one {@code kdi check} runs) off the UI
 * thread with progress and cancel, holds its result, and filters the rows off the UI thread too
 * (the newest filter wins), so that half a million rows stay fluid.
 */
public final class CheckModel {
    /** What the status filter shows. */
    public enum Show {
        ALL("Everything"), PROBLEMS("Problems"), OK("ok"), MISSING("missing"), UNEXPECTED("unexpected"),
        DIFFERENT("different"), ERROR("not asked");

        private final String label;

        Show(String label) {
            this.label = label;
        }

        boolean accepts(CheckRow row) {
            return switch (this) {
                case ALL -> true;
                case PROBLEMS -> row.status() != CheckRow.Status.OK;
                case OK -> row.has(CheckRow.Status.OK);
                case MISSING -> row.has(CheckRow.Status.MISSING);
                case UNEXPECTED -> row.has(CheckRow.Status.UNEXPECTED);
                case DIFFERENT -> row.has(CheckRow.Status.DIFFERENT);
                case ERROR -> row.has(CheckRow.Status.ERROR);
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How the model reaches the session: its check, and what the check worked from. */
    public interface Checker {
        CompletableFuture<CheckReport> check(CheckRequest request, Progress progress);

        /** The cluster domain, for the namespaces of names. */
        String clusterDomain();

        /** The {@code "view"} part of the JSON export. */
        Map<String, Object> view();
    }

    /** Choices of the namespace and type filters that mean "any". */
    public static final String ANY = "";

    private final TaskExecutor executor;
    private final Notifier notifier;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canCheck = new ReadOnlyBooleanWrapper(this, "canCheck");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper shownText = new ReadOnlyStringWrapper(this, "shownText", "");
    private final ReadOnlyObjectWrapper<CheckResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final BooleanProperty wholeCluster = new SimpleBooleanProperty(this, "wholeCluster", true);
    private final ObjectProperty<Show> show = new SimpleObjectProperty<>(this, "show", Show.ALL);
    private final StringProperty namespace = new SimpleStringProperty(this, "namespace", ANY);
    private final StringProperty type = new SimpleStringProperty(this, "type", ANY);
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    /**
     * The rows shown: each filter's result is wrapped, not copied, and swapped in whole. Half a
     * million rows handed to {@code setAll} cost the UI thread a copy of the old and the new list
     * and a change event the table walks; a new list costs it one property change.
     */
    private final ReadOnlyObjectWrapper<ObservableList<CheckRow>> rows = new ReadOnlyObjectWrapper<>(this, "rows",
            FXCollections.emptyObservableList());
    /** What {@link #rows} holds, as the filter made it; never changed afterwards, so workers may read it. */
    private List<CheckRow> shownRows = List.of();
    private Supplier<Set<String>> chosenNamespaces = Set::of;
    private Checker checker;
    private String whyNot = "";
    private TaskExecutor.Running checking = TaskExecutor.Running.DONE;
    private CompletableFuture<CheckReport> inFlight;
    private TaskExecutor.Running filtering = TaskExecutor.Running.DONE;
    /** Which check's outcome is wanted; an older one (cancelled, replaced) is dropped. */
    private long checks;
    /** Which filter's rows are wanted: the newest keystroke wins. */
    private long filters;
    private Consumer<List<CheckRow>> onFiltered = r -> {
    };

    public CheckModel(TaskExecutor executor, Notifier notifier) {
        this.executor = executor;
        this.notifier = notifier;
        show.addListener((o, was, now) -> refilter());
        namespace.addListener((o, was, now) -> refilter());
        type.addListener((o, was, now) -> refilter());
        text.addListener((o, was, now) -> refilter());
    }

    /**
     * A new session: the old result goes (it belongs to another cluster).
     *
     * @param using the session's check, or null when there is no cluster DNS to ask
     * @param cannotAsk what to say when there is none
     * @param chosen the namespaces chosen in the toolbar, for "only the chosen namespaces"
     */
    public void connect(Checker using, String cannotAsk, Supplier<Set<String>> chosen) {
        cancel();
        this.checker = using;
        this.whyNot = cannotAsk;
        this.chosenNamespaces = chosen;
        canCheck.set(using != null);
        result.set(null);
        shownRows = List.of();
        rows.set(FXCollections.emptyObservableList());
        shownText.set("");
        message.set(using == null ? cannotAsk : "Check asks every DNS replica about every name and compares the answers"
                + " with the model.");
    }

    /** Checks the whole cluster, or the namespaces chosen in the toolbar. */
    public void run() {
        Set<String> scope = wholeCluster.get() ? Set.of() : Set.copyOf(chosenNamespaces.get());
        CheckRequest request = new CheckRequest(scope, Optional.empty());
        start(ctx -> request, null);
    }

    /**
     * Asks again only the questions some replica did not answer as predicted; the rest stays. Which
     * those are is found on the worker: half a million rows are not scanned on the UI thread.
     */
    public void rerunFailed() {
        CheckResult r = result.get();
        if (r == null) {
            return;
        }
        start(ctx -> {
            Set<Question> failed = r.failed();
            if (failed.isEmpty()) {
                return null;
            }
            ctx.progress("Asking again about " + Texts.count(failed.size(), "name", "names") + "…", -1);
            return new CheckRequest(Set.of(), Optional.empty(), failed);
        }, r);
    }

    /** What to ask, worked out on the worker; null when there is nothing to ask. */
    private interface Asking {
        CheckRequest request(BackgroundTask.Context ctx) throws Exception;
    }

    private void start(Asking asking, CheckResult rerunOf) {
        if (checker == null) {
            message.set(whyNot);
            return;
        }
        cancel();
        Checker using = checker;
        // Read here, on the UI thread: the window's view is a property.
        String domain = using.clusterDomain();
        long mine = ++checks;
        running.set(true);
        progress.set(-1);
        message.set(rerunOf == null ? "Checking…" : "Finding what failed…");
        BackgroundTask<CheckResult> task = BackgroundTask.of("Checking the cluster DNS", ctx -> {
            CheckRequest request = asking.request(ctx);
            if (request == null) {
                // Nothing to ask again: the result stays as it is.
                return rerunOf;
            }
            CompletableFuture<CheckReport> f = using.check(request, ctx::progress);
            synchronized (this) {
                inFlight = f;
            }
            CheckReport report;
            try {
                report = f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
            ctx.progress("Building the table", -1);
            return CheckResult.of(rerunOf == null ? report : rerunOf.merged(report), domain);
        });
        checking = task.onProgress((m, f) -> {
            if (mine == checks) {
                message.set(m);
                progress.set(f);
            }
        }).onSuccess(r -> {
            if (mine != checks) {
                return;
            }
            running.set(false);
            if (r == rerunOf) {
                message.set("Nothing failed: every answer was as predicted.");
                return;
            }
            result.set(r);
            message.set(summary(r));
            refilter();
        }).onFailure(e -> {
            if (mine != checks) {
                return;
            }
            running.set(false);
            if (Failures.unwrap(e) instanceof CancellationException) {
                message.set("Check cancelled.");
                return;
            }
            message.set("The check failed: " + Failures.describe(e));
            notifier.show(Failures.notice("The check failed", e));
        }).runOnce(executor);
    }

    /** Stops a running check: no further question is sent; what was shown before stays. */
    public void cancel() {
        if (!running.get()) {
            return;
        }
        checks++;
        checking.cancel();
        synchronized (this) {
            if (inFlight != null) {
                inFlight.cancel(true);
                inFlight = null;
            }
        }
        running.set(false);
        progress.set(0);
        message.set("Check cancelled." + (result.get() == null ? "" : " The table shows the check before."));
    }

    private static String summary(CheckResult r) {
        CheckReport report = r.report();
        String s = "Asked " + Texts.count(r.replicas().size(), "replica", "replicas") + " about "
                + Texts.count(r.rows().size(), "name", "names") + ".";
        if (!report.notes().isEmpty()) {
            s += " " + String.join("; ", report.notes()) + ".";
        }
        return s;
    }

    private void refilter() {
        CheckResult r = result.get();
        filtering.cancel();
        if (r == null) {
            shownRows = List.of();
            rows.set(FXCollections.emptyObservableList());
            shownText.set("");
            return;
        }
        Show s = show.get() == null ? Show.ALL : show.get();
        String ns = namespace.get() == null ? ANY : namespace.get();
        String t = type.get() == null ? ANY : type.get();
        String words = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
        long mine = ++filters;
        List<CheckRow> before = shownRows;
        filtering = BackgroundTask.of("Filtering the check", ctx -> {
                    List<CheckRow> out = filter(r.rows(), s, ns, t, words, ctx);
                    // A keystroke that leaves the same rows (typing on within 500,000 matches) should
                    // cost the UI thread nothing: compared here, on the worker.
                    return out == null || !sameRows(out, before) ? out : before;
                })
                .onSuccess(shown -> {
                    if (mine != filters || shown == null) {
                        return;
                    }
                    if (shown != before || shownRows != before) {
                        shownRows = shown;
                        rows.set(FXCollections.unmodifiableObservableList(FXCollections.observableList(shown)));
                    }
                    shownText.set(shown.size() == r.rows().size() ? Texts.count(shown.size(), "name", "names")
                            : Texts.count(shown.size()) + " of " + Texts.count(r.rows().size(), "name", "names"));
                    onFiltered.accept(shown);
                })
                .onFailure(e -> notifier.show(Failures.notice("Could not filter the check's table", e)))
                .runOnce(executor);
    }

    private static boolean sameRows(List<CheckRow> a, List<CheckRow> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    static List<CheckRow> filter(List<CheckRow> all, Show s, String ns, String t, String words,
                                 BackgroundTask.Context ctx) {
        String[] terms = words.isEmpty() ? new String[0] : words.split("\\s+");
        List<CheckRow> out = new ArrayList<>();
        int n = 0;
        for (CheckRow row : all) {
            if ((++n & 0x3fff) == 0 && ctx.isCancelled()) {
                return null;
            }
            if (!s.accepts(row) || (!ns.isEmpty() && !row.namespace().equals(ns))
                    || (!t.isEmpty() && !row.question().type().mnemonic().equals(t))) {
                continue;
            }
            boolean every = true;
            for (String term : terms) {
                if (!row.search().contains(term)) {
                    every = false;
                    break;
                }
            }
            if (every) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * The rows shown, one line per replica's answer: {@code status,namespace,name,type,replica,
     * expected,actual,reason}, quoted as RFC 4180 says.
     */
    public void writeCsv(Appendable out) throws IOException {
        writeCsv(shownRows, out);
    }

    private static void writeCsv(List<CheckRow> rows, Appendable out) throws IOException {
        out.append("status,namespace,name,type,replica,expected,actual,reason\r\n");
        for (CheckRow row : rows) {
            writeCsv(row, out);
        }
    }

    private static void writeCsv(CheckRow row, Appendable out) throws IOException {
        for (CheckReport.Item i : row.items()) {
            if (i == null) {
                continue;
            }
            out.append(i.status()).append(',').append(csv(row.namespace())).append(',')
                    .append(csv(row.question().name())).append(',').append(row.question().type().mnemonic())
                    .append(',').append(csv(i.replica())).append(',').append(csv(i.expected())).append(',')
                    .append(csv(i.actual())).append(',').append(csv(i.isOk() ? "" : i.reason())).append("\r\n");
        }
    }

    /** One row's lines as the CSV export writes them (one per replica, without the header), for the clipboard. */
    public static String csvLines(CheckRow row) {
        StringBuilder out = new StringBuilder();
        try {
            writeCsv(row, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder never throws
        }
        return out.toString().replace("\r\n", "\n").strip();
    }

    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /** The whole check as {@code kdi check -o json} prints it. */
    public Optional<String> json() {
        CheckResult r = result.get();
        if (r == null || checker == null) {
            return Optional.empty();
        }
        return Optional.of(CheckJson.write(checker.view(), r.report()));
    }

    /**
     * Writes the rows shown as CSV, on the worker; the message says when it is written. The rows
     * are the ones shown when asked, whatever the filters do meanwhile.
     */
    public TaskExecutor.Running exportCsv(Path file) {
        List<CheckRow> those = shownRows;
        return export(file, Texts.count(those.size(), "name", "names") + " as CSV", out -> writeCsv(those, out));
    }

    /** Writes the whole check as {@code kdi check -o json} prints it, on the worker. */
    public TaskExecutor.Running exportJson(Path file) {
        CheckResult r = result.get();
        if (r == null || checker == null) {
            message.set("Nothing to export yet: run a check first.");
            return TaskExecutor.Running.DONE;
        }
        // Read here, on the UI thread: the window's view is a property.
        Map<String, Object> view = checker.view();
        return export(file, "the check as JSON", out -> out.append(CheckJson.write(view, r.report())).append('\n'));
    }

    private interface Writing {
        void to(Writer out) throws IOException;
    }

    /** Writes beside the file and moves it into place, so that no half-written export is ever seen. */
    private TaskExecutor.Running export(Path file, String what, Writing writing) {
        message.set("Writing " + file + "…");
        return BackgroundTask.<Void>of("Exporting the check to " + file, ctx -> {
            Path absolute = file.toAbsolutePath();
            Path part = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + "-", ".part");
            try {
                try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                    writing.to(w);
                }
                try {
                    Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(part);
            }
            return null;
        }).onSuccess(v -> message.set("Wrote " + what + " to " + file + "."))
                .onFailure(e -> exportFailed(file, e))
                .runOnce(executor);
    }

    /** Writing an export failed: said, never dropped. */
    private void exportFailed(Path file, Throwable e) {
        message.set("Could not write " + file + ": " + Failures.describe(e));
        notifier.show(Failures.notice("Could not export the check to " + file, e));
    }

    /** Told each time a filter has been applied (for measurements). */
    public void onFiltered(Consumer<List<CheckRow>> listener) {
        this.onFiltered = listener;
    }

    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCheck() {
        return canCheck.getReadOnlyProperty();
    }

    /** 0..1, negative when unknown. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening, or the last check's summary. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** {@code 1,204 of 500,000 names}. */
    public ReadOnlyStringProperty shownText() {
        return shownText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CheckResult> result() {
        return result.getReadOnlyProperty();
    }

    /** Check the whole cluster (true) or the namespaces chosen in the toolbar. */
    public BooleanProperty wholeCluster() {
        return wholeCluster;
    }

    public ObjectProperty<Show> show() {
        return show;
    }

    /** The namespace filter; {@link #ANY} for all. */
    public StringProperty namespace() {
        return namespace;
    }

    /** The type filter ({@code A}, {@code SRV}, ...); {@link #ANY} for all. */
    public StringProperty type() {
        return type;
    }

    /** Words every shown row contains (name, type, namespace, answers, reasons). */
    public StringProperty text() {
        return text;
    }

    /** The rows the filters leave, in the report's order; each filter gives a new list. */
    public ObservableList<CheckRow> rows() {
        return rows.get();
    }

    /** The list {@link #rows()} gives, for the table to follow. */
    public ReadOnlyObjectProperty<ObservableList<CheckRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** Shows a result without a session (tests). */
    public void showForMeasurement(CheckReport report, String clusterDomain) {
        showForMeasurement(CheckResult.of(report, clusterDomain));
    }

    /**
     * Shows a table built beforehand, off the UI thread, as a check's is (the UI benchmark's
     * 500,000 rows).
     */
    public void showForMeasurement(CheckResult table) {
        result.set(table);
        refilter();
    }
}
