package dev.kdi.session;

import dev.kdi.cluster.DnsServers;
import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ManifestSet;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.Question;
import dev.kdi.records.controllers.OfflineCompletion;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.objects.ClusterSnapshot;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Manifests read from files: the model's prediction, with no cluster DNS to ask. */
public final class ManifestSession implements Session {
    private final List<String> paths;
    private final List<String> namespaces;
    private final Optional<Path> corefileFlag;
    private final Optional<String> clusterDomain;
    private final Optional<Path> corefileDir;
    private final Optional<String> corednsVersion;
    private final Supplier<InputStream> stdin;
    private final Clock clock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Inspection current;
    private long generation;

    public ManifestSession(List<String> paths, Optional<Path> corefileFlag, Optional<String> clusterDomain,
                           Supplier<InputStream> stdin, Clock clock) {
        this(paths, LiveOptions.defaults().withCorefile(corefileFlag).withClusterDomain(clusterDomain), stdin, clock);
    }

    /**
     * Manifests with the options of the command line ({@code --corefile}, {@code --corefile-dir}, ...).
     * The options' namespaces are the {@code -n} given with the files: one is the namespace of
     * objects that name none; objects in other namespaces make their file bad input (see
     * {@link ManifestReader}).
     */
    public ManifestSession(List<String> paths, LiveOptions options, Supplier<InputStream> stdin, Clock clock) {
        this.paths = List.copyOf(paths);
        this.namespaces = options.namespaces();
        this.corefileFlag = options.corefile();
        this.clusterDomain = options.clusterDomain();
        this.corefileDir = options.corefileDir();
        this.corednsVersion = options.corednsVersion();
        this.stdin = stdin;
        this.clock = clock;
    }

    @Override
    public SessionInfo info() {
        return new SessionInfo(SessionInfo.Kind.MANIFESTS, String.join(", ", paths), "", "");
    }

    @Override
    public void start(Progress progress) throws SessionException {
        progress.update("Reading " + String.join(", ", paths), -1);
        try {
            ManifestSet set = new ManifestReader(stdin, new ObjectConverter(new Interner())).read(paths, namespaces);
            List<String> notes = new java.util.ArrayList<>(set.notes());
            Corefile corefile = corefileFlag.isEmpty()
                    && DnsServers.locate(set.snapshot()).flavor() == DnsServers.Flavor.KUBE_DNS
                    ? KubeDnsSetup.corefile(set.snapshot(), notes)
                    : CorefileSource.choose(corefileFlag, set.snapshot(), corefileDir, corednsVersion);
            String domainSource = corefile.isKubeDns() ? KubeDnsSetup.DOMAIN_SOURCE
                    : "the Corefile (" + corefile.origin() + ")";
            if (clusterDomain.isPresent()) {
                corefile = corefile.withClusterDomain(clusterDomain.get());
                domainSource = "--cluster-domain";
            }
            // Manifests as written: the pods and addresses the cluster would make once they are applied.
            ClusterSnapshot completed = OfflineCompletion.complete(set.snapshot());
            Inspection next = Inspections.build(++generation, completed, corefile, domainSource,
                    DnsServers.locate(completed), LoadSummary.complete(clock.instant()), notes, set.skipped(),
                    clock.instant());
            current = next;
            listeners.forEach(l -> l.inspectionChanged(next));
        } catch (ManifestException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }

    @Override
    public Inspection current() {
        return current;
    }

    @Override
    public AutoCloseable subscribe(SessionListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<ReplicaStatus> replicas() {
        return List.of();
    }

    @Override
    public CompletableFuture<List<ReplicaAnswer>> ask(Question question, ReplicaChoice choice) {
        return CompletableFuture.failedFuture(new SessionException(
                "manifests have no cluster DNS to ask; connect to a cluster or the demo to ask it"));
    }

    @Override
    public CompletableFuture<CheckReport> check(CheckRequest request, Progress progress) {
        return CompletableFuture.failedFuture(new SessionException(
                "manifests have no cluster DNS to check; connect to a cluster or the demo"));
    }

    @Override
    public void refresh(Progress progress) throws SessionException {
        start(progress);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
