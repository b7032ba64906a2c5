package dev.kdi.ui.details;

import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.Status;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.ProvisionalTexts;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Entry.EndpointEntry;
import dev.kdi.ui.inventory.Entry.NamespaceEntry;
import dev.kdi.ui.inventory.Entry.PodEntry;
import dev.kdi.ui.inventory.Entry.PodGroupEntry;
import dev.kdi.ui.inventory.Entry.ServiceEntry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.inventory.ServiceKind;
import dev.kdi.ui.live.LiveAsker;
import dev.kdi.ui.live.QuestionResult;
import dev.kdi.ui.live.Reproduction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details of the selected entry: header, records with their live column, findings, and the
 * commands Resolve, Resolve all, copy and reproduce.
 */
public final class DetailsModel {
    private final TaskExecutor executor;
    private final Notifier notifier;
    private final Reproduction reproduction;
    private final ReadOnlyObjectWrapper<Entry> entry = new ReadOnlyObjectWrapper<>(this, "entry");
    private final ReadOnlyObjectWrapper<Inventory> shownView = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper fqdn = new ReadOnlyStringWrapper(this, "fqdn", "");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper(this, "facts", "");
    private final ReadOnlyBooleanWrapper fqdnResolves = new ReadOnlyBooleanWrapper(this, "fqdnResolves", true);
    private final ReadOnlyStringWrapper whyNotResolving = new ReadOnlyStringWrapper(this, "whyNotResolving", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyBooleanWrapper canAsk = new ReadOnlyBooleanWrapper(this, "canAsk");
    private final ObjectProperty<ReplicaChoice> replicaChoice = new SimpleObjectProperty<>(this, "replicaChoice",
            ReplicaChoice.all());
    private final ObservableList<RecordRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<RecordRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<Finding> findingsView = FXCollections.unmodifiableObservableList(findings);
    private Inventory view;
    private LiveAsker asker;
    private String cannotAskReason = "";
    private Optional<String> context = Optional.empty();
    private TaskExecutor.Running loading = TaskExecutor.Running.DONE;
    private TaskExecutor.Running asking = TaskExecutor.Running.DONE;

    public DetailsModel(TaskExecutor executor, Reproduction reproduction, Notifier notifier) {
        this.executor = executor;
        this.notifier = notifier;
        this.reproduction = reproduction;
    }

    /**
     * Where questions go.
     *
     * @param liveAsker the session's replicas, or null when there is nothing to ask
     * @param whyNot what to tell the user when there is nothing to ask
     * @param kubeContext the kubeconfig context, for reproduction commands
     */
    public void connect(LiveAsker liveAsker, String whyNot, Optional<String> kubeContext) {
        this.asker = liveAsker;
        this.cannotAskReason = whyNot;
        this.context = kubeContext;
        canAsk.set(liveAsker != null);
    }

    /** Shows an entry of a view; the same entry in a newer view keeps the live results it had. */
    public void show(Inventory newView, Entry newEntry) {
        Entry old = entry.get();
        if (newView == view && newEntry == old) {
            return;
        }
        boolean same = old != null && newEntry != null && old.key().equals(newEntry.key());
        this.view = newView;
        shownView.set(newView);
        if (!same) {
            asking.cancel();
            busy.set(false);
        }
        entry.set(newEntry);
        loading.cancel();
        whyNotResolving.set("");
        if (newEntry == null || newView == null) {
            rows.clear();
            findings.clear();
            kind.set("");
            title.set("");
            fqdn.set("");
            facts.set("");
            message.set("");
            return;
        }
        header(newView, newEntry);
        findings.setAll(newView.findingsOf(newEntry));
        Map<String, LiveMark> previous = new HashMap<>();
        if (same) {
            for (RecordRow r : rows) {
                previous.put(r.identity(), r.live());
            }
        } else {
            rows.clear();
            message.set(asker == null ? cannotAskReason : "");
        }
        Inventory forView = newView;
        loading = BackgroundTask.of("Listing records", ctx -> {
            RecordPlan.Questions plan = RecordPlan.of(forView, newEntry);
            List<RecordRow> out = new ArrayList<>();
            DnsModel model = forView.model();
            for (Question q : plan.questions()) {
                if (ctx.isCancelled()) {
                    return null;
                }
                for (RecordRow r : RecordRow.of(model.answer(q))) {
                    out.add(r.withLive(previous.getOrDefault(r.identity(), LiveMark.NOT_ASKED)));
                }
            }
            return new Listing(out, plan.truncated());
        }).onSuccess(listing -> {
            if (listing == null || entry.get() != newEntry) {
                return;
            }
            rows.setAll(listing.rows());
            whyNotResolving.set(whyNotResolving(listing.rows()));
            if (listing.rows().isEmpty()) {
                message.set("No DNS records: " + noRecordsReason(newEntry));
            } else if (!same && asker != null) {
                message.set(listing.truncated()
                        ? "Showing the first " + Texts.count(RecordPlan.MAX_QUESTIONS) + " names." : "");
            }
        }).onFailure(e -> {
            if (entry.get() == newEntry) {
                message.set("Could not list the records: " + Failures.describe(e));
            }
            notifier.show(Failures.notice("Could not list the records of " + newEntry.key(), e));
        }).runOnce(executor);
    }

    private record Listing(List<RecordRow> rows, boolean truncated) {
    }

    /**
     * Why the first of the entry's own names that should exist does not: what an operator came to
     * find out. Names a check adds (such as its probes) are not the entry's.
     */
    private static String whyNotResolving(List<RecordRow> listed) {
        for (RecordRow r : listed) {
            if (r.kind() == RecordRow.Kind.NO_RECORD && r.status() == Status.NXDOMAIN) {
                return "Why " + r.name() + " does not resolve: " + String.join(" ", r.explanation());
            }
        }
        return "";
    }

    private static String noRecordsReason(Entry e) {
        if (e instanceof PodEntry) {
            return "the pod has no address yet.";
        }
        if (e instanceof NamespaceEntry) {
            return "the namespace has no Services.";
        }
        return "nothing here produces a name.";
    }

    /** Asks about the row's question (every record of that answer at once). */
    public void resolve(RecordRow row) {
        if (row == null) {
            return;
        }
        if (asker == null) {
            message.set(cannotAskReason);
            return;
        }
        ask(List.of(row.question()), false);
    }

    /** Asks about every record of the entry; for a namespace, the session's check of that namespace. */
    public void resolveAll() {
        if (asker == null) {
            message.set(cannotAskReason);
            return;
        }
        if (entry.get() instanceof NamespaceEntry ns) {
            checkNamespace(ns.name());
            return;
        }
        Set<Question> questions = new LinkedHashSet<>();
        rows.forEach(r -> questions.add(r.question()));
        ask(List.copyOf(questions), false);
    }

    /** Stops asking. */
    public void cancel() {
        asking.cancel();
        busy.set(false);
        rows.replaceAll(r -> r.live() instanceof LiveMark.Asking ? r.withLive(LiveMark.NOT_ASKED) : r);
        message.set("Stopped.");
    }

    private void ask(List<Question> questions, boolean wholeNamespace) {
        Entry forEntry = entry.get();
        Inventory forView = view;
        ReplicaChoice choice = replicaChoice.get();
        LiveAsker using = asker;
        Set<Question> asked = Set.copyOf(questions);
        rows.replaceAll(r -> asked.contains(r.question()) ? r.withLive(LiveMark.ASKING) : r);
        start(BackgroundTask.of("Asking the cluster DNS", ctx -> questions.size() == 1
                ? List.of(using.ask(forView, questions.get(0), choice))
                : using.askAll(forView, questions, choice, ctx)), forEntry, wholeNamespace);
    }

    private void checkNamespace(String namespace) {
        Entry forEntry = entry.get();
        Inventory forView = view;
        ReplicaChoice choice = replicaChoice.get();
        LiveAsker using = asker;
        Set<Question> shown = new LinkedHashSet<>();
        rows.forEach(r -> shown.add(r.question()));
        rows.replaceAll(r -> r.withLive(LiveMark.ASKING));
        start(BackgroundTask.of("Checking namespace " + namespace,
                ctx -> using.checkNamespace(forView, namespace, choice, List.copyOf(shown), ctx)), forEntry, true);
    }

    private void start(BackgroundTask<List<QuestionResult>> task, Entry forEntry, boolean addQuestions) {
        asking.cancel();
        busy.set(true);
        progress.set(-1);
        message.set("Asking the cluster DNS…");
        asking = task.onProgress((m, f) -> {
            if (entry.get() == forEntry) {
                message.set(m);
                progress.set(f);
            }
        }).onSuccess(results -> {
            if (entry.get() == null || !entry.get().key().equals(forEntry.key())) {
                return;
            }
            busy.set(false);
            rows.setAll(LiveMarks.apply(List.copyOf(rows), results, addQuestions));
            rows.replaceAll(r -> r.live() instanceof LiveMark.Asking ? r.withLive(LiveMark.NOT_ASKED) : r);
            message.set(summary());
        }).onFailure(e -> {
            busy.set(false);
            rows.replaceAll(r -> r.live() instanceof LiveMark.Asking ? r.withLive(LiveMark.NOT_ASKED) : r);
            message.set("Could not ask the cluster DNS: " + Failures.describe(e));
            notifier.show(Failures.notice("Could not ask the cluster DNS", e));
        }).runOnce(executor);
    }

    /** {@code All 12 records as predicted.} or how many differ. */
    String summary() {
        int same = 0;
        int differ = 0;
        int failed = 0;
        int asked = 0;
        for (RecordRow r : rows) {
            LiveMark m = r.live();
            if (m instanceof LiveMark.NotAsked) {
                continue;
            }
            asked++;
            if (m instanceof LiveMark.Same) {
                same++;
            } else if (m instanceof LiveMark.Differs) {
                differ++;
            } else if (m instanceof LiveMark.Failed) {
                failed++;
            }
        }
        if (asked == 0) {
            return "";
        }
        if (differ == 0 && failed == 0) {
            return same == rows.size() ? "All " + Texts.count(same, "record", "records") + " as predicted."
                    : Texts.count(same, "record", "records") + " as predicted.";
        }
        StringBuilder sb = new StringBuilder();
        if (differ > 0) {
            sb.append(Texts.count(differ, "record differs", "records differ"))
                    .append(" from the prediction: hover ✗ for what the replicas answered.");
        }
        if (failed > 0) {
            sb.append(sb.length() > 0 ? " " : "").append(Texts.count(failed, "question", "questions"))
                    .append(" could not be asked: hover ! for why.");
        }
        return sb.toString();
    }

    private void header(Inventory v, Entry e) {
        fqdn.set(e.fqdn());
        fqdnResolves.set(!(e instanceof PodEntry p && !p.hostnameFqdn().isEmpty() && !p.hostnameResolves()));
        if (e instanceof NamespaceEntry ns) {
            kind.set("Namespace");
            title.set(ns.name());
            fqdn.set("");
            facts.set(Texts.count(ns.services(), "Service", "Services") + " · " + Texts.count(ns.pods(), "pod", "pods")
                    + (ns.exposed() ? " · search domain " + ns.name() + ".svc." + v.zone()
                            : " · not served: the Corefile's kubernetes plugin lists other namespaces"));
        } else if (e instanceof ServiceEntry s) {
            kind.set("Service · " + s.serviceKind().label());
            title.set(s.namespace() + "/" + s.name());
            facts.set(serviceFacts(s, v.model().snapshot().provisional()));
        } else if (e instanceof EndpointEntry ep) {
            kind.set("Endpoint of Service " + ep.namespace() + "/" + ep.service());
            title.set(ep.targetPod() != null ? ep.namespace() + "/" + ep.targetPod() : ep.address());
            facts.set(ProvisionalTexts.address(ep.address(), v.model().snapshot().provisional())
                    + (ep.nodeName() == null ? "" : " · node " + ep.nodeName())
                    + (ep.ready() ? " · ready" : " · not ready: its name is left out until it is ready"));
        } else if (e instanceof PodGroupEntry g) {
            kind.set("Pods");
            title.set(g.namespace());
            fqdn.set("");
            facts.set(Texts.count(g.count(), "pod", "pods") + ", " + Texts.count(g.ready()) + " ready");
        } else if (e instanceof PodEntry p) {
            kind.set("Pod");
            title.set(p.namespace() + "/" + p.name());
            facts.set(podFacts(p.pod(), v.model().snapshot().provisional()));
        }
    }

    private static String serviceFacts(ServiceEntry s, Provisional provisional) {
        List<String> parts = new ArrayList<>();
        if (s.serviceKind() == ServiceKind.EXTERNAL_NAME) {
            parts.add("points at " + s.service().externalName());
        } else if (!s.service().isHeadless()) {
            parts.add(s.service().clusterIPs().isEmpty() ? "no cluster IP in the manifest"
                    : ProvisionalTexts.addresses(s.service().clusterIPs(), provisional));
        }
        List<String> ports = new ArrayList<>();
        for (ServicePort p : s.service().ports()) {
            ports.add((p.isNamed() ? p.name() + " " : "") + p.port() + "/" + p.protocol());
        }
        if (!ports.isEmpty()) {
            parts.add("ports " + String.join(", ", ports));
        }
        if (s.serviceKind() != ServiceKind.EXTERNAL_NAME) {
            parts.add(s.readyEndpoints() + " of " + Texts.count(s.endpoints().size(), "endpoint", "endpoints") + " ready");
        }
        return String.join(" · ", parts);
    }

    private static String podFacts(Pod p, Provisional provisional) {
        List<String> parts = new ArrayList<>();
        parts.add(p.ips().isEmpty() ? "no address yet" : ProvisionalTexts.addresses(p.ips(), provisional));
        String generated = ProvisionalTexts.generated(p, provisional);
        if (!generated.isEmpty()) {
            parts.add(generated);
        }
        if (p.nodeName() != null) {
            parts.add("node " + p.nodeName());
        }
        parts.add(p.phase().name().charAt(0) + p.phase().name().substring(1).toLowerCase(Locale.ROOT)
                + (p.ready() ? ", ready" : ", not ready"));
        if (p.owner() != null && !provisional.isGenerated(p.ref())) {
            parts.add(p.owner().kind() + " " + p.owner().name());
        }
        if (p.dns().hostNetwork()) {
            parts.add("host network");
        }
        return String.join(" · ", parts);
    }

    /** The row's record as in a zone file. */
    public String recordText(RecordRow row) {
        return row.text();
    }

    /** Every row, one zone-file line each. */
    public String allRecordsText() {
        StringBuilder sb = new StringBuilder();
        for (RecordRow r : rows) {
            sb.append(r.text()).append('\n');
        }
        return sb.toString();
    }

    /** The command that asks the row's question (or the entry's name) from inside the cluster. */
    public Optional<String> reproduction(RecordRow row) {
        if (row != null) {
            return Optional.of(reproduction.command(context, row.question()));
        }
        if (!rows.isEmpty()) {
            return Optional.of(reproduction.command(context, rows.get(0).question()));
        }
        return Optional.empty();
    }

    /** The view shown, for the overview when no entry is selected. */
    public ReadOnlyObjectProperty<Inventory> view() {
        return shownView.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Entry> entry() {
        return entry.getReadOnlyProperty();
    }

    /** {@code Service · headless}. */
    public ReadOnlyStringProperty kind() {
        return kind.getReadOnlyProperty();
    }

    /** {@code default/sample-headless}. */
    public ReadOnlyStringProperty title() {
        return title.getReadOnlyProperty();
    }

    /** The entry's DNS name, or empty. */
    public ReadOnlyStringProperty fqdn() {
        return fqdn.getReadOnlyProperty();
    }

    /** False when the lint says the entry's DNS name cannot resolve (a pod's hostname.subdomain). */
    public ReadOnlyBooleanProperty fqdnResolves() {
        return fqdnResolves.getReadOnlyProperty();
    }

    /** Why the entry's first name that does not resolve does not, or empty when all of them do. */
    public ReadOnlyStringProperty whyNotResolving() {
        return whyNotResolving.getReadOnlyProperty();
    }

    /** One line of facts: addresses, ports, readiness. */
    public ReadOnlyStringProperty facts() {
        return facts.getReadOnlyProperty();
    }

    /** What the last action came to, or why nothing can be asked. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** 0..1 while asking many, negative when unknown. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAsk() {
        return canAsk.getReadOnlyProperty();
    }

    /** Which replicas Resolve asks; the toolbar's choice. */
    public ObjectProperty<ReplicaChoice> replicaChoice() {
        return replicaChoice;
    }

    public ObservableList<RecordRow> rows() {
        return rowsView;
    }

    public ObservableList<Finding> findings() {
        return findingsView;
    }
}
