package dev.kdi.records;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.compare.Comparison;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code loadbalance} only reorders: the model passes it by, and {@code check}'s comparison takes
 * every order it can send (its round_robin shuffles the address records and keeps CNAMEs first) as
 * the predicted answer.
 */
class LoadbalanceOrderTest {
    private static final String WITH = ".:53 {\n    loadbalance round_robin\n    kubernetes cluster.local\n}\n";

    private static TestCluster cluster() {
        TestCluster c = new TestCluster().namespace("db")
                .add(svc("db", "pg").headless().selector("app", "pg").port("pg", 5432).build());
        for (int i = 1; i <= 6; i++) {
            c.add(pod("db", "pg-" + i).labels("app", "pg").ip("10.2.0." + i).build());
        }
        return c;
    }

    /** What round_robin may send: the address records in any order, other records first. */
    private static Answer shuffled(Answer a, Random random) {
        List<ResourceRecord> first = new ArrayList<>();
        List<ResourceRecord> addresses = new ArrayList<>();
        for (ResourceRecord r : a.answer()) {
            (r.data() instanceof Rdata.A || r.data() instanceof Rdata.Aaaa ? addresses : first).add(r);
        }
        Collections.shuffle(addresses, random);
        first.addAll(addresses);
        return new Answer(a.question(), a.status(), first, a.additional(), a.authority(), a.incomplete(), a.explanation());
    }

    @Test
    void theModelPassesLoadbalanceByAndEveryOrderItSendsAgreesWithThePrediction() {
        TestCluster c = cluster();
        Question q = new Question("pg.db.svc.cluster.local.", RrType.A);
        Answer plain = c.plain().answer(q);
        Answer predicted = c.model(WITH).answer(q);
        assertThat(predicted.answer()).isEqualTo(plain.answer()).hasSize(6);
        assertThat(predicted.incomplete()).isFalse();
        Random random = new Random(14);
        for (int i = 0; i < 50; i++) {
            Answer live = shuffled(predicted, random);
            assertThat(Comparison.compare(predicted, live).isAgreement()).as("order %s", live.answer()).isTrue();
        }
        List<ResourceRecord> reversed = new ArrayList<>(predicted.answer());
        Collections.reverse(reversed);
        Answer fewer = new Answer(q, Status.NOERROR, reversed.subList(1, 6), List.of(), null, false, List.of());
        assertThat(Comparison.compare(predicted, fewer).isAgreement()).as("a missing address still counts").isFalse();
    }
}
