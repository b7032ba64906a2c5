package dev.kdi.session.watch;

import dev.kdi.records.Question;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.session.Inspection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed in the API between two inspections that a watch shows: the DNS pods (created,
 * deleted, ready or not, terminating) and the endpoints of the watched names' Services. Read from
 * the inspections' snapshots, so it sees exactly what the session's watch on the API saw.
 */
final class ApiChanges {
    private ApiChanges() {
    }

    static List<WatchEvent> between(Inspection before, Inspection after, List<Question> watched, Instant at) {
        List<WatchEvent> out = new ArrayList<>();
        dnsPods(before, after, at, out);
        String zone = "." + after.clusterDomain() + ".";
        Map<String, String> serviceNames = new LinkedHashMap<>();
        for (Question q : watched) {
            serviceOf(q.name(), zone).ifPresent(svc -> serviceNames.putIfAbsent(svc, q.name()));
        }
        for (Map.Entry<String, String> e : serviceNames.entrySet()) {
            String[] nsName = e.getKey().split("/", 2);
            services(before, after, nsName[0], nsName[1], e.getValue(), at, out);
        }
        return out;
    }

    /**
     * {@code namespace/service} for a name inside a Service's part of the zone
     * ({@code [host.]service.namespace.svc.zone.}), or empty.
     */
    static Optional<String> serviceOf(String name, String zone) {
        String svcZone = ".svc" + zone;
        if (!name.endsWith(svcZone)) {
            return Optional.empty();
        }
        String[] labels = name.substring(0, name.length() - svcZone.length()).split("\\.");
        if (labels.length < 2) {
            return Optional.empty();
        }
        // _port._proto.service.namespace and host.service.namespace both end in service.namespace.
        return Optional.of(labels[labels.length - 1] + "/" + labels[labels.length - 2]);
    }

    private static void dnsPods(Inspection before, Inspection after, Instant at, List<WatchEvent> out) {
        Map<String, Pod> was = dnsPods(before);
        Map<String, Pod> now = dnsPods(after);
        for (Map.Entry<String, Pod> e : now.entrySet()) {
            Pod p = e.getValue();
            Pod old = was.get(e.getKey());
            if (old == null) {
                out.add(WatchEvent.api(at, null, e.getKey(), "DNS pod " + e.getKey() + " created ("
                        + (p.ready() ? "ready" : "not ready") + ")"));
                continue;
            }
            if (old.ready() != p.ready()) {
                out.add(WatchEvent.api(at, null, e.getKey(), "DNS pod " + e.getKey()
                        + (p.ready() ? " became ready" : " became not ready")));
            }
            if (!old.terminating() && p.terminating()) {
                out.add(WatchEvent.api(at, null, e.getKey(), "DNS pod " + e.getKey() + " is terminating"));
            }
        }
        for (String id : was.keySet()) {
            if (!now.containsKey(id)) {
                out.add(WatchEvent.api(at, null, id, "DNS pod " + id + " deleted"));
            }
        }
    }

    /** The pods the DNS Service selects (or its endpoints name, for a Service without a selector). */
    private static Map<String, Pod> dnsPods(Inspection at) {
        Map<String, Pod> out = new LinkedHashMap<>();
        Optional<Service> service = at.dns().service();
        if (service.isEmpty()) {
            return out;
        }
        Service s = service.get();
        List<String> named = new ArrayList<>();
        if (!s.hasSelector()) {
            for (EndpointSlice slice : slices(at, s.namespace(), s.name())) {
                slice.endpoints().stream().map(Endpoint::targetPod).filter(Objects::nonNull).forEach(named::add);
            }
        }
        for (Pod p : at.snapshot().pods()) {
            if (!p.namespace().equals(s.namespace())) {
                continue;
            }
            boolean selected = s.hasSelector() ? p.labels().entrySet().containsAll(s.selector().entrySet())
                    : named.contains(p.name());
            if (selected) {
                out.put(p.namespace() + "/" + p.name(), p);
            }
        }
        return out;
    }

    private static void services(Inspection before, Inspection after, String ns, String name, String watched,
                                 Instant at, List<WatchEvent> out) {
        boolean existed = service(before.snapshot(), ns, name).isPresent();
        boolean exists = service(after.snapshot(), ns, name).isPresent();
        if (existed != exists) {
            out.add(WatchEvent.api(at, watched, null, "Service " + ns + "/" + name + (exists ? " created" : " deleted")));
        }
        Map<String, Endpoint> was = endpoints(before, ns, name);
        Map<String, Endpoint> now = endpoints(after, ns, name);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, Endpoint> e : now.entrySet()) {
            Endpoint old = was.get(e.getKey());
            if (old == null) {
                changes.add("+" + describe(e.getKey(), e.getValue()));
            } else if (old.isReady() != e.getValue().isReady()) {
                changes.add(e.getKey() + (e.getValue().isReady() ? " ready" : " not ready"));
            } else if (!Objects.equals(old.hostname(), e.getValue().hostname())) {
                changes.add(e.getKey() + " hostname " + e.getValue().hostname());
            }
        }
        for (Map.Entry<String, Endpoint> e : was.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                changes.add("-" + describe(e.getKey(), e.getValue()));
            }
        }
        if (!changes.isEmpty()) {
            out.add(WatchEvent.api(at, watched, null, "endpoints of Service " + ns + "/" + name + ": "
                    + String.join(", ", changes)));
        }
    }

    private static String describe(String address, Endpoint e) {
        List<String> parts = new ArrayList<>();
        if (e.targetPod() != null) {
            parts.add("pod " + e.targetPod());
        }
        if (e.hostname() != null) {
            parts.add("hostname " + e.hostname());
        }
        if (!e.isReady()) {
            parts.add("not ready");
        }
        return parts.isEmpty() ? address : address + " (" + String.join(", ", parts) + ")";
    }

    private static Optional<Service> service(ClusterSnapshot s, String ns, String name) {
        return s.services().stream().filter(x -> x.namespace().equals(ns) && x.name().equals(name)).findFirst();
    }

    /** The slices the model answers from: the cluster's, or those derived for manifests without any. */
    private static List<EndpointSlice> slices(Inspection at, String ns, String service) {
        return at.model().endpointSlices().stream().filter(x -> x.namespace().equals(ns) && x.serviceName().equals(service))
                .toList();
    }

    /** The Service's endpoints by address (the first of each endpoint). */
    private static Map<String, Endpoint> endpoints(Inspection s, String ns, String service) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        for (EndpointSlice slice : slices(s, ns, service)) {
            for (Endpoint e : slice.endpoints()) {
                if (!e.addresses().isEmpty()) {
                    out.putIfAbsent(e.addresses().get(0), e);
                }
            }
        }
        return out;
    }
}
