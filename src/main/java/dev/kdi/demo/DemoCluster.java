package dev.kdi.demo;

import dev.kdi.cluster.ClusterException;
import dev.kdi.cluster.ClusterLoader;
import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.InvalidObjectException;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.manifests.SnapshotBuilder;
import dev.kdi.records.DnsModel;
import dev.kdi.records.controllers.EffectiveSlices;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The embedded demo cluster: an in-process API server on loopback holding the seed example in
 * {@code default}, one namespace per DNS story ({@code shop}, {@code queue}, {@code monitoring}),
 * and kubeadm's CoreDNS in {@code kube-system} with two DNS pods. Its Corefile carries k3s's
 * additions, read through the DNS pods' ConfigMap volumes: a {@code NodeHosts} name for each node,
 * and a {@code coredns-custom} ConfigMap with a {@code rewrite} ({@code db.example.com} to
 * {@code shop}'s database), a stub domain ({@code corp.example}, forwarded) and a zone whose
 * {@code hosts} has no {@code fallthrough} ({@code lab.example}, which lint flags).
 *
 * <p>Each DNS pod answers its port-forward from the model, keeping itself current by listing and
 * watching the API as CoreDNS does; the second replica has missed namespace {@code shop}, as a
 * replica with a stalled watch would, so a check has something real to find. A DNS pod deleted
 * through the API is replaced as its Deployment would, and a StatefulSet scaled through the API gets
 * its ordinal pods and endpoints ({@link DemoControllers}). Nothing listens
 * beyond the API server on 127.0.0.1.
 */
public final class DemoCluster implements AutoCloseable {
    /** The replica that answers from the whole cluster. */
    public static final String HEALTHY_REPLICA = "coredns-668d6bf9bc-4xkzq";
    /** The replica whose view lacks namespace {@link #STALE_NAMESPACE}. */
    public static final String STALE_REPLICA = "coredns-668d6bf9bc-9wqpn";
    public static final String STALE_NAMESPACE = "shop";
    static final List<String> RESOURCES = List.of("/dev/kdi/demo/seed-subdomain.yaml", "/dev/kdi/demo/stories.yaml");

    private final MockApiServer server;
    private final ScheduledExecutorService scheduler;
    private final ClusterLoader dnsView;
    private volatile DnsModel healthy;
    private volatile DnsModel stale;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    /** Each DNS pod's HTTP endpoints and counters, by pod name. */
    private final Map<String, CoreDnsEndpoints> endpoints = new java.util.concurrent.ConcurrentHashMap<>();
    private DemoControllers controllers;

    private DemoCluster(MockApiServer server, ScheduledExecutorService scheduler, ClusterLoader dnsView) {
        this.server = server;
        this.scheduler = scheduler;
        this.dnsView = dnsView;
    }

    /**
     * How a demo differs from the standard one, for tests that need a cluster that is less friendly.
     *
     * @param clusterDomain the zone the Corefile in ConfigMap kube-system/coredns serves, and so the
     *     zone the DNS pods answer for
     * @param front wraps the API server's dispatcher (authentication, RBAC, faults); the demo's own
     *     DNS pods read the API with the mock server's client, whose token such a wrapper may let through
     * @param https whether the API server speaks TLS (a self-signed certificate its clients trust), as
     *     real clusters do; without it the demo starts faster and holds less (see {@link #inProcess})
     */
    public record Variant(String clusterDomain, UnaryOperator<Dispatcher> front, boolean https) {
        public static Variant standard() {
            return new Variant("cluster.local", UnaryOperator.identity(), true);
        }

        /**
         * The demo the window and the command line open: the standard one over plain HTTP. Its
         * server and its clients live in the same process and talk over 127.0.0.1 only, so TLS
         * protects nothing there, and it is a large part of what the demo holds: Bouncy Castle
         * making the certificate, the JDK's and Netty's TLS, about 1,600 classes in all. Measured
         * with the demo open: 386 MB resident against 415 MB, 11 MB less live heap (README
         * "Install"). Everything else, fabric8's client and its port-forwards included, is the same.
         */
        public static Variant inProcess() {
            return new Variant("cluster.local", UnaryOperator.identity(), false);
        }

        public Variant withClusterDomain(String domain) {
            return new Variant(domain, front, https);
        }

        public Variant withFront(UnaryOperator<Dispatcher> wrapper) {
            return new Variant(clusterDomain, wrapper, https);
        }
    }

    /** Starts the API server, fills it, and puts the DNS replicas behind their pods' port 53. */
    public static DemoCluster start() throws ClusterException, InterruptedException {
        return start(Variant.standard());
    }

    /** Starts a demo that differs as {@code variant} says. */
    public static DemoCluster start(Variant variant) throws ClusterException, InterruptedException {
        MockApiServer server = MockApiServer.start(variant.https(), variant.front());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kdi-demo-dns");
            t.setDaemon(true);
            return t;
        });
        DemoCluster[] self = new DemoCluster[1];
        try {
            populate(server.client(), RESOURCES, variant.clusterDomain());
            ClusterLoader loader = new ClusterLoader(server.client(), new ObjectConverter(new Interner()),
                    List.of("default"), 500, scheduler, Clock.systemUTC(), () -> {
                        if (self[0] != null) {
                            self[0].scheduleRebuild();
                        }
                    });
            DemoCluster demo = new DemoCluster(server, scheduler, loader);
            self[0] = demo;
            loader.load();
            demo.rebuild();
            loader.watch();
            demo.serveDnsPod(HEALTHY_REPLICA, false);
            demo.serveDnsPod(STALE_REPLICA, true);
            demo.startControllers();
            return demo;
        } catch (ClusterException | InterruptedException | RuntimeException e) {
            scheduler.shutdownNow();
            server.close();
            throw e;
        }
    }

    /** A client configuration for this cluster, as a kubeconfig context would give one. */
    public Config clientConfig() {
        return server.client().getConfiguration();
    }

    /** This cluster as a kubeconfig context named {@code demo} would target it. */
    public ContextTarget target() {
        return new ContextTarget("demo", "default", url(), clientConfig());
    }

    /** The API server's URL (on 127.0.0.1; https unless the variant says otherwise). */
    public String url() {
        return server.url();
    }

    /** A DNS pod's /health, /ready and /metrics, for tests that put them back after a fault. */
    public CoreDnsEndpoints endpoints(String pod) {
        CoreDnsEndpoints e = endpoints.get(pod);
        if (e == null) {
            throw new IllegalArgumentException("no demo DNS pod " + pod + "; the pods are " + endpoints.keySet());
        }
        return e;
    }

    /** The port-forward emulation, for tests that inject faults. */
    public PortForwardDispatcher portForwards() {
        return server.portForwards();
    }

    /** A client of the demo's API server, shared, for tests that change the cluster. */
    public KubernetesClient client() {
        return server.client();
    }

    /**
     * Adds a running, ready pod and its endpoints, as the scheduler, the kubelet and the
     * EndpointSlice controller would between them: for trying live updates.
     */
    public void addReadyPod(String namespace, String name, String ip, Map<String, String> labels) {
        KubernetesClient client = server.client();
        Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build();
        Pod created = client.pods().resource(pod).create();
        created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP(ip)
                .addNewPodIP().withIp(ip).endPodIP().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .build());
        client.pods().resource(created).updateStatus();
        for (io.fabric8.kubernetes.api.model.Service svc : client.services().inNamespace(namespace).list().getItems()) {
            Map<String, String> selector = svc.getSpec().getSelector();
            if (selector == null || selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice> slices = client.discovery().v1()
                    .endpointSlices().inNamespace(namespace)
                    .withLabel("kubernetes.io/service-name", svc.getMetadata().getName()).list().getItems();
            if (slices.isEmpty()) {
                continue;
            }
            io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice = slices.get(0);
            slice.getEndpoints().add(new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(true)
                    .withServing(true).withTerminating(false).endConditions()
                    .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(namespace).withName(name)
                            .build()).build());
            client.resource(slice).update();
        }
    }

    /**
     * Puts a DNS server and CoreDNS's HTTP endpoints behind a DNS pod's ports. The stale replica
     * also has a dead upstream: one sick replica, two symptoms.
     */
    private void serveDnsPod(String pod, boolean isStale) {
        CoreDnsEndpoints served = new CoreDnsEndpoints(Clock.systemUTC(), isStale);
        endpoints.put(pod, served);
        server.portForwards().route(new PodPort("kube-system", pod, 53),
                new DnsResponder(() -> isStale ? stale : healthy, served));
        server.portForwards().route(new PodPort("kube-system", pod, 8080), new HttpResponder(served::health));
        server.portForwards().route(new PodPort("kube-system", pod, 8181), new HttpResponder(served::ready));
        server.portForwards().route(new PodPort("kube-system", pod, 9153), new HttpResponder(served::metrics));
    }

    private void stopServing(String pod) {
        for (int port : new int[] {53, 8080, 8181, 9153}) {
            server.portForwards().unroute(new PodPort("kube-system", pod, port));
        }
        endpoints.remove(pod);
    }

    /** Deleted DNS pods are replaced (the replacement sees the whole cluster); scaled StatefulSets follow. */
    private void startControllers() {
        controllers = new DemoControllers(server.client(), scheduler, pod -> serveDnsPod(pod, false), this::stopServing);
        controllers.start();
    }

    private void scheduleRebuild() {
        if (rebuildPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                rebuildPending.set(false);
                rebuild();
            }, 200, TimeUnit.MILLISECONDS);
        }
    }

    private void rebuild() {
        ClusterSnapshot snapshot = dnsView.snapshot();
        Corefile corefile;
        try {
            // As the DNS pods read it: imports and NodeHosts through their ConfigMap volumes.
            corefile = CorefileSource.choose(Optional.empty(), snapshot, Optional.empty(), Optional.empty());
        } catch (ManifestException e) {
            return;
        }
        healthy = DnsModel.build(snapshot, corefile);
        stale = DnsModel.build(without(snapshot, STALE_NAMESPACE), corefile);
    }

    /** The snapshot as a replica that never heard of a namespace's objects sees it. */
    static ClusterSnapshot without(ClusterSnapshot s, String namespace) {
        Predicate<String> keep = ns -> !ns.equals(namespace);
        return new ClusterSnapshot(s.namespaces(), s.services().stream().filter(x -> keep.test(x.namespace())).toList(),
                s.endpointSlices().stream().filter(x -> keep.test(x.namespace())).toList(), s.endpoints(),
                s.pods().stream().filter(x -> keep.test(x.namespace())).toList(),
                s.workloads().stream().filter(x -> keep.test(x.namespace())).toList(), s.corefile(),
                s.slicesAuthoritative());
    }

    /**
     * Creates the objects of manifests on the classpath in an API server, with pod status as a
     * kubelet would report it, and the EndpointSlices the controller would write for them. The
     * demo fills itself this way; tests fill their own mock clusters the same way.
     */
    public static void populate(KubernetesClient client, List<String> resources) {
        populate(client, resources, "cluster.local");
    }

    /** The same, with {@code cluster.local} in the DNS ConfigMaps replaced by {@code clusterDomain}. */
    static void populate(KubernetesClient client, List<String> resources, String clusterDomain) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String resource : resources) {
            try (InputStream in = DemoCluster.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                objects.addAll(client.load(in).items());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String ns : SnapshotBuilder.BUILT_IN_NAMESPACES) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .createOr(existing -> existing.update());
        }
        SnapshotBuilder snapshot = new SnapshotBuilder(new ObjectConverter(new Interner()));
        for (HasMetadata o : objects) {
            if (o instanceof ConfigMap cm && !clusterDomain.equals("cluster.local") && cm.getData() != null
                    && ObjectConverter.COREDNS_NAMESPACE.equals(cm.getMetadata().getNamespace())) {
                // The Corefile and the files it imports (coredns-custom's rewrite) name the zone.
                cm.getData().replaceAll((key, text) -> text.replace("cluster.local", clusterDomain));
            }
            HasMetadata created = client.resource(o).createOr(existing -> existing.update());
            if (o instanceof Pod p && p.getStatus() != null) {
                // The API server keeps status out of creates; a kubelet would report it.
                Pod withStatus = (Pod) created;
                withStatus.setStatus(p.getStatus());
                client.pods().resource(withStatus).updateStatus();
            }
            try {
                snapshot.add(o);
            } catch (InvalidObjectException e) {
                throw new IllegalStateException(o.getKind() + " " + o.getMetadata().getName() + " in " + resources
                        + " is invalid: " + e.getMessage(), e);
            }
        }
        for (EndpointSlice slice : EffectiveSlices.of(snapshot.build())) {
            client.resource(toFabric8(slice)).createOr(existing -> existing.update());
        }
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice toFabric8(EndpointSlice s) {
        EndpointSliceBuilder b = new EndpointSliceBuilder()
                .withNewMetadata().withNamespace(s.namespace()).withName(s.name().replace("-derived-", "-"))
                .withLabels(Map.of("kubernetes.io/service-name", s.serviceName(),
                        "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"))
                .endMetadata()
                .withAddressType(s.addressType() == IpFamily.IPV6 ? "IPv6" : "IPv4");
        for (EndpointPort p : s.ports()) {
            b.addToPorts(new EndpointPortBuilder().withName(p.name()).withProtocol(p.protocol().name())
                    .withPort(p.port()).build());
        }
        for (Endpoint e : s.endpoints()) {
            EndpointBuilder eb = new EndpointBuilder().withAddresses(e.addresses()).withNewConditions()
                    .withReady(e.isReady()).withServing(e.isReady()).withTerminating(false).endConditions()
                    .withHostname(e.hostname()).withNodeName(e.nodeName());
            if (e.targetPod() != null) {
                eb.withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(s.namespace())
                        .withName(e.targetPod()).build());
            }
            b.addToEndpoints(eb.build());
        }
        return b.build();
    }

    @Override
    public void close() {
        if (controllers != null) {
            controllers.close();
        }
        dnsView.close();
        scheduler.shutdownNow();
        server.close();
    }
}
