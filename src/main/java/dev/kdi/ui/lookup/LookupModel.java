package dev.kdi.ui.lookup;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.searchpath.HostsOrder;
import dev.kdi.records.searchpath.Lookup;
import dev.kdi.records.searchpath.NameLookup;
import dev.kdi.records.searchpath.ResolvConf;
import dev.kdi.records.searchpath.Resolver;
import dev.kdi.records.searchpath.SearchPath;
import dev.kdi.records.searchpath.Walk;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.UiPreferences;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.live.LiveAsker;
import dev.kdi.ui.live.QuestionResult;
import dev.kdi.ui.live.ReplicaResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lookup panel's state: the question being composed, the history of answers, and the
 * suggestions for names and pods.
 */
public final class LookupModel {
    /** Types offered first; any other type can be typed. */
    public static final List<RrType> TYPES = List.of(RrType.A, RrType.AAAA, RrType.SRV, RrType.PTR, RrType.CNAME,
            RrType.TXT, RrType.NS, RrType.SOA, RrType.ANY);
    /** Kept answers; older ones drop off. */
    static final int HISTORY = 200;

    private final TaskExecutor executor;
    private final Clock clock;
    private final Notifier notifier;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<RrType> type = new SimpleObjectProperty<>(this, "type", RrType.A);
    private final ObjectProperty<ReplicaChoice> replica = new SimpleObjectProperty<>(this, "replica", ReplicaChoice.all());
    private final StringProperty asPod = new SimpleStringProperty(this, "asPod", "");
    private final ObjectProperty<Resolver> resolver = new SimpleObjectProperty<>(this, "resolver", Resolver.GLIBC);
    private final ObservableList<LookupResult> history = FXCollections.observableArrayList();
    /** Questions asked, newest first, as {@code name TYPE}; remembered between runs. */
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final UiPreferences preferences;
    private final ObjectProperty<LookupResult> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** Guards the completion index, which the completion's own threads make and read. */
    private final ReentrantLock completion = new ReentrantLock();
    /** The view {@link #index} was made of; null when there is none yet. */
    private Inventory indexed;
    /** Every DNS name of {@link #indexed}, and every pod as {@code namespace/name}. */
    private Suggestions[] index;
    /** Written on the UI thread, read by completion threads too. */
    private volatile Inventory view;
    private LiveAsker asker;
    private String cannotAskReason = "";
    private TaskExecutor.Running running = TaskExecutor.Running.DONE;

    public LookupModel(TaskExecutor executor, Clock clock, Notifier notifier) {
        this(executor, clock, notifier, UiPreferences.inMemory());
    }

    /** @param preferences where the names looked up are remembered between runs */
    public LookupModel(TaskExecutor executor, Clock clock, Notifier notifier, UiPreferences preferences) {
        this.executor = executor;
        this.notifier = notifier;
        this.clock = clock;
        this.preferences = preferences;
        recent.setAll(preferences.lookups());
    }

    /**
     * A new view. Its names and pods are indexed for completion when completion first asks for
     * them, not now: at 150,000 pods that is about 390,000 names and half a second of a processor,
     * which would otherwise compete with the view being drawn, and 19 MB kept for a field that may
     * never be typed in.
     */
    public void show(Inventory newView) {
        this.view = newView;
        // The old index goes now, unless a completion thread is making one (then it goes at its next use).
        if (completion.tryLock()) {
            try {
                if (indexed != newView) {
                    indexed = null;
                    index = null;
                }
            } finally {
                completion.unlock();
            }
        }
    }

    /**
     * Up to {@code limit} DNS names of the view starting with the text, then containing it. The
     * first call after a new view indexes it, so callers are completion threads, never the UI
     * thread.
     */
    public List<String> completeName(String text, int limit) {
        return completionIndex()[0].complete(text, limit);
    }

    /** Up to {@code limit} pods of the view as {@code namespace/name}; as {@link #completeName}. */
    public List<String> completePod(String text, int limit) {
        return completionIndex()[1].complete(text, limit);
    }

    private Suggestions[] completionIndex() {
        Inventory v = view;
        if (v == null) {
            return new Suggestions[] {Suggestions.empty(), Suggestions.empty()};
        }
        completion.lock();
        try {
            if (indexed != v) {
                index = indexes(v);
                indexed = v;
            }
            return index;
        } catch (RuntimeException e) {
            executor.onUiThread(() -> notifier.show(Failures.notice("Could not collect the names for completion", e)));
            return new Suggestions[] {Suggestions.empty(), Suggestions.empty()};
        } finally {
            completion.unlock();
        }
    }

    private static Suggestions[] indexes(Inventory v) {
        Suggestions.Builder fqdns = Suggestions.builder();
        Suggestions.Builder podNames = Suggestions.builder();
        v.forEachEntry((e, parent) -> {
            if (e instanceof Entry.ServiceEntry s) {
                fqdns.add(s.fqdn());
                for (ServicePort p : s.service().ports()) {
                    if (p.isNamed()) {
                        fqdns.add("_" + p.name() + "._" + p.protocol().name().toLowerCase(Locale.ROOT) + "." + s.fqdn());
                    }
                }
            } else if (e instanceof Entry.EndpointEntry ep) {
                fqdns.add(ep.fqdn());
            } else if (e instanceof Entry.PodEntry p) {
                fqdns.add(p.hostnameFqdn());
                if (p.podRecordsServed()) {
                    fqdns.add(p.podRecordFqdn());
                }
                podNames.add(p.namespace() + "/" + p.name());
            }
        });
        return new Suggestions[] {fqdns.build(), podNames.build()};
    }

    /**
     * Where questions go.
     *
     * @param liveAsker the session's replicas, or null when there are none
     * @param whyNot said instead of an answer when there are none
     */
    public void connect(LiveAsker liveAsker, String whyNot) {
        this.asker = liveAsker;
        this.cannotAskReason = whyNot;
    }

    /** Puts a name into the field, e.g. from the details pane. */
    public void prepare(String fqdn, RrType rrType) {
        name.set(fqdn);
        type.set(rrType);
    }

    /** Asks: directly, or as the chosen pod's resolver would. */
    public void lookup() {
        if (view == null) {
            message.set("Nothing is loaded yet.");
            return;
        }
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) {
            message.set("Type a name to look up, such as " + example() + ".");
            return;
        }
        String pod = asPod.get() == null ? "" : asPod.get().trim();
        if (pod.isEmpty() && !DnsNames.isValidDomainName(n.endsWith(".") ? n.substring(0, n.length() - 1) : n)
                && !IpAddress.isAddress(n)) {
            message.set("“" + n + "” is not a DNS name: use letters, digits, hyphens and dots, at most 253 characters.");
            return;
        }
        RrType t = type.get() == null ? RrType.A : type.get();
        if (IpAddress.isAddress(n) && pod.isEmpty()) {
            // An address means its reverse name, as dig -x does.
            n = IpAddress.parse(n).orElseThrow().reverseName();
            t = RrType.PTR;
        }
        running.cancel();
        busy.set(true);
        message.set("");
        preferences.lookedUp(n + " " + t.mnemonic());
        recent.setAll(preferences.lookups());
        Inventory v = view;
        LiveAsker a = asker;
        ReplicaChoice choice = replica.get();
        String whyNot = cannotAskReason;
        Resolver libc = resolver.get() == null ? Resolver.GLIBC : resolver.get();
        String lookupName = n;
        RrType lookupType = t;
        BackgroundTask<LookupResult> task = pod.isEmpty()
                ? BackgroundTask.of("Looking up " + n, ctx -> direct(v, a, new Question(lookupName, lookupType), choice,
                        whyNot))
                : BackgroundTask.of("Looking up " + n + " as " + pod, ctx -> asPod(v, a, pod, lookupName, lookupType,
                        libc, choice, whyNot));
        running = task.onSuccess(result -> {
            busy.set(false);
            history.add(0, result);
            if (history.size() > HISTORY) {
                history.remove(HISTORY, history.size());
            }
            selected.set(result);
        }).onFailure(e -> {
            busy.set(false);
            message.set(Failures.describe(e));
            notifier.show(Failures.notice("The lookup failed", e));
        }).runOnce(executor);
    }

    private String example() {
        if (view != null) {
            for (var ns : view.namespaces()) {
                for (var s : view.services(ns.name())) {
                    return s.fqdn();
                }
            }
        }
        return "kubernetes.default.svc.cluster.local";
    }

    private LookupResult direct(Inventory v, LiveAsker a, Question q, ReplicaChoice choice, String whyNot)
            throws InterruptedException {
        if (a == null) {
            return new LookupResult.Direct(clock.instant(), new QuestionResult(q, v.model().answer(q), List.of()), whyNot);
        }
        return new LookupResult.Direct(clock.instant(), a.ask(v, q, choice), "");
    }

    private LookupResult asPod(Inventory v, LiveAsker a, String podRef, String n, RrType t, Resolver libc,
                               ReplicaChoice choice, String whyNot) throws InterruptedException {
        Pod pod = findPod(v, podRef).orElseThrow(() -> new IllegalArgumentException("No pod " + podRef
                + " in this cluster: pick one from the suggestions (namespace/name)."));
        ResolvConf conf = v.inspection().resolvConf(pod, v.zone());
        SearchPath path = new SearchPath(conf, libc);
        Lookup lookup = Lookup.forType(t);
        // The hosts file is its own stage: where the resolver reads it first and it has the name, no query is sent.
        NameLookup names = new NameLookup(v.inspection().hostsFile(pod, v.zone()), HostsOrder.FILES_DNS, true, path);
        NameLookup.Resolution local = names.resolve(n, lookup, q -> Status.NXDOMAIN);
        NameLookup.HostsStep hosts = local.hostsStep();
        List<String> hostsWhy = hosts.found().isEmpty() ? List.of() : local.explanation();
        String shownPod = pod.namespace() + "/" + pod.name();
        if (hosts.answered() && hosts.beforeDns()) {
            Walk none = new Walk(n, libc, lookup, List.of(), Walk.Result.ANSWERED, List.of());
            return new LookupResult.AsPod(clock.instant(), shownPod, n, conf, none, Optional.empty(), Map.of(), Map.of(),
                    "", "", hosts, hostsWhy);
        }
        Map<Question, Status> predicted = new HashMap<>();
        Walk modelWalk = conf.usesClusterDns()
                ? path.walk(n, lookup, q -> predicted.computeIfAbsent(q, k -> v.inspection().answerFromPod(pod, k).status()))
                : path.fullWalk(n, lookup);
        Map<Question, QuestionResult> answers = new HashMap<>();
        Optional<Walk> liveWalk = Optional.empty();
        String note = "";
        // A pod's queries reach one replica through the DNS Service: ask one, as it would.
        ReplicaChoice walkChoice = choice instanceof ReplicaChoice.One ? choice : ReplicaChoice.any();
        String replicaUsed = choice instanceof ReplicaChoice.One one ? one.replica() : "any ready replica";
        if (!conf.usesClusterDns()) {
            note = "This pod does not ask the cluster DNS, so the cluster DNS cannot be asked on its behalf.";
        } else if (a == null) {
            note = whyNot;
        } else {
            try {
                liveWalk = Optional.of(path.walk(n, lookup, q -> {
                    try {
                        QuestionResult r = a.ask(v, q, walkChoice);
                        answers.put(q, r);
                        return liveStatus(r);
                    } catch (InterruptedException e) {
                        throw new WalkInterrupted(e);
                    }
                }));
            } catch (WalkInterrupted e) {
                throw e.interrupted;
            }
        }
        Walk shown = liveWalk.orElse(modelWalk);
        List<String> differences = new ArrayList<>();
        for (Question q : shown.questions()) {
            predicted.computeIfAbsent(q, k -> v.inspection().answerFromPod(pod, k).status());
            if (liveWalk.isPresent()) {
                v.inspection().portForwardDifference(pod, q).ifPresent(differences::add);
            }
        }
        if (!differences.isEmpty()) {
            // The live walk went through kdi's port-forward: where autopath or acl see the pod otherwise, say so.
            note = (note.isEmpty() ? "" : note + " ") + "Asked through kdi's port-forward, not from the pod: "
                    + String.join(" ", differences);
        }
        return new LookupResult.AsPod(clock.instant(), shownPod, n, conf, modelWalk, liveWalk,
                answers, predicted, replicaUsed, note, hosts, hostsWhy);
    }

    /** What the pod's resolver sees: the first answer, or a server failure when no replica answered. */
    private static Status liveStatus(QuestionResult r) {
        for (ReplicaResult rr : r.replicas()) {
            if (rr.live().isPresent()) {
                return rr.live().get().status();
            }
        }
        return Status.SERVFAIL;
    }

    private static final class WalkInterrupted extends RuntimeException {
        final InterruptedException interrupted;

        WalkInterrupted(InterruptedException e) {
            super(e);
            this.interrupted = e;
        }
    }

    static Optional<Pod> findPod(Inventory v, String ref) {
        int slash = ref.indexOf('/');
        String ns = slash < 0 ? null : ref.substring(0, slash);
        String podName = slash < 0 ? ref : ref.substring(slash + 1);
        Pod only = null;
        int candidates = 0;
        for (Pod p : v.model().snapshot().pods()) {
            if (p.name().equals(podName) && (ns == null || p.namespace().equals(ns))) {
                only = p;
                candidates++;
            }
        }
        return candidates == 1 ? Optional.of(only) : Optional.empty();
    }

    public StringProperty name() {
        return name;
    }

    public ObjectProperty<RrType> type() {
        return type;
    }

    /** Which replicas a direct lookup asks; a pod's lookup asks one, as the pod would. */
    public ObjectProperty<ReplicaChoice> replica() {
        return replica;
    }

    /** {@code namespace/pod} to look up as, or empty to ask directly. */
    public StringProperty asPod() {
        return asPod;
    }

    public ObjectProperty<Resolver> resolver() {
        return resolver;
    }

    /** Newest first. */
    /** Names asked about before, newest first, as {@code name TYPE}: this run's and the ones before. */
    public ObservableList<String> recent() {
        return recent;
    }

    /** Puts a remembered question ({@code name TYPE}) in the form, ready to ask. */
    public void prepareRecent(String question) {
        int space = question.lastIndexOf(' ');
        if (space > 0) {
            prepare(question.substring(0, space), RrType.parse(question.substring(space + 1)).orElse(RrType.A));
        } else {
            prepare(question, RrType.A);
        }
    }

    public ObservableList<LookupResult> history() {
        return history;
    }

    public ObjectProperty<LookupResult> selected() {
        return selected;
    }

    /** Why the last lookup did not run, or empty. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** Stops the lookup in progress. */
    public void cancel() {
        running.cancel();
        busy.set(false);
    }
}
