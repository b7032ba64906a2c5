package dev.kdi.records.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.Status;
import dev.kdi.records.ZoneQuestions;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.gen.ClusterGenerator;
import dev.kdi.records.gen.GeneratedCluster;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.names.DnsNames;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServiceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the diff over the generated clusters: B is A with one change to the objects of
 * one namespace (a Service gone, a pod gone, a selector narrowed, a cluster IP moved, the whole
 * namespace deleted). {@code -Dkdi.seed=N} runs one seed.
 */
@DisplayName("Diff properties over generated clusters")
class DiffPropertiesTest {
    private static final int CASES = 120;

    static LongStream seeds() {
        String seed = System.getProperty("kdi.seed");
        return seed != null && !seed.isBlank() ? LongStream.of(Long.parseLong(seed.trim()))
                : LongStream.rangeClosed(1, CASES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("a cluster diffed with itself is empty, also with placeholders for unassigned addresses")
    void selfDiffIsEmpty(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        DnsDiff same = ModelDiff.compare(side(g.snapshot(), g.corefile()), side(g.snapshot(), g.corefile()));
        assertThat(same.isEmpty()).as(g.summary() + ": " + same.changes()).isTrue();

        ClusterSnapshot asWritten = withoutClusterIps(g.snapshot());
        AsWritten both = AsWritten.complete(asWritten, asWritten);
        DnsDiff completed = ModelDiff.compare(side(both.before(), g.corefile()), side(both.after(), g.corefile()));
        assertThat(completed.isEmpty()).as(g.summary() + ": " + completed.changes()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("A's answers with the diff A→B applied are B's answers, for every question either asks")
    void applyingTheDiffReproducesB(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        Random random = new Random(seed * 31 + 7);
        String ns = changedNamespace(g.snapshot(), random);
        ClusterSnapshot b = mutate(g.snapshot(), ns, random);
        DnsModel before = DnsModel.build(g.snapshot(), g.corefile());
        DnsModel after = DnsModel.build(b, g.corefile());
        DnsDiff diff = ModelDiff.compare(new ModelDiff.Side(before, Lint.findings(before)),
                new ModelDiff.Side(after, Lint.findings(after)));

        NeutralForm form = new NeutralForm(before.snapshot().provisional());
        Map<String, NeutralForm.Form> applied = new HashMap<>();
        Set<Question> questions = new LinkedHashSet<>(ZoneQuestions.of(before, Set.of()));
        questions.addAll(ZoneQuestions.of(after, Set.of()));
        for (Question q : questions) {
            applied.put(key(q), form.form(before.answer(q)));
        }
        for (NameChange c : diff.changes()) {
            assertThat(applied).as("a change names a question either side asks: " + c).containsKey(c.name() + " " + c.type());
            assertThat(form.form(c.beforeAnswer())).isEqualTo(applied.get(c.name() + " " + c.type()));
            applied.put(c.name() + " " + c.type(), form.form(c.afterAnswer()));
        }
        for (Question q : questions) {
            Answer expected = after.answer(q);
            if (expected.status() == Status.FORWARDED && before.answer(q).status() == Status.FORWARDED) {
                continue;
            }
            assertThat(applied.get(key(q))).as(g.summary() + ", " + ns + " changed: " + q)
                    .isEqualTo(form.form(expected));
        }
        Set<String> beforeFindings = new HashSet<>();
        Lint.findings(before).forEach(f -> beforeFindings.add(f.code() + " " + f.objects()));
        diff.resolvedFindings().forEach(f -> beforeFindings.remove(f.code() + " " + f.objects()));
        diff.newFindings().forEach(f -> beforeFindings.add(f.code() + " " + f.objects()));
        Set<String> afterFindings = new HashSet<>();
        Lint.findings(after).forEach(f -> afterFindings.add(f.code() + " " + f.objects()));
        assertThat(beforeFindings).isEqualTo(afterFindings);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("changes touch only the changed namespace and namespaces whose ExternalNames point into it")
    void untouchedNamespacesAreUnaffected(long seed) {
        GeneratedCluster g = ClusterGenerator.random(seed);
        Random random = new Random(seed * 17 + 3);
        // Addresses left to placeholders, so a placeholder moving would show here too.
        ClusterSnapshot asWritten = withoutClusterIps(g.snapshot());
        String ns = changedNamespace(asWritten, random);
        ClusterSnapshot b = mutate(asWritten, ns, random);
        AsWritten both = AsWritten.complete(asWritten, b);
        DnsDiff diff = ModelDiff.compare(side(both.before(), g.corefile()), side(both.after(), g.corefile()));
        // The zone's own names (the apex NS) belong to no namespace: they follow the DNS pods' Services anywhere.
        Set<String> allowed = dependants(asWritten, ns, g.clusterDomain());
        allowed.add("");
        for (NameChange c : diff.changes()) {
            assertThat(c.namespace()).as(g.summary() + ", " + ns + " changed: " + c).isIn(allowed);
        }
    }

    static ModelDiff.Side side(ClusterSnapshot s, Corefile corefile) {
        DnsModel m = DnsModel.build(s, corefile);
        return new ModelDiff.Side(m, Lint.findings(m));
    }

    private static String key(Question q) {
        return q.name().toLowerCase(java.util.Locale.ROOT) + " " + q.type();
    }

    static String changedNamespace(ClusterSnapshot s, Random random) {
        List<String> candidates = new ArrayList<>();
        s.services().forEach(svc -> {
            if (!svc.namespace().equals("kube-system") && !candidates.contains(svc.namespace())) {
                candidates.add(svc.namespace());
            }
        });
        candidates.sort(null);
        return candidates.isEmpty() ? "default" : candidates.get(random.nextInt(candidates.size()));
    }

    /** The namespace and every namespace whose ExternalNames lead into it, directly or through others. */
    static Set<String> dependants(ClusterSnapshot s, String ns, String domain) {
        Set<String> out = new HashSet<>(Set.of(ns));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Service svc : s.services()) {
                if (!svc.isExternalName() || svc.externalName() == null || out.contains(svc.namespace())) {
                    continue;
                }
                String target = DnsNames.absolute(svc.externalName().trim()).toLowerCase(java.util.Locale.ROOT);
                for (String into : Set.copyOf(out)) {
                    if (DnsNames.isSubdomain(into + ".svc." + domain + ".", target)
                            || DnsNames.isSubdomain(into + ".pod." + domain + ".", target)) {
                        out.add(svc.namespace());
                        grew = true;
                    }
                }
            }
        }
        return out;
    }

    static ClusterSnapshot withoutClusterIps(ClusterSnapshot s) {
        List<Service> services = new ArrayList<>();
        for (Service svc : s.services()) {
            boolean strip = svc.type() != ServiceType.EXTERNAL_NAME && !svc.isHeadless() && !svc.namespace().equals("kube-system");
            services.add(strip ? new Service(svc.namespace(), svc.name(), svc.type(), List.of(), svc.externalName(),
                    svc.ports(), svc.selector(), svc.publishNotReadyAddresses(), svc.ipFamilies(), svc.labels(),
                    svc.tolerateUnreadyAnnotation()) : svc);
        }
        return new ClusterSnapshot(s.namespaces(), services, s.endpointSlices(), s.endpoints(), s.pods(), s.workloads(),
                s.corefile(), s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
    }

    /** One change to the objects of one namespace. */
    static ClusterSnapshot mutate(ClusterSnapshot s, String ns, Random random) {
        List<Service> services = new ArrayList<>(s.services());
        List<dev.kdi.records.objects.Pod> pods = new ArrayList<>(s.pods());
        Set<String> namespaces = new HashSet<>(s.namespaces());
        List<Integer> inNs = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).namespace().equals(ns)) {
                inNs.add(i);
            }
        }
        int what = random.nextInt(5);
        if (what == 4 || inNs.isEmpty()) {
            services.removeIf(svc -> svc.namespace().equals(ns));
            pods.removeIf(p -> p.namespace().equals(ns));
            namespaces.remove(ns);
            return new ClusterSnapshot(namespaces, services,
                    s.endpointSlices().stream().filter(x -> !x.namespace().equals(ns)).toList(),
                    s.endpoints().stream().filter(x -> !x.namespace().equals(ns)).toList(), pods,
                    s.workloads().stream().filter(x -> !x.namespace().equals(ns)).toList(), s.corefile(),
                    s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
        }
        int index = inNs.get(random.nextInt(inNs.size()));
        Service svc = services.get(index);
        switch (what) {
            case 0 -> services.remove(index);
            case 1 -> {
                List<Integer> podsInNs = new ArrayList<>();
                for (int i = 0; i < pods.size(); i++) {
                    if (pods.get(i).namespace().equals(ns)) {
                        podsInNs.add(i);
                    }
                }
                if (podsInNs.isEmpty()) {
                    services.remove(index);
                } else {
                    pods.remove((int) podsInNs.get(random.nextInt(podsInNs.size())));
                }
            }
            case 2 -> {
                Map<String, String> narrowed = new HashMap<>(svc.selector() == null ? Map.of() : svc.selector());
                narrowed.put("kdi-diff", "narrowed");
                services.set(index, new Service(svc.namespace(), svc.name(), svc.type(), svc.clusterIPs(),
                        svc.externalName(), svc.ports(), narrowed, svc.publishNotReadyAddresses(), svc.ipFamilies(),
                        svc.labels(), svc.tolerateUnreadyAnnotation()));
            }
            default -> services.set(index, new Service(svc.namespace(), svc.name(), ServiceType.CLUSTER_IP,
                    List.of(Service.NONE), null, svc.ports(), svc.selector(), !svc.publishNotReadyAddresses(),
                    svc.ipFamilies(), svc.labels(), svc.tolerateUnreadyAnnotation()));
        }
        return new ClusterSnapshot(namespaces, services, s.endpointSlices(), s.endpoints(), pods, s.workloads(),
                s.corefile(), s.slicesAuthoritative(), s.provisional(), s.dnsPodFiles());
    }
}
