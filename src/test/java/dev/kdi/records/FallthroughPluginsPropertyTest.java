package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.gen.ClusterGenerator;
import dev.kdi.records.gen.ClusterNames;
import dev.kdi.records.gen.GeneratedCluster;
import dev.kdi.records.gen.QuestionMix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plugins that fall through, or match nothing, change nothing: over the generated clusters, a
 * Corefile with {@code hosts}, {@code rewrite}, {@code template}, {@code acl} (allowing kdi's port-forward), {@code k8s_external} and {@code forward}s that take
 * no name asked, and {@code autopath @kubernetes} (which finds no pod at the port-forward's
 * 127.0.0.1), added to the kubernetes block predicts exactly what the kubernetes plugin alone
 * predicts (the generated Corefile's own {@code cache} and {@code forward} stay in both). From a
 * pod's own address, autopath changes no answer outside the pod's first search domain, nor one
 * found at its first try.
 */
@DisplayName("Extra plugins that fall through change no answer")
class FallthroughPluginsPropertyTest {
    /** Written before kubernetes on purpose: plugin.cfg, not the written order, decides. */
    private static final String EXTRA = """
                hosts {
                    203.0.113.7 nothing-asks-this.invalid
                    fallthrough
                }
                rewrite name exact never-asked.invalid. also-never.invalid.
                rewrite continue name regex ^zz-never-(.*)[.]invalid[.]$ {1}.invalid. answer auto
                rewrite name suffix .never-suffix.invalid. .other.invalid.
                template IN A never.invalid {
                    answer "{{ .Name }} 60 IN A 192.0.2.1"
                }
                template ANY ANY {
                    match "^zz-no-such-prefix-"
                    fallthrough
                }
                acl {
                    allow net 127.0.0.0/8
                }
                acl never-acl.invalid {
                    block
                }
                k8s_external never-external.invalid {
                    fallthrough
                }
                autopath @kubernetes
                forward never-forwarded.invalid 192.0.2.53
                forward never.invalid 192.0.2.54 {
                    except invalid
                }
            """;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, Integer.getInteger("kdi.cases", 60));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void extraPluginsThatFallThroughChangeNothing(long seed) throws Exception {
        GeneratedCluster g = ClusterGenerator.random(seed);
        String text = g.corefileText();
        int k = text.indexOf("    kubernetes");
        assertThat(k).as("the generated Corefile has a kubernetes line").isPositive();
        String extended = text.substring(0, k) + EXTRA + text.substring(k);
        DnsModel alone = DnsModel.build(g.snapshot(), g.corefile());
        DnsModel withExtras = DnsModel.build(g.snapshot(), CorefileParser.parse(extended, "extended Corefile"));
        ClusterNames names = ClusterNames.of(alone);
        List<Question> questions = new ArrayList<>(QuestionMix.realistic(names, seed, 300));
        questions.addAll(QuestionMix.fuzz(names, new Random(seed), 300));
        for (ResourceRecord r : alone.zone()) {
            questions.add(new Question(r.owner(), r.type()));
        }
        for (Question q : questions) {
            Answer a = alone.answer(q);
            Answer b = withExtras.answer(q);
            if (!a.status().equals(b.status()) || !a.answer().equals(b.answer()) || !a.additional().equals(b.additional())
                    || !java.util.Objects.equals(a.authority(), b.authority()) || a.incomplete() != b.incomplete()
                    || !java.util.Objects.equals(a.answeredBy() == null ? null : a.answeredBy().chain(),
                            b.answeredBy() == null ? null : b.answeredBy().chain())) {
                fail("seed " + seed + ": " + q + " answers differently with plugins that fall through\nalone: " + a
                        + "\nwith:  " + b + "\nCorefile:\n" + extended);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void autopathChangesOnlyTheTriesItCanAnswerBetter(long seed) throws Exception {
        GeneratedCluster g = ClusterGenerator.random(seed);
        String text = g.corefileText().replaceAll("pods (disabled|insecure)", "pods verified");
        if (!text.contains("pods verified")) {
            text = text.replaceFirst("(    kubernetes [^\\n]*\\{\\n)", "$1        pods verified\n");
        }
        int k = text.indexOf("    kubernetes");
        String withAutopath = text.substring(0, k) + "    autopath @kubernetes\n" + text.substring(k);
        DnsModel plain = DnsModel.build(g.snapshot(), CorefileParser.parse(text, "generated Corefile"));
        DnsModel autopath = DnsModel.build(g.snapshot(), CorefileParser.parse(withAutopath, "with autopath"));
        assertThat(plain.plugin().orElseThrow().pods()).isEqualTo(dev.kdi.records.corefile.PodMode.VERIFIED);
        var client = g.snapshot().pods().stream().filter(p -> !p.terminating() && p.primaryIp() != null
                && plain.plugin().get().exposes(p.namespace())).findFirst();
        if (client.isEmpty()) {
            return;
        }
        String ip = client.get().primaryIp();
        String first = client.get().namespace() + ".svc." + g.clusterDomain();
        first = first.endsWith(".") ? first : first + ".";
        ClusterNames names = ClusterNames.of(plain);
        List<Question> questions = new ArrayList<>();
        for (Question q : QuestionMix.realistic(names, seed, 200)) {
            questions.add(q);
            // The pod's resolver's first try for the name the program spelt as its first two labels.
            List<String> labels = dev.kdi.records.names.DnsNames.labels(q.name());
            if (labels.size() >= 2) {
                questions.add(new Question(labels.get(0) + "." + labels.get(1) + "." + first, q.type()));
            }
        }
        for (Question q : questions) {
            String name = dev.kdi.records.names.DnsNames.lower(q.name());
            Answer a = plain.answer(q, ip);
            Answer b = autopath.answer(q, ip);
            boolean under = dev.kdi.records.names.DnsNames.isSubdomain(first, name) && !name.equals(first);
            boolean same = a.status() == b.status() && a.additional().equals(b.additional())
                    && java.util.Objects.equals(a.authority(), b.authority());
            if (!under || a.status() != Status.NXDOMAIN && a.status() != Status.SERVFAIL) {
                // Found at the first try: CoreDNS's cnamer may put one CNAME in front, nothing else changes.
                List<ResourceRecord> tail = b.answer().size() == a.answer().size() + 1
                        ? b.answer().subList(1, b.answer().size()) : b.answer();
                if (!same || !tail.equals(a.answer())) {
                    fail("seed " + seed + ": " + q + " from " + ip + " answers differently with autopath\nplain: " + a
                            + "\nwith:  " + b + "\nCorefile:\n" + withAutopath);
                }
            } else if (!b.answer().isEmpty()) {
                assertThat(b.answer().get(0).data()).as("seed %d: %s found elsewhere comes behind a CNAME", seed, q)
                        .isInstanceOf(Rdata.Cname.class);
                assertThat(b.answer().get(0).ownerKey()).isEqualTo(name);
            }
        }
    }
}
