package dev.kdi.records;

import dev.kdi.records.objects.Unassigned;
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
 * @param unassigned what the answer depends on that the cluster has not assigned yet (offline
 *     input: placeholder addresses, a DaemonSet's node count); empty when the answer is final
 * @param answeredBy the server block and plugins that produced a predicted answer; null for an
 *     answer received from a server, and when no server block takes the name
 */
public record Answer(Question question, Status status, List<ResourceRecord> answer,
                     List<ResourceRecord> additional, ResourceRecord authority, boolean incomplete,
                     List<String> explanation, List<Unassigned> unassigned, AnsweredBy answeredBy) {

    public Answer {
        answer = List.copyOf(answer);
        additional = List.copyOf(additional);
        // The model's explanations stay lazy: made into text when read, not for every answer.
        explanation = explanation instanceof Trace.Lines ? explanation : List.copyOf(explanation);
        unassigned = List.copyOf(unassigned);
    }

    /** An answer that depends on nothing unassigned: every live one, most predicted ones. */
    public Answer(Question question, Status status, List<ResourceRecord> answer, List<ResourceRecord> additional,
                  ResourceRecord authority, boolean incomplete, List<String> explanation) {
        this(question, status, answer, additional, authority, incomplete, explanation, List.of(), null);
    }

    /** An answer marked with what it depends on that is not assigned yet, attributed to no plugin. */
    public Answer(Question question, Status status, List<ResourceRecord> answer, List<ResourceRecord> additional,
                  ResourceRecord authority, boolean incomplete, List<String> explanation, List<Unassigned> unassigned) {
        this(question, status, answer, additional, authority, incomplete, explanation, unassigned, null);
    }

    /** For a FORWARDED answer, {@code FORWARDED to 10.0.0.53 by forward in block corp.internal:53}; else empty. */
    public java.util.Optional<String> forwardedTo() {
        if (status != Status.FORWARDED) {
            return java.util.Optional.empty();
        }
        return explanation.stream().filter(l -> l.startsWith(PluginChain.FORWARDED_TO)).findFirst();
    }

    /** The same answer, marked with what it depends on that is not assigned yet. */
    public Answer withUnassigned(List<Unassigned> marks) {
        return new Answer(question, status, answer, additional, authority, incomplete, explanation, marks, answeredBy);
    }
}
