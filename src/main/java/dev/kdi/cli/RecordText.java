package dev.kdi.cli;

import dev.kdi.records.Answer;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.Status;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Unassigned;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** The text forms: zone-file lines and the {@code ; QUERY} blocks of predict and lookup. */
final class RecordText {
    private RecordText() {
    }

    /**
     * One answer as a block: {@code ; QUERY <name> <TYPE> -> <STATUS>}, the answer records, and
     * {@code ; ADDITIONAL} with the additional records when there are any.
     */
    static void block(PrintStream out, Answer a, boolean explain) {
        out.println("; QUERY " + a.question().name() + " " + a.question().type() + " -> " + a.status());
        if (!a.unassigned().isEmpty()) {
            out.println("; unassigned: " + unassigned(a.unassigned()));
        }
        if (explain) {
            if (a.answeredBy() != null) {
                out.println("; ANSWERED BY " + a.answeredBy().text());
            }
            for (String line : a.explanation()) {
                out.println("; " + line);
            }
        } else if (a.forwardedTo().isPresent()) {
            out.println("; " + a.forwardedTo().get());
        } else if (a.incomplete()) {
            out.println("; (part of this answer comes from outside the cluster DNS; --explain says which)");
        }
        for (ResourceRecord r : a.answer()) {
            out.println(r.text());
            if (explain && !r.sources().isEmpty()) {
                out.println(";   from " + sources(r.sources()));
            }
        }
        if (!a.additional().isEmpty()) {
            out.println("; ADDITIONAL");
            for (ResourceRecord r : a.additional()) {
                out.println(r.text());
            }
        }
        if (explain && a.authority() != null && a.status() != Status.NOERROR) {
            out.println("; AUTHORITY " + a.authority().text());
        }
    }

    /** {@code cluster IP of Service default/zk-cs, pod IP of Pod default/zk-0}. */
    static String unassigned(List<Unassigned> marks) {
        return marks.stream().map(Unassigned::text).collect(Collectors.joining(", "));
    }

    static String sources(List<ObjectRef> refs) {
        return refs.stream().map(ObjectRef::toString).collect(Collectors.joining(", "));
    }
}
