package dev.kdi.ui.live;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import java.util.List;

/**
 * One question asked of one or more replicas, with the model's prediction.
 *
 * @param question the question
 * @param predicted what the model in force predicts
 * @param replicas one result per replica asked
 */
public record QuestionResult(Question question, Answer predicted, List<ReplicaResult> replicas) {

    public QuestionResult {
        replicas = List.copyOf(replicas);
    }

    public boolean allAgree() {
        return !replicas.isEmpty() && replicas.stream().allMatch(ReplicaResult::agrees);
    }
}
