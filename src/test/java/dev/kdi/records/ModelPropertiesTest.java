package dev.kdi.records;

import static org.assertj.core.api.Assertions.fail;

import dev.kdi.records.ModelProperties.Violation;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.gen.ClusterGenerator;
import dev.kdi.records.gen.ClusterText;
import dev.kdi.records.gen.GeneratedCluster;
import dev.kdi.records.gen.ScaleGenerator;
import dev.kdi.records.gen.Shrinker;
import dev.kdi.records.objects.ClusterSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the model over random clusters and Corefiles. Seeds 1..150 run by default;
 * {@code -Dkdi.seed=N} runs one seed, {@code -Dkdi.cases=N} runs seeds 1..N. A failure names the
 * seed and shows the smallest cluster that still fails.
 */
@DisplayName("Model properties over generated clusters")
class ModelPropertiesTest {
    private static final int DEFAULT_CASES = 150;
    private static final int FUZZ_QUESTIONS = 400;

    static LongStream seeds() {
        String seed = System.getProperty("kdi.seed");
        if (seed != null && !seed.isBlank()) {
            return LongStream.of(Long.parseLong(seed.trim()));
        }
        int cases = Integer.getInteger("kdi.cases", DEFAULT_CASES);
        return LongStream.rangeClosed(1, cases);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("every owner in zone() answers NOERROR for its type")
    void zoneOwnersAnswerForTheirType(long seed) {
        check(seed, ModelProperties::zoneOwnersAnswer);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("the records of an answer that a transfer carries are in zone()")
    void answersAreInTheZone(long seed) {
        check(seed, ModelProperties::answersAreInTheZone);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("PTRs invert forward records, and every endpoint address has its PTR")
    void pointersInvertForwardRecords(long seed) {
        check(seed, ModelProperties::pointersInvertForwardRecords);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("no question throws, and every answer's status, owners and sources agree")
    void everyAnswerIsConsistent(long seed) {
        check(seed, p -> p.everyAnswerIsConsistent(seed, FUZZ_QUESTIONS));
    }

    static final String[] SCALE_COREFILES = {CorefileParser.KUBEADM_DEFAULT, """
            .:53 {
                kubernetes cluster.local 10.0.0.0/8 fd00::/8 {
                    pods verified
                    endpoint_pod_names
                    ttl 0
                }
                transfer {
                    to *
                }
            }
            """};

    static Stream<Arguments> scaleCases() {
        return LongStream.rangeClosed(1, 2).boxed()
                .flatMap(seed -> Stream.of(Arguments.of(seed, 0), Arguments.of(seed, 1)));
    }

    @ParameterizedTest(name = "seed {0}, Corefile {1}")
    @MethodSource("scaleCases")
    @DisplayName("all properties hold on clusters of realistic shape, whose large Services use the indexes")
    void scaleClusters(long seed, int corefile) throws Exception {
        ClusterSnapshot snapshot = ScaleGenerator.generate(new ScaleGenerator.Scale(20, 200, 2000), seed);
        DnsModel model = DnsModel.build(snapshot, CorefileParser.parse(SCALE_COREFILES[corefile], "scale Corefile"));
        ModelProperties p = new ModelProperties(model);
        List<Violation> violations = new ArrayList<>();
        violations.addAll(p.zoneOwnersAnswer());
        violations.addAll(p.answersAreInTheZone());
        violations.addAll(p.pointersInvertForwardRecords());
        violations.addAll(p.everyAnswerIsConsistent(seed, FUZZ_QUESTIONS));
        if (!violations.isEmpty()) {
            fail("Property broken on the scale cluster of seed " + seed + " with Corefile " + corefile + ": "
                    + violations.size() + " violation(s), the first: " + violations.get(0));
        }
    }

    private static void check(long seed, Function<ModelProperties, List<Violation>> property) {
        GeneratedCluster generated = ClusterGenerator.random(seed);
        List<Violation> violations = property.apply(properties(generated, generated.snapshot()));
        if (violations.isEmpty()) {
            return;
        }
        String rule = violations.get(0).rule();
        ClusterSnapshot minimal = Shrinker.shrink(generated.snapshot(), s -> {
            try {
                return property.apply(properties(generated, s)).stream().anyMatch(v -> v.rule().equals(rule));
            } catch (RuntimeException e) {
                return false;
            }
        });
        List<Violation> again = property.apply(properties(generated, minimal)).stream()
                .filter(v -> v.rule().equals(rule)).collect(Collectors.toList());
        fail("Property broken for seed " + seed + " (rerun with -Dkdi.seed=" + seed + "): " + rule + "\n"
                + violations.size() + " violation(s), the first: " + violations.get(0).detail() + "\n"
                + "Corefile:\n" + generated.corefileText()
                + "Smallest cluster that still breaks it:\n" + ClusterText.describe(minimal)
                + "There: " + again.get(0).detail());
    }

    private static ModelProperties properties(GeneratedCluster generated, ClusterSnapshot snapshot) {
        return new ModelProperties(DnsModel.build(snapshot, generated.corefile()));
    }
}
