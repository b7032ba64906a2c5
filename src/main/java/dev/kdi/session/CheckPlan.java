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
 * cluster DNS forwards are left out: the model cannot know their answers; so are names whose
 * answers kdi does not model for the cluster's server (kube-dns), each with the reason.
 */
public final class CheckPlan {
    private CheckPlan() {
    }

    /**
     * The questions to ask, and how many were left out because the cluster DNS forwards them.
     *
     * @param asked the questions, in zone order first
     * @param forwarded the questions the model marks FORWARDED, not asked
     * @param predicted the model's answer to each question asked, computed once for every replica
     * @param notModelled the questions whose answers kdi does not model for the cluster's DNS
     *     server (kube-dns), not asked, each with the reason
     */
    public record Plan(List<Question> asked, List<Question> forwarded, Map<Question, Answer> predicted,
                       List<CheckReport.NotModelled> notModelled) {
        public Plan {
            asked = List.copyOf(asked);
            forwarded = List.copyOf(forwarded);
            predicted = Map.copyOf(predicted);
            notModelled = List.copyOf(notModelled);
        }

        public Plan(List<Question> asked, List<Question> forwarded, Map<Question, Answer> predicted) {
            this(asked, forwarded, predicted, List.of());
        }

        /** How many questions were left out: the cluster DNS forwards them, or kdi does not model them. */
        public int skipped() {
            return forwarded.size() + notModelled.size();
        }

        /** The model's answer to a question of the plan. */
        public Answer predicted(Question q) {
            return predicted.get(q);
        }
    }

    /** The plan of a request: its namespaces, and only its questions when it names some. */
    public static Plan plan(DnsModel model, CheckRequest request) {
        Plan all = plan(model, request.namespaces());
        if (request.only().isEmpty()) {
            return all;
        }
        return new Plan(all.asked().stream().filter(request.only()::contains).toList(),
                all.forwarded().stream().filter(request.only()::contains).toList(), all.predicted(),
                all.notModelled().stream().filter(n -> request.only().contains(n.question())).toList());
    }

    /**
     * @param namespaces only names of these namespaces; empty for all
     */
    public static Plan plan(DnsModel model, Set<String> namespaces) {
        Set<Question> out = ZoneQuestions.of(model, namespaces);
        List<Question> asked = new ArrayList<>(out.size());
        Map<Question, Answer> predicted = new HashMap<>(out.size() * 2);
        List<Question> forwarded = new ArrayList<>();
        List<CheckReport.NotModelled> notModelled = new ArrayList<>();
        for (Question q : out) {
            Answer a = model.answer(q);
            if (a.status() == Status.FORWARDED) {
                forwarded.add(q);
            } else if (a.status() == Status.NOT_MODELLED) {
                notModelled.add(new CheckReport.NotModelled(q, a.explanation().isEmpty() ? "not modelled"
                        : a.explanation().get(0)));
            } else {
                asked.add(q);
                predicted.put(q, a);
            }
        }
        return new Plan(asked, forwarded, predicted, notModelled);
    }
}
