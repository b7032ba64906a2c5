package dev.kdi.ui.live;

import dev.kdi.records.Answer;
import dev.kdi.records.compare.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * What one replica said to one question, held against the model.
 *
 * @param replica the replica ({@code namespace/pod})
 * @param live its answer, when it gave one
 * @param roundTrip the round trip, zero when not measured
 * @param error why there is no answer
 * @param verdict the answer against the prediction, when there is an answer
 */
public record ReplicaResult(String replica, Optional<Answer> live, Duration roundTrip, Optional<String> error,
                            Optional<Verdict> verdict) {

    public boolean agrees() {
        return verdict.map(Verdict::isAgreement).orElse(false);
    }

    /** The pod's name alone, as the status bar and tables show it. */
    public String shortName() {
        int slash = replica.indexOf('/');
        return slash < 0 ? replica : replica.substring(slash + 1);
    }
}
