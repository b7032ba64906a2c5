package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EndpointNameIndexTest {

    /** Three slices, 30 endpoints: hostnames in mixed case, a shared hostname, dashed addresses, not-ready ones. */
    static List<EndpointSlice> slices() {
        List<EndpointSlice> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<Endpoint> eps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String hostname = i % 4 == 0 ? "shared" : i % 4 == 1 ? "Pg-" + s + i : null;
                Boolean ready = i == 9 ? Boolean.FALSE : i == 8 ? null : Boolean.TRUE;
                List<String> addresses = i == 7 ? List.of("10.0." + s + "." + i, "fd00::" + s + i)
                        : List.of(s == 2 ? "FD00:0:0::" + Integer.toHexString(10 + i) : "10.0." + s + "." + i);
                eps.add(new Endpoint(addresses, ready, hostname, "pod-" + s + "-" + i, null));
            }
            out.add(new EndpointSlice("db", "pg-" + s, "pg", s == 2 ? IpFamily.IPV6 : IpFamily.IPV4, List.of(), eps,
                    EndpointSlice.Origin.GIVEN));
        }
        return out;
    }

    @Test
    @DisplayName("an index within an array of others' keys finds only its own candidates")
    void anIndexWithinSharedKeys_findsOnlyItsOwn() {
        // The model keeps all Services' keys in one array; here the neighbours have the very same hashes.
        EndpointNameIndex alone = EndpointNameIndex.of(slices(), false);
        int n = alone.size();
        long[] all = new long[n * 3];
        for (int copy = 0; copy < 3; copy++) {
            assertThat(alone.copyKeys(all, copy * n)).isEqualTo(n);
        }
        EndpointNameIndex middle = new EndpointNameIndex(all, n, 2 * n);
        List<String> names = new ArrayList<>(List.of("shared", "SHARED", "pg-01", "10-0-1-3", "fd00--1b", "nobody"));
        for (String name : names) {
            int hash = EndpointNameIndex.hash(name);
            List<List<Integer>> expected = new ArrayList<>();
            for (int i = alone.first(hash); i >= 0; i = alone.next(i, hash)) {
                expected.add(List.of(alone.slice(i), alone.endpoint(i), alone.address(i)));
            }
            List<List<Integer>> found = new ArrayList<>();
            for (int i = middle.first(hash); i >= 0; i = middle.next(i, hash)) {
                assertThat(i).isBetween(n, 2 * n - 1);
                found.add(List.of(middle.slice(i), middle.endpoint(i), middle.address(i)));
            }
            assertThat(found).as(name).isEqualTo(expected);
            if (name.equalsIgnoreCase("shared")) {
                assertThat(found).hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    @DisplayName("the candidates for a name include every endpoint a scan matches, in scan order")
    void candidates_coverTheScanInOrder() {
        for (boolean podNames : new boolean[] {false, true}) {
            List<EndpointSlice> slices = slices();
            EndpointNameIndex index = EndpointNameIndex.of(slices, podNames);
            assertThat(index).isNotNull();
            List<String> names = new ArrayList<>();
            for (EndpointSlice slice : slices) {
                for (Endpoint e : slice.endpoints()) {
                    for (String a : e.addresses()) {
                        String n = KubernetesBackend.endpointHostname(a, e, podNames);
                        names.add(n);
                        names.add(n.toUpperCase(Locale.ROOT));
                    }
                }
            }
            names.add("nobody");
            for (String name : names) {
                List<String> scan = new ArrayList<>();
                for (int si = 0; si < slices.size(); si++) {
                    List<Endpoint> eps = slices.get(si).endpoints();
                    for (int ei = 0; ei < eps.size(); ei++) {
                        Endpoint e = eps.get(ei);
                        for (int ai = 0; ai < e.addresses().size(); ai++) {
                            String n = KubernetesBackend.endpointHostname(e.addresses().get(ai), e, podNames);
                            if (e.isReady() && n.equalsIgnoreCase(name)) {
                                scan.add(si + "/" + ei + "/" + ai);
                            }
                        }
                    }
                }
                List<String> found = new ArrayList<>();
                int hash = EndpointNameIndex.hash(name);
                for (int i = index.first(hash); i >= 0; i = index.next(i, hash)) {
                    Endpoint e = slices.get(index.slice(i)).endpoints().get(index.endpoint(i));
                    String n = KubernetesBackend.endpointHostname(e.addresses().get(index.address(i)), e, podNames);
                    if (n.equalsIgnoreCase(name)) {
                        found.add(index.slice(i) + "/" + index.endpoint(i) + "/" + index.address(i));
                    }
                }
                assertThat(found).as(name + (podNames ? " with endpoint_pod_names" : "")).isEqualTo(scan);
            }
        }
    }

    @Test
    void of_fewEndpointsOrNamesOutsideAscii_noIndex() {
        List<EndpointSlice> few = List.of(new EndpointSlice("db", "pg-0", "pg", IpFamily.IPV4, List.of(),
                List.of(new Endpoint(List.of("10.0.0.1"), true, null, null, null)), EndpointSlice.Origin.GIVEN));
        assertThat(EndpointNameIndex.of(few, false)).isNull();
        List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // The Kelvin sign folds to an ASCII k under equalsIgnoreCase: only a scan gets that right.
            eps.add(new Endpoint(List.of("10.0.0." + i), true, i == 3 ? "\u212Aafka" : null, null, null));
        }
        List<EndpointSlice> kelvin = List.of(new EndpointSlice("db", "k-0", "k", IpFamily.IPV4, List.of(), eps,
                EndpointSlice.Origin.GIVEN));
        assertThat(EndpointNameIndex.of(kelvin, false)).isNull();
    }

    @Test
    @DisplayName("a shared hostname answers every ready endpoint that has it (a missing condition is ready)")
    void answer_sharedHostnameInALargeService_answersAll() {
        TestCluster c = new TestCluster().namespace("db")
                .add(TestCluster.svc("db", "pg").headless().build());
        for (EndpointSlice s : slices()) {
            c.add(s);
        }
        DnsModel m = c.plain();
        assertThat(TestCluster.lines(m.answer("SHARED.pg.db.svc.cluster.local.", RrType.A).answer())).containsExactly(
                "SHARED.pg.db.svc.cluster.local. 5 IN A 10.0.0.0",
                "SHARED.pg.db.svc.cluster.local. 5 IN A 10.0.0.4",
                "SHARED.pg.db.svc.cluster.local. 5 IN A 10.0.0.8",
                "SHARED.pg.db.svc.cluster.local. 5 IN A 10.0.1.0",
                "SHARED.pg.db.svc.cluster.local. 5 IN A 10.0.1.4",
                "SHARED.pg.db.svc.cluster.local. 5 IN A 10.0.1.8");
        assertThat(TestCluster.lines(m.answer("pg-15.pg.db.svc.cluster.local.", RrType.A).answer()))
                .containsExactly("pg-15.pg.db.svc.cluster.local. 5 IN A 10.0.1.5");
        assertThat(TestCluster.lines(m.answer("fd00-0-0--c.pg.db.svc.cluster.local.", RrType.AAAA).answer()))
                .containsExactly("fd00-0-0--c.pg.db.svc.cluster.local. 5 IN AAAA fd00::c");
        assertThat(m.answer("pg-19.pg.db.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NXDOMAIN);
    }
}
