package dev.kdi.ui.toolbar;

import dev.kdi.records.names.DnsNames;
import dev.kdi.session.ReplicaStatus;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionRequest;
import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.UserMessage;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.live.ReplicaOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The toolbar's state: the kubeconfig's contexts and the one open, the namespaces shown, the
 * cluster domain (detected or typed), the replica Resolve asks, and whether a refresh runs. Its
 * commands go to the window through {@link Commands}; the window tells it what opened and what
 * is shown.
 */
public final class ToolbarModel {

    /** What the toolbar asks of the window. */
    public interface Commands {
        /** Opens a session; the current one stays until the new one has loaded. */
        void open(SessionRequest request);

        /** Reloads everything from the source. */
        void refresh();

        /**
         * Uses this cluster domain instead of the detected one.
         *
         * @param domain a valid domain in lower case without the trailing dot, or empty for the
         *     detected one
         */
        void useClusterDomain(Optional<String> domain);
    }

    private final Commands commands;
    private final Notifier notifier;
    private final ReadOnlyObjectProperty<SessionInfo> info;
    private final ReadOnlyBooleanProperty demo;
    private final ReadOnlyBooleanProperty canAsk;
    private final ObservableList<String> contexts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper context = new ReadOnlyStringWrapper(this, "context", "");
    private final ReadOnlyStringWrapper kubeconfigFile = new ReadOnlyStringWrapper(this, "kubeconfigFile", "");
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableSet<String> chosenNamespaces = FXCollections.observableSet();
    private final StringProperty clusterDomain = new SimpleStringProperty(this, "clusterDomain", "");
    private final ReadOnlyStringWrapper clusterDomainSource = new ReadOnlyStringWrapper(this, "clusterDomainSource", "");
    private final ObservableList<ReplicaOption> replicaOptions = FXCollections.observableArrayList(ReplicaOption.ALL);
    private final SimpleObjectProperty<ReplicaOption> replica = new SimpleObjectProperty<>(this, "replica",
            ReplicaOption.ALL);
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing");
    private Optional<Path> kubeconfig = Optional.empty();

    /**
     * @param info the session open now (null before the first)
     * @param demo whether the demo is open
     * @param canAsk whether the session has a cluster DNS to ask
     */
    public ToolbarModel(Commands commands, Notifier notifier, ReadOnlyObjectProperty<SessionInfo> info,
                        ReadOnlyBooleanProperty demo, ReadOnlyBooleanProperty canAsk) {
        this.commands = commands;
        this.notifier = notifier;
        this.info = info;
        this.demo = demo;
        this.canAsk = canAsk;
    }

    /** The kubeconfig read at start: its contexts, and the file the window names. */
    public void kubeconfig(List<String> names, Optional<Path> given, Optional<Path> file) {
        kubeconfig = given;
        contexts.setAll(names);
        file.ifPresent(f -> kubeconfigFile.set(f.toString()));
    }

    /** A session opened for this request. */
    public void opened(SessionRequest request, SessionInfo opened) {
        if (request instanceof SessionRequest.Live live) {
            context.set(opened.name());
            live.kubeconfig().ifPresent(k -> kubeconfig = Optional.of(k));
        } else {
            context.set("");
        }
        chosenNamespaces.clear();
    }

    /** The replicas now: the picker offers them, keeping the choice while it exists. */
    public void replicas(List<ReplicaStatus> now) {
        ReplicaOption chosen = replica.get();
        List<ReplicaOption> options = ReplicaOption.of(now);
        replicaOptions.setAll(options);
        replica.set(options.stream().filter(r -> r.choice().equals(chosen.choice())).findFirst()
                .orElse(ReplicaOption.ALL));
    }

    /** A view is shown: its namespaces and cluster domain. */
    public void shown(Inventory v, boolean typedDomain) {
        if (!typedDomain) {
            clusterDomain.set(v.zone());
        }
        clusterDomainSource.set(v.domainOverridden() ? "typed here (detected: " + v.inspection().clusterDomain() + ")"
                : v.inspection().clusterDomainSource());
        List<String> names = v.namespaces().stream().map(Entry::name).toList();
        if (!names.equals(namespaces)) {
            namespaces.setAll(names);
        }
        chosenNamespaces.retainAll(names);
    }

    public void setRefreshing(boolean now) {
        refreshing.set(now);
    }

    /**
     * Uses the typed cluster domain instead of the detected one (empty: back to the detected);
     * a typed text that is no domain is refused with a warning.
     */
    public void applyClusterDomain() {
        String typed = clusterDomain.get() == null ? "" : clusterDomain.get().trim();
        if (typed.endsWith(".")) {
            typed = typed.substring(0, typed.length() - 1);
        }
        if (!typed.isEmpty() && !DnsNames.isValidDomainName(typed)) {
            notifier.show(UserMessage.warning("Not a domain name", "“" + typed + "” is not a DNS domain: use labels of"
                    + " letters, digits and hyphens separated by dots, such as cluster.local."));
            return;
        }
        commands.useClusterDomain(typed.isEmpty() ? Optional.empty() : Optional.of(typed.toLowerCase(Locale.ROOT)));
    }

    /** Switches to another context of the kubeconfig. */
    public void switchContext(String name) {
        if (name == null || name.isBlank() || name.equals(context.get())) {
            return;
        }
        commands.open(new SessionRequest.Live(kubeconfig, Optional.of(name)));
    }

    public void open(SessionRequest request) {
        commands.open(request);
    }

    public void refresh() {
        commands.refresh();
    }

    public ReadOnlyObjectProperty<SessionInfo> info() {
        return info;
    }

    public ReadOnlyBooleanProperty demo() {
        return demo;
    }

    public ReadOnlyBooleanProperty canAsk() {
        return canAsk;
    }

    public ReadOnlyBooleanProperty refreshing() {
        return refreshing.getReadOnlyProperty();
    }

    /** Every context of the kubeconfig. */
    public ObservableList<String> contexts() {
        return contexts;
    }

    /** The context open now, or empty for the demo and manifests. */
    public ReadOnlyStringProperty context() {
        return context.getReadOnlyProperty();
    }

    /** The kubeconfig found, or empty. */
    public ReadOnlyStringProperty kubeconfigFile() {
        return kubeconfigFile.getReadOnlyProperty();
    }

    /** Every namespace of the view. */
    public ObservableList<String> namespaces() {
        return namespaces;
    }

    /** The namespaces the tree shows; empty shows all. */
    public ObservableSet<String> chosenNamespaces() {
        return chosenNamespaces;
    }

    /** The cluster domain field: detected, or what the user typed. */
    public StringProperty clusterDomain() {
        return clusterDomain;
    }

    /** How the cluster domain in force was learnt. */
    public ReadOnlyStringProperty clusterDomainSource() {
        return clusterDomainSource.getReadOnlyProperty();
    }

    public ObservableList<ReplicaOption> replicaOptions() {
        return replicaOptions;
    }

    /** The replica Resolve asks; the lookup starts from it too. */
    public SimpleObjectProperty<ReplicaOption> replica() {
        return replica;
    }
}
