package dev.kdi.records;

import java.util.List;

/**
 * An answer to a question, predicted by the model or received from a server.
 *
 * @param question the question
 * @param status the status
 * @param answer the answer section
 * @param additional the additional section
 * @param authority the SOA sent with a negative answer, or null
 * @param incomplete true when part of the answer comes from outside the cluster DNS and cannot be
 *     predicted (an ExternalName pointing outside the zone, the answering pod's own address)
 * @param explanation plain-language lines saying which objects and rules produced the answer
 * @param answeredBy the server block and plugins that produced a predicted answer; null for an
 *     answer received from a server, and when no server block takes the name
 */
public record Answer(Question question, Status status, List<ResourceRecord> answer,
                     List<ResourceRecord> additional, ResourceRecord authority, boolean incomplete,
                     List<String> explanation, AnsweredBy answeredBy) {

    public Answer {
        answer = List.copyOf(answer);
        additional = List.copyOf(additional);
        explanation = List.copyOf(explanation);
    }

    /** An answer nobody attributed (a live server's). */
    public Answer(Question question, Status status, List<ResourceRecord> answer, List<ResourceRecord> additional,
                  ResourceRecord authority, boolean incomplete, List<String> explanation) {
        this(question, status, answer, additional, authority, incomplete, explanation, null);
    }
}
