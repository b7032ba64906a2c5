package dev.kdi.ui.diff;

import dev.kdi.records.DnsModel;
import dev.kdi.records.diff.ChangeReport;
import dev.kdi.records.diff.DnsDiff;
import dev.kdi.records.diff.NameChange;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.ChangeDiffs;
import dev.kdi.session.Inspection;
import dev.kdi.session.Progress;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>The names the change adds get rows of their own ({@link #over}), built from the cluster as
 * the change leaves it. When the manifests change on disk or the cluster moves on, the overlay
 * says it is out of date ({@link #stale()}) until it is reloaded or dropped: it is never shown
 * stale in silence.
 */
public final class OverlayModel {

    /**
     * What to lay over the cluster.
     *
     * @param paths manifest files and directories (read recursively, as {@code kdi diff -f})
     * @param deletes the objects the change deletes, as {@code kdi diff --delete} names them
     */
    public record Request(List<Path> paths, List<ObjectRef> deletes) {
        public Request {
            paths = List.copyOf(paths);
            deletes = List.copyOf(deletes);
        }
    }

    /**
     * A compared change.
     *
     * @param rows the rows of the cluster after the change in the namespaces where it adds names,
     *     or null when it adds none
     */
    public record Compared(ChangeReport report, Inventory rows) {
    }

    /** The diff itself: the session's, in the window; a fixed report in tests. */
    @FunctionalInterface
    public interface Differ {
        Compared diff(Request request, Progress progress) throws Exception;
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
    private final ReadOnlyStringWrapper stale = new ReadOnlyStringWrapper(this, "stale", "");
    private TaskExecutor.Running running = TaskExecutor.Running.DONE;
    /** Bumped by every open and drop: a result of an older generation is stale. */
    private long generation;
    private Map<String, List<NameChange>> byName = Map.of();
    private Map<ObjectRef, List<NameChange>> byObject = Map.of();
    private Map<String, List<NameChange>> byNamespace = Map.of();
    private final Map<String, List<NameChange>> byEntry = new HashMap<>();
    /** The request shown (or last asked for), for "Reload change". */
    private Request request;
    private Inventory rows;
    /** Each manifest file's modification time and size when the shown change was read. */
    private Map<String, String> fingerprint = Map.of();
    /** Bumped each time the cluster shown moves on: a result compared with an older one is stale at once. */
    private long baseVersion;
    /** Whether a look at the files is under way. */
    private boolean looking;
    private Inventory overBase;
    private Inventory overResult;

    public OverlayModel(TaskExecutor executor, Differ differ) {
        this.executor = executor;
        this.differ = differ;
    }

    /** Compares the open cluster with {@code paths} applied; the overlay stays as it is until that succeeds. */
    public void open(List<Path> paths) {
        open(new Request(paths, List.of()));
    }

    /**
     * Compares the open cluster with the request's manifests applied and its objects deleted; the
     * overlay stays as it is until that succeeds.
     */
    public void open(Request asked) {
        if (asked.paths().isEmpty()) {
            return;
        }
        running.cancel();
        long mine = ++generation;
        long base = baseVersion;
        request = asked;
        busy.set(true);
        problem.set("");
        message.set("Comparing with " + names(asked.paths()) + "…");
        progress.set(-1);
        record Read(Compared compared, Map<String, String> fingerprint) {
        }
        running = BackgroundTask.of("Comparing a change", ctx -> {
            // Taken before reading: a file written meanwhile shows as changed, never as read.
            Map<String, String> before = ChangeDiffs.fingerprint(asked.paths());
            return new Read(differ.diff(asked, ctx::progress), before);
        })
                .onProgress((m, f) -> {
                    if (mine == generation) {
                        message.set(m);
                        progress.set(f);
                    }
                })
                .onSuccess(r -> {
                    if (mine == generation) {
                        busy.set(false);
                        fingerprint = r.fingerprint();
                        rows = r.compared().rows();
                        stale.set(base == baseVersion ? "" : CLUSTER_MOVED);
                        show(r.compared().report(), names(asked.paths()) + deleting(asked.deletes()));
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
        stale.set("");
        rows = null;
        fingerprint = Map.of();
        show(null, "");
    }

    /** Compares the shown change again: its files as they are now, with the cluster as it is now. */
    public void reload() {
        if (request != null && report.get() != null) {
            open(request);
        }
    }

    /** The request of the change shown (or last asked for): what the change dialog starts from. */
    public Optional<Request> request() {
        return Optional.ofNullable(request);
    }

    /**
     * The cluster shown moved on (a refresh, a live update): a change compared with it before, or
     * being compared, is out of date.
     */
    public void clusterChanged() {
        baseVersion++;
        if (report.get() != null) {
            stale.set(CLUSTER_MOVED);
        }
    }

    /**
     * Looks, off the UI thread, whether the shown change's files changed on disk since they were
     * read; if they did, says so in {@link #stale()}. Cheap when nothing is shown or it is already
     * known to be out of date: the window calls it every few seconds.
     */
    public void checkFiles() {
        if (report.get() == null || busy.get() || !stale.get().isEmpty() || request == null || looking) {
            return;
        }
        long mine = generation;
        List<Path> paths = request.paths();
        Map<String, String> read = fingerprint;
        // One look at a time, left to finish: on a busy pool, a look cancelled by the next would never run.
        looking = true;
        BackgroundTask<Map<String, String>> look = BackgroundTask.of("Looking at the change's files",
                ctx -> ChangeDiffs.fingerprint(paths))
                .onSuccess(now -> {
                    looking = false;
                    if (mine == generation && report.get() != null && stale.get().isEmpty()) {
                        changedFile(read, now).ifPresent(f -> stale.set(f + " changed on disk since the change was"
                                + " compared: the marks show the files as they were."));
                    }
                })
                // A file that cannot be read now is looked at again next time; opening it says why.
                .onFailure(e -> looking = false);
        try {
            look.runOnce(executor);
        } catch (RejectedExecutionException closing) {
            // The window is closing: there is nothing left to tell.
            looking = false;
        }
    }

    /** Why the overlay shown is out of date, or empty when it is not. */
    public ReadOnlyStringProperty stale() {
        return stale.getReadOnlyProperty();
    }

    private static final String CLUSTER_MOVED = "The cluster changed since the change was compared: the marks show "
            + "it as it was.";

    /** The first file that differs between two fingerprints, by its name. */
    private static Optional<String> changedFile(Map<String, String> was, Map<String, String> now) {
        TreeSet<String> all = new TreeSet<>(was.keySet());
        all.addAll(now.keySet());
        for (String f : all) {
            if (!Objects.equals(was.get(f), now.get(f))) {
                Path p = Path.of(f);
                return Optional.of(p.getFileName() == null ? f : p.getFileName().toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The view to show for {@code base}: with rows of their own for the Services, endpoints, pods
     * and namespaces the change adds; {@code base} itself when there is no change or it adds none.
     */
    public Inventory over(Inventory base) {
        if (base == null || rows == null || report.get() == null) {
            return base;
        }
        if (base != overBase) {
            overResult = base.withRowsOf(rows);
            overBase = base;
        }
        return overResult;
    }

    /**
     * The view whose model answers for a row in the details: the cluster after the change for a
     * row the change adds (its answers are the after side's), else {@code base}.
     */
    public Inventory viewFor(Entry entry, Inventory base) {
        if (rows != null && entry != null && !(entry instanceof Entry.NamespaceEntry)
                && markOf(entry).orElse(null) == NameChange.Kind.ADDED
                && rows.namespaces().stream().anyMatch(n -> n.name().equals(entry.namespace()))) {
            return rows;
        }
        return base;
    }

    /**
     * A compared change with the rows it adds: the cluster after it, modelled in the namespaces
     * where it adds names only (their rows are all that is laid over the view).
     *
     * @param basis the inspection the change was compared with
     */
    public static Compared compared(ChangeReport report, Inspection basis) {
        Set<String> namespaces = new TreeSet<>();
        for (NameChange c : all(report)) {
            if (c.kind() == NameChange.Kind.ADDED && !c.namespace().isEmpty()) {
                namespaces.add(c.namespace());
            }
        }
        if (namespaces.isEmpty()) {
            return new Compared(report, null);
        }
        DnsModel after = report.afterModel(namespaces);
        return new Compared(report, Inventory.of(basis, after, Lint.findings(after)));
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
            for (String name : ownNames(entry)) {
                for (NameChange c : byName.getOrDefault(name, List.of())) {
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
     * The row's mark: added or removed when its own DNS name appears or vanishes (the row itself
     * comes or goes, whatever else changes with it: the PTR of an address another row takes over,
     * say), or when it has no name and all of its names do; changed when anything else of it does;
     * empty when nothing. A Service that keeps its name while its endpoint names go is changed.
     */
    public Optional<NameChange.Kind> markOf(Entry entry) {
        List<NameChange> changes = changesOf(entry);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        String fqdn = bare(entry.fqdn());
        List<NameChange.Kind> itself = changes.stream().filter(c -> bare(c.name()).equals(fqdn))
                .map(NameChange::kind).distinct().toList();
        if (!fqdn.isEmpty() && itself.size() == 1 && itself.get(0) != NameChange.Kind.CHANGED) {
            return Optional.of(itself.get(0));
        }
        List<String> own = ownNames(entry);
        NameChange.Kind first = changes.get(0).kind();
        boolean alike = changes.stream().allMatch(c -> c.kind() == first);
        boolean ownName = changes.stream().anyMatch(c -> own.contains(bare(c.name())));
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

    /**
     * The names a row stands for: its DNS name, and the PTR of its address (an endpoint's, a
     * Service's cluster IPs): a reverse name goes with the row of the address.
     */
    private static List<String> ownNames(Entry entry) {
        List<String> own = new ArrayList<>(2);
        if (!bare(entry.fqdn()).isEmpty()) {
            own.add(bare(entry.fqdn()));
        }
        if (entry instanceof Entry.EndpointEntry ep) {
            reverse(ep.address()).ifPresent(own::add);
        } else if (entry instanceof Entry.ServiceEntry s) {
            s.service().clusterIPs().forEach(ip -> reverse(ip).ifPresent(own::add));
        }
        return own;
    }

    /** {@code , deleting service/shop/web}: the bar says what the change deletes, as it says its files. */
    private static String deleting(List<ObjectRef> deletes) {
        return deletes.isEmpty() ? "" : ", deleting " + String.join(", ",
                deletes.stream().map(dev.kdi.session.Deletions::text).toList());
    }

    private static Optional<String> reverse(String address) {
        return IpAddress.parse(address).map(a -> bare(a.reverseName()));
    }

    private static String bare(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
