package dev.kdi.session;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import java.time.Duration;
import java.util.Optional;

/**
 * What one replica answered, or why it could not be asked.
 *
 * @param replica the replica's id ({@code namespace/pod})
 * @param question the question
 * @param answer the answer, when there was one
 * @param roundTrip the round trip through the forward
 * @param error why there is no answer (no reply in time, the forward failed, ...)
 */
public record ReplicaAnswer(String replica, Question question, Optional<Answer> answer, Duration roundTrip,
                            Optional<String> error) {

    public static ReplicaAnswer answered(String replica, Question q, Answer a, Duration rtt) {
        return new ReplicaAnswer(replica, q, Optional.of(a), rtt, Optional.empty());
    }

    public static ReplicaAnswer failed(String replica, Question q, String error) {
        return new ReplicaAnswer(replica, q, Optional.empty(), Duration.ZERO, Optional.of(error));
    }
}
