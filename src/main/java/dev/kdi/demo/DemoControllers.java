package dev.kdi.demo;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a cluster's controllers and kubelets would do when someone changes the demo through its
 * API: a deleted DNS pod is replaced as its Deployment's ReplicaSet would (a new pod, not ready,
 * then ready a moment later, its endpoint following), and a StatefulSet scaled through the API gets
 * or loses its ordinal pods and their endpoints, so the per-pod names appear and go.
 */
final class DemoControllers implements AutoCloseable {
    static final String DNS_NAMESPACE = "kube-system";
    static final String DNS_LABEL = "k8s-app";
    static final String DNS_LABEL_VALUE = "kube-dns";
    /** How long a replacement DNS pod takes to pass its readiness probe. */
    static final long READY_AFTER_MS = 1_000;
    private static final Logger LOG = Logger.getLogger(DemoControllers.class.getName());
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> dnsPodStarted;
    private final Consumer<String> dnsPodGone;
    private final AtomicInteger nextAddress = new AtomicInteger(10);
    private final AtomicInteger nextSuffix = new AtomicInteger();
    private final List<Watch> watches = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param dnsPodStarted told the name of a new DNS pod, to put a DNS server behind its port 53
     * @param dnsPodGone told the name of a deleted DNS pod
     */
    DemoControllers(KubernetesClient client, ScheduledExecutorService scheduler, Consumer<String> dnsPodStarted,
                    Consumer<String> dnsPodGone) {
        this.client = client;
        this.scheduler = scheduler;
        this.dnsPodStarted = dnsPodStarted;
        this.dnsPodGone = dnsPodGone;
    }

    void start() {
        watches.add(client.pods().inNamespace(DNS_NAMESPACE).withLabel(DNS_LABEL, DNS_LABEL_VALUE)
                .watch(new Watcher<Pod>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        if (action == Action.DELETED && !closed) {
                            scheduler.execute(logged("replacing DNS pod " + pod.getMetadata().getName(),
                                    () -> replaceDnsPod(pod)));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        closedEarly("DNS pods", cause);
                    }
                }));
        watches.add(client.apps().statefulSets().inAnyNamespace().watch(new Watcher<StatefulSet>() {
            @Override
            public void eventReceived(Action action, StatefulSet set) {
                if (action == Action.MODIFIED && !closed) {
                    scheduler.execute(logged("scaling StatefulSet " + set.getMetadata().getNamespace() + "/"
                            + set.getMetadata().getName(), () -> scale(set)));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                closedEarly("StatefulSets", cause);
            }
        }));
    }

    /**
     * A controller's step as the scheduler runs it: a failure is logged with what was being done,
     * since an executor drops what its tasks throw and the demo would silently stop following.
     */
    static Runnable logged(String what, Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "demo controllers: " + what + " failed", e);
            }
        };
    }

    /** A watch ended by itself (not by {@link #close}): the demo no longer follows those changes. */
    private void closedEarly(String watched, WatcherException cause) {
        if (!closed && cause != null) {
            LOG.log(Level.WARNING, "demo controllers: the watch of " + watched + " ended; changes to them are no"
                    + " longer followed", cause);
        }
    }

    /** The ReplicaSet's part: a new pod from the same template, ready once its probe passes. */
    private void replaceDnsPod(Pod deleted) {
        String pod = deleted.getMetadata().getName();
        dnsPodGone.accept(pod);
        removeEndpoint(DNS_NAMESPACE, "kube-dns", pod);
        OwnerReference owner = deleted.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
        String base = owner != null && owner.getKind().equals("ReplicaSet") ? owner.getName()
                : pod.substring(0, Math.max(1, pod.lastIndexOf('-')));
        String name = base + "-" + suffix();
        String ip = "10.244.9." + nextAddress.getAndIncrement();
        Pod fresh = new PodBuilder().withMetadata(new ObjectMeta()).editMetadata().withName(name)
                .withNamespace(DNS_NAMESPACE).withLabels(deleted.getMetadata().getLabels())
                .withOwnerReferences(deleted.getMetadata().getOwnerReferences()).endMetadata()
                .withSpec(deleted.getSpec()).build();
        Pod created = client.pods().resource(fresh).create();
        setStatus(created, ip, false);
        addEndpoint(DNS_NAMESPACE, "kube-dns", name, ip, null, deleted.getSpec().getNodeName(), false);
        dnsPodStarted.accept(name);
        scheduler.schedule(logged("making DNS pod " + name + " ready", () -> {
            if (closed) {
                return;
            }
            Pod now = client.pods().inNamespace(DNS_NAMESPACE).withName(name).get();
            if (now != null) {
                setStatus(now, ip, true);
                setEndpointReady(DNS_NAMESPACE, "kube-dns", name, true);
            }
        }), READY_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    /** The StatefulSet controller's part: ordinal pods up to the replicas asked for, and no more. */
    private void scale(StatefulSet set) {
        String ns = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        String service = set.getSpec().getServiceName();
        Map<String, String> labels = set.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : set.getSpec().getTemplate().getMetadata().getLabels();
        List<Pod> pods = client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getKind().equals("StatefulSet") && o.getName().equals(name)))
                .toList();
        for (int i = 0; i < wanted; i++) {
            String podName = name + "-" + i;
            if (pods.stream().anyMatch(p -> p.getMetadata().getName().equals(podName))) {
                continue;
            }
            int n = nextAddress.getAndIncrement();
            String ip = "10.250." + (n / 250) + "." + (n % 250 + 1);
            Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(ns).withLabels(labels)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                            .withName(name).withUid(set.getMetadata().getUid()).withController(true).build())
                    .endMetadata()
                    .withSpec(set.getSpec().getTemplate().getSpec()).editSpec().withHostname(podName)
                    .withSubdomain(service).endSpec().build();
            Pod created = client.pods().resource(pod).create();
            setStatus(created, ip, true);
            if (service != null) {
                addEndpoint(ns, service, podName, ip, podName, null, true);
            }
        }
        for (Pod p : pods) {
            String podName = p.getMetadata().getName();
            int ordinal;
            try {
                ordinal = Integer.parseInt(podName.substring(name.length() + 1));
            } catch (RuntimeException e) {
                continue;
            }
            if (ordinal >= wanted) {
                client.pods().resource(p).delete();
                if (service != null) {
                    removeEndpoint(ns, service, podName);
                }
            }
        }
    }

    /** The kubelet's part: running, with an address, ready or not. */
    private void setStatus(Pod pod, String ip, boolean ready) {
        pod.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().build());
        client.pods().resource(pod).updateStatus();
    }

    private String suffix() {
        int n = nextSuffix.getAndIncrement() * 7919 + 104_729;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append(SUFFIX_CHARS.charAt(n % SUFFIX_CHARS.length()));
            n /= SUFFIX_CHARS.length();
        }
        return b.toString();
    }

    // The EndpointSlice controller's part.

    private EndpointSlice slice(String ns, String service) {
        List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(ns)
                .withLabel("kubernetes.io/service-name", service).list().getItems();
        return slices.isEmpty() ? null : slices.get(0);
    }

    private void addEndpoint(String ns, String service, String pod, String ip, String hostname, String node,
                             boolean ready) {
        EndpointSlice slice = slice(ns, service);
        if (slice == null) {
            return;
        }
        slice.getEndpoints().add(new EndpointBuilder().withAddresses(ip).withHostname(hostname).withNodeName(node)
                .withNewConditions().withReady(ready).withServing(ready).withTerminating(false).endConditions()
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(ns).withName(pod).build())
                .build());
        client.resource(slice).update();
    }

    private void setEndpointReady(String ns, String service, String pod, boolean ready) {
        EndpointSlice slice = slice(ns, service);
        if (slice == null) {
            return;
        }
        for (Endpoint e : slice.getEndpoints()) {
            if (e.getTargetRef() != null && Objects.equals(e.getTargetRef().getName(), pod)) {
                e.getConditions().setReady(ready);
                e.getConditions().setServing(ready);
            }
        }
        client.resource(slice).update();
    }

    private void removeEndpoint(String ns, String service, String pod) {
        EndpointSlice slice = slice(ns, service);
        if (slice == null) {
            return;
        }
        boolean removed = slice.getEndpoints().removeIf(e -> e.getTargetRef() != null
                && Objects.equals(e.getTargetRef().getName(), pod));
        if (removed) {
            client.resource(slice).update();
        }
    }

    @Override
    public void close() {
        closed = true;
        watches.forEach(Watch::close);
    }
}
