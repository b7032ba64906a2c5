package dev.kdi.records.controllers;

import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.PodEndpoints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Equal values the controllers derive, made once per snapshot: Services of one template resolve
 * the same ports, and a Service of the same name in each tenant's namespace gets slices of the
 * same names. At 20,000 Services in 2,000 namespaces that is 20,000 port lists and ports and
 * 19,900 slice names (a String and its bytes each) fewer for the model to keep. Not thread-safe:
 * one per derivation.
 */
final class SharedValues {
    private final Map<List<EndpointPort>, List<EndpointPort>> ports = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    /** Derived slices' pods, in a few large arrays rather than one small array a slice. */
    final PodEndpoints.Store pods = new PodEndpoints.Store();

    /** The equal port list met first, or this one. */
    List<EndpointPort> ports(List<EndpointPort> list) {
        List<EndpointPort> had = ports.putIfAbsent(list, list);
        return had != null ? had : list;
    }

    /** The equal name met first, or this one. */
    String name(String name) {
        String had = names.putIfAbsent(name, name);
        return had != null ? had : name;
    }
}
