package dev.kdi.ui.fake;

import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.session.SessionInfo;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed example (namespace {@code default}: StatefulSet pods behind headless Service
 * {@code sample-headless}, pod {@code sample-subdomain} with hostname and subdomain) with the
 * kubeadm Corefile, plus namespace {@code shop} broken on purpose: StatefulSet {@code db} names
 * Service {@code db}, but only {@code db-headless} exists. Service {@code kube-system/kube-dns}
 * and its two CoreDNS pods make the cluster DNS findable, as in a real cluster.
 */
public final class SeedCluster {
    public static final String SEED = "/examples/seed-subdomain.yaml";
    public static final String SHOP = "/dev/kdi/ui/shop-statefulset-names-missing-service.yaml";
    public static final String COREFILE = "/examples/kubeadm.Corefile";
    public static final String KUBE_DNS = "/dev/kdi/ui/kube-system-coredns.yaml";
    /** More to look at, for running the window by hand: every kind of Service, a pod not ready. */
    public static final String PAYMENTS = "/dev/kdi/ui/payments-every-service-kind.yaml";

    private SeedCluster() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(SeedCluster.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    public static ClusterSnapshot snapshot() {
        return read(SEED, SHOP, KUBE_DNS);
    }

    /** The seed, shop and kube-dns with namespace payments: what DevMain and the screenshots show. */
    public static ClusterSnapshot richSnapshot() {
        return read(SEED, SHOP, KUBE_DNS, PAYMENTS);
    }

    private static ClusterSnapshot read(String... resources) {
        try {
            return new ManifestReader(InputStream::nullInputStream, new ObjectConverter(new Interner()))
                    .read(java.util.Arrays.stream(resources).map(r -> resource(r).toString()).toList())
                    .snapshot();
        } catch (ManifestException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }

    public static Corefile corefile() {
        try {
            return CorefileSource.choose(Optional.of(resource(COREFILE)), Optional.empty());
        } catch (ManifestException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The inspection a session of the seed and shop makes first. */
    public static dev.kdi.session.Inspection inspection() {
        FakeSession s = session(Clock.systemUTC(), healthyReplicas());
        s.publish(s.snapshot());
        dev.kdi.session.Inspection in = s.current();
        s.close();
        return in;
    }

    /** The window's view of {@link #inspection()}. */
    public static dev.kdi.ui.inventory.Inventory view() {
        return dev.kdi.ui.inventory.Inventory.build(inspection(), Optional.empty());
    }

    /** Two healthy replicas, as kubeadm runs CoreDNS. */
    public static List<ReplicaScript> healthyReplicas() {
        return List.of(ReplicaScript.healthy("coredns-7db6d8ff4d-2xkqz", "10.32.0.2"),
                ReplicaScript.healthy("coredns-7db6d8ff4d-q8h5m", "10.32.0.3"));
    }

    /** A fake session of the seed and shop, labelled as a live context. */
    public static FakeSession session(Clock clock, List<ReplicaScript> replicas) {
        return new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "kind-kdi-test", "https://127.0.0.1:6443", "default"),
                snapshot(), corefile(), clock, replicas);
    }

    /** The same with namespace payments too. */
    public static FakeSession richSession(Clock clock, List<ReplicaScript> replicas) {
        return new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "kind-kdi-test", "https://127.0.0.1:6443", "default"),
                richSnapshot(), corefile(), clock, replicas);
    }

    /** The snapshot with one more ready pod of the seed's StatefulSet template (selected by both Services). */
    public static ClusterSnapshot withPod(ClusterSnapshot s, String namespace, String name, String ip) {
        List<Pod> pods = new ArrayList<>(s.pods());
        pods.add(new Pod(namespace, name, Map.of("app", "sample-app"), List.of(ip), null, null, Pod.Phase.RUNNING, true,
                false, "k8s-node01", null, PodDns.DEFAULTS, List.of()));
        return new ClusterSnapshot(s.namespaces(), s.services(), s.endpointSlices(), s.endpoints(), pods, s.workloads(),
                s.corefile(), s.slicesAuthoritative());
    }
}
