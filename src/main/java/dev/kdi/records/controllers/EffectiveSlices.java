package dev.kdi.records.controllers;

import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EndpointSlices CoreDNS would see for a snapshot: those in the input, plus for every Service
 * without any, what the controllers would have written.
 */
public final class EffectiveSlices {
    private EffectiveSlices() {
    }

    /**
     * All slices: given ones first (they win for their Service), then derived and mirrored ones
     * for Services that have none.
     */
    public static List<EndpointSlice> of(ClusterSnapshot snapshot) {
        if (snapshot.slicesAuthoritative()) {
            // A live cluster's slices are what CoreDNS reads, lagging controllers included.
            return snapshot.endpointSlices();
        }
        List<EndpointSlice> out = new ArrayList<>(snapshot.endpointSlices());
        Set<String> servicesWithSlices = new HashSet<>();
        for (EndpointSlice s : snapshot.endpointSlices()) {
            servicesWithSlices.add(s.namespace() + "/" + s.serviceName());
        }
        Map<String, List<Pod>> podsByNamespace = new HashMap<>();
        for (Pod p : snapshot.pods()) {
            podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p);
        }
        Map<String, EndpointsObject> endpointsByName = new HashMap<>();
        for (EndpointsObject e : snapshot.endpoints()) {
            endpointsByName.put(e.namespace() + "/" + e.name(), e);
        }
        SharedValues shared = new SharedValues();
        for (Service svc : snapshot.services()) {
            String key = svc.namespace() + "/" + svc.name();
            if (servicesWithSlices.contains(key) || svc.type() == ServiceType.EXTERNAL_NAME) {
                // The EndpointSlice controller leaves ExternalName Services alone.
                continue;
            }
            if (svc.hasSelector()) {
                out.addAll(EndpointSliceController.slicesFor(svc, podsByNamespace.getOrDefault(svc.namespace(), List.of()),
                        shared));
            } else {
                EndpointsObject eps = endpointsByName.get(key);
                if (eps != null) {
                    out.addAll(EndpointsMirroring.slicesFor(svc, eps));
                }
            }
        }
        return out;
    }
}
