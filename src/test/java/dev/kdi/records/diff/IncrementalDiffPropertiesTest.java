package dev.kdi.records.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.gen.ClusterGenerator;
import dev.kdi.records.gen.GeneratedCluster;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The incremental diff over the generated clusters, with the changes of {@link DiffPropertiesTest}:
 * it finds exactly what the full diff finds, and recomputes nothing outside the changed namespace,
 * the namespaces whose ExternalNames lead into it and those sharing an address with it.
 */
@DisplayName("Incremental diff properties over generated clusters")
class IncrementalDiffPropertiesTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final AtomicInteger PARTIAL = new AtomicInteger();

    static java.util.stream.LongStream seeds() {
        return DiffPropertiesTest.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("a live cluster: the same diff as the full rebuild, recomputing only the namespaces involved")
    void live(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        Random random = new Random(seed * 31 + 7);
        String ns = DiffPropertiesTest.changedNamespace(g.snapshot(), random);
        ClusterSnapshot b = DiffPropertiesTest.mutate(g.snapshot(), ns, random);
        check(g, g.snapshot(), b, ns);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("manifests as written, completed alike: the same diff as the full rebuild")
    void asWritten(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        Random random = new Random(seed * 17 + 3);
        ClusterSnapshot a = DiffPropertiesTest.withoutClusterIps(g.snapshot());
        String ns = DiffPropertiesTest.changedNamespace(a, random);
        AsWritten both = AsWritten.complete(a, DiffPropertiesTest.mutate(a, ns, random));
        check(g, both.before(), both.after(), ns);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("a namespace other namespaces' ExternalNames lead into: the same diff as the full rebuild")
    void externalNameTarget(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        Random random = new Random(seed * 13 + 5);
        List<String> targets = new ArrayList<>();
        for (String ns : new java.util.TreeSet<>(g.snapshot().namespaces())) {
            if (!ns.equals("kube-system") && DiffPropertiesTest.dependants(g.snapshot(), ns, g.clusterDomain()).size() > 1) {
                targets.add(ns);
            }
        }
        String ns = targets.isEmpty() ? DiffPropertiesTest.changedNamespace(g.snapshot(), random)
                : targets.get(random.nextInt(targets.size()));
        check(g, g.snapshot(), DiffPropertiesTest.mutate(g.snapshot(), ns, random), ns);
    }

    @AfterAll
    static void mostChangesAreIncremental() {
        // A diff that always fell back to the whole cluster would pass every other check here.
        if (RUNS.get() >= 40) {
            assertThat(PARTIAL.get()).as(PARTIAL + " of " + RUNS + " diffs recomputed part of the cluster")
                    .isGreaterThan(RUNS.get() / 2);
        }
    }

    private static void check(GeneratedCluster g, ClusterSnapshot a, ClusterSnapshot b, String ns) {
        Corefile corefile = g.corefile();
        Referrers referrers = Referrers.of(b, g.clusterDomain(), List.of());
        DnsDiff full = ModelDiff.compare(DiffPropertiesTest.side(a, corefile), DiffPropertiesTest.side(b, corefile),
                ModelDiff.Scope.ALL, referrers);
        IncrementalDiff.Result inc = IncrementalDiff.of(a, corefile).compare(b, corefile, referrers);
        String context = g.summary() + ", " + ns + " changed, recomputed " + inc.recomputed() + inc.everything()
                .map(w -> " (everything: " + w + ")").orElse("");

        assertThat(lines(inc.diff())).as(context).isEqualTo(lines(full));
        RUNS.incrementAndGet();
        if (inc.everything().isPresent()) {
            String why = inc.everything().get();
            if (why.contains("noendpoints")) {
                assertThat(corefile.kubernetes().orElseThrow().noEndpoints()).as(context).isTrue();
            } else if (why.startsWith("the cluster DNS's namespace kube-system")) {
                // Completing manifests may give kube-system's pods other placeholders.
                assertThat(objects(a, "kube-system")).as(context).isNotEqualTo(objects(b, "kube-system"));
            } else {
                assertThat(why).as(context).startsWith("a changed object holds the DNS pods' address ");
                String address = why.substring(why.lastIndexOf(' ') + 1);
                Set<String> held = addresses(a, ns);
                held.addAll(addresses(b, ns));
                assertThat(held).as(context).contains(address);
            }
            return;
        }
        PARTIAL.incrementAndGet();
        Set<String> involved = new HashSet<>(Set.of(ns));
        for (ClusterSnapshot s : List.of(a, b)) {
            Set<String> own = addresses(s, ns);
            for (String other : s.namespaces()) {
                Set<String> theirs = addresses(s, other);
                theirs.retainAll(own);
                if (!theirs.isEmpty()) {
                    involved.add(other);
                }
            }
        }
        Set<String> allowed = new HashSet<>();
        for (String n : involved) {
            allowed.addAll(DiffPropertiesTest.dependants(a, n, g.clusterDomain()));
            allowed.addAll(DiffPropertiesTest.dependants(b, n, g.clusterDomain()));
        }
        assertThat(inc.recomputed()).as(context).contains(ns).isSubsetOf(allowed);
        for (NameChange c : full.changes()) {
            assertThat(c.namespace()).as(context + ": " + c).isIn(inc.recomputed());
        }
    }

    /** What a diff says, in words: its answers are the models' own and compared that way. */
    static List<String> lines(DnsDiff d) {
        List<String> out = new ArrayList<>();
        for (NameChange c : d.changes()) {
            out.add(c.kind().mark() + " " + c.name() + " " + c.type() + " [" + c.namespace() + "] " + c.object() + ": "
                    + c.before() + " -> " + c.after() + " " + c.referredBy());
        }
        for (Finding f : d.newFindings()) {
            out.add("new " + f.code() + " " + f.objects() + " " + f.message());
        }
        for (Finding f : d.resolvedFindings()) {
            out.add("resolved " + f.code() + " " + f.objects() + " " + f.message());
        }
        return out;
    }

    /** The namespace's objects, in order. */
    private static List<Object> objects(ClusterSnapshot s, String ns) {
        List<Object> out = new ArrayList<>();
        s.services().stream().filter(x -> x.namespace().equals(ns)).forEach(out::add);
        s.endpointSlices().stream().filter(x -> x.namespace().equals(ns)).forEach(out::add);
        s.endpoints().stream().filter(x -> x.namespace().equals(ns)).forEach(out::add);
        s.pods().stream().filter(x -> x.namespace().equals(ns)).forEach(out::add);
        s.workloads().stream().filter(x -> x.namespace().equals(ns)).forEach(out::add);
        return out;
    }

    /** Every address the namespace's objects hold, canonical. */
    private static Set<String> addresses(ClusterSnapshot s, String ns) {
        Set<String> out = new HashSet<>();
        s.services().stream().filter(x -> x.namespace().equals(ns)).forEach(x -> x.clusterIPs().forEach(ip -> add(out, ip)));
        for (EndpointSlice slice : s.endpointSlices()) {
            if (slice.namespace().equals(ns)) {
                for (Endpoint e : slice.endpoints()) {
                    e.addresses().forEach(ip -> add(out, ip));
                }
            }
        }
        for (EndpointsObject e : s.endpoints()) {
            if (e.namespace().equals(ns)) {
                e.subsets().forEach(sub -> {
                    sub.addresses().forEach(x -> add(out, x.ip()));
                    sub.notReadyAddresses().forEach(x -> add(out, x.ip()));
                });
            }
        }
        for (Pod p : s.pods()) {
            if (p.namespace().equals(ns)) {
                p.ips().forEach(ip -> add(out, ip));
            }
        }
        out.remove(Service.NONE);
        return out;
    }

    private static void add(Set<String> out, String ip) {
        String c = IpAddress.canonical(ip);
        out.add(c == null ? ip : c);
    }
}
