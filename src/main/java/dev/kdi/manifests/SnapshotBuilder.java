package dev.kdi.manifests;

import dev.kdi.records.diff.NameReference;
import dev.kdi.records.objects.ApiKind;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects converted objects into a {@link ClusterSnapshot}, the way the API server would hold
 * them after {@code kubectl apply}: an object read twice keeps its last version, and every
 * namespace an object lives in exists.
 *
 * <p>Objects the model does not use are counted, and the counts become {@link #notes()}.
 */
public final class SnapshotBuilder {
    /** The namespaces every cluster has. */
    public static final Set<String> BUILT_IN_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private static final int NAMED_DUPLICATES = 5;

    private final ObjectConverter converter;
    private final Map<ObjectRef, Object> objects = new LinkedHashMap<>();
    private final Set<String> namespaces = new HashSet<>(BUILT_IN_NAMESPACES);
    private final Map<String, Integer> skippedKinds = new TreeMap<>();
    private final List<String> sliceNotes = new ArrayList<>();
    private final List<ObjectRef> duplicates = new ArrayList<>();
    private int otherConfigMaps;
    /** Texts that may name cluster names, per object: a later object of the same name replaces them. */
    private final Map<ObjectRef, List<NameReference>> texts = new LinkedHashMap<>();
    private dev.kdi.records.objects.DnsPodFiles dnsMounts;
    private final Map<String, Map<String, String>> dnsConfigMaps = new java.util.LinkedHashMap<>();
    private String corednsNote;
    /** Whether the last kube-system/coredns ConfigMap added was kept (true), dropped (false) or none was (null). */
    private Boolean corednsKept;

    public SnapshotBuilder(ObjectConverter converter) {
        this.converter = converter;
    }

    /** Adds one object of any kind; kinds the model does not use are only counted. */
    public void add(HasMetadata object) throws InvalidObjectException {
        List<NameReference> named = NameTexts.of(object, object.getMetadata() == null
                || object.getMetadata().getNamespace() == null || object.getMetadata().getNamespace().isEmpty()
                ? Fields.DEFAULT_NAMESPACE : object.getMetadata().getNamespace());
        if (!named.isEmpty()) {
            texts.put(named.get(0).from(), named);
        }
        if (object instanceof Namespace n) {
            String name = converter.namespace(n);
            put(ObjectRef.namespace(name), name);
            namespaces.add(name);
        } else if (object instanceof io.fabric8.kubernetes.api.model.Service s) {
            Service service = converter.service(s);
            put(service.ref(), service);
        } else if (object instanceof io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice s) {
            addSlice(s);
        } else if (object instanceof Endpoints e) {
            EndpointsObject endpoints = converter.endpoints(e);
            put(new ObjectRef(Kinds.ENDPOINTS, endpoints.namespace(), endpoints.name()), endpoints);
        } else if (object instanceof io.fabric8.kubernetes.api.model.Pod p) {
            Pod pod = converter.pod(p);
            put(pod.ref(), pod);
        } else if (object instanceof StatefulSet s) {
            putWorkload(converter.workload(s));
        } else if (object instanceof Deployment d) {
            putWorkload(converter.workload(d));
            noteDns("Deployment", d.getMetadata(), d.getSpec() == null || d.getSpec().getTemplate() == null ? null
                    : d.getSpec().getTemplate().getSpec());
        } else if (object instanceof ReplicaSet r) {
            putWorkload(converter.workload(r));
        } else if (object instanceof DaemonSet d) {
            putWorkload(converter.workload(d));
            noteDns("DaemonSet", d.getMetadata(), d.getSpec() == null || d.getSpec().getTemplate() == null ? null
                    : d.getSpec().getTemplate().getSpec());
        } else if (object instanceof Job j) {
            putWorkload(converter.workload(j));
        } else if (object instanceof CronJob c) {
            putWorkload(converter.workload(c));
        } else if (object instanceof ConfigMap c) {
            addConfigMap(c);
        } else {
            // GenericKubernetesResource and every kind the model has no use for.
            String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
            skip(object.getApiVersion(), object.getKind(), namespace);
        }
    }

    /**
     * Counts an object the model does not use. Its namespace still exists: the API server
     * refuses objects in namespaces that do not.
     *
     * @param namespace {@code metadata.namespace} as written, or null
     */
    public void skip(String apiVersion, String kind, String namespace) {
        skippedKinds.merge(Fabric8Kinds.describe(apiVersion, kind), 1, Integer::sum);
        if (namespace != null && !namespace.isEmpty() && !ApiKind.isClusterScoped(kind)) {
            namespaces.add(namespace);
        }
    }

    private void addSlice(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice s) throws InvalidObjectException {
        Converted<EndpointSlice> converted = converter.endpointSlice(s);
        if (converted instanceof Converted.Kept<EndpointSlice> kept) {
            put(kept.value().ref(), kept.value());
        } else if (converted instanceof Converted.Skipped<EndpointSlice> skipped) {
            String namespace = Fields.namespaceOf(s);
            namespaces.add(namespace);
            sliceNotes.add("skipped " + ObjectRef.endpointSlice(namespace, Fields.name(s)) + ": " + skipped.reason());
        }
    }

    /** The cluster DNS's workload: its pod template says what its Corefile can read. */
    private void noteDns(String kind, io.fabric8.kubernetes.api.model.ObjectMeta meta, io.fabric8.kubernetes.api.model.PodSpec spec) {
        if (meta == null || !DnsPodMounts.isDns(meta.getNamespace(), meta.getName(), meta.getLabels())) {
            return;
        }
        dnsMounts = DnsPodMounts.read(kind + " " + meta.getNamespace() + "/" + meta.getName(), meta.getNamespace(), spec);
    }

    private void addConfigMap(ConfigMap c) throws InvalidObjectException {
        if (c.getMetadata() != null && ObjectConverter.COREDNS_NAMESPACE.equals(c.getMetadata().getNamespace())
                && c.getMetadata().getName() != null) {
            dnsConfigMaps.put(c.getMetadata().getName(), c.getData() == null ? Map.of() : new java.util.TreeMap<>(c.getData()));
        }
        Converted<String> converted = converter.corefile(c);
        String namespace = Fields.namespaceOf(c);
        String name = Fields.name(c);
        ObjectRef ref = new ObjectRef(Kinds.CONFIG_MAP, namespace, name);
        if (converted instanceof Converted.Kept<String> kept) {
            put(ref, new CorefileText(kept.value()));
            corednsNote = null;
            corednsKept = true;
        } else if (converted instanceof Converted.Skipped<String> skipped) {
            namespaces.add(namespace);
            if (ObjectConverter.isCorednsConfigMap(namespace, name)) {
                objects.remove(ref);
                corednsNote = "ConfigMap " + ref.qualifiedName() + " has no key " + ObjectConverter.COREFILE_KEY;
                corednsKept = false;
            } else {
                otherConfigMaps++;
            }
        }
    }

    private void putWorkload(Workload w) {
        put(w.ref(), w);
    }

    private void put(ObjectRef ref, Object value) {
        if (objects.put(ref, value) != null) {
            duplicates.add(ref);
        }
        if (!ref.namespace().isEmpty()) {
            namespaces.add(ref.namespace());
        }
    }

    /**
     * Adds everything another builder collected, as if its objects had been added here after
     * everything so far. Lets a file be read on its own and counted only when it is read whole.
     */
    public void absorb(SnapshotBuilder other) {
        for (Map.Entry<ObjectRef, Object> e : other.objects.entrySet()) {
            put(e.getKey(), e.getValue());
        }
        duplicates.addAll(other.duplicates);
        texts.putAll(other.texts);
        namespaces.addAll(other.namespaces);
        other.skippedKinds.forEach((kind, n) -> skippedKinds.merge(kind, n, Integer::sum));
        sliceNotes.addAll(other.sliceNotes);
        otherConfigMaps += other.otherConfigMaps;
        // The DNS pods' mounts and the kube-system ConfigMaps they may name: the later file wins, as for objects.
        if (other.dnsMounts != null) {
            dnsMounts = other.dnsMounts;
        }
        dnsConfigMaps.putAll(other.dnsConfigMaps);
        if (other.corednsKept != null) {
            if (!other.corednsKept) {
                objects.keySet().removeIf(ref -> ref.kind().equals(Kinds.CONFIG_MAP)
                        && ObjectConverter.isCorednsConfigMap(ref.namespace(), ref.name()));
            }
            corednsNote = other.corednsNote;
            corednsKept = other.corednsKept;
        }
    }

    /** The Corefile text of ConfigMap kube-system/coredns, kept apart from namespace names. */
    private record CorefileText(String text) {
    }

    /** The snapshot of everything added so far. */
    public ClusterSnapshot build() {
        List<Service> services = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        List<EndpointsObject> endpoints = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        String corefile = null;
        for (Object o : objects.values()) {
            if (o instanceof Service s) {
                services.add(s);
            } else if (o instanceof EndpointSlice s) {
                slices.add(s);
            } else if (o instanceof EndpointsObject e) {
                endpoints.add(e);
            } else if (o instanceof Pod p) {
                pods.add(p);
            } else if (o instanceof Workload w) {
                workloads.add(w);
            } else if (o instanceof CorefileText c) {
                corefile = c.text();
            }
        }
        ClusterSnapshot snapshot = new ClusterSnapshot(namespaces, services, slices, endpoints, pods, workloads, corefile);
        return dnsMounts == null ? snapshot : snapshot.withDnsPodFiles(DnsPodMounts.withConfigMaps(dnsMounts, dnsConfigMaps));
    }

    /** The texts of the objects added that may name cluster names (env, args, ConfigMap values). */
    public List<NameReference> nameTexts() {
        List<NameReference> out = new ArrayList<>();
        texts.values().forEach(out::addAll);
        return out;
    }

    /** What was left out or overridden, one sentence each, for the user to read. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        int skipped = skippedKinds.values().stream().mapToInt(Integer::intValue).sum();
        if (skipped > 0) {
            notes.add("skipped " + objectCount(skipped) + " of kinds the model does not use: "
                    + String.join(", ", skippedKinds.keySet()));
        }
        if (otherConfigMaps > 0) {
            notes.add("skipped " + otherConfigMaps + (otherConfigMaps == 1 ? " ConfigMap" : " ConfigMaps")
                    + " other than kube-system/coredns");
        }
        if (corednsNote != null) {
            notes.add(corednsNote);
        }
        notes.addAll(sliceNotes);
        if (!duplicates.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            sb.append(duplicates.size() == 1 ? "1 object was" : duplicates.size() + " objects were")
                    .append(" read more than once; the last one read counts, as with kubectl apply: ");
            for (int i = 0; i < Math.min(NAMED_DUPLICATES, duplicates.size()); i++) {
                sb.append(i > 0 ? ", " : "").append(duplicates.get(i));
            }
            if (duplicates.size() > NAMED_DUPLICATES) {
                sb.append(" and ").append(duplicates.size() - NAMED_DUPLICATES).append(" more");
            }
            notes.add(sb.toString());
        }
        return List.copyOf(notes);
    }

    private static String objectCount(int n) {
        return n == 1 ? "1 object" : n + " objects";
    }
}
