package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import dev.kdi.records.Status;
import java.util.Objects;

/**
 * One question a pod's resolver sent, and what came back.
 *
 * @param question the question
 * @param status the answer
 * @param sends how many times the resolver put it on the wire: more than 1 when glibc asks again
 *     after SERVFAIL or REFUSED ({@code attempts} rounds over every nameserver)
 */
public record Query(Question question, Status status, int sends) {

    public Query {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(status, "status");
        if (sends < 1) {
            throw new IllegalArgumentException("a sent query goes out at least once");
        }
    }

    @Override
    public String toString() {
        return question + " → " + status + (sends > 1 ? " (sent " + sends + " times)" : "");
    }
}
