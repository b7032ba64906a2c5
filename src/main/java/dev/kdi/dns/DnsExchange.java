package dev.kdi.dns;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import java.time.Duration;

/**
 * One answered query.
 *
 * @param question the question asked
 * @param answer the reply, decoded into the model's terms
 * @param roundTrip from handing the query to the stream to reading the whole reply
 * @param replySize the reply's size in bytes, without the two-byte length prefix
 */
public record DnsExchange(Question question, Answer answer, Duration roundTrip, int replySize) {
}
