package dev.kdi.ui.diff;

import dev.kdi.records.diff.ChangeReport;
import dev.kdi.records.diff.DnsDiff;
import dev.kdi.records.diff.NameChange;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.Progress;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.inventory.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The change laid over the open cluster: opening manifests as a change runs the diff in the
 * background (progress, cancel); the result replaces the overlay on the UI thread, a failure
 * leaves it as it was and says why. Dropping the change, or a newer open, makes any result still
 * on its way stale: it is ignored.
 */
public final class OverlayModel {

    /** The diff itself: the session's, in the window; a fixed report in tests. */
    @FunctionalInterface
    public interface Differ {
        ChangeReport diff(List<Path> paths, Progress progress) throws Exception;
    }

    private final TaskExecutor executor;
    private final Differ differ;
    private final ReadOnlyObjectWrapper<ChangeReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final BooleanProperty changesOnly = new SimpleBooleanProperty(this, "changesOnly");
    private TaskExecutor.Running running = TaskExecutor.Running.DONE;
    /** Bumped by every open and drop: a result of an older generation is stale. */
    private long generation;
    private Map<String, List<NameChange>> byName = Map.of();
    private Map<ObjectRef, List<NameChange>> byObject = Map.of();
    private Map<String, List<NameChange>> byNamespace = Map.of();
    private final Map<String, List<NameChange>> byEntry = new HashMap<>();

    public OverlayModel(TaskExecutor executor, Differ differ) {
        this.executor = executor;
        this.differ = differ;
    }

    /** Compares the open cluster with {@code paths} applied; the overlay stays as it is until that succeeds. */
    public void open(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        running.cancel();
        long mine = ++generation;
        List<Path> given = List.copyOf(paths);
        busy.set(true);
        problem.set("");
        message.set("Comparing with " + names(given) + "…");
        progress.set(-1);
        running = BackgroundTask.of("Comparing a change", ctx -> differ.diff(given, ctx::progress))
                .onProgress((m, f) -> {
                    if (mine == generation) {
                        message.set(m);
                        progress.set(f);
                    }
                })
                .onSuccess(r -> {
                    if (mine == generation) {
                        busy.set(false);
                        show(r, names(given));
                    }
                })
                .onFailure(e -> {
                    if (mine == generation) {
                        busy.set(false);
                        problem.set(e.getMessage() == null ? e.toString() : e.getMessage());
                    }
                })
                .runOnce(executor);
    }

    /** Stops a comparison under way; the overlay stays as it was. */
    public void cancel() {
        if (busy.get()) {
            running.cancel();
            generation++;
            busy.set(false);
        }
    }

    /** Removes the overlay: the window shows the cluster as it is. */
    public void drop() {
        running.cancel();
        generation++;
        busy.set(false);
        problem.set("");
        changesOnly.set(false);
        show(null, "");
    }

    /** Forgets the message of a failed open. */
    public void dismissProblem() {
        problem.set("");
    }

    private void show(ChangeReport r, String from) {
        byEntry.clear();
        Map<String, List<NameChange>> names = new HashMap<>();
        Map<ObjectRef, List<NameChange>> objects = new HashMap<>();
        Map<String, List<NameChange>> namespaces = new HashMap<>();
        if (r != null) {
            for (NameChange c : all(r)) {
                names.computeIfAbsent(bare(c.name()), k -> new ArrayList<>()).add(c);
                if (c.object() != null) {
                    objects.computeIfAbsent(c.object(), k -> new ArrayList<>()).add(c);
                }
                namespaces.computeIfAbsent(c.namespace(), k -> new ArrayList<>()).add(c);
            }
        }
        byName = names;
        byObject = objects;
        byNamespace = namespaces;
        source.set(from);
        report.set(r);
    }

    /** What applying the change does, and what recreating the rejected objects adds on top. */
    static List<NameChange> all(ChangeReport r) {
        List<NameChange> out = new ArrayList<>(r.diff().changes());
        r.recreate().ifPresent(d -> out.addAll(d.changes()));
        return out;
    }

    /** Every name the change touches, as {@code kdi diff} lists them. */
    public List<NameChange> changes() {
        return report.get() == null ? List.of() : all(report.get());
    }

    /**
     * The changes under a tree row: its object's names and the names below its DNS name, or
     * every change in a namespace.
     */
    public List<NameChange> changesOf(Entry entry) {
        if (report.get() == null || entry == null) {
            return List.of();
        }
        return byEntry.computeIfAbsent(entry.key(), k -> {
            if (entry instanceof Entry.NamespaceEntry ns) {
                return byNamespace.getOrDefault(ns.name(), List.of());
            }
            ObjectRef ref = entry instanceof Entry.ServiceEntry s ? s.service().ref()
                    : entry instanceof Entry.PodEntry p ? p.pod().ref() : null;
            List<NameChange> out = new ArrayList<>(ref == null ? List.of() : byObject.getOrDefault(ref, List.of()));
            String fqdn = bare(entry.fqdn());
            if (!fqdn.isEmpty()) {
                for (NameChange c : byName.getOrDefault(fqdn, List.of())) {
                    if (!out.contains(c)) {
                        out.add(c);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * Whether "Changes only" keeps the row: a row with names of its own that change. A namespace
     * only sums up its rows, so it shows because of them, and not everything in it.
     */
    public boolean keeps(Entry entry) {
        return !(entry instanceof Entry.NamespaceEntry) && !changesOf(entry).isEmpty();
    }

    /**
     * The row's mark: added or removed when its own DNS name appears or vanishes (and nothing
     * else of it changes otherwise), changed when anything else of it does; empty when nothing.
     * A Service that keeps its name while its endpoint names go is changed, not removed.
     */
    public Optional<NameChange.Kind> markOf(Entry entry) {
        List<NameChange> changes = changesOf(entry);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        String own = bare(entry.fqdn());
        NameChange.Kind first = changes.get(0).kind();
        boolean alike = changes.stream().allMatch(c -> c.kind() == first);
        boolean ownName = !own.isEmpty() && changes.stream().anyMatch(c -> bare(c.name()).equals(own));
        return Optional.of(alike && (ownName || first == NameChange.Kind.CHANGED) ? first : NameChange.Kind.CHANGED);
    }

    /** {@code 1 added, 1 removed, 0 changed, 0 new findings, 0 resolved findings}, as the CLI says it. */
    public String summary() {
        ChangeReport r = report.get();
        return r == null ? "" : r.diff().summary();
    }

    /** One line per change the API server would refuse, and what recreating instead does. */
    public List<String> rejections() {
        ChangeReport r = report.get();
        if (r == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        r.rejected().forEach(x -> out.add(x.text()));
        r.recreate().map(DnsDiff::summary).ifPresent(s -> out.add("If deleted and recreated: " + s));
        return out;
    }

    public ReadOnlyObjectProperty<ChangeReport> report() {
        return report.getReadOnlyProperty();
    }

    /** The files the overlay came from, for the summary bar. */
    public ReadOnlyStringProperty source() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** Why the last open failed (file, document and field), or empty. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the tree shows only rows with changes. */
    public BooleanProperty changesOnly() {
        return changesOnly;
    }

    private static String names(List<Path> paths) {
        String first = paths.get(0).getFileName() == null ? paths.get(0).toString()
                : paths.get(0).getFileName().toString();
        return paths.size() == 1 ? first : first + " and " + (paths.size() - 1) + " more";
    }

    private static String bare(String name) {
        String n = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
