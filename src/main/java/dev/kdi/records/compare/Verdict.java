package dev.kdi.records.compare;

import dev.kdi.records.Answer;
import dev.kdi.records.ResourceRecord;
import java.util.List;
import java.util.Objects;

/**
 * How a live answer compares with the model's prediction for the same question.
 *
 * @param kind the outcome
 * @param predicted what the model predicted
 * @param live what the server answered
 * @param missing predicted records the live answer lacks
 * @param unexpected live records the prediction lacks (empty when the prediction is incomplete)
 * @param summary one line a person can read: {@code missing 10.46.0.1 (A)}
 */
public record Verdict(Kind kind, Answer predicted, Answer live, List<ResourceRecord> missing,
                      List<ResourceRecord> unexpected, String summary) {

    /** The outcomes {@code kdi check} and the window show. */
    public enum Kind {
        /** The live answer is what the model predicted. */
        OK,
        /** Predicted records are absent from the live answer. */
        MISSING,
        /** The live answer has records the model did not predict. */
        UNEXPECTED,
        /** Status or records differ in a way that is neither only missing nor only extra. */
        DIFFERENT,
        /** The model cannot predict this answer (the name is forwarded out of the cluster). */
        SKIPPED
    }

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(live, "live");
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        Objects.requireNonNull(summary, "summary");
    }

    /** Whether nothing needs a person's attention (OK, or SKIPPED because nothing can be said). */
    public boolean isAgreement() {
        return kind == Kind.OK || kind == Kind.SKIPPED;
    }
}
