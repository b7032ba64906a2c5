package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index finds by {@code name.namespace} in lower case as CoreDNS's service index does, without
 * making that key per Service: these compare it with the key made, collisions and non-ASCII
 * names (whose lower case may be ASCII) included.
 */
class ModelIndexTest {
    private static final List<String[]> NAMES = List.of(
            new String[] {"Web", "default"}, new String[] {"web", "default"}, new String[] {"WEB", "DEFAULT"},
            new String[] {"a.b", "c"}, new String[] {"a", "b.c"}, new String[] {"A", "B.c"},
            // KELVIN SIGN lower-cases to an ASCII k; DOTTED CAPITAL I to two characters.
            new String[] {"\u212Aube", "x"}, new String[] {"kube", "x"}, new String[] {"KUBE", "X"},
            new String[] {"\u0130st", "y"}, new String[] {"i\u0307st", "y"}, new String[] {"ist", "y"},
            new String[] {"stra\u00dfe", "de"}, new String[] {"STRA\u00dfE", "de"}, new String[] {"", ""},
            new String[] {"nothing", "default"});

    @Test
    void servicesAndSlices_matchTheLowerCaseKey_asIfItWereMade() {
        List<Service> services = new ArrayList<>();
        for (String[] n : NAMES) {
            services.add(service(n[0], n[1]));
        }
        // Enough more to need a large table.
        for (int i = 0; i < 300; i++) {
            services.add(service("svc-" + i, "ns-" + i % 7));
        }
        List<EndpointSlice> slices = new ArrayList<>();
        for (Service s : services) {
            slices.add(new EndpointSlice(s.namespace(), s.name() + "-x", s.name(), IpFamily.IPV4, List.of(), List.of(),
                    EndpointSlice.Origin.GIVEN));
        }
        // Slices of Services that do not exist: keys beyond the Services, so the columns and the table grow.
        for (int i = 0; i < 700; i++) {
            slices.add(new EndpointSlice("ns-" + i % 5, "orphan-" + i + "-x", "Orphan-" + i, IpFamily.IPV4, List.of(),
                    List.of(), EndpointSlice.Origin.GIVEN));
        }
        TestCluster cluster = new TestCluster();
        services.forEach(cluster::add);
        slices.forEach(cluster::add);
        ModelIndex index = new ModelIndex(cluster.snapshot(), null);

        List<String[]> probes = new ArrayList<>(NAMES);
        probes.add(new String[] {"svc-299", "NS-5"});
        probes.add(new String[] {"svc-300", "ns-6"});
        probes.add(new String[] {"a.b.c", ""});
        probes.add(new String[] {"orphan-0", "ns-0"});
        probes.add(new String[] {"ORPHAN-699", "ns-4"});
        probes.add(new String[] {"orphan-699", "ns-3"});
        for (String[] p : probes) {
            String key = ModelIndex.key(p[0], p[1]);
            List<Service> expected = services.stream().filter(s -> ModelIndex.key(s.name(), s.namespace()).equals(key))
                    .toList();
            List<EndpointSlice> expectedSlices = slices.stream()
                    .filter(s -> ModelIndex.key(s.serviceName(), s.namespace()).equals(key)).toList();
            assertThat(index.services(p[0], p[1])).as("services of %s/%s", p[1], p[0]).isEqualTo(expected);
            assertThat(index.slicesOf(p[0], p[1])).as("slices of %s/%s", p[1], p[0]).isEqualTo(expectedSlices);
        }
        // The cases the comparison rests on do collide (or not) as CoreDNS's keys would.
        assertThat(index.services("a", "b.c")).hasSize(3);
        assertThat(index.services("kube", "x")).hasSize(3);
        assertThat(index.services("svc-5", "ns-5")).hasSize(1);
        assertThat(index.services("nothing", "here")).isEmpty();
        assertThat(index.slicesOf("orphan-350", "ns-0")).hasSize(1);
        assertThat(index.services("orphan-350", "ns-0")).isEmpty();
    }

    private static Service service(String name, String namespace) {
        return new Service(namespace, name, ServiceType.CLUSTER_IP, List.of(Service.NONE), null, List.of(), Map.of(),
                false, List.of(IpFamily.IPV4), Map.of());
    }
}
