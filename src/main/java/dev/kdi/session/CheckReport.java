package dev.kdi.session;

import dev.kdi.records.Question;
import dev.kdi.records.compare.Verdict;
import java.util.List;

/**
 * The outcome of asking the replicas about every name and comparing with the model.
 *
 * @param items one per (question, replica) asked
 * @param skipped questions not asked because the model says the cluster DNS forwards them
 * @param notes what the user should know (a replica that died mid-check and who took over, ...)
 */
public record CheckReport(List<Item> items, int skipped, List<String> notes) {

    public CheckReport {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
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
