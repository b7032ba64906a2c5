package dev.kdi.session;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.Status;
import dev.kdi.records.ZoneQuestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The questions a check asks ({@link ZoneQuestions}: every owner of the zone listing with its
 * types, the endpoint names of ClusterIP Services, the PTRs of cluster IPs and endpoint addresses,
 * and a few names that must not exist), with the model's answers. Names the model says the
 * cluster DNS forwards are left out: the model cannot know their answers.
 */
public final class CheckPlan {
    private CheckPlan() {
    }

    /**
     * The questions to ask, and how many were left out because the cluster DNS forwards them.
     *
     * @param asked the questions, in zone order first
     * @param skipped how many the model marks FORWARDED
     * @param predicted the model's answer to each question asked, computed once for every replica
     */
    public record Plan(List<Question> asked, int skipped, Map<Question, Answer> predicted) {
        public Plan {
            asked = List.copyOf(asked);
            predicted = Map.copyOf(predicted);
        }

        /** The model's answer to a question of the plan. */
        public Answer predicted(Question q) {
            return predicted.get(q);
        }
    }

    /**
     * @param namespaces only names of these namespaces; empty for all
     */
    public static Plan plan(DnsModel model, Set<String> namespaces) {
        Set<Question> out = ZoneQuestions.of(model, namespaces);
        List<Question> asked = new ArrayList<>(out.size());
        Map<Question, Answer> predicted = new HashMap<>(out.size() * 2);
        int skipped = 0;
        for (Question q : out) {
            Answer a = model.answer(q);
            if (a.status() == Status.FORWARDED) {
                skipped++;
            } else {
                asked.add(q);
                predicted.put(q, a);
            }
        }
        return new Plan(asked, skipped, predicted);
    }
}
