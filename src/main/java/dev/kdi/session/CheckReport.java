package dev.kdi.session;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.compare.Verdict;
import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of asking the replicas about every name and comparing with the model.
 *
 * @param items one per (question, replica) asked
 * @param forwarded questions not asked because the model says the cluster DNS forwards them
 * @param notes what the user should know (a replica that died mid-check and who took over, ...)
 * @param notModelled questions not asked because kdi does not model the cluster DNS's answers to
 *     them (kube-dns), with the reason
 */
public record CheckReport(List<Item> items, List<Question> forwarded, List<String> notes,
                          List<NotModelled> notModelled) {

    public CheckReport {
        items = List.copyOf(items);
        forwarded = List.copyOf(forwarded);
        notes = List.copyOf(notes);
        notModelled = List.copyOf(notModelled);
    }

    public CheckReport(List<Item> items, List<Question> forwarded, List<String> notes) {
        this(items, forwarded, notes, List.of());
    }

    /**
     * A question left out because kdi does not know how the cluster's DNS server answers it.
     *
     * @param question the question
     * @param reason why ({@code not modelled for kube-dns: ...})
     */
    public record NotModelled(Question question, String reason) {
    }

    /** How many questions were not asked: the cluster DNS forwards them, or kdi does not model them. */
    public int skipped() {
        return forwarded.size() + notModelled.size();
    }

    /**
     * The namespace a question is about, for grouping: the label before {@code svc} or {@code pod}
     * under the cluster domain; else (a reverse name) that of the objects behind the model's
     * answer; {@code ""} for names of the whole cluster (the zone's apex, its NS, probes).
     *
     * @param predicted the model's answer, whose records name the objects they come from
     */
    public static String namespaceOf(Question question, Answer predicted, String clusterDomain) {
        String ns = namespaceOfName(question.name(), clusterDomain);
        if (ns.isEmpty() && predicted != null) {
            for (ResourceRecord r : predicted.answer()) {
                for (ObjectRef source : r.sources()) {
                    if (!source.namespace().isEmpty()) {
                        return source.namespace();
                    }
                }
            }
        }
        return ns;
    }

    private static String namespaceOfName(String name, String clusterDomain) {
        String zone = clusterDomain.endsWith(".") ? clusterDomain : clusterDomain + ".";
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (!n.endsWith("." + zone.toLowerCase(java.util.Locale.ROOT))) {
            return "";
        }
        String[] labels = n.substring(0, n.length() - zone.length() - 1).split("\\.");
        int kind = labels.length - 1;
        if (labels.length >= 3 && (labels[kind].equals("svc") || labels[kind].equals("pod"))) {
            return labels[kind - 1];
        }
        return "";
    }

    /**
     * One comparison.
     *
     * @param question the question
     * @param replica the replica that answered ({@code namespace/pod})
     * @param verdict the comparison, or null when the replica could not be asked
     * @param error why it could not be asked
     */
    public record Item(Question question, String replica, Verdict verdict, String error) {
        public boolean isOk() {
            return verdict != null && verdict.kind() == Verdict.Kind.OK;
        }

        /** {@code ok}, {@code missing}, {@code unexpected}, {@code different}, or {@code error} when not asked. */
        public String status() {
            return verdict == null ? "error" : verdict.kind().name().toLowerCase(Locale.ROOT);
        }

        /** What the model predicted, short: {@code 10.96.0.1} or {@code NXDOMAIN}; empty when not asked. */
        public String expected() {
            return verdict == null ? "" : shortText(verdict.predicted());
        }

        /** What the replica answered, short; empty when not asked. */
        public String actual() {
            return verdict == null ? "" : shortText(verdict.live());
        }

        /** Why it is not ok: the comparison's summary, or why the replica could not be asked. */
        public String reason() {
            return verdict == null ? error : verdict.summary();
        }
    }

    /**
     * An answer in a few words: its records' data ({@code A 10.0.0.1} only when the type is not
     * the question's, as in a CNAME chain), or its status when it has none.
     */
    public static String shortText(Answer a) {
        if (a.answer().isEmpty()) {
            return a.status().name();
        }
        StringBuilder out = new StringBuilder();
        for (ResourceRecord r : a.answer()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            if (!r.type().equals(a.question().type())) {
                out.append(r.type().mnemonic()).append(' ');
            }
            out.append(r.data().text());
        }
        return out.toString();
    }

    public long count(Verdict.Kind kind) {
        return items.stream().filter(i -> i.verdict() != null && i.verdict().kind() == kind).count();
    }

    public long failures() {
        return items.stream().filter(i -> i.verdict() == null).count();
    }

    public boolean allAgree() {
        return items.stream().allMatch(Item::isOk);
    }

    /** {@code N ok, N missing, N unexpected, N different}. */
    public String summary() {
        String s = count(Verdict.Kind.OK) + " ok, " + count(Verdict.Kind.MISSING) + " missing, "
                + count(Verdict.Kind.UNEXPECTED) + " unexpected, " + count(Verdict.Kind.DIFFERENT) + " different";
        return failures() == 0 ? s : s + ", " + failures() + " not asked";
    }
}
