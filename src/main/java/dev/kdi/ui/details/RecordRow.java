package dev.kdi.ui.details;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.Status;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Unassigned;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.inventory.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One line of the records table: a record the model predicts, a name the model says does not
 * resolve (with why), or a record a replica served that the model did not predict.
 *
 * @param question the question whose answer holds the record
 * @param record the record; empty for a name without records
 * @param status the predicted status of the question
 * @param kind which of the three the row is
 * @param explanation the model's plain-words reasons for the answer
 * @param live the live column
 */
public record RecordRow(Question question, Optional<ResourceRecord> record, Status status, Kind kind,
                        List<String> explanation, LiveMark live) {

    /** Where a row comes from. */
    public enum Kind {
        /** A record the model predicts. */
        PREDICTED,
        /** The model predicts no record for the name (NXDOMAIN, NODATA) or cannot say (forwarded). */
        NO_RECORD,
        /** A replica served it; the model does not predict it. */
        UNEXPECTED
    }

    public RecordRow {
        explanation = List.copyOf(explanation);
    }

    /** The rows of one predicted answer. */
    static List<RecordRow> of(Answer answer) {
        List<String> why = answer.explanation();
        if (answer.answeredBy() != null) {
            why = new ArrayList<>(why);
            why.add(0, "Answered by " + answer.answeredBy().text() + ".");
        }
        if (!answer.unassigned().isEmpty()) {
            // Offline: say which addresses in the answer are placeholders, next to the reasons.
            why = new ArrayList<>(why);
            why.add("Not assigned until the manifests are applied (a placeholder is shown): "
                    + answer.unassigned().stream().map(Unassigned::text)
                            .collect(Collectors.joining(", ")) + ".");
        }
        List<String> explanation = why;
        if (answer.answer().isEmpty()) {
            return List.of(new RecordRow(answer.question(), Optional.empty(), answer.status(), Kind.NO_RECORD,
                    explanation, LiveMark.NOT_ASKED));
        }
        return answer.answer().stream().map(r -> new RecordRow(answer.question(), Optional.of(r), answer.status(),
                Kind.PREDICTED, explanation, LiveMark.NOT_ASKED)).toList();
    }

    public RecordRow withLive(LiveMark mark) {
        return new RecordRow(question, record, status, kind, explanation, mark);
    }

    /** What the row is about: the record's owner, or the question's name. */
    public String name() {
        return Texts.relative(record.map(ResourceRecord::owner).orElse(question.name()));
    }

    public String type() {
        return record.map(r -> r.type().mnemonic()).orElse(question.type().mnemonic());
    }

    /** The data, or the status in words when there is no record. */
    public String value() {
        if (record.isPresent()) {
            return record.get().data().text();
        }
        return switch (status) {
            case NXDOMAIN -> "no such name (NXDOMAIN)";
            case NODATA -> "no " + question.type().mnemonic() + " record (NODATA)";
            case FORWARDED -> "forwarded outside the cluster";
            case NOT_MODELLED -> "not modelled for kube-dns";
            default -> status.name();
        };
    }

    public String ttl() {
        return record.map(r -> String.valueOf(r.ttl())).orElse("");
    }

    /**
     * The most specific object behind the record, without its namespace when that is the
     * entry's own.
     */
    public String from(Entry entry) {
        List<ObjectRef> sources = record.map(ResourceRecord::sources).orElse(List.of());
        if (sources.isEmpty()) {
            return "";
        }
        ObjectRef ref = sources.get(sources.size() - 1);
        return entry != null && ref.namespace().equals(entry.namespace()) ? ref.kind() + " " + ref.name() : ref.toString();
    }

    /** Every object behind the record, for hovering. */
    public String fromAll() {
        return record.map(r -> r.sources().stream().map(ObjectRef::toString).collect(Collectors.joining("\n")))
                .orElse("");
    }

    /** The record as in a zone file, or the question and the predicted status. */
    public String text() {
        return record.map(ResourceRecord::text)
                .orElse(question.name() + " " + question.type().mnemonic() + " ; " + status);
    }

    /** Identifies the row among others of an entry, across new inspections. */
    String identity() {
        return question + "|" + record.map(r -> r.ownerKey() + " " + r.type() + " " + r.data().normalized().text())
                .orElse(status.name());
    }
}
